export * from './approver-directory';
export * from './delegation.store';
export * from './notice-subject.reader';
export { actsOnSql, readsSql } from './contract-scope.sql';
