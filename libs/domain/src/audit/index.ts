export * from './case-timeline';
