export * from './mail-kinds';
export * from './mail-renderer';
export * from './mail-sender';
export * from './smtp-mail.transport';
export * from './eml-outbox.transport';
export * from './mail-transport.factory';
