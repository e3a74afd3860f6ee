import type { LocalStack } from '@docket/dev-infra';

declare global {
  /** The servers the global setup started, for the global teardown (same process). */
  var __DOCKET_TEST_STACK__: LocalStack | undefined;
}

/**
 * What the global setup hands to the test files, through environment variables (the only channel
 * from jest's global setup into its test workers).
 */
export const TEST_STACK_ENV = {
  databaseUrl: 'DOCKET_TEST_DATABASE_URL',
  temporalAddress: 'DOCKET_TEST_TEMPORAL_ADDRESS',
  temporalNamespace: 'DOCKET_TEST_TEMPORAL_NAMESPACE',
  timeSkippingExecutable: 'DOCKET_TEST_TIME_SKIPPING_EXECUTABLE',
} as const;
