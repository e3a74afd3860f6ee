export * from './aes-gcm-payload.codec';
export * from './codec-server-payloads';
export * from './payload-keyring';
export * from './data-converter';
