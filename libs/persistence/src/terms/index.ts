export * from './contract-content.types';
export * from './contract-terms.writer';
export * from './contract-terms.reader';
export * from './account-terms.store';
export { TERM_SHAPES, arrayLiteral, copySql, copyText, insertBatchSql } from './term-columns';
