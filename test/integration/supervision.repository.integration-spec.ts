import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { SupervisionRepository, createDataSource } from '@docket/persistence';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database';

const AGENCY = 'sh-pudong-amr';
const OTHER = 'sh-minhang-amr';

/**
 * The supervision aggregates over a projection written row by row: a database of the suite's own,
 * with the facts that cases driven over HTTP cannot produce on demand (a missed decision clock, a
 * payment in the previous period, transfers in several states) and events on the period's edges.
 */
describe('SupervisionRepository', () => {
  let scratch: ScratchDatabase;
  let dataSource: DataSource;
  let repository: SupervisionRepository;

  async function newCase(agencyId: string, stage: string): Promise<string> {
    const id = randomUUID();
    await dataSource.query(
      `INSERT INTO cases (id, workflow_id, agency_id, stage, version, party_type, party_name, registered_at, updated_at, state)
       VALUES ($1, $2, $3, $4, 1, 'organization', '上海某某食品有限公司', now(), now(), '{}')`,
      [id, `case-${id}`, agencyId, stage],
    );
    return id;
  }

  let sequence = 0;
  async function event(caseId: string, type: string, occurredAt: string, data: object = {}, stageAfter = 'investigation'): Promise<void> {
    sequence += 1;
    await dataSource.query(
      `INSERT INTO case_events (case_id, sequence, workflow_id, type, actor_id, actor_role, stage_before, stage_after, data, occurred_at,
                                prev_hash, hash)
       VALUES ($1, $2, $3, $4, 'someone', 'handler', NULL, $5, $6, $7, repeat('0', 64), repeat('0', 64))`,
      [caseId, sequence, `case-${caseId}`, type, stageAfter, JSON.stringify({ type, ...data }), occurredAt],
    );
  }

  async function clock(caseId: string, kind: string, status: string, settledAt: string): Promise<void> {
    await dataSource.query(
      `INSERT INTO case_deadlines (case_id, kind, status, started_at, due_at, warn_at, settled_at, updated_version)
       VALUES ($1, $2, $3, '2026-01-01T00:00:00Z', '2026-03-12T00:00:00Z', '2026-03-10T00:00:00Z', $4, 1)`,
      [caseId, kind, status, settledAt],
    );
  }

  async function clueTransfer(caseId: string, status: string, startedAt: string, outcome?: string): Promise<void> {
    await dataSource.query(
      `INSERT INTO case_transfers (id, case_id, kind, agency_id, status, version, started_at, updated_at, state)
       VALUES ($1, $2, 'clue_transfer', $3, $4, 1, $5, $5, $6)`,
      [`case-${caseId}/clue-transfer`, caseId, AGENCY, status, startedAt, JSON.stringify(outcome === undefined ? {} : { outcome })],
    );
  }

  beforeAll(async () => {
    scratch = await createScratchDatabase('supervision_repository');
    dataSource = await createDataSource({ url: scratch.url, poolSize: 2, applicationName: 'docket-test' }).initialize();
    repository = new SupervisionRepository(dataSource);

    const decided = await newCase(AGENCY, 'execution');
    await event(decided, 'case_registered', '2026-03-02T01:00:00Z', {}, 'clue');
    await event(decided, 'filing_approved', '2026-03-03T01:00:00Z', {}, 'filed');
    await event(decided, 'investigation_report_submitted', '2026-03-10T00:00:00Z', {}, 'legal_review');
    await event(decided, 'legal_review_decided', '2026-03-11T00:00:00Z', { outcome: 'disapproved' });
    await event(decided, 'investigation_report_submitted', '2026-03-12T00:00:00Z', {}, 'legal_review');
    await event(decided, 'legal_review_decided', '2026-03-12T12:00:00Z', { outcome: 'approved' }, 'notice');
    await event(decided, 'case_decided', '2026-03-20T01:00:00Z', { outcome: 'penalty', fine: 1_000 }, 'decided');
    await event(decided, 'payment_recorded', '2026-03-25T01:00:00Z', { amount: 1_200, paidAt: '2026-03-24T01:00:00Z' }, 'execution');
    await event(decided, 'decision_change_recorded', '2026-03-26T01:00:00Z', { kind: 'revoked' }, 'execution');
    await clock(decided, 'decision', 'missed', '2026-03-15T00:00:00Z');
    await clock(decided, 'publicity', 'met', '2026-03-21T00:00:00Z');
    await clueTransfer(decided, 'closed', '2026-03-05T00:00:00Z', 'feedback_received');

    // Paid in the previous period (China dates 2026-01-29 to 2026-02-28), recorded later.
    const earlier = await newCase(AGENCY, 'closed');
    await event(earlier, 'case_registered', '2026-02-01T01:00:00Z', {}, 'clue');
    await event(earlier, 'payment_recorded', '2026-03-01T01:00:00Z', { amount: 1_000, paidAt: '2026-02-10T01:00:00Z' }, 'execution');
    await clueTransfer(earlier, 'acknowledged', '2026-03-06T00:00:00Z');

    // The last moment of 31 March in China counts; the first of 1 April does not.
    await event(await newCase(AGENCY, 'clue'), 'case_registered', '2026-03-31T15:59:59Z', {}, 'clue');
    await event(await newCase(AGENCY, 'clue'), 'case_registered', '2026-03-31T16:00:00Z', {}, 'clue');

    // Another agency's case counts only for that agency.
    const elsewhere = await newCase(OTHER, 'not_filed');
    await event(elsewhere, 'case_registered', '2026-03-02T01:00:00Z', {}, 'clue');
    await event(elsewhere, 'filing_declined', '2026-03-03T01:00:00Z', {}, 'not_filed');
    await event(elsewhere, 'payment_recorded', '2026-03-25T01:00:00Z', { amount: 9_999, paidAt: '2026-03-24T01:00:00Z' });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await scratch?.drop();
  });

  const march = {
    agencyId: AGENCY,
    startsAt: new Date('2026-02-28T16:00:00Z'),
    endsBefore: new Date('2026-03-31T16:00:00Z'),
    previousStartsAt: new Date('2026-01-28T16:00:00Z'),
  };

  it('counts one agency’s events, clocks, transfers and payments in the period, edges included', async () => {
    const counts = await repository.counts(march);
    expect(counts).toMatchObject({
      cluesRegistered: 2,
      filed: 1,
      notFiled: 0,
      casesByStage: { execution: 1, closed: 1, clue: 2 },
      clocks: { decision: { met: 0, missed: 1 }, publicity: { met: 1, missed: 0 }, legalReview: { met: 0, missed: 0 } },
      clueTransfers: { started: 2, feedbackReceived: 1, awaitingFeedback: 1, awaitingApproval: 0, refused: 0 },
      income: { current: 1_200, previous: 1_000 },
      finesImposed: { decisions: 1, total: 1_000 },
      decisionChanges: { changed: 0, revoked: 1, heldUnlawful: 0 },
      divergentPenalties: { total: 0, rows: [] },
    });
  });

  it('times each review from the submission that sent the report to it, in calendar hours', async () => {
    const { reviews } = await repository.counts(march);
    // 24 hours to the disapproval, 12 to the approval of the report submitted again.
    expect(reviews).toEqual({ approved: 1, returned: 0, revisionRequested: 0, disapproved: 1, medianHours: 18, averageHours: 18 });
  });

  it('finds nothing in a period with nothing in it, but still tells the stages cases are in now', async () => {
    const counts = await repository.counts({
      agencyId: AGENCY,
      startsAt: new Date('2025-06-30T16:00:00Z'),
      endsBefore: new Date('2025-07-31T16:00:00Z'),
      previousStartsAt: new Date('2025-05-30T16:00:00Z'),
    });
    expect(counts).toMatchObject({ cluesRegistered: 0, income: { current: 0, previous: 0 }, reviews: { medianHours: null, averageHours: null } });
    expect(counts.casesByStage).toEqual({ execution: 1, closed: 1, clue: 2 });
  });
});
