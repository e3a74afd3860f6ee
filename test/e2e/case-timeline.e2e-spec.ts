import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Actor } from '@docket/domain';
import { actors, thinPath } from '../support/case-fixtures';
import { connectDatabase } from '../support/database';
import { startDocket, type DocketStack } from '../support/docket-processes';
import { asUser } from '../support/http-client';
import { registerAgencies, registerUsers } from '../support/identity-registry';
import { testStack, uniqueTaskQueue } from '../support/test-stack';

/** An auditor of a supervision body that does not supervise the fixtures' agency. */
const unrelatedAuditor: Actor = { userId: 'auditor-lin', role: 'auditor', agencyId: 'js-nanjing-justice' };

interface LivePoint {
  /** The case as the API answered right after the step. */
  readonly state: Record<string, unknown>;
  /** A moment after that answer and before the next step was sent. */
  readonly seenAt: string;
}

/**
 * Issue 5, item 3: the case at any moment, derived from the recorded history. A long case is
 * driven over HTTP and every answer kept; the timeline must then give back each of those states,
 * asked for by sequence and by time.
 */
describe('the case timeline and the case at any moment', () => {
  let docket: DocketStack;
  let dataSource: DataSource;

  beforeAll(async () => {
    [docket, dataSource] = await Promise.all([
      startDocket({ databaseUrl: testStack.databaseUrl(), temporalAddress: testStack.temporalAddress(), taskQueue: uniqueTaskQueue('e2e-timeline') }),
      connectDatabase(),
    ]);
    await registerAgencies(docket.apiUrl, [{ id: unrelatedAuditor.agencyId, name: '南京市司法局（执法监督）', kind: 'supervision' }]);
    await registerUsers(docket.apiUrl, [unrelatedAuditor]);
  });

  afterAll(async () => {
    await docket?.stop();
    await dataSource?.destroy();
  });

  it('gives back, for every step of a long case, the state seen live, by sequence and by time', async () => {
    const handler = asUser(docket.apiUrl, actors.handlerLi);
    const handlerChen = asUser(docket.apiUrl, actors.handlerChen);
    const reviewer = asUser(docket.apiUrl, actors.reviewerZhao);
    const head = asUser(docket.apiUrl, actors.headWang);
    const auditor = asUser(docket.apiUrl, actors.auditorQian);
    const live: LivePoint[] = [];
    const beforeRegistration = new Date().toISOString();

    const keep = async (answer: Promise<{ status: number; body: Record<string, unknown> }>, expected = 200) => {
      const { status, body } = await answer;
      expect({ status, code: body['code'] }).toEqual({ status: expected, code: undefined });
      live.push({ state: body, seenAt: new Date().toISOString() });
      return body;
    };

    const caseId = randomUUID();
    await keep(handler.post('/cases', { caseId, source: 'inspection', summary: 'Inspection: expired food on sale', party: { type: 'organization', name: '上海某某食品有限公司' } }), 201);
    const path = (step: string) => `/cases/${caseId}/${step}`;
    await keep(head.post(path('actions/extend-filing-period'), { reason: 'The supplier’s records are still awaited' }));
    await keep(head.post(path('filing/approve'), thinPath.approveFiling));
    await keep(head.post(path('handlers'), thinPath.assignHandlers));
    await keep(head.post(path('actions/suspend-case'), { reason: 'Awaiting laboratory testing' }));
    await keep(head.post(path('actions/resume-case'), { reason: 'Laboratory results received' }));
    await keep(handler.post(path('investigation-report'), thinPath.report));
    await keep(reviewer.post(path('legal-review'), { verdict: 'return_for_investigation', opinion: 'Interview the supplier' }));
    await keep(handlerChen.post(path('investigation-report'), { ...thinPath.report, findings: 'Supplier interviewed; twelve packs' }));
    await keep(reviewer.post(path('legal-review'), thinPath.approveReview));
    await keep(handler.post(path('notice/close'), thinPath.closeNotice));
    await keep(head.post(path('decision'), thinPath.decide));
    await keep(handler.post(path('actions/record-service'), thinPath.serve));
    await keep(handlerChen.post(path('actions/record-payment'), thinPath.pay));
    await keep(head.post(path('closing'), thinPath.close));
    await keep(head.post(path('actions/archive-case'), thinPath.archive));
    expect(live[live.length - 1]?.state['stage']).toBe('archived');

    // The steps: one per event, in order, each naming who took it and what it moved.
    const timeline = await auditor.get<{ caseId: string; steps: Array<Record<string, unknown>> }>(path('timeline'));
    expect(timeline.status).toBe(200);
    const steps = timeline.body.steps;
    const finalVersion = live[live.length - 1]?.state['version'] as number;
    expect(steps.map((step) => step['sequence'])).toEqual(Array.from({ length: finalVersion }, (_, index) => index + 1));
    expect(steps[0]).toMatchObject({ type: 'case_registered', actor: { userId: 'handler-li', role: 'handler' }, stageBefore: null, stageAfter: 'clue' });
    expect(steps.find((step) => step['type'] === 'case_suspended')).toMatchObject({
      actor: { userId: 'head-wang', role: 'head' },
      stageBefore: 'investigation',
      stageAfter: 'suspended',
      deadlines: expect.arrayContaining([expect.objectContaining({ kind: 'decision', status: 'paused' })]) as unknown,
    });
    expect(steps[steps.length - 1]).toMatchObject({ type: 'case_archived', stageBefore: 'closed', stageAfter: 'archived' });
    for (const point of live) {
      const step = steps.find((candidate) => candidate['sequence'] === point.state['version']);
      const liveDeadlines = (point.state['deadlines'] as Array<Record<string, unknown>>).map(({ kind, status, dueAt }) => ({ kind, status, dueAt }));
      expect(step?.['deadlines']).toEqual(liveDeadlines);
      expect(step?.['stageAfter']).toBe(point.state['stage']);
    }

    // Every state seen live, asked for by its sequence and by the moment it was seen.
    for (const point of live) {
      const bySequence = await auditor.get(`${path('timeline')}?at=${String(point.state['version'])}`);
      expect({ status: bySequence.status, body: bySequence.body }).toEqual({ status: 200, body: point.state });
      const byTime = await auditor.get(`${path('timeline')}?at=${encodeURIComponent(point.seenAt)}`);
      expect({ status: byTime.status, body: byTime.body }).toEqual({ status: 200, body: point.state });
    }
    // China time is read as the same instant.
    const chinaTime = new Date(Date.parse(live[3]?.seenAt ?? '') + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
    expect((await auditor.get(`${path('timeline')}?at=${encodeURIComponent(chinaTime)}`)).body).toEqual(live[3]?.state);

    // Before the registration, and past the last step, nothing was recorded.
    const tooEarly = await auditor.get(`${path('timeline')}?at=${encodeURIComponent(beforeRegistration)}`);
    expect(tooEarly.body).toMatchObject({ status: 404, code: 'TIMELINE_POINT_NOT_RECORDED', field: 'at' });
    const tooFar = await auditor.get(`${path('timeline')}?at=${finalVersion + 1}`);
    expect(tooFar.body).toMatchObject({ status: 404, code: 'TIMELINE_POINT_NOT_RECORDED', field: 'at' });
    for (const bad of ['0', 'yesterday', '2026-03-02', encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())]) {
      const answer = await auditor.get(`${path('timeline')}?at=${bad}`);
      expect({ at: bad, ...answer.body }).toMatchObject({ at: bad, status: 400, code: 'INVALID_INPUT', field: 'at' });
    }
    expect((await auditor.get(`${path('timeline')}?when=3`)).body).toMatchObject({ status: 400 });

    // The agency's head may read it too; an unrelated auditor is told the case does not exist; others may not ask.
    expect((await head.get(path('timeline'))).status).toBe(200);
    expect((await asUser(docket.apiUrl, actors.otherAgencyHead).get(path('timeline'))).status).toBe(404);
    expect((await asUser(docket.apiUrl, unrelatedAuditor).get(path('timeline'))).status).toBe(404);
    expect((await handler.get(path('timeline'))).status).toBe(403);
    expect((await auditor.get(`/cases/${randomUUID()}/timeline`)).status).toBe(404);

    // Every successful read is recorded: who, which case, what.
    const reads: Array<{ user_id: string; kind: string }> = await dataSource.query(
      'SELECT user_id, kind FROM history_reads WHERE case_id = $1 ORDER BY read_at, id',
      [caseId],
    );
    const successful = 1 + 2 * live.length + 1;
    expect(reads.filter((read) => read.user_id === 'auditor-qian' && read.kind === 'timeline')).toHaveLength(successful);
    expect(reads.filter((read) => read.user_id === 'head-wang' && read.kind === 'timeline')).toHaveLength(1);
    expect(reads.filter((read) => read.user_id !== 'auditor-qian' && read.user_id !== 'head-wang')).toEqual([]);
  });
});
