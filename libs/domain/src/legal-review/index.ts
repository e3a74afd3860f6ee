export * from './review-requirement';
