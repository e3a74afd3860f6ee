export * from './attachment-config';
export * from './config-error';
export * from './docket-config';
export * from './env-readers';
export * from './payload-encryption-config';
