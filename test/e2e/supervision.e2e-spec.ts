import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import type { Actor } from '@docket/domain';
import { createDataSource } from '@docket/persistence';
import { benchmarkJson } from '../support/benchmark-fixtures';
import { ADMIN_AGENCY, AGENCY, OTHER_AGENCY, SUPERVISING_AGENCY, actors, thinPath } from '../support/case-fixtures';
import { startDocket, type DocketStack } from '../support/docket-processes';
import { asUser } from '../support/http-client';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database';
import { testStack, uniqueTaskQueue } from '../support/test-stack';

type User = ReturnType<typeof asUser>;

const adminZhou: Actor = { userId: 'admin-zhou', role: 'admin', agencyId: ADMIN_AGENCY };

/** The China-time calendar date `days` from now. */
function chinaDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Supervisors' figures (量化考核) from cases driven over HTTP: a database of the suite's own, so the
 * agency's figures are exactly what these cases did.
 */
describe('supervision figures end to end over HTTP', () => {
  let scratch: ScratchDatabase;
  let docket: DocketStack;
  let dataSource: DataSource;
  let handler: User;
  let handlerChen: User;
  let reviewer: User;
  let head: User;
  let auditor: User;
  // Yesterday to tomorrow: every step taken while the suite runs falls inside.
  const period = { from: chinaDate(-1), to: chinaDate(1) };
  const figuresPath = (agency: string, from = period.from, to = period.to) =>
    `/supervision/figures?agency=${encodeURIComponent(agency)}&from=${from}&to=${to}`;
  const cases: Record<'penalised' | 'declined' | 'divergent' | 'clue', string> = { penalised: '', declined: '', divergent: '', clue: '' };
  const lastVersion = new Map<string, number>();

  async function register(): Promise<string> {
    const response = await handler.post('/cases', {
      caseId: randomUUID(),
      source: 'complaint',
      summary: 'Complaint: expired food on sale at the Xinhua Road shop',
      violationCode: 'FSL-124-1-3',
      party: { type: 'organization', name: '上海某某食品有限公司' },
    });
    expect(response.status).toBe(201);
    const caseId = response.body['caseId'] as string;
    lastVersion.set(caseId, response.body['version'] as number);
    return caseId;
  }

  async function steps(caseId: string, list: Array<[User, string, object, string]>): Promise<void> {
    for (const [user, path, body, stage] of list) {
      const response = await user.post(`/cases/${caseId}/${path}`, body);
      expect({ path, status: response.status, code: response.body['code'], stage: response.body['stage'] }).toEqual({
        path,
        status: 200,
        code: undefined,
        stage,
      });
      if (typeof response.body['version'] === 'number') {
        lastVersion.set(caseId, response.body['version']);
      }
    }
  }

  /** The projection is written by the worker after the API answers: wait until it holds every step. */
  async function projectionCaughtUp(): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const rows: Array<{ id: string; version: number }> = await dataSource.query('SELECT id, version FROM cases');
      const versions = new Map(rows.map((row) => [row.id, row.version]));
      const behind = [...lastVersion].filter(([caseId, version]) => (versions.get(caseId) ?? 0) < version);
      if (behind.length === 0) {
        return;
      }
      if (Date.now() > deadline) {
        throw new Error(`the projection did not catch up with ${JSON.stringify(behind)}`);
      }
      await delay(100);
    }
  }

  beforeAll(async () => {
    scratch = await createScratchDatabase('supervision_e2e');
    [docket, dataSource] = await Promise.all([
      startDocket({ databaseUrl: scratch.url, temporalAddress: testStack.temporalAddress(), taskQueue: uniqueTaskQueue('e2e-supervision') }),
      createDataSource({ url: scratch.url, poolSize: 2, applicationName: 'docket-test' }).initialize(),
    ]);
    handler = asUser(docket.apiUrl, actors.handlerLi);
    handlerChen = asUser(docket.apiUrl, actors.handlerChen);
    reviewer = asUser(docket.apiUrl, actors.reviewerZhao);
    head = asUser(docket.apiUrl, actors.headWang);
    auditor = asUser(docket.apiUrl, actors.auditorQian);

    // A published benchmark, so that proposals are checked against it (ordinary tier ¥50,000–100,000).
    const { agencyId: _agencyId, ...benchmark } = benchmarkJson(AGENCY, '2026-03');
    expect((await asUser(docket.apiUrl, adminZhou).put(`/admin/agencies/${AGENCY}/benchmark`, benchmark)).status).toBe(200);

    // Decided on time, published, paid ¥50,000 and closed.
    cases.penalised = await register();
    await steps(cases.penalised, [
      [head, 'filing/approve', thinPath.approveFiling, 'filed'],
      [head, 'handlers', thinPath.assignHandlers, 'investigation'],
      [handler, 'investigation-report', thinPath.report, 'legal_review'],
      [reviewer, 'legal-review', thinPath.approveReview, 'notice'],
      [handlerChen, 'notice/close', thinPath.closeNotice, 'notice'],
      [head, 'decision', { ...thinPath.decide, publish: true }, 'decided'],
      [handler, 'actions/record-service', thinPath.serve, 'publicity'],
      [handler, 'actions/publish-decision', {}, 'execution'],
      [handlerChen, 'actions/record-payment', thinPath.pay, 'execution'],
      [head, 'closing', thinPath.close, 'closed'],
    ]);
    // Not filed.
    cases.declined = await register();
    await steps(cases.declined, [[head, 'filing/decline', { reason: 'A first, minor violation corrected on the spot' }, 'not_filed']]);
    // A fine above the benchmark proposed, returned; proposed again, sent back for changes; a clue transfer started.
    cases.divergent = await register();
    await steps(cases.divergent, [
      [head, 'filing/approve', thinPath.approveFiling, 'filed'],
      [head, 'handlers', thinPath.assignHandlers, 'investigation'],
      [handler, 'investigation-report', { ...thinPath.report, proposedFine: 150_000 }, 'legal_review'],
      [reviewer, 'legal-review', { verdict: 'return_for_investigation', opinion: 'Interview the supplier' }, 'investigation'],
      [handler, 'investigation-report', thinPath.report, 'legal_review'],
      [reviewer, 'legal-review', { verdict: 'revise_and_resubmit', opinion: 'Cite the tier applied' }, 'investigation'],
      [
        handler,
        'actions/start-clue-transfer',
        {
          proposal: {
            misconduct: { kind: 'rent_seeking', description: 'An inspector asked the shop for “consulting fees”' },
            official: { name: '张某', position: 'inspector', organization: 'Xinhua Road office' },
            discoveredAt: new Date(Date.now() - 60_000).toISOString(),
          },
        },
        'investigation',
      ],
    ]);
    // Only registered.
    cases.clue = await register();
    await projectionCaughtUp();
    // The transfer's own record is written by its child workflow.
    const deadline = Date.now() + 30_000;
    while ((await dataSource.query<unknown[]>('SELECT 1 FROM case_transfers WHERE case_id = $1', [cases.divergent])).length === 0) {
      if (Date.now() > deadline) {
        throw new Error('the clue transfer was not recorded');
      }
      await delay(100);
    }
  });

  afterAll(async () => {
    await docket?.stop();
    await dataSource?.destroy();
    await scratch?.drop();
  });

  it('counts what the agency’s cases did in the period, and says which figures Docket does not record', async () => {
    const response = await auditor.get(figuresPath(AGENCY));
    expect(response.status).toBe(200);
    const figures = response.body;
    expect(figures).toMatchObject({
      agencyId: AGENCY,
      period: { from: period.from, to: period.to, timeZone: 'Asia/Shanghai' },
      clues: { registered: 4, filed: 2, notFiled: 1, filingRate: 0.6667 },
      casesByStage: { clue: 1, not_filed: 1, investigation: 1, closed: 1, filed: 0, legal_review: 0, archived: 0 },
      decisionsOnTime: { met: 1, missed: 0, onTimeRate: 1 },
      reviewOutcomes: { approved: 1, returned: 1, changesProposed: 1, disapproved: 0 },
      publicityOnTime: { met: 1, missed: 0, onTimeRate: 1 },
      clueTransfers: { started: 1, awaitingApproval: 1, refused: 0, awaitingAcknowledgement: 0, awaitingFeedback: 0, feedbackReceived: 0 },
      divergentPenalties: {
        flagged: 1,
        cases: [
          {
            caseId: cases.divergent,
            violationCode: 'FSL-124-1-3',
            severity: 'ordinary',
            proposedOutcome: 'penalty',
            proposedFine: 150_000,
            benchmarkStatus: 'above_range',
            range: { min: 50_000, max: 100_000 },
            decidedFine: null,
          },
        ],
      },
      penaltyIncome: { current: 50_000, previous: 0, growth: null, flagged: false, threshold: 0.2, finesImposed: { decisions: 1, total: 50_000 } },
      complaintClosureRate: { recorded: false },
      followUpSatisfaction: { recorded: false },
      reconsiderationCorrectionRate: { recorded: false, decisionsCorrected: { changed: 0, revoked: 0, heldUnlawful: 0 } },
      problemsFoundAndRectified: { recorded: false },
    });
    const turnaround = figures['legalReviewTurnaround'] as Record<string, unknown>;
    expect(turnaround).toMatchObject({ decided: 3, basis: 'calendar_hours' });
    expect(turnaround['medianHours']).toEqual(expect.any(Number));
    expect(turnaround['averageHours']).toEqual(expect.any(Number));
  });

  it('counts nothing in a period before the cases, and compares income with the period before it', async () => {
    const response = await head.get(figuresPath(AGENCY, '2025-01-01', '2025-01-31'));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      clues: { registered: 0, filed: 0, notFiled: 0, filingRate: null },
      decisionsOnTime: { met: 0, missed: 0, onTimeRate: null },
      legalReviewTurnaround: { decided: 0, medianHours: null, averageHours: null },
      penaltyIncome: { current: 0, previous: 0, previousPeriod: { from: '2024-12-01', to: '2024-12-31' } },
      // Stages are as they stand now, whatever the period.
      casesByStage: { clue: 1, closed: 1 },
    });
  });

  it('lets an auditor see the agencies their body supervises, and a head only their own', async () => {
    expect((await auditor.get(figuresPath(OTHER_AGENCY))).body).toMatchObject({ agencyId: OTHER_AGENCY, clues: { registered: 0 } });

    const outside = await auditor.get(figuresPath(ADMIN_AGENCY));
    expect(outside.status).toBe(403);
    expect(outside.body).toMatchObject({ code: 'AGENCY_MISMATCH', field: 'agency' });

    const otherHead = await asUser(docket.apiUrl, actors.otherAgencyHead).get(figuresPath(AGENCY));
    expect(otherHead.status).toBe(403);
    expect(otherHead.body).toMatchObject({ code: 'AGENCY_MISMATCH', field: 'agency' });
    expect(otherHead.text).not.toContain('clues');

    const asHandler = await handler.get(figuresPath(AGENCY));
    expect(asHandler.status).toBe(403);
    expect(asHandler.body).toMatchObject({ code: 'ROLE_NOT_PERMITTED' });
  });

  it('lists the agencies each caller may pick, with their names, and every one listed answers with figures', async () => {
    const listed = await auditor.get<Array<{ id: string; name: string; kind: string; own: boolean }>>('/supervision/agencies');
    expect(listed.status).toBe(200);
    // The suite's own database holds only the fixture registry: the auditor's body first, then what it supervises.
    expect(listed.body).toEqual([
      { id: SUPERVISING_AGENCY, name: '浦东新区司法局（执法监督）', kind: 'supervision', own: true },
      { id: OTHER_AGENCY, name: '闵行区市场监督管理局', kind: 'enforcement', own: false },
      { id: AGENCY, name: '浦东新区市场监督管理局', kind: 'enforcement', own: false },
    ]);
    for (const agency of listed.body) {
      expect({ agency: agency.id, status: (await auditor.get(figuresPath(agency.id))).status }).toEqual({ agency: agency.id, status: 200 });
    }

    expect((await head.get('/supervision/agencies')).body).toEqual([{ id: AGENCY, name: '浦东新区市场监督管理局', kind: 'enforcement', own: true }]);
    expect((await asUser(docket.apiUrl, actors.otherAgencyHead).get('/supervision/agencies')).body).toEqual([
      { id: OTHER_AGENCY, name: '闵行区市场监督管理局', kind: 'enforcement', own: true },
    ]);
    const asHandler = await handler.get('/supervision/agencies');
    expect([asHandler.status, asHandler.body['code']]).toEqual([403, 'ROLE_NOT_PERMITTED']);
  });

  it.each([
    ['a missing agency', `/supervision/figures?from=${period.from}&to=${period.to}`, 'agency'],
    ['a malformed from', `/supervision/figures?agency=${AGENCY}&from=2026-1-1&to=${period.to}`, 'from'],
    ['a date that does not exist', `/supervision/figures?agency=${AGENCY}&from=2026-02-01&to=2026-02-30`, 'to'],
    ['an end before the start', `/supervision/figures?agency=${AGENCY}&from=2026-03-01&to=2026-02-01`, 'to'],
    ['a period over ten years', `/supervision/figures?agency=${AGENCY}&from=2000-01-01&to=2026-01-01`, 'to'],
  ])('answers %s with 400 naming the field', async (_what, path, field) => {
    const response = await auditor.get(path);
    expect(response.status).toBe(400);
    expect(response.contentType).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'INVALID_INPUT', field });
  });
});
