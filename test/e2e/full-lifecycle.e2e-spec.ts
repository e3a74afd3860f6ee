import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { actors, thinPath } from '../support/case-fixtures';
import { connectDatabase, eventRows } from '../support/database';
import { startDocket, type DocketStack } from '../support/docket-processes';
import { asUser } from '../support/http-client';
import { testStack, uniqueTaskQueue } from '../support/test-stack';
import { clueSteps, transferActors } from '../support/transfer-fixtures';

/**
 * A case through the HTTP API as its people take it: a return from legal review, a hearing, a
 * published penalty, a clue transfer to discipline inspection with its feedback, payment and
 * archiving. Real API and worker processes, real Temporal and PostgreSQL.
 */
describe('the whole lifecycle over HTTP', () => {
  let docket: DocketStack;
  let dataSource: DataSource;

  beforeAll(async () => {
    [docket, dataSource] = await Promise.all([
      startDocket({ databaseUrl: testStack.databaseUrl(), temporalAddress: testStack.temporalAddress(), taskQueue: uniqueTaskQueue('e2e-full') }),
      connectDatabase(),
    ]);
  });

  afterAll(async () => {
    await docket?.stop();
    await dataSource?.destroy();
  });

  async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const value = await read();
      if (done(value)) {
        return value;
      }
      if (Date.now() > deadline) {
        throw new Error(`${what} did not happen in time; last seen: ${JSON.stringify(value)}`);
      }
      await delay(100);
    }
  }

  it('return, hearing, penalty, publicity, clue transfer with feedback, payment and archiving', async () => {
    const handler = asUser(docket.apiUrl, actors.handlerLi);
    const handlerChen = asUser(docket.apiUrl, actors.handlerChen);
    const reviewer = asUser(docket.apiUrl, actors.reviewerZhao);
    const head = asUser(docket.apiUrl, actors.headWang);
    const officer = asUser(docket.apiUrl, { userId: 'officer-zhou', role: 'hearing_officer', agencyId: actors.headWang.agencyId });
    const inspector = asUser(docket.apiUrl, transferActors.inspectorZhou);
    const ok = async (response: Promise<{ status: number; body: Record<string, unknown> }>, stage?: string) => {
      const { status, body } = await response;
      expect({ status, code: body['code'], detail: body['detail'] }).toEqual({ status: 200, code: undefined, detail: undefined });
      if (stage !== undefined) {
        expect(body['stage']).toBe(stage);
      }
      return body;
    };

    const registered = await handler.post('/cases', {
      caseId: randomUUID(),
      source: 'complaint',
      summary: 'Complaint: expired food on sale, and an inspector asking for fees',
      violationCode: 'FSL-124-1-3',
      party: { type: 'organization', name: '上海某某食品有限公司' },
    });
    expect(registered.status).toBe(201);
    const caseId = registered.body['caseId'] as string;
    const path = (step: string) => `/cases/${caseId}/${step}`;

    await ok(head.post(path('filing/approve'), thinPath.approveFiling), 'filed');
    await ok(head.post(path('handlers'), thinPath.assignHandlers), 'investigation');

    // A clue about an official's misconduct goes to the discipline-inspection commission (监察法 Art. 34).
    await ok(
      handler.post(path('actions/start-clue-transfer'), {
        proposal: {
          misconduct: { kind: 'rent_seeking', description: 'An inspector asked the shop for “consulting fees”' },
          official: { name: '张某', position: 'inspector', organization: 'Xinhua Road office' },
          discoveredAt: new Date(Date.now() - 60_000).toISOString(),
        },
      }),
      'investigation',
    );
    const transfer = (step: string) => `/cases/${caseId}/transfers/clue-transfer/actions/${step}`;
    await ok(head.post(transfer('approve-transfer'), clueSteps.approve));
    await ok(handler.post(transfer('record-transfer'), clueSteps.transfer));
    expect((await inspector.get(`/cases/${caseId}/transfers/clue-transfer`)).body).toMatchObject({ status: 'transferred' });
    await ok(inspector.post(transfer('acknowledge-receipt'), clueSteps.acknowledge));
    const twice = await handler.post(path('actions/start-clue-transfer'), { proposal: {} });
    expect(twice.body).toMatchObject({ status: 409, code: 'TRANSFER_ALREADY_STARTED' });

    // Legal review returns the first report for more evidence (退回补充调查).
    await ok(handler.post(path('investigation-report'), thinPath.report), 'legal_review');
    await ok(reviewer.post(path('legal-review'), { verdict: 'return_for_investigation', opinion: 'Interview the supplier' }), 'investigation');
    await ok(handlerChen.post(path('investigation-report'), { ...thinPath.report, findings: 'Supplier interviewed; twelve packs' }), 'legal_review');
    await ok(reviewer.post(path('legal-review'), thinPath.approveReview), 'notice');

    // The party asks for a hearing in time; a non-investigator presides, notified a week ahead.
    await ok(handler.post(path('actions/request-hearing'), {}), 'hearing');
    const tooSoon = await head.post(path('actions/schedule-hearing'), {
      officerId: 'officer-zhou',
      scheduledFor: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      public: true,
    });
    expect(tooSoon.body).toMatchObject({ status: 400, field: 'scheduledFor' });
    await ok(
      head.post(path('actions/schedule-hearing'), { officerId: 'officer-zhou', scheduledFor: new Date(Date.now() + 20 * 86_400_000).toISOString(), public: true }),
      'hearing',
    );
    await ok(officer.post(path('actions/record-hearing'), { outcome: 'held', record: 'Party heard; supplier invoices produced' }), 'hearing');

    // After a hearing the fine may not rise (APL 45); the head decides within it and publishes.
    const raised = await head.post(path('decision'), { ...thinPath.decide, fine: 80_000 });
    expect(raised.body).toMatchObject({ status: 422, code: 'PENALTY_INCREASED_AFTER_DEFENCE', field: 'fine' });
    await ok(head.post(path('decision'), { ...thinPath.decide, fine: 45_000, publish: true }), 'decided');
    await ok(handler.post(path('actions/record-service'), { method: 'in_person' }), 'publicity');
    await ok(handler.post(path('actions/publish-decision'), {}), 'execution');

    // The commission's feedback closes the transfer, and the case records its outcome.
    await ok(inspector.post(transfer('return-feedback'), clueSteps.feedback));
    await until(
      'the transfer’s closing reaching the case',
      async () => (await head.get(path(''))).body,
      (body) => (body['transfers'] as Array<{ outcome?: string }> | undefined)?.[0]?.outcome === 'feedback_received',
    );

    await ok(handlerChen.post(path('actions/record-payment'), { amount: 45_000 }), 'execution');
    const closed = await ok(head.post(path('closing'), { summary: 'Penalty paid; clue transferred and answered' }), 'closed');
    expect(closed['closing']).toMatchObject({
      transfers: [{ kind: 'clue_transfer', outcome: 'feedback_received' }],
      deadlines: expect.arrayContaining([{ kind: 'decision', status: 'met' }, { kind: 'payment', status: 'met' }]) as unknown,
    });
    await ok(head.post(path('actions/archive-case'), { important: true }), 'archived');
    const afterArchive = await head.post(path('actions/withdraw-publicity'), { reason: 'x' });
    expect(afterArchive.body).toMatchObject({ status: 409, code: 'CASE_CLOSED' });

    const types = (await eventRows(dataSource, caseId)).map((row) => row.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'transfer_started',
        'legal_review_decided',
        'hearing_requested',
        'hearing_scheduled',
        'hearing_recorded',
        'case_decided',
        'service_recorded',
        'decision_published',
        'transfer_closed',
        'payment_recorded',
        'case_closed',
        'case_archived',
      ]),
    );
    expect(types.filter((type) => type === 'investigation_report_submitted')).toHaveLength(2);
    const transferRows: Array<{ type: string }> = await dataSource.query(
      'SELECT type FROM transfer_events WHERE transfer_id = $1 ORDER BY sequence',
      [`case-${caseId}/clue-transfer`],
    );
    expect(transferRows.map((row) => row.type)).toEqual([
      'clue_transfer_proposed',
      'clue_transfer_approved',
      'clue_transferred',
      'receipt_acknowledged',
      'feedback_returned',
    ]);
  });
});
