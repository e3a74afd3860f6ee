import { request } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { tokenFor } from '../support/auth-tokens';
import { connectDatabase } from '../support/database';
import { startDocket, startDocketProcess, type DocketProcess, type DocketStack } from '../support/docket-processes';
import {
  THIN_PATH_EVENTS,
  THIN_PATH_STEPS,
  caseVersion,
  driveCase,
  newClientTally,
  registerCase,
  send,
  takeStep,
  type ClientTally,
} from '../support/faults/case-driver';
import { expectThinPathsRecordedOnce } from '../support/faults/case-ledger';
import { reportFault } from '../support/faults/fault-report';
import { connectTemporal, type TemporalClients } from '../support/temporal-clients';
import { testStack, uniqueTaskQueue } from '../support/test-stack';

/** How long after the request's last byte left the client the API is killed, one case each: before, during and after the step. */
const KILL_DELAYS_MS = [0, 25, 100, 400];
/** The step the API dies during (legal review: an update that records an event). */
const CRASH_STEP = 3;

/** Sends a POST and resolves once its body has been written; the answer, if any, comes later. */
function postAndFlush(url: string, token: string, key: string, body: object): { written: Promise<void>; answered: Promise<number | undefined> } {
  let written!: () => void;
  const writtenPromise = new Promise<void>((resolve) => (written = resolve));
  const answered = new Promise<number | undefined>((resolve) => {
    const req = request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
    });
    req.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
      response.on('error', () => resolve(undefined));
    });
    req.on('error', () => resolve(undefined));
    req.on('finish', () => written());
    req.end(JSON.stringify(body));
  });
  return { written: writtenPromise, answered };
}

/**
 * The API killed (SIGKILL) between receiving a step and answering it, at several moments, and
 * restarted on the same address; the client retries with the same Idempotency-Key. The step
 * happens exactly once per key; the retry answers the step (first answer replayed, or handled
 * now) or, when the step was taken but its answer never stored, is refused by the stage (409);
 * never a 5xx, never "still in progress"; the case then goes on to archiving with every event
 * exactly once.
 */
describe('fault: the API killed between a request and its answer', () => {
  let docket: DocketStack;
  let dataSource: DataSource;
  let temporal: TemporalClients;
  const restarted: DocketProcess[] = [];

  beforeAll(async () => {
    [docket, dataSource, temporal] = await Promise.all([
      startDocket({ databaseUrl: testStack.databaseUrl(), temporalAddress: testStack.temporalAddress(), taskQueue: uniqueTaskQueue('fault-api') }),
      connectDatabase(),
      connectTemporal(),
    ]);
  });

  afterAll(async () => {
    await Promise.all(restarted.map((process) => process.stop()));
    await docket?.stop();
    await dataSource?.destroy();
    await temporal?.close();
  });

  it('each step killed in flight happens at most once, its retry answers cleanly, and every case still ends archived', async () => {
    const tally: ClientTally = newClientTally();
    const step = THIN_PATH_STEPS[CRASH_STEP];
    if (step === undefined) {
      throw new Error('no crash step');
    }
    let api = docket.api;
    const retries: Array<{ delayMs: number; status: number | undefined; code: unknown; replayed: boolean; taken: boolean }> = [];
    const caseIds: string[] = [];
    for (const delayMs of KILL_DELAYS_MS) {
      const caseId = await registerCase(docket.apiUrl, tally);
      caseIds.push(caseId);
      await driveCase(() => docket.apiUrl, caseId, tally, { to: CRASH_STEP });
      const before = await caseVersion(docket.apiUrl, caseId, tally);

      const key = `${caseId}-crash`;
      tally.requests += 1;
      const inFlight = postAndFlush(`${docket.apiUrl}/cases/${caseId}/${step.path}`, tokenFor(step.actor), key, step.body);
      await inFlight.written;
      await delay(delayMs);
      api.signal('SIGKILL');
      await api.exited;
      const firstStatus = await inFlight.answered;
      if (firstStatus === undefined) {
        tally.unanswered += 1;
      }
      api = await startDocketProcess('api', docket.env);
      restarted.push(api);

      const retry = await send(docket.apiUrl, step.actor, 'POST', `/cases/${caseId}/${step.path}`, tally, step.body, key);
      const after = await caseVersion(docket.apiUrl, caseId, tally);
      const taken = after === (before ?? 0) + 1;
      retries.push({ delayMs, status: retry?.status, code: retry?.body['code'], replayed: retry?.replayed ?? false, taken });
      const context = { delayMs, firstStatus, retry: retries.at(-1) };
      // At most once, whatever the moment of the crash.
      expect({ ...context, atMostOnce: after === before || taken }).toMatchObject({ atMostOnce: true });
      // The dead process's claim on the key is given up at once (its liveness lock went with it):
      // the retry is never told to wait. Either it answers the step (replayed, or handled now), or
      // the step had happened before the crash and its answer was never stored: the retry is then
      // refused by the stage, and the step stands once.
      expect({ ...context, taken }).toMatchObject({ taken: true });
      if (retry?.status !== 200) {
        expect(context).toMatchObject({ retry: { status: 409, code: 'STAGE_TRANSITION_NOT_ALLOWED' } });
      }
      // The client goes on; if the step did not happen it is taken now under a new key, once.
      await takeStep(docket.apiUrl, caseId, CRASH_STEP, tally);
      await driveCase(() => docket.apiUrl, caseId, tally, { from: CRASH_STEP + 1 });
    }

    const total = await expectThinPathsRecordedOnce(dataSource, temporal.client, caseIds, THIN_PATH_EVENTS);
    console.log(`[fault] API-crash retries: ${JSON.stringify(retries)}`);
    reportFault({ fault: 'API SIGKILL mid-request, retried with the same key', cases: caseIds.length, client: tally, ledger: total });
    expect(total).toEqual({ lost: 0, duplicated: 0 });
    expect(tally.serverErrors).toBe(0);
  });
});
