export * from './checkout-ledger.store';
export * from './deployed-contracts.loader';
export * from './live-pricing-snapshot';
export * from './checkout-returns.store';
