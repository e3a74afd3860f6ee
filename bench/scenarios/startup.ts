import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { freePort } from '@docket/dev-infra';
import { signTestToken } from '../../test/support/auth-tokens';
import { REPO_ROOT } from '../lib/machine';
import type { Log } from '../lib/stack';
import { round } from '../lib/stats';

export interface StartupRun {
  readonly kind: 'cold' | 'warm';
  /** From spawning `npm start`'s program to the first 201 for POST /cases. */
  readonly seconds: number;
}

export interface StartupResult {
  readonly command: string;
  readonly runs: readonly StartupRun[];
  readonly coldSeconds: number;
  readonly warmSeconds: number;
}

/** `npm start`'s local agency and its seeded handler (apps/dev/src/seeded-users.ts). */
const SEEDED_AGENCY = 'sh-pudong-amr';
const SEEDED_HANDLER = 'handler-li';
const DEV_MAIN = join(REPO_ROOT, 'apps/dev/dist/main.js');

/**
 * One start of `npm start`'s program (apps/dev: Postgres, Temporal, migrations, worker, API, registry
 * seed) in `dataDir`, timed until the seeded handler's registration of a case is accepted; then stopped.
 */
async function startOnce(dataDir: string, kind: StartupRun['kind'], log: Log): Promise<StartupRun> {
  const [api, postgres, temporalPort, ui, metrics] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  // Only what a developer's shell would pass: no servers named, so the program starts its own.
  const inherited = Object.fromEntries(
    ['PATH', 'HOME', 'XDG_CACHE_HOME', 'DOCKET_CACHE_DIR', 'TEMPORAL_CLI_PATH', 'LANG'].flatMap((name) => {
      const value = process.env[name];
      return value === undefined ? [] : [[name, value]];
    }),
  );
  const startedAt = process.hrtime.bigint();
  const child = spawn(process.execPath, [DEV_MAIN], {
    env: {
      ...inherited,
      DOCKET_DATA_DIR: dataDir,
      API_PORT: String(api),
      DOCKET_POSTGRES_PORT: String(postgres),
      DOCKET_TEMPORAL_PORT: String(temporalPort),
      DOCKET_TEMPORAL_UI_PORT: String(ui),
      // The worker's metrics server as npm start has it, on a free port rather than 9464.
      WORKER_METRICS_ADDRESS: `127.0.0.1:${metrics}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let ended = false;
  void exited.then(() => (ended = true));
  try {
    const secretPath = join(dataDir, 'dev-jwt-secret');
    const deadline = Date.now() + 300_000;
    for (;;) {
      if (ended || Date.now() > deadline) {
        throw new Error(`npm start's program ${ended ? 'exited' : 'did not accept a request in time'}; its output:\n${output}`);
      }
      if (existsSync(secretPath)) {
        const token = signTestToken({ sub: SEEDED_HANDLER, agency: SEEDED_AGENCY, roles: ['handler'], secret: readFileSync(secretPath, 'utf8').trim() });
        const accepted = await fetch(`http://127.0.0.1:${api}/cases`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            caseId: randomUUID(),
            source: 'complaint',
            summary: 'Start-up probe',
            violationCode: 'FSL-124-1-3',
            party: { type: 'organization', name: '上海某某食品有限公司' },
          }),
        }).then(
          (response) => response.status === 201,
          () => false,
        );
        if (accepted) {
          const seconds = round(Number(process.hrtime.bigint() - startedAt) / 1e9);
          log(`startup: ${kind} ${seconds} s`);
          return { kind, seconds };
        }
      }
      await delay(50);
    }
  } finally {
    if (!ended) {
      child.kill('SIGINT');
      await exited;
    }
  }
}

/**
 * Start-up of the run command's program: cold on an empty data directory (a fresh clone: the cluster
 * initialised, migrations from nothing, a new Temporal database), warm on the directory the cold start
 * left. The build that `npm start` runs first is not counted (it is the same for both and done once).
 */
export async function startup(runs: number, log: Log): Promise<StartupResult> {
  const results: StartupRun[] = [];
  for (let run = 0; run < runs; run += 1) {
    const dataDir = await mkdtemp(join(tmpdir(), 'docket-bench-startup-'));
    try {
      results.push(await startOnce(dataDir, 'cold', log));
      results.push(await startOnce(dataDir, 'warm', log));
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  const median = (kind: StartupRun['kind']): number => {
    const sorted = results.filter((result) => result.kind === kind).map((result) => result.seconds).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  };
  return { command: 'npm start (node apps/dev/dist/main.js), build excluded', runs: results, coldSeconds: median('cold'), warmSeconds: median('warm') };
}
