import { randomUUID } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { DataSource } from 'typeorm';
import { caseWorkflowId } from '@docket/contracts';
import { actors, thinPath } from '../support/case-fixtures';
import { connectDatabase, eventRows } from '../support/database';
import { startDocket, type DocketStack } from '../support/docket-processes';
import { asUser } from '../support/http-client';
import { connectTemporal, settledHistoryLength, type TemporalClients, decodedHistory } from '../support/temporal-clients';
import { testStack, uniqueTaskQueue } from '../support/test-stack';

const EventType = temporal.api.enums.v1.EventType;

/** A case driven through the HTTP API by its people, with the real API and worker processes. */
describe('one case end to end over HTTP', () => {
  let docket: DocketStack;
  let temporalClients: TemporalClients;
  let dataSource: DataSource;
  let handler: ReturnType<typeof asUser>;
  let handlerChen: ReturnType<typeof asUser>;
  let reviewer: ReturnType<typeof asUser>;
  let head: ReturnType<typeof asUser>;

  beforeAll(async () => {
    [docket, temporalClients, dataSource] = await Promise.all([
      startDocket({
        databaseUrl: testStack.databaseUrl(),
        temporalAddress: testStack.temporalAddress(),
        taskQueue: uniqueTaskQueue('e2e'),
      }),
      connectTemporal(),
      connectDatabase(),
    ]);
    handler = asUser(docket.apiUrl, actors.handlerLi);
    handlerChen = asUser(docket.apiUrl, actors.handlerChen);
    reviewer = asUser(docket.apiUrl, actors.reviewerZhao);
    head = asUser(docket.apiUrl, actors.headWang);
  });

  afterAll(async () => {
    await docket?.stop();
    await temporalClients?.close();
    await dataSource?.destroy();
  });

  const newCase = (caseId = randomUUID()) => ({
    caseId,
    source: 'complaint',
    summary: 'Complaint: expired food on sale at the Xinhua Road shop',
    violationCode: 'FSL-124-1-3',
    party: { type: 'organization', name: '上海某某食品有限公司' },
  });

  it('takes a case from registration to archiving, recording each step in Postgres and in the Temporal history', async () => {
    const registered = await handler.post('/cases', newCase());
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ stage: 'clue', version: 1, agencyId: actors.handlerLi.agencyId });
    const caseId = registered.body['caseId'] as string;

    const steps: Array<[ReturnType<typeof asUser>, string, object, string]> = [
      [head, 'filing/approve', thinPath.approveFiling, 'filed'],
      [head, 'handlers', thinPath.assignHandlers, 'investigation'],
      [handler, 'investigation-report', thinPath.report, 'legal_review'],
      [reviewer, 'legal-review', thinPath.approveReview, 'notice'],
      [handlerChen, 'notice/close', thinPath.closeNotice, 'notice'],
      [head, 'decision', thinPath.decide, 'decided'],
      [handler, 'actions/record-service', thinPath.serve, 'execution'],
      [handlerChen, 'actions/record-payment', thinPath.pay, 'execution'],
      [head, 'closing', thinPath.close, 'closed'],
      [head, 'actions/archive-case', thinPath.archive, 'archived'],
    ];
    for (const [user, path, body, stage] of steps) {
      const response = await user.post(`/cases/${caseId}/${path}`, body);
      expect({ path, status: response.status, stage: response.body['stage'] }).toEqual({ path, status: 200, stage });
    }

    const live = await reviewer.get(`/cases/${caseId}`);
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ stage: 'archived', version: 11, decision: { outcome: 'penalty', fine: 50_000, decidedBy: 'head-wang' } });

    const afterClosing = await head.post(`/cases/${caseId}/closing`, thinPath.close);
    expect(afterClosing.status).toBe(409);
    expect(afterClosing.body['code']).toBe('CASE_CLOSED');

    expect((await eventRows(dataSource, caseId)).map((row) => [row.sequence, row.type, row.actor_id])).toEqual([
      [1, 'case_registered', 'handler-li'],
      [2, 'filing_approved', 'head-wang'],
      [3, 'handlers_assigned', 'head-wang'],
      [4, 'investigation_report_submitted', 'handler-li'],
      [5, 'legal_review_decided', 'reviewer-zhao'],
      [6, 'notice_closed', 'handler-chen'],
      [7, 'case_decided', 'head-wang'],
      [8, 'service_recorded', 'handler-li'],
      [9, 'payment_recorded', 'handler-chen'],
      [10, 'case_closed', 'head-wang'],
      [11, 'case_archived', 'head-wang'],
    ]);
    const [projection]: unknown[] = await dataSource.query('SELECT stage, version, agency_id FROM cases WHERE id = $1', [caseId]);
    expect(projection).toEqual({ stage: 'archived', version: 11, agency_id: actors.handlerLi.agencyId });

    // The history names each step and the person who took it.
    const handle = temporalClients.client.workflow.getHandle(caseWorkflowId(caseId));
    const events = (await decodedHistory(await handle.fetchHistory())).events ?? [];
    const accepted = events
      .filter((event) => event.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
      .map((event) => {
        const input = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input;
        const [request] = (input?.args?.payloads ?? []).map((payload) =>
          defaultPayloadConverter.fromPayload<{ actor: { userId: string } }>(payload as never),
        );
        return [input?.name, request?.actor.userId];
      });
    expect(accepted).toEqual([
      ['approveFiling', 'head-wang'],
      ['assignHandlers', 'head-wang'],
      ['submitInvestigationReport', 'handler-li'],
      ['decideLegalReview', 'reviewer-zhao'],
      ['closeNotice', 'handler-chen'],
      ['decideCase', 'head-wang'],
      ['recordService', 'handler-li'],
      ['recordPayment', 'handler-chen'],
      ['closeCase', 'head-wang'],
      ['archiveCase', 'head-wang'],
    ]);
    expect(events[events.length - 1]?.eventType).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
  });

  it('answers a retried registration with the case it created, and refuses other content under the same id', async () => {
    const body = newCase();
    const first = await handler.post('/cases', body);
    const retry = await handler.post('/cases', body);
    expect([first.status, retry.status]).toEqual([201, 200]);
    expect(retry.body).toEqual(first.body);

    const clash = await handler.post('/cases', { ...body, summary: 'Something else entirely' });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ code: 'CASE_ALREADY_EXISTS', field: 'caseId' });
    expect(await eventRows(dataSource, body.caseId)).toHaveLength(1);
  });

  it('refuses a wrong-stage action with 409 and a code naming the rule, leaving the history untouched', async () => {
    const { body } = await handler.post('/cases', newCase());
    const caseId = body['caseId'] as string;
    const handle = temporalClients.client.workflow.getHandle(caseWorkflowId(caseId));
    const before = await settledHistoryLength(handle);

    const response = await head.post(`/cases/${caseId}/decision`, thinPath.decide);
    expect(response.status).toBe(409);
    expect(response.contentType).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      status: 409,
      code: 'STAGE_TRANSITION_NOT_ALLOWED',
      detail: 'decide_case is allowed in stage notice or hearing or collective_discussion; the case is in stage clue',
    });
    expect(await settledHistoryLength(handle)).toBe(before);
    expect((await handler.get(`/cases/${caseId}`)).body['version']).toBe(1);
  });

  it('answers malformed input with 400 naming the field, and changes nothing', async () => {
    const { body } = await handler.post('/cases', newCase());
    const caseId = body['caseId'] as string;

    const missing = await head.post(`/cases/${caseId}/filing/approve`, {});
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'INVALID_INPUT', field: 'reason' });

    const nested = await handler.post('/cases', { ...newCase(), party: { type: 'organization', name: '' } });
    expect(nested.body).toMatchObject({ status: 400, code: 'INVALID_INPUT', field: 'party.name' });

    const extra = await head.post(`/cases/${caseId}/filing/approve`, { reason: 'ok', approvedBy: 'someone' });
    expect(extra.body).toMatchObject({ status: 400, field: 'approvedBy' });

    const broken = await head.post(`/cases/${caseId}/filing/approve`, '{"reason": ');
    expect(broken.body).toMatchObject({ status: 400, code: 'MALFORMED_BODY' });

    const badHandlers = await head.post(`/cases/${caseId}/handlers`, { handlers: [{ userId: 'x', certificateNumber: 'y', certificateExpiresAt: 'soon' }] });
    expect(badHandlers.body).toMatchObject({ status: 400, field: 'handlers[0].certificateExpiresAt' });

    expect((await handler.get(`/cases/${caseId}`)).body).toMatchObject({ stage: 'clue', version: 1 });
  });

  it('answers with the right status for a wrong role, a broken rule, an unknown or foreign case and a missing identity', async () => {
    const { body } = await handler.post('/cases', newCase());
    const caseId = body['caseId'] as string;

    const wrongRole = await handler.post(`/cases/${caseId}/filing/approve`, thinPath.approveFiling);
    expect(wrongRole.body).toMatchObject({ status: 403, code: 'ROLE_NOT_PERMITTED' });

    await head.post(`/cases/${caseId}/filing/approve`, thinPath.approveFiling);
    const oneHandler = await head.post(`/cases/${caseId}/handlers`, { handlers: thinPath.assignHandlers.handlers.slice(0, 1) });
    expect(oneHandler.body).toMatchObject({ status: 422, code: 'TWO_CERTIFIED_HANDLERS_REQUIRED', field: 'handlers' });

    const unknown = await handler.get(`/cases/${randomUUID()}`);
    expect(unknown.body).toMatchObject({ status: 404, code: 'CASE_NOT_FOUND' });
    const otherAgency = await asUser(docket.apiUrl, actors.otherAgencyHead).get(`/cases/${caseId}`);
    expect(otherAgency.body).toMatchObject({ status: 404, code: 'CASE_NOT_FOUND' });
    // The supervision body over the case's agency (case-fixtures SUPERVISING_AGENCY).
    const auditor = await asUser(docket.apiUrl, actors.auditorQian).get(`/cases/${caseId}`);
    expect(auditor.body).toMatchObject({ caseId, stage: 'filed' });

    const anonymous = await fetch(`${docket.apiUrl}/cases/${caseId}`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('lists the steps the caller may take now, and takes one by name', async () => {
    const { body } = await handler.post('/cases', newCase());
    const caseId = body['caseId'] as string;
    expect((await head.get(`/cases/${caseId}/actions`)).body).toEqual(['approve-filing', 'decline-filing', 'extend-filing-period', 'suspend-case']);
    expect((await handler.get(`/cases/${caseId}/actions`)).body).toEqual(['start-clue-transfer', 'start-judicial-transfer']);
    expect((await asUser(docket.apiUrl, actors.reviewerZhao).get(`/cases/${caseId}/actions`)).body).toEqual([]);

    const extended = await head.post(`/cases/${caseId}/actions/extend-filing-period`, { reason: 'testing under way', expectedVersion: 1 });
    expect(extended.status).toBe(200);
    expect(extended.body).toMatchObject({ version: 2, filingExtensions: 1 });
    const again = await head.post(`/cases/${caseId}/actions/extend-filing-period`, { reason: 'again' });
    expect(again.body).toMatchObject({ status: 422, code: 'EXTENSION_NOT_ALLOWED' });
    const unknownStep = await head.post(`/cases/${caseId}/actions/make-it-go-away`, {});
    expect(unknownStep.body).toMatchObject({ status: 400, field: 'action' });
  });

  it('serves its OpenAPI document with every case route', async () => {
    const response = await fetch(`${docket.apiUrl}/docs/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(document.paths).filter((path) => path.startsWith('/cases')).sort()).toEqual([
      '/cases',
      '/cases/{caseId}',
      '/cases/{caseId}/actions',
      '/cases/{caseId}/actions/{action}',
      '/cases/{caseId}/attachments',
      '/cases/{caseId}/attachments/{attachmentId}',
      '/cases/{caseId}/closing',
      '/cases/{caseId}/decision',
      '/cases/{caseId}/filing/approve',
      '/cases/{caseId}/filing/decline',
      '/cases/{caseId}/handlers',
      '/cases/{caseId}/history',
      '/cases/{caseId}/investigation-report',
      '/cases/{caseId}/legal-review',
      '/cases/{caseId}/notice/close',
      '/cases/{caseId}/timeline',
      '/cases/{caseId}/transfers/{kind}',
      '/cases/{caseId}/transfers/{kind}/actions/{action}',
      '/cases/{caseId}/verify',
    ]);
    expect(document.paths['/health']).toBeDefined();
  });
});
