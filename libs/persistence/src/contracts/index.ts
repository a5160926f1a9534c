export * from './contract-id';
export * from './contract.view';
export * from './contract-workflow-input';
