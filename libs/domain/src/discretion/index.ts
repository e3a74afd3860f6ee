export * from './discretion-benchmark';
