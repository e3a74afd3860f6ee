/** Injection token of the worker process's validated configuration. */
export const WORKER_CONFIG = Symbol('WORKER_CONFIG');
