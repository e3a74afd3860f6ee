import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { startLocalStack, type LocalStack } from '@docket/dev-infra';
import { startDocket, type DocketStack } from '../../test/support/docket-processes';
import { testDataConverter } from '../../test/support/payload-keys';
import { startBareWorker, type BareWorker } from '../bare-temporal/bare-worker';

export type Log = (line: string) => void;

/** Everything the scenarios share: one Postgres, one Temporal dev server, Docket's processes and the bare worker. */
export interface BenchStack {
  readonly local: LocalStack;
  readonly docket: DocketStack;
  readonly bare: BareWorker;
  /** A client that reads Docket's encrypted payloads, as the suites' clients do. */
  readonly docketClient: Client;
  /** A plain client for the bare workflows: no codec, SDK defaults. */
  readonly bareClient: Client;
  /** A direct connection to Docket's database, for waiting on the projection and for the seed. */
  readonly db: PgClient;
  stop(): Promise<void>;
}

/**
 * Starts the stack the way the test suite does (libs/dev-infra startLocalStack, then the built API
 * and worker through test/support startDocket with the fixture registry), in a temporary directory.
 */
export async function startBenchStack(log: Log): Promise<BenchStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'docket-bench-'));
  const stops: Array<() => Promise<void>> = [() => rm(dataDir, { recursive: true, force: true })];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) {
      await stop().catch((error: unknown) => log(`while stopping: ${String(error)}`));
    }
  };
  try {
    const local = await startLocalStack({ dataDir, persistent: false, temporalUi: false, log });
    stops.push(() => local.stop());
    log(`postgres: ${local.sources.postgres}; temporal: ${local.sources.temporal} at ${local.temporalAddress}`);
    // BENCH_PROFILE_DIR: the API and worker write V8 CPU profiles there when they stop (lib/cpu-profile.cjs).
    const profileDir = process.env['BENCH_PROFILE_DIR'];
    const profiling = { BENCH_PROFILE_DIR: profileDir ?? '', NODE_OPTIONS: `--require ${join(__dirname, 'cpu-profile.cjs')}` };
    const docket = await startDocket({
      databaseUrl: local.databaseUrl,
      temporalAddress: local.temporalAddress,
      taskQueue: `bench-docket-${process.pid}`,
      ...(profileDir === undefined || profileDir === '' ? {} : { env: profiling }),
    });
    stops.push(() => docket.stop());
    const bare = await startBareWorker(local.temporalAddress, local.temporalNamespace);
    stops.push(() => bare.stop());
    const connection = await Connection.connect({ address: local.temporalAddress });
    stops.push(() => connection.close());
    const db = new PgClient({ connectionString: local.databaseUrl, application_name: 'docket-bench' });
    await db.connect();
    stops.push(() => db.end());
    return {
      local,
      docket,
      bare,
      docketClient: new Client({ connection, namespace: local.temporalNamespace, dataConverter: testDataConverter }),
      bareClient: new Client({ connection, namespace: local.temporalNamespace }),
      db,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Waits until every case is in the projection (the worker has recorded its registration). */
export async function waitForProjection(db: PgClient, caseIds: readonly string[], timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE id = ANY($1::uuid[])', [caseIds]);
    if ((rows[0]?.n ?? 0) >= caseIds.length) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`only ${rows[0]?.n ?? 0} of ${caseIds.length} cases reached the projection in time`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
