export * from './password-hash';
export * from './action-link';
export * from './workflow-command';
export * from './webhook-signature';
export * from './webhook-target';
export * from './password-policy';
