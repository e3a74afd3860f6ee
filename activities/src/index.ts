export * from './case-record.activities';
export * from './transfer-record.activities';
export * from './case-seal.activities';
