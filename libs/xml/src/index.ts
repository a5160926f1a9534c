export * from './import-errors';
export * from './xsd-validator';
export * from './package-splitter';
export * from './package-mapper';
export * from './package-writer';
export * from './package-generator';
export { PACTUM_TYPE } from './wcs-vocabulary';
