export * from './bundle-workflows';
export * from './case-worker';
