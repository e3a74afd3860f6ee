import { randomUUID } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import {
  applyCommand,
  clockAlarmEvent,
  evolve,
  registerCase,
  type Actor,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
} from '@docket/domain';
import { CaseRecordRepository, createDataSource } from '@docket/persistence';
import { createCaseRecordActivities } from '@docket/activities';
import { actors, certifiedHandlers, defaultClocks, registration } from '../support/case-fixtures';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database';

/** Monday 2026-03-02, 09:00 China time. */
const T0 = '2026-03-02T01:00:00.000Z';
const at = (days: number): string => new Date(Date.parse(T0) + days * 86_400_000).toISOString();

interface Step {
  readonly event: CaseEvent;
  readonly state: CaseState;
}

/** A case's recorded steps, each event with the state after it, as the workflow hands them to the activity. */
class CaseRun {
  readonly steps: Step[] = [];

  constructor(readonly agencyId: string) {
    this.steps.push(registerCase(registration({ agencyId }), this.as(actors.handlerLi), T0, defaultClocks));
  }

  get state(): CaseState {
    return this.latest.state;
  }

  get latest(): Step {
    return this.steps[this.steps.length - 1];
  }

  as(actor: Actor): Actor {
    return { ...actor, agencyId: this.agencyId };
  }

  step(actor: Actor, command: CaseCommand, now: string): this {
    this.steps.push(applyCommand(this.state, command, { ...defaultClocks, actor: this.as(actor), now }));
    return this;
  }

  /** What the workflow records when a clock's time comes: its warning, then the fact that it was missed. */
  alarm(now: string): CaseEvent {
    const event = clockAlarmEvent(this.state, now);
    if (event === undefined) {
      throw new Error(`no clock alarm at ${now}`);
    }
    this.steps.push({ event, state: evolve(this.state, event) });
    return event;
  }
}

const replacement = { userId: 'handler-wu', certificateNumber: 'SH-0452001', certificateExpiresAt: '2099-12-31T00:00:00.000Z' };
const officer = (userId: string): Actor => ({ userId, role: 'hearing_officer', agencyId: '' });

/**
 * Filed, handler Li replaced by Wu on recusal, reviewed by Zhao, heard (the hearing moved from
 * officer Zhou to officer Qian), its decision period extended once, and decided by head Wang.
 */
function decidedAfterRecusalAndHearing(agencyId: string): CaseRun {
  return new CaseRun(agencyId)
    .step(actors.headWang, { type: 'approve_filing', reason: 'violation likely' }, at(1))
    .step(actors.headWang, { type: 'assign_handlers', handlers: certifiedHandlers() }, at(2))
    .step(actors.handlerChen, { type: 'request_recusal', handlerId: 'handler-li', reason: 'related to the party' }, at(3))
    .step(actors.headWang, { type: 'decide_recusal', handlerId: 'handler-li', granted: true, reason: 'direct interest', replacement }, at(4))
    .step(
      actors.handlerChen,
      { type: 'submit_investigation_report', findings: 'twelve packs past their date', proposedOutcome: 'penalty', proposedFine: 60_000 },
      at(10),
    )
    .step(actors.reviewerZhao, { type: 'decide_legal_review', verdict: 'approve', opinion: 'lawful' }, at(12))
    .step(actors.handlerChen, { type: 'request_hearing' }, at(13))
    .step(actors.headWang, { type: 'schedule_hearing', officerId: 'officer-zhou', scheduledFor: at(30), public: true }, at(14))
    .step(actors.headWang, { type: 'schedule_hearing', officerId: 'officer-qian', scheduledFor: at(31), public: true }, at(15))
    .step(officer('officer-qian'), { type: 'record_hearing', outcome: 'held', record: 'party heard' }, at(31))
    .step(actors.headWang, { type: 'extend_decision_period', reason: 'complex facts' }, at(31))
    .step(actors.headWang, { type: 'decide_case', outcome: 'penalty', fine: 59_999.5, reasoning: 'FSL Art. 124(1)(3)' }, at(32));
}

/** Registered, its filing clock warned and then missed: the 15 working days end on Monday 2026-03-23. */
function filingMissed(agencyId: string): CaseRun {
  const run = new CaseRun(agencyId);
  run.alarm('2026-03-20T02:00:00.000Z');
  run.alarm('2026-03-24T02:00:00.000Z');
  return run;
}

