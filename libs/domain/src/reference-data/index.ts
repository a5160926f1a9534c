export * from './reference-data';
export * from './price-list-csv';
