export const WORKER_LOGGER = Symbol('WORKER_LOGGER');
