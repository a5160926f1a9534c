export * from './contract-status';
export * from './contract-transition';
export * from './contract-draft';
export * from './domain-error';
export * from './role';
export * from './lifecycle-event';
export * from './money/decimal';
export * from './pricing';
