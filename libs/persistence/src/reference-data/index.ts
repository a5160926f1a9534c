export * from './member-group.store';
export * from './price-list.store';
export * from './product-set.store';
export * from './reference-data.loader';
export * from './reference-in-use';
export * from './currency-rate.store';
