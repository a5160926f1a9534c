export * from './embedded-postgres';
export * from './free-port';
export * from './temporal-dev-server';
export * from './tool-paths';
export * from './stop-child';
export * from './temporal-server';
