import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveTimeSkippingServer, startLocalStack } from '@docket/dev-infra';
import { TEST_STACK_ENV } from './test-stack-env';

/**
 * Starts one real PostgreSQL (migrated) and one real Temporal dev server on free ports for the
 * whole run, and provisions the time-skipping test server. DATABASE_URL and TEMPORAL_ADDRESS,
 * when set, point the suite at servers already running instead.
 */
export default async function globalSetup(): Promise<void> {
  const log = (message: string): void => console.log(`[test-stack] ${message}`);
  const started = Date.now();
  const dataDir = await mkdtemp(join(tmpdir(), 'docket-test-'));
  const [stack, timeSkipping] = await Promise.all([
    startLocalStack({ dataDir, persistent: false, temporalUi: false, log }),
    resolveTimeSkippingServer(log),
  ]);
  globalThis.__DOCKET_TEST_STACK__ = stack;
  process.env[TEST_STACK_ENV.databaseUrl] = stack.databaseUrl;
  process.env[TEST_STACK_ENV.temporalAddress] = stack.temporalAddress;
  process.env[TEST_STACK_ENV.temporalNamespace] = stack.temporalNamespace;
  process.env[TEST_STACK_ENV.timeSkippingExecutable] = JSON.stringify(timeSkipping.executable);
  log(
    `ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${stack.sources.postgres}; ` +
      `${stack.sources.temporal} at ${stack.temporalAddress}; time-skipping server from ${timeSkipping.source}`,
  );
}
