export * from './password-hash';
