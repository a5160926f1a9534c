export * from './approver-directory';
export * from './delegation.store';
