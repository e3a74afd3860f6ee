export * from './bundle-workflows';
export * from './case-worker';
export * from './replay';
