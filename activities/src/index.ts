export * from './case-record.activities';
