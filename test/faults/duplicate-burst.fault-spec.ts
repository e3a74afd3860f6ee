import type { DataSource } from 'typeorm';
import { connectDatabase } from '../support/database';
import { startDocket, type DocketStack } from '../support/docket-processes';
import {
  THIN_PATH_EVENTS,
  THIN_PATH_STEPS,
  caseVersion,
  newClientTally,
  registerCase,
  send,
  type Answer,
  type ClientTally,
} from '../support/faults/case-driver';
import { expectExactlyOnce, readCaseLedger, tallyLedger } from '../support/faults/case-ledger';
import { reportFault, sumTallies } from '../support/faults/fault-report';
import { connectTemporal, type TemporalClients } from '../support/temporal-clients';
import { testStack, uniqueTaskQueue } from '../support/test-stack';

const CASES = 3;

/**
 * For every step of the thin path, several clients send it at once: plain duplicates, duplicates
 * naming the current version, one naming a stale version, two with the same Idempotency-Key, and a
 * step two stages ahead. Exactly one takes effect; every other is refused with 409 or 422 (or gets
 * the first answer replayed), never a 5xx, and each event is recorded once.
 */
describe('fault: a burst of duplicate and out-of-order actions on one case', () => {
  let docket: DocketStack;
  let dataSource: DataSource;
  let temporal: TemporalClients;

  beforeAll(async () => {
    [docket, dataSource, temporal] = await Promise.all([
      startDocket({ databaseUrl: testStack.databaseUrl(), temporalAddress: testStack.temporalAddress(), taskQueue: uniqueTaskQueue('fault-burst') }),
      connectDatabase(),
      connectTemporal(),
    ]);
  });

  afterAll(async () => {
    await docket?.stop();
    await dataSource?.destroy();
    await temporal?.close();
  });

  async function burst(caseId: string, index: number, tally: ClientTally): Promise<void> {
    const step = THIN_PATH_STEPS[index];
    if (step === undefined) {
      throw new Error(`no step ${index}`);
    }
    const version = index + 1;
    const path = `/cases/${caseId}/${step.path}`;
    const post = (body: object, key?: string) => send(docket.apiUrl, step.actor, 'POST', path, tally, body, key);
    const early = THIN_PATH_STEPS[index + 2];
    const sharedKey = `${caseId}-burst-${index}`;
    const labelled: Array<[string, Promise<Answer | undefined>]> = [
      ...Array.from({ length: 4 }, (_, n): [string, Promise<Answer | undefined>] => [`plain ${n}`, post(step.body)]),
      ...Array.from({ length: 2 }, (_, n): [string, Promise<Answer | undefined>] => [
        `expectedVersion ${n}`,
        post({ ...step.body, expectedVersion: version }),
      ]),
      // A version that was current one step ago (0 is not a version: 400, not a race).
      ...(version > 1 ? [['stale expectedVersion', post({ ...step.body, expectedVersion: version - 1 })] as [string, Promise<Answer | undefined>]] : []),
      ['same key A', post(step.body, sharedKey)],
      ['same key B', post(step.body, sharedKey)],
      ...(early === undefined
        ? []
        : [['early', send(docket.apiUrl, early.actor, 'POST', `/cases/${caseId}/${early.path}`, tally, early.body)] as [string, Promise<Answer | undefined>]]),
    ];
    const answers = await Promise.all(labelled.map(async ([label, answer]) => ({ label, answer: await answer })));
    const outcome = answers.map(({ label, answer }) => ({
      label,
      status: answer?.status,
      replayed: answer?.replayed,
      code: answer?.body['code'],
    }));
    const context = { caseId, step: step.path, outcome };
    // Each request answered, none with a 5xx; refusals with 409 or 422 and a code; a replayed answer only for a shared key.
    const unclean = outcome.filter(
      ({ label, status, code, replayed }) =>
        status === undefined ||
        (status === 200 ? replayed === true && !label.startsWith('same key') : !([409, 422].includes(status) && typeof code === 'string')),
    );
    expect({ caseId, step: step.path, unclean }).toEqual({ caseId, step: step.path, unclean: [] });
    const taken = outcome.filter((entry) => entry.status === 200 && entry.replayed !== true);
    expect({ ...context, taken: taken.length }).toEqual({ ...context, taken: 1 });
    expect(outcome.find((entry) => entry.label === 'stale expectedVersion')?.status).not.toBe(200);
    expect(outcome.find((entry) => entry.label === 'early')?.status).not.toBe(200);
    expect(await caseVersion(docket.apiUrl, caseId, tally)).toBe(version + 1);
  }

  it('exactly one of each burst takes effect, the rest are refused cleanly, and each event is recorded once', async () => {
    const tally = newClientTally();
    const caseIds = await Promise.all(Array.from({ length: CASES }, () => registerCase(docket.apiUrl, tally)));
    await Promise.all(
      caseIds.map(async (caseId) => {
        for (let index = 0; index < THIN_PATH_STEPS.length; index += 1) {
          await burst(caseId, index, tally);
        }
      }),
    );
    const ledgers = [];
    for (const caseId of caseIds) {
      const ledger = await readCaseLedger(dataSource, temporal.client, caseId);
      const types = expectExactlyOnce(ledger);
      expect(types).toHaveLength(THIN_PATH_EVENTS);
      expect(new Set(types).size).toBe(types.length);
      ledgers.push(tallyLedger(ledger));
    }
    const total = sumTallies(ledgers);
    reportFault({ fault: 'duplicate and out-of-order burst', cases: CASES, client: tally, ledger: total });
    expect(total).toEqual({ lost: 0, duplicated: 0 });
    expect(tally.serverErrors).toBe(0);
  });
});
