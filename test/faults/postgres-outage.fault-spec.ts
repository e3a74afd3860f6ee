import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { freePort } from '@docket/dev-infra';
import { createDataSource, runMigrations } from '@docket/persistence';
import { startDocket, type DocketStack } from '../support/docket-processes';
import { THIN_PATH_EVENTS, THIN_PATH_STEPS, caseState, driveCase, newClientTally, registerCase } from '../support/faults/case-driver';
import { expectThinPathsRecordedOnce } from '../support/faults/case-ledger';
import { reportFault } from '../support/faults/fault-report';
import { startPostgresProcess, type PostgresProcess } from '../support/faults/postgres-process';
import { connectTemporal, type TemporalClients } from '../support/temporal-clients';
import { testStack, uniqueTaskQueue } from '../support/test-stack';

const CASES = 4;
/** Total steps taken at which PostgreSQL is stopped, and how long it stays down. */
const STOP_AFTER_STEPS = 10;
const OUTAGE_MS = 5_000;

/**
 * PostgreSQL stopped while cases are being taken through their steps (their recording activities
 * fail and retry with backoff), then started again on the same data: every case ends archived with
 * every event exactly once. A Postgres of this suite's own: the shared one serves the other suites.
 */
describe('fault: PostgreSQL stopped while activities run', () => {
  let dataDir: string;
  let port: number;
  let postgres: PostgresProcess | undefined;
  let docket: DocketStack;
  let temporal: TemporalClients;

  const startPostgres = (): Promise<PostgresProcess> => startPostgresProcess(join(dataDir, 'postgres'), port);

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'docket-fault-pg-'));
    port = await freePort();
    postgres = await startPostgres();
    await runMigrations(postgres.url);
    [docket, temporal] = await Promise.all([
      startDocket({ databaseUrl: postgres.url, temporalAddress: testStack.temporalAddress(), taskQueue: uniqueTaskQueue('fault-pg') }),
      connectTemporal(),
    ]);
  });

  afterAll(async () => {
    await docket?.stop();
    await temporal?.close();
    await postgres?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('every case ends archived with each event exactly once after the database comes back', async () => {
    const tally = newClientTally();
    const caseIds = await Promise.all(Array.from({ length: CASES }, () => registerCase(docket.apiUrl, tally)));
    let stepsTaken = 0;
    let outage: Promise<void> | undefined;
    const stopAndRestart = async (): Promise<void> => {
      await postgres?.stop();
      postgres = undefined;
      await delay(OUTAGE_MS);
      postgres = await startPostgres();
    };
    await Promise.all(
      caseIds.map((caseId) =>
        driveCase(() => docket.apiUrl, caseId, tally, {}, () => {
          stepsTaken += 1;
          if (stepsTaken === STOP_AFTER_STEPS) {
            // Not awaited: the other cases' steps are in flight when the database goes.
            outage = stopAndRestart();
          }
        }),
      ),
    );
    await outage;
    expect(outage).toBeDefined();

    const url = postgres?.url;
    if (url === undefined) {
      throw new Error('PostgreSQL did not come back');
    }
    const dataSource: DataSource = await createDataSource({ url, poolSize: 2, applicationName: 'docket-fault-test' }).initialize();
    try {
      for (const caseId of caseIds) {
        expect(await caseState(docket.apiUrl, caseId, tally)).toMatchObject({ stage: 'archived', version: THIN_PATH_EVENTS });
      }
      const total = await expectThinPathsRecordedOnce(dataSource, temporal.client, caseIds, THIN_PATH_EVENTS);
      reportFault({ fault: `PostgreSQL stopped ${OUTAGE_MS / 1000} s mid-lifecycle`, cases: CASES, client: tally, ledger: total });
      expect(total).toEqual({ lost: 0, duplicated: 0 });
      // While the database was away the API said so (503, retry), never an internal error.
      expect(tally.statuses['500'] ?? 0).toBe(0);
      expect(stepsTaken).toBe(CASES * THIN_PATH_STEPS.length);
    } finally {
      await dataSource.destroy();
    }
  });
});
