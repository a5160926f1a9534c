export * from './data-source';
export * from './entities';
export * from './migrations';
export * from './repositories/contract.store';
export * from './repositories/user.store';
export * from './demo-data';
export * from './repositories/mail-outbox.store';
export * from './repositories/action-link.store';
