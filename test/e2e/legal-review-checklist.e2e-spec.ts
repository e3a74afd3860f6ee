import { randomUUID } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { caseWorkflowId } from '@docket/contracts';
import { actors, thinPath } from '../support/case-fixtures';
import { startDocket, type DocketStack } from '../support/docket-processes';
import { asUser } from '../support/http-client';
import { connectTemporal, decodedHistory, type TemporalClients } from '../support/temporal-clients';
import { testStack, uniqueTaskQueue } from '../support/test-stack';

const EventType = temporal.api.enums.v1.EventType;

const COMPLETE = {
  competent_organ: true,
  clear_facts: true,
  sufficient_evidence: true,
  correct_legal_basis: true,
  lawful_procedure: true,
  proper_discretion: true,
  proper_documents: true,
};

type User = ReturnType<typeof asUser>;

/** The legal-review checklist (domain.md §2) sent with the reviewer's verdict on POST /cases/:id/legal-review. */
describe('the legal-review checklist over HTTP', () => {
  let docket: DocketStack;
  let temporalClients: TemporalClients;
  let handler: User;
  let reviewer: User;
  let head: User;

  beforeAll(async () => {
    [docket, temporalClients] = await Promise.all([
      startDocket({ databaseUrl: testStack.databaseUrl(), temporalAddress: testStack.temporalAddress(), taskQueue: uniqueTaskQueue('e2e-checklist') }),
      connectTemporal(),
    ]);
    handler = asUser(docket.apiUrl, actors.handlerLi);
    reviewer = asUser(docket.apiUrl, actors.reviewerZhao);
    head = asUser(docket.apiUrl, actors.headWang);
  });

  afterAll(async () => {
    await docket?.stop();
    await temporalClients?.close();
  });

  /** A case whose report waits for legal review, and its version then. */
  async function caseInReview(): Promise<{ caseId: string; version: number }> {
    const caseId = randomUUID();
    const registered = await handler.post('/cases', {
      caseId,
      source: 'complaint',
      summary: 'Complaint: expired food on sale',
      violationCode: 'FSL-124-1-3',
      party: { type: 'organization', name: '上海某某食品有限公司' },
    });
    expect(registered.status).toBe(201);
    let version = 0;
    for (const [user, path, body] of [
      [head, 'filing/approve', thinPath.approveFiling],
      [head, 'handlers', thinPath.assignHandlers],
      [handler, 'investigation-report', thinPath.report],
    ] as const) {
      const response = await user.post(`/cases/${caseId}/${path}`, body);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      version = response.body['version'] as number;
    }
    return { caseId, version };
  }

  it.each([
    ['an approval with a point not satisfied', { ...COMPLETE, proper_discretion: false }, 'checklist.proper_discretion'],
    ['an approval with a point left unanswered', { ...COMPLETE, proper_documents: undefined }, 'checklist.proper_documents'],
    ['an answer that is not yes or no', { ...COMPLETE, clear_facts: 'yes' }, 'checklist.clear_facts'],
    ['a point the checklist does not have', { ...COMPLETE, fairness: true }, 'checklist.fairness'],
    ['a checklist that is not an object', ['competent_organ'], 'checklist'],
  ])('refuses %s with 400 naming the point, and the case stays in review', async (_what, checklist, field) => {
    const { caseId, version } = await caseInReview();
    const refused = await reviewer.post(`/cases/${caseId}/legal-review`, { ...thinPath.approveReview, checklist });
    expect(refused.status).toBe(400);
    expect(refused.contentType).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'INVALID_INPUT', field });
    const after = await reviewer.get(`/cases/${caseId}`);
    expect(after.body).toMatchObject({ stage: 'legal_review', version, reviews: [] });
  });

  it('approves with every point satisfied, the checklist kept in the case’s history with the reviewer’s step', async () => {
    const { caseId } = await caseInReview();
    const approved = await reviewer.post(`/cases/${caseId}/legal-review`, { ...thinPath.approveReview, checklist: COMPLETE });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ stage: 'notice', reviews: [{ outcome: 'approved', reviewerId: 'reviewer-zhao' }] });

    const history = await decodedHistory(await temporalClients.client.workflow.getHandle(caseWorkflowId(caseId)).fetchHistory());
    const review = (history.events ?? [])
      .filter((event) => event.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
      .map((event) => event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input)
      .find((input) => input?.name === 'decideLegalReview');
    const [request] = (review?.args?.payloads ?? []).map((payload) => defaultPayloadConverter.fromPayload<{ payload: object }>(payload as never));
    expect(request?.payload).toEqual({ ...thinPath.approveReview, checklist: COMPLETE });
  });

  it('accepts a return with the points that failed, as the generic action route does', async () => {
    const { caseId } = await caseInReview();
    const returned = await reviewer.post(`/cases/${caseId}/legal-review`, {
      verdict: 'return_for_investigation',
      opinion: 'Interview the supplier',
      checklist: { ...COMPLETE, sufficient_evidence: false },
    });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ stage: 'investigation', reviews: [{ outcome: 'returned' }] });
  });
});