describe('case projection in PostgreSQL: deadlines, participants and outcome columns', () => {
  let scratch: ScratchDatabase;
  let dataSource: DataSource;
  let repository: CaseRecordRepository;

  beforeAll(async () => {
    // The migration test alters `cases`: a database of this file's own keeps that from other suites.
    scratch = await createScratchDatabase('projection_it');
    dataSource = await createDataSource({ url: scratch.url, poolSize: 4, applicationName: 'docket-test' }).initialize();
    repository = new CaseRecordRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await scratch?.drop();
  });

  const newAgency = (): string => `agency-${randomUUID().slice(0, 8)}`;

  async function record(run: CaseRun, steps: readonly Step[] = run.steps): Promise<void> {
    for (const { event, state } of steps) {
      await repository.recordEvent(`case-${state.caseId}`, event, state);
    }
  }

  async function projection(caseId: string): Promise<unknown> {
    return {
      row: await repository.findCase(caseId),
      deadlines: await repository.listDeadlines(caseId),
      participants: await repository.listParticipants(caseId),
    };
  }

  it('projects every clock of the state, one row per kind, at the version of the case', async () => {
    const run = decidedAfterRecusalAndHearing(newAgency());
    await record(run);
    const deadlines = await repository.listDeadlines(run.state.caseId);
    expect(deadlines.map((row) => row.kind).sort()).toEqual(run.state.deadlines.map((deadline) => deadline.kind).sort());
    for (const deadline of run.state.deadlines) {
      expect(deadlines.find((row) => row.kind === deadline.kind)).toEqual({
        caseId: run.state.caseId,
        kind: deadline.kind,
        status: deadline.status,
        startedAt: new Date(deadline.startedAt),
        dueAt: new Date(deadline.dueAt),
        warnAt: new Date(deadline.warnAt),
        warnedAt: deadline.warnedAt === undefined ? null : new Date(deadline.warnedAt),
        settledAt: deadline.settledAt === undefined ? null : new Date(deadline.settledAt),
        fallbackYears: [...deadline.fallbackYears],
        extensions: deadline.extensions.length,
        paused: deadline.status === 'paused',
        updatedVersion: run.state.version,
      });
    }
    expect(deadlines.find((row) => row.kind === 'filing_decision')).toMatchObject({ status: 'met', settledAt: new Date(at(1)) });
    expect(deadlines.find((row) => row.kind === 'decision')).toMatchObject({
      status: 'met',
      settledAt: new Date(at(32)),
      extensions: 1,
      paused: false,
    });
  });

  it('shows a running clock as paused while the hearing stops it', async () => {
    const run = decidedAfterRecusalAndHearing(newAgency());
    // Up to the hearing request, which pauses the decision clock (SAMR).
    await record(run, run.steps.slice(0, 8));
    expect((await repository.listDeadlines(run.state.caseId)).find((row) => row.kind === 'decision')).toMatchObject({
      status: 'paused',
      paused: true,
      updatedVersion: 8,
    });
  });

  it('projects the participants: handlers current and replaced, reviewer, hearing officer and the deciding head', async () => {
    const run = decidedAfterRecusalAndHearing(newAgency());
    await record(run);
    const participants = await repository.listParticipants(run.state.caseId);
    const row = (userId: string, role: string): unknown => participants.find((entry) => entry.userId === userId && entry.role === role);
    expect(participants).toHaveLength(7);
    expect(row('handler-li', 'handler')).toMatchObject({ since: new Date(at(2)), until: new Date(at(4)) });
    expect(row('handler-chen', 'handler')).toMatchObject({ since: new Date(at(2)), until: null });
    expect(row('handler-wu', 'handler')).toMatchObject({ since: new Date(at(4)), until: null });
    expect(row('reviewer-zhao', 'reviewer')).toMatchObject({ since: new Date(at(12)), until: null });
    // The hearing moved to another officer: the first one leaves with the event that moved it.
    expect(row('officer-zhou', 'hearing_officer')).toMatchObject({ since: new Date(at(14)), until: new Date(at(15)) });
    expect(row('officer-qian', 'hearing_officer')).toMatchObject({ since: new Date(at(15)), until: null });
    expect(row('head-wang', 'head')).toMatchObject({ since: new Date(at(32)), until: null });
  });

  it('fills the outcome columns of cases', async () => {
    const run = decidedAfterRecusalAndHearing(newAgency());
    await record(run);
    expect(await repository.findCase(run.state.caseId)).toMatchObject({
      stage: 'decided',
      version: run.state.version,
      policyVersion: 'default',
      decidedAt: new Date(at(32)),
      decisionOutcome: 'penalty',
      fine: 59_999.5,
      closedAt: null,
      archivedAt: null,
      overdue: false,
    });
  });

  it('marks a case with a missed deadline overdue and lists it for supervision until its workflow ends', async () => {
    const agencyId = newAgency();
    const missed = filingMissed(agencyId);
    const onTime = new CaseRun(agencyId);
    await record(missed);
    await record(onTime);
    const clock = missed.state.deadlines.find((deadline) => deadline.kind === 'filing_decision');
    expect(missed.latest.event.data).toMatchObject({ type: 'deadline_missed', kind: 'filing_decision', supervisionListed: true });
    expect(clock).toMatchObject({ status: 'missed', dueAt: '2026-03-23T15:59:59.999Z', settledAt: '2026-03-24T02:00:00.000Z' });

    expect(await repository.findCase(missed.state.caseId)).toMatchObject({ overdue: true });
    expect(await repository.findCase(onTime.state.caseId)).toMatchObject({ overdue: false });
    expect(await repository.listOverdueCases(agencyId)).toEqual([
      {
        caseId: missed.state.caseId,
        kind: 'filing_decision',
        dueAt: new Date('2026-03-23T15:59:59.999Z'),
        missedAt: new Date('2026-03-24T02:00:00.000Z'),
      },
    ]);
    expect(await repository.listOverdueCases(newAgency())).toEqual([]);

    // Declining to file ends the workflow: the case leaves the supervision list, its clock stays missed.
    missed.step(actors.headWang, { type: 'decline_filing', reason: 'outside the agency’s remit' }, '2026-03-25T02:00:00.000Z');
    await record(missed, [missed.latest]);
    expect(await repository.findCase(missed.state.caseId)).toMatchObject({ stage: 'not_filed', overdue: false });
    expect(await repository.listOverdueCases(agencyId)).toEqual([]);
    expect((await repository.listDeadlines(missed.state.caseId)).map((row) => [row.kind, row.status])).toEqual([
      ['filing_decision', 'missed'],
    ]);
  });

  it('leaves everything as the newest event left it when an older event is retried', async () => {
    const run = decidedAfterRecusalAndHearing(newAgency());
    await record(run);
    const caseId = run.state.caseId;
    const before = await projection(caseId);
    const activities = createCaseRecordActivities({ caseRecords: repository });
    // Before the recusal (Li a handler, no Wu), before the hearing moved, and the newest event itself.
    for (const index of [2, 3, 8, run.steps.length - 1]) {
      const { event, state } = run.steps[index];
      await activities.recordCaseEvent({ workflowId: `case-${caseId}`, event, state });
      await expect(repository.recordEvent(`case-${caseId}`, event, state)).resolves.toBe('already-recorded');
    }
    expect(await projection(caseId)).toEqual(before);
  });

  it('keeps a supervision listing when the event before the miss is retried', async () => {
    const agencyId = newAgency();
    const run = filingMissed(agencyId);
    await record(run);
    await record(run, run.steps.slice(0, 2));
    expect(await repository.findCase(run.state.caseId)).toMatchObject({ version: 3, overdue: true });
    expect((await repository.listDeadlines(run.state.caseId))[0]).toMatchObject({ status: 'missed', updatedVersion: 3 });
    expect(await repository.listOverdueCases(agencyId)).toHaveLength(1);
  });

  it('has a down migration that removes its tables and columns, and an up that rebuilds them from the stored state', async () => {
    const decided = decidedAfterRecusalAndHearing(newAgency());
    const missed = filingMissed(newAgency());
    await record(decided);
    await record(missed);
    const caseIds = [decided.state.caseId, missed.state.caseId];
    const migration = dataSource.migrations.find((candidate) => candidate.name === 'CreateCaseProjectionTables1763930000000');
    expect(migration).toBeDefined();

    const tables = async (runner: QueryRunner): Promise<string[]> =>
      (
        (await runner.query(
          `SELECT table_name FROM information_schema.tables
           WHERE table_schema = 'public' AND table_name IN ('cases', 'case_deadlines', 'case_participants')
           ORDER BY table_name`,
        )) as Array<{ table_name: string }>
      ).map((entry) => entry.table_name);
    const columns = async (runner: QueryRunner): Promise<string[]> =>
      (
        (await runner.query(
          `SELECT column_name FROM information_schema.columns
           WHERE table_schema = 'public' AND table_name = 'cases' AND column_name IN ('policy_version', 'fine', 'overdue')
           ORDER BY column_name`,
        )) as Array<{ column_name: string }>
      ).map((entry) => entry.column_name);
    type Rows = Array<Record<string, unknown>>;
    interface Projection {
      readonly cases: Rows;
      readonly deadlines: Rows;
      readonly participants: Rows;
    }
    const rows = async (runner: QueryRunner): Promise<Projection> => ({
      cases: (await runner.query(
        `SELECT id, policy_version, decided_at, decision_outcome, fine, closed_at, archived_at, overdue
         FROM cases WHERE id = ANY($1::uuid[]) ORDER BY id`,
        [caseIds],
      )) as Rows,
      deadlines: (await runner.query(
        'SELECT * FROM case_deadlines WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, kind',
        [caseIds],
      )) as Rows,
      participants: (await runner.query(
        'SELECT * FROM case_participants WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, role, user_id',
        [caseIds],
      )) as Rows,
    });

    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      const recorded = await rows(runner);
      await migration?.down(runner);
      expect(await tables(runner)).toEqual(['cases']);
      expect(await columns(runner)).toEqual([]);
      await migration?.up(runner);
      expect(await tables(runner)).toEqual(['case_deadlines', 'case_participants', 'cases']);
      expect(await columns(runner)).toEqual(['fine', 'overdue', 'policy_version']);
      // The rebuild agrees with what the events wrote, except the hearing officer the state no longer names.
      const rebuilt = await rows(runner);
      expect(rebuilt.participants.some((row) => row['user_id'] === 'officer-zhou')).toBe(false);
      expect(rebuilt).toEqual({
        ...recorded,
        participants: recorded.participants.filter((row) => row['user_id'] !== 'officer-zhou'),
      });
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await repository.listOverdueCases(missed.agencyId)).toHaveLength(1);
  });
});
