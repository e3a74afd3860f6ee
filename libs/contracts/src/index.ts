export * from './case-activities';
export * from './case-lifecycle.messages';
export * from './failure-types';
export * from './task-queues';
export * from './case-policy-snapshot';
export * from './transfer-activities';
export * from './transfer.messages';
export * from './replay-job';
