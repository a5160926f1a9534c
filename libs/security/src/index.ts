export * from './password-hash';
export * from './action-link';
