export * from './cache-dir';
export * from './chromium';
export * from './embedded-postgres';
export * from './free-port';
export * from './local-stack';
export * from './temporal-executables';
