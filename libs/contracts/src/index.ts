export * from './case-activities';
export * from './case-lifecycle.messages';
export * from './failure-types';
export * from './task-queues';
