import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { freePort } from '@docket/dev-infra';
import { connectDatabase } from '../support/database';
import { startDocket, type DocketStack } from '../support/docket-processes';
import { THIN_PATH_EVENTS, THIN_PATH_STEPS, caseState, driveCase, newClientTally, registerCase } from '../support/faults/case-driver';
import { expectThinPathsRecordedOnce } from '../support/faults/case-ledger';
import { reportFault } from '../support/faults/fault-report';
import { startTemporalProcess, temporalCliPath, type TemporalProcess } from '../support/faults/temporal-process';
import { connectTemporal, type TemporalClients } from '../support/temporal-clients';
import { testStack, uniqueTaskQueue } from '../support/test-stack';

const CASES = 4;
/**
 * Total steps taken at which the Temporal server is killed, and how long it stays down: longer than
 * the client's own retries of an unavailable server last, so the API also has to answer 503
 * WORKFLOW_SERVICE_UNAVAILABLE and the clients retry with the same key.
 */
const KILL_AFTER_STEPS = 10;
const OUTAGE_MS = 45_000;

/**
 * The Temporal dev server killed with SIGKILL while cases are being taken through their steps, then
 * started again on its SQLite file and port. The worker and the API reconnect by themselves; clients
 * retry with the same Idempotency-Key; every case ends archived with every event exactly once in
 * Postgres and in the history. A server of this suite's own: the shared one serves the other suites.
 */
describe('fault: the Temporal server killed and restarted on its database', () => {
  let dataDir: string;
  let cliPath: string;
  let port: number;
  let temporalServer: TemporalProcess | undefined;
  let docket: DocketStack;
  let dataSource: DataSource;

  const startServer = (): Promise<TemporalProcess> => startTemporalProcess(cliPath, join(dataDir, 'temporal.sqlite'), port);

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'docket-fault-temporal-'));
    [cliPath, port] = await Promise.all([temporalCliPath(), freePort()]);
    temporalServer = await startServer();
    [docket, dataSource] = await Promise.all([
      startDocket({
        databaseUrl: testStack.databaseUrl(),
        temporalAddress: temporalServer.address,
        taskQueue: uniqueTaskQueue('fault-temporal'),
      }),
      connectDatabase(),
    ]);
  });

  afterAll(async () => {
    await docket?.stop();
    await dataSource?.destroy();
    await temporalServer?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('every case ends archived with each event exactly once after the server comes back', async () => {
    const tally = newClientTally();
    const caseIds = await Promise.all(Array.from({ length: CASES }, () => registerCase(docket.apiUrl, tally)));
    let stepsTaken = 0;
    let outage: Promise<void> | undefined;
    let killedAt = 0;
    let restartedAt = 0;
    let lastStepAt = 0;
    const killAndRestart = async (): Promise<void> => {
      killedAt = Date.now();
      await temporalServer?.kill();
      temporalServer = undefined;
      await delay(OUTAGE_MS);
      temporalServer = await startServer();
      restartedAt = Date.now();
    };
    await Promise.all(
      caseIds.map((caseId) =>
        driveCase(() => docket.apiUrl, caseId, tally, {}, () => {
          stepsTaken += 1;
          lastStepAt = Date.now();
          if (stepsTaken === KILL_AFTER_STEPS) {
            // Not awaited: the other cases' steps are in flight when the server dies.
            outage = killAndRestart();
          }
        }),
      ),
    );
    await outage;
    expect(outage).toBeDefined();
    expect(stepsTaken).toBe(CASES * THIN_PATH_STEPS.length);
    // The cases went on across the outage: steps were still being taken after the server came back.
    expect(killedAt).toBeGreaterThan(0);
    expect(lastStepAt).toBeGreaterThan(restartedAt);

    const address = temporalServer?.address;
    if (address === undefined) {
      throw new Error('the Temporal server did not come back');
    }
    const temporal: TemporalClients = await connectTemporal({ address });
    try {
      for (const caseId of caseIds) {
        expect(await caseState(docket.apiUrl, caseId, tally)).toMatchObject({ stage: 'archived', version: THIN_PATH_EVENTS });
      }
      const total = await expectThinPathsRecordedOnce(dataSource, temporal.client, caseIds, THIN_PATH_EVENTS);
      reportFault({ fault: `Temporal server SIGKILLed, down ${OUTAGE_MS / 1000} s, restarted on its SQLite`, cases: CASES, client: tally, ledger: total });
      expect(total).toEqual({ lost: 0, duplicated: 0 });
      // While the server was away the API said so (503, retry), never an internal error.
      expect(tally.statuses['500'] ?? 0).toBe(0);
    } finally {
      await temporal.close();
    }
  });
});
