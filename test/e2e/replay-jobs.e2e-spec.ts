import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Worker } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { CASE_LIFECYCLE_WORKFLOW_TYPE, caseWorkflowId } from '@docket/contracts';
import { actors, lifecycleInput } from '../support/case-fixtures';
import { connectDatabase } from '../support/database';
import { startDocket, type DocketStack } from '../support/docket-processes';
import { asUser } from '../support/http-client';
import { testDataConverter } from '../support/payload-keys';
import { registerUsers } from '../support/identity-registry';
import { connectTemporal, type TemporalClients } from '../support/temporal-clients';
import { testStack, uniqueTaskQueue } from '../support/test-stack';
import { registerParentCase } from '../support/transfer-fixtures';
import { archivedCaseOverHttp } from '../support/http-cases';

interface ReplayJobBody {
  jobId: string;
  status: string;
  total: number;
  counts: Record<string, number>;
  results: Array<{ caseId: string; status: string; histories?: number; events?: number; divergentEventId?: number; reason?: string; workflowId?: string }>;
}

/**
 * Issue 5, item 2 over HTTP: an auditor has recorded cases replayed against the current workflow
 * code as a background job on the worker, and reads the verdict for each case.
 */
describe('replay jobs', () => {
  let docket: DocketStack;
  let dataSource: DataSource;
  let temporal: TemporalClients;

  beforeAll(async () => {
    [docket, dataSource, temporal] = await Promise.all([
      startDocket({ databaseUrl: testStack.databaseUrl(), temporalAddress: testStack.temporalAddress(), taskQueue: uniqueTaskQueue('e2e-replay') }),
      connectDatabase(),
      connectTemporal(),
    ]);
  });

  afterAll(async () => {
    await docket?.stop();
    await dataSource?.destroy();
    await temporal?.close();
  });

  const auditor = () => asUser(docket.apiUrl, actors.auditorQian);

  const archivedCase = (): Promise<string> => archivedCaseOverHttp(docket.apiUrl);

  /**
   * A case whose recorded history today's code cannot reproduce: its `cases` row as Docket writes
   * it, and a run made by the deliberately altered workflow of test/replay/fixtures.
   */
  async function caseRunByAlteredCode(): Promise<string> {
    const caseId = await registerParentCase(dataSource);
    const taskQueue = uniqueTaskQueue('altered');
    const worker = await Worker.create({
      connection: temporal.nativeConnection,
      namespace: temporal.namespace,
      taskQueue,
      workflowsPath: require.resolve('../replay/fixtures/altered-case-lifecycle.workflow'),
      activities: { recordCaseEvent: () => Promise.resolve() },
      // The client encrypts the start input as Docket does; this worker reads it with the same key.
      dataConverter: testDataConverter,
    });
    await worker.runUntil(
      temporal.client.workflow.execute(CASE_LIFECYCLE_WORKFLOW_TYPE, { workflowId: caseWorkflowId(caseId), taskQueue, args: [lifecycleInput()] }),
    );
    return caseId;
  }

  async function finished(jobId: string): Promise<ReplayJobBody> {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const { status, body } = await auditor().get<ReplayJobBody>(`/audit/replays/${jobId}`);
      expect(status).toBe(200);
      if (body.status === 'completed') {
        return body;
      }
      if (Date.now() > deadline) {
        throw new Error(`replay job ${jobId} did not finish in time; last seen: ${JSON.stringify(body)}`);
      }
      await delay(250);
    }
  }

  it('replays the chosen cases on the worker: deterministic, or diverged naming the first divergent event', async () => {
    const [archived, altered] = [await archivedCase(), await caseRunByAlteredCode()];
    const started = await auditor().post<ReplayJobBody>('/audit/replays', { caseIds: [archived, altered] });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'running', total: 2 });

    const job = await finished(started.body.jobId);
    expect(job.counts).toEqual({ pending: 0, deterministic: 1, diverged: 1, failed: 0, missing: 0 });
    const [first, second] = job.results;
    expect(first).toMatchObject({ caseId: archived, status: 'deterministic', histories: 1 });
    expect(first?.events).toBeGreaterThan(100);
    expect(second).toMatchObject({ caseId: altered, status: 'diverged', workflowId: caseWorkflowId(altered), divergentEventId: 5 });
    expect(second?.reason).toMatch(/nondeterminism/i);

    // Each case's history was read for the replay, and the read is on record.
    const reads: Array<{ case_id: string; user_id: string }> = await dataSource.query(
      `SELECT case_id, user_id FROM history_reads WHERE kind = 'replay' AND case_id = ANY($1)`,
      [[archived, altered]],
    );
    expect(reads.map((read) => [read.case_id, read.user_id]).sort()).toEqual(
      [[archived, actors.auditorQian.userId], [altered, actors.auditorQian.userId]].sort(),
    );
  });

  it('replays the cases closed in a period, and only those', async () => {
    const before = new Date(Date.now() - 1_000).toISOString();
    const closed = await archivedCase();
    const open = await registerParentCase(dataSource);
    const started = await auditor().post<ReplayJobBody>('/audit/replays', { closedFrom: before, closedTo: new Date(Date.now() + 60_000).toISOString() });
    expect(started.status).toBe(202);
    const job = await finished(started.body.jobId);
    const caseIds = job.results.map((result) => result.caseId);
    expect(caseIds).toContain(closed);
    expect(caseIds).not.toContain(open);
    expect(job.results.find((result) => result.caseId === closed)).toMatchObject({ status: 'deterministic' });
  });

  it('refuses a request that does not say which cases, naming the field, and starts nothing', async () => {
    // An auditor of their own, so that jobs other test files start meanwhile do not count.
    const careful = { userId: 'auditor-he', role: 'auditor', agencyId: actors.auditorQian.agencyId } as const;
    await registerUsers(docket.apiUrl, [careful]);
    const countJobs = async (): Promise<number | undefined> => {
      const rows: Array<{ n: number }> = await dataSource.query('SELECT count(*)::int AS n FROM replay_jobs WHERE requested_by = $1', [careful.userId]);
      return rows[0]?.n;
    };
    const cases: Array<[unknown, number, string]> = [
      [{}, 400, 'caseIds'],
      [{ caseIds: [] }, 400, 'caseIds'],
      [{ caseIds: ['not-a-uuid'] }, 400, 'caseIds'],
      [{ closedFrom: '2026-01-01T00:00:00Z' }, 400, 'closedTo'],
      [{ closedFrom: '2026-07-01T00:00:00Z', closedTo: '2026-01-01T00:00:00Z' }, 400, 'closedTo'],
      [{ all: true, caseIds: [randomUUID()] }, 400, 'caseIds'],
      [{ all: 'yes' }, 400, 'all'],
      // A case that does not exist, or is outside the auditor's supervision, is not found.
      [{ caseIds: [randomUUID()] }, 404, 'caseIds[0]'],
    ];
    for (const [body, status, field] of cases) {
      const answer = await asUser(docket.apiUrl, careful).post('/audit/replays', body);
      expect({ body, status: answer.status, field: answer.body['field'] }).toEqual({ body, status, field });
    }
    expect(await countJobs()).toBe(0);
    expect((await auditor().get('/audit/replays/not-a-uuid')).body).toMatchObject({ status: 400, field: 'jobId' });
  });

  it('starts one job for a request retried with the same Idempotency-Key', async () => {
    const body = { caseIds: [await registerParentCase(dataSource)] };
    const key = { 'Idempotency-Key': randomUUID() };
    const first = await auditor().post<ReplayJobBody>('/audit/replays', body, key);
    const retry = await auditor().post<ReplayJobBody>('/audit/replays', body, key);
    expect([first.status, retry.status]).toEqual([202, 202]);
    expect(retry.headers.get('idempotency-replayed')).toBe('true');
    expect(retry.body.jobId).toBe(first.body.jobId);
  });

  it('lists the caller’s own jobs, newest first, a page at a time', async () => {
    const lister = { userId: `auditor-list-${randomUUID().slice(0, 8)}`, role: 'auditor', agencyId: actors.auditorQian.agencyId } as const;
    await registerUsers(docket.apiUrl, [lister]);
    const mine = asUser(docket.apiUrl, lister);
    const caseId = await registerParentCase(dataSource);
    const started: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const job = await mine.post<ReplayJobBody>('/audit/replays', { caseIds: [caseId] });
      expect(job.status).toBe(202);
      started.push(job.body.jobId);
    }

    type Page = { items: Array<{ jobId: string; total: number; selection: unknown; counts: Record<string, number>; results?: unknown }>; nextCursor: string | null };
    const first = await mine.get<Page>('/audit/replays?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items.map((item) => item.jobId)).toEqual([started[2], started[1]]);
    expect(first.body.items[0]).toMatchObject({ total: 1, selection: { caseIds: [caseId] }, requestedBy: { userId: lister.userId } });
    expect(Object.values(first.body.items[0]?.counts ?? {}).reduce((sum, n) => sum + n, 0)).toBe(1);
    // The list carries progress, not each case's row: that is the job's own page.
    expect(first.body.items[0]?.results).toBeUndefined();
    expect(first.body.nextCursor).toEqual(expect.any(String));

    const second = await mine.get<Page>(`/audit/replays?limit=2&cursor=${first.body.nextCursor ?? ''}`);
    expect(second.body).toEqual({ items: [expect.objectContaining({ jobId: started[0] })], nextCursor: null });

    // Another auditor's list holds none of them.
    const others = await auditor().get<Page>('/audit/replays?limit=100');
    expect(others.status).toBe(200);
    expect(others.body.items.map((item) => item.jobId)).not.toEqual(expect.arrayContaining([started[0]]));

    const badCursor = await mine.get('/audit/replays?cursor=not-a-cursor');
    expect([badCursor.status, badCursor.body['code'], badCursor.body['field']]).toEqual([400, 'INVALID_INPUT', 'cursor']);
    const badLimit = await mine.get('/audit/replays?limit=0');
    expect([badLimit.status, badLimit.body['field']]).toEqual([400, 'limit']);
  });

  it('shows a job only to the auditor who started it', async () => {
    const started = await auditor().post<ReplayJobBody>('/audit/replays', { caseIds: [await registerParentCase(dataSource)] });
    expect(started.status).toBe(202);
    const colleague = { userId: 'auditor-sun', role: 'auditor', agencyId: actors.auditorQian.agencyId } as const;
    await registerUsers(docket.apiUrl, [colleague]);
    const otherAuditor = asUser(docket.apiUrl, colleague);
    const answer = await otherAuditor.get(`/audit/replays/${started.body.jobId}`);
    expect([answer.status, answer.body['code']]).toEqual([404, 'REPLAY_JOB_NOT_FOUND']);
  });
});
