export * from './app-config';
export * from './logger';
export * from './config.tokens';
export * from './shutdown-signals';
