export * from './case-histories';
export * from './replay-histories';
export * from './replay-job.activities';
