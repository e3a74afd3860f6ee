// Publicity (行政执法公示, domain.md §6): what the public portal shows of a decision.
export * from './public-decision';
