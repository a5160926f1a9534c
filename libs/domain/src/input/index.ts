export * from './instant';
export * from './iso-4217';
export * from './storable-text';
export * from './uuid';
