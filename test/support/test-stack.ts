import type { EphemeralServerExecutable } from '@temporalio/testing';
import { TEST_STACK_ENV } from '../setup/test-stack-env';

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`${name} is not set: run the suite through jest's global setup (npm test)`);
  }
  return value;
}

/** The real servers the global setup started for this run. */
export const testStack = {
  databaseUrl: (): string => required(TEST_STACK_ENV.databaseUrl),
  temporalAddress: (): string => required(TEST_STACK_ENV.temporalAddress),
  temporalNamespace: (): string => required(TEST_STACK_ENV.temporalNamespace),
  timeSkippingExecutable: (): EphemeralServerExecutable =>
    JSON.parse(required(TEST_STACK_ENV.timeSkippingExecutable)) as EphemeralServerExecutable,
};

/** A task queue of the test's own, so workers of parallel test files never take each other's tasks. */
export function uniqueTaskQueue(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
