export * from './pricing-snapshot';
export * from './compiled-terms';
export type { TermBucket } from './term-bucket';
export * from './price-resolution';
export * from './price-rule-value';
export * from './price-rules-csv';
export * from './offer-index';
export * from './member-group-directory';
export * from './csv-line';
