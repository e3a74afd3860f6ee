import type { DataSource } from 'typeorm';
import { connectDatabase } from '../support/database';
import { startDocket, startDocketProcess, type DocketProcess, type DocketStack } from '../support/docket-processes';
import { THIN_PATH_EVENTS, THIN_PATH_STEPS, caseState, driveCase, newClientTally, registerCase } from '../support/faults/case-driver';
import { expectThinPathsRecordedOnce } from '../support/faults/case-ledger';
import { reportFault } from '../support/faults/fault-report';
import { connectTemporal, type TemporalClients } from '../support/temporal-clients';
import { testStack, uniqueTaskQueue } from '../support/test-stack';

const CASES = 6;
/** Total steps taken (over all cases) at which the worker in service is killed; a new one replaces it each time. */
const KILL_AFTER_STEPS = [8, 30];

/**
 * The worker process killed with SIGKILL while several cases are being taken through their steps
 * over HTTP, twice, a new worker started each time: every case still ends archived, every event
 * recorded exactly once in case_events and in the history.
 */
describe('fault: the worker killed mid-lifecycle', () => {
  let docket: DocketStack;
  let dataSource: DataSource;
  let temporal: TemporalClients;
  let worker: DocketProcess;
  const replacements: DocketProcess[] = [];

  beforeAll(async () => {
    [docket, dataSource, temporal] = await Promise.all([
      startDocket({
        databaseUrl: testStack.databaseUrl(),
        temporalAddress: testStack.temporalAddress(),
        taskQueue: uniqueTaskQueue('fault-worker'),
        env: { WORKER_SHUTDOWN_GRACE_MS: '3000' },
      }),
      connectDatabase(),
      connectTemporal(),
    ]);
    worker = docket.worker;
  });

  afterAll(async () => {
    await Promise.all(replacements.map((process) => process.stop()));
    await docket?.stop();
    await dataSource?.destroy();
    await temporal?.close();
  });

  it('every case ends archived with each event exactly once, and a SIGTERM then stops the worker cleanly', async () => {
    const tally = newClientTally();
    const caseIds = await Promise.all(Array.from({ length: CASES }, () => registerCase(docket.apiUrl, tally)));

    let stepsTaken = 0;
    const kills: Array<Promise<void>> = [];
    const killAndReplace = async (): Promise<void> => {
      const victim = worker;
      victim.signal('SIGKILL');
      expect((await victim.exited).signal).toBe('SIGKILL');
      worker = await startDocketProcess('worker', docket.env);
      replacements.push(worker);
    };
    await Promise.all(
      caseIds.map((caseId) =>
        driveCase(() => docket.apiUrl, caseId, tally, {}, () => {
          stepsTaken += 1;
          if (KILL_AFTER_STEPS.includes(stepsTaken)) {
            // Not awaited: the other cases' steps stay in flight while the worker dies.
            kills.push(killAndReplace());
          }
        }),
      ),
    );
    await Promise.all(kills);
    expect(kills).toHaveLength(KILL_AFTER_STEPS.length);

    for (const caseId of caseIds) {
      expect(await caseState(docket.apiUrl, caseId, tally)).toMatchObject({ stage: 'archived', version: THIN_PATH_EVENTS });
    }
    const total = await expectThinPathsRecordedOnce(dataSource, temporal.client, caseIds, THIN_PATH_EVENTS);
    reportFault({ fault: 'worker SIGKILL x2, replaced', cases: CASES, client: tally, ledger: total });
    expect(total).toEqual({ lost: 0, duplicated: 0 });
    expect(stepsTaken).toBe(CASES * THIN_PATH_STEPS.length);

    // Graceful shutdown: SIGTERM lets the worker finish what it holds and exit 0.
    worker.signal('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(worker.output()).toContain('worker stopped');
  });
});
