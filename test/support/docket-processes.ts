import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { freePort } from '@docket/dev-infra';
import { testJwtSecret } from './auth-tokens';
import { seedFixtureRegistry } from './identity-registry';
import { TEST_PAYLOAD_ENV } from './payload-keys';

const REPO_ROOT = join(__dirname, '../..');

/** The key the test processes seal archived records with, for tests that check a seal themselves. */
export const TEST_AUDIT_SEAL_KEY = { id: 'test-seal', secret: 'a-test-audit-seal-key-of-32-bytes-or-more' } as const;

export interface DocketProcess {
  readonly output: () => string;
  /** The operating-system process id, to read its resident memory (bench/). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
  /** Sends a signal without waiting; `exited` tells when the process is gone, and how. */
  signal(name: NodeJS.Signals): void;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs a built Docket process (`apps/<name>/dist/main.js`) as production does, with the given environment. */
function startProcess(app: 'api' | 'worker', env: NodeJS.ProcessEnv): { child: ChildProcessWithoutNullStreams; process: DocketProcess } {
  const child = spawn(process.execPath, [join(REPO_ROOT, `apps/${app}/dist/main.js`)], {
    env: { PATH: process.env['PATH'], ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    process: {
      output: () => output,
      pid: child.pid,
      signal: (name) => child.kill(name),
      exited,
      async stop() {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          await exited;
        }
      },
    },
  };
}

async function waitFor(what: string, ready: () => Promise<boolean>, docket: DocketProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) {
      await docket.stop();
      throw new Error(`${what} did not become ready; its output:\n${docket.output()}`);
    }
    await delay(100);
  }
}

export interface DocketStack {
  readonly apiUrl: string;
  readonly api: DocketProcess;
  readonly worker: DocketProcess;
  /** The environment both processes were started with, to start more of them (test/faults). */
  readonly env: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

/**
 * Another API or worker process with a stack's environment (the same port, for an API restarted
 * after its predecessor died), resolved once it is ready. The caller stops it.
 */
export async function startDocketProcess(app: 'api' | 'worker', env: Readonly<Record<string, string>>): Promise<DocketProcess> {
  const started = startProcess(app, env);
  if (app === 'worker') {
    await waitFor('worker', () => Promise.resolve(started.process.output().includes('polling task queue')), started.process);
  } else {
    const apiUrl = `http://127.0.0.1:${env['API_PORT'] ?? ''}`;
    await waitFor('api', () => fetch(`${apiUrl}/health`).then((response) => response.ok, () => false), started.process);
  }
  return started.process;
}

/**
 * The API and worker processes against the suite's Postgres and Temporal, on a task queue of their
 * own, with the fixture agencies and actors registered (test/support/identity-registry.ts).
 */
export async function startDocket(options: {
  databaseUrl: string;
  temporalAddress: string;
  taskQueue: string;
  /** More environment for both processes (ATTACHMENT_MAX_BYTES, say). */
  env?: Readonly<Record<string, string>>;
}): Promise<DocketStack> {
  const port = await freePort();
  const env: Record<string, string> = {
    DATABASE_URL: options.databaseUrl,
    TEMPORAL_ADDRESS: options.temporalAddress,
    TEMPORAL_TASK_QUEUE: options.taskQueue,
    API_PORT: String(port),
    AUTH_JWT_SECRET: testJwtSecret,
    AUDIT_SEAL_KEY_ID: TEST_AUDIT_SEAL_KEY.id,
    AUDIT_SEAL_KEY: TEST_AUDIT_SEAL_KEY.secret,
    // Temporal payloads encrypted with the suites' test key (testPayloadCodec reads them).
    ...TEST_PAYLOAD_ENV,
    WORKFLOW_BUNDLE_PATH: join(REPO_ROOT, 'apps/worker/dist/workflow-bundle.js'),
    // No worker metrics server unless a test asks for one: parallel workers would fight over one port.
    WORKER_METRICS_ADDRESS: '',
    ...options.env,
  };
  const worker = startProcess('worker', env);
  const api = startProcess('api', env);
  const apiUrl = `http://127.0.0.1:${port}`;
  await waitFor('worker', () => Promise.resolve(worker.process.output().includes('polling task queue')), worker.process);
  await waitFor('api', () => fetch(`${apiUrl}/health`).then((response) => response.ok, () => false), api.process);
  // Every non-admin request needs its user in Docket's registry: the fixtures' people are put there first.
  try {
    await seedFixtureRegistry(apiUrl);
  } catch (error) {
    await Promise.all([api.process.stop(), worker.process.stop()]);
    throw error;
  }
  return {
    apiUrl,
    api: api.process,
    worker: worker.process,
    env,
    async stop() {
      await Promise.all([api.process.stop(), worker.process.stop()]);
    },
  };
}
