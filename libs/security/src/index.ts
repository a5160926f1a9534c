export * from './password-hash';
export * from './action-link';
export * from './workflow-command';
