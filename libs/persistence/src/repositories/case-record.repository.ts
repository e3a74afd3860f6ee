import { ALL_CASE_STAGES, evolve, isFinalStage, replayEvents, type CaseEvent, type CaseState, type DeadlineKind, type IsoTimestamp } from '@docket/domain';
import type { DataSource } from 'typeorm';
import { GENESIS_HASH, chainHash } from '../case-record-chain';
import { CaseDeadlineEntity } from '../entities/case-deadline.entity';
import { CaseEventEntity } from '../entities/case-event.entity';
import { CaseParticipantEntity, type CaseParticipantRole } from '../entities/case-participant.entity';
import { CaseEntity } from '../entities/case.entity';
import { workItemRows } from './work-queue.repository';

export type RecordOutcome = 'recorded' | 'already-recorded';

/** A case whose workflow the projection shows as still running. */
export interface OpenCaseRef {
  readonly caseId: string;
  readonly workflowId: string;
  readonly agencyId: string;
}

/** A missed deadline of a case listed for supervision (督办). */
export interface OverdueDeadlineRef {
  readonly caseId: string;
  readonly kind: DeadlineKind;
  readonly dueAt: Date;
  readonly missedAt: Date;
}

/** A participant as the state shows it; `since` is undefined where the state does not record it. */
interface DerivedParticipant {
  readonly user_id: string;
  readonly role: CaseParticipantRole;
  readonly since?: IsoTimestamp;
  readonly until?: IsoTimestamp;
}

/**
 * Who takes part in the case by its state: the handlers, and those replaced on recusal until the
 * recusal's decision; every reviewer who decided a review; the hearing officer; the head who decided.
 */
function participantsOf(state: CaseState): DerivedParticipant[] {
  const granted = state.recusals.filter((recusal) => recusal.decision === 'granted' && recusal.replacement !== undefined);
  const current = new Set(state.handlers.map((handler) => handler.userId));
  const participants = new Map<string, DerivedParticipant>();
  const add = (participant: DerivedParticipant): void => {
    const key = `${participant.role}:${participant.user_id}`;
    // Later records of the same person win, except that the earliest review is when a reviewer joined.
    if (participant.role !== 'reviewer' || !participants.has(key)) {
      participants.set(key, participant);
    }
  };
  for (const recusal of granted) {
    if (!current.has(recusal.handlerId)) {
      add({ user_id: recusal.handlerId, role: 'handler', until: recusal.decidedAt });
    }
  }
  for (const handler of state.handlers) {
    const joined = granted.filter((recusal) => recusal.replacement?.userId === handler.userId).at(-1);
    add({ user_id: handler.userId, role: 'handler', since: joined?.decidedAt });
  }
  for (const review of state.reviews) {
    add({ user_id: review.reviewerId, role: 'reviewer', since: review.decidedAt });
  }
  if (state.hearing?.officerId !== undefined) {
    add({ user_id: state.hearing.officerId, role: 'hearing_officer', since: state.hearing.scheduledAt });
  }
  if (state.decision !== undefined) {
    add({ user_id: state.decision.decidedBy, role: 'head', since: state.decision.decidedAt });
  }
  return [...participants.values()];
}

/** The row an event chains to, and the projection as it stands (none before the first event). */
interface PreviousRecord {
  readonly hash: string;
  readonly projected?: { readonly state: CaseState; readonly version: number };
}

/**
 * The case after the event, derived from the projection: the registration builds it, every later
 * event evolves the state of the event before it. Undefined when the projection is already past
 * the event (a late retry), which leaves the projection as it is.
 */
function stateAfter(previous: PreviousRecord, event: CaseEvent): CaseState | undefined {
  if (previous.projected === undefined) {
    return replayEvents([event]);
  }
  if (previous.projected.version >= event.sequence) {
    return undefined;
  }
  return evolve(previous.projected.state, event);
}

/** `col = EXCLUDED.col, …`: an upsert's update that takes the new row's values of these columns. */
function takeNew(columns: readonly string[]): string {
  return columns.map((column) => `${column} = EXCLUDED.${column}`).join(', ');
}

/** What a newer step rewrites: of the projection, of a clock, of a piece of work. */
const PROJECTED_COLUMNS = ['stage', 'version', 'violation_code', 'decision_due_at', 'updated_at', 'state', 'policy_version', 'decided_at',
  'decision_outcome', 'fine', 'closed_at', 'archived_at', 'overdue', 'case_number', 'filed_at'] as const;
const CLOCK_COLUMNS = ['status', 'started_at', 'due_at', 'warn_at', 'warned_at', 'settled_at', 'fallback_years', 'extensions', 'paused',
  'updated_version'] as const;
const WORK_COLUMNS = ['role', 'scope', 'assignee', 'deadline_kind', 'due_at'] as const;

/** The event's row: `$1`–`$12` are its case, sequence, workflow, type, actor, role, stages, data, time and hashes. */
const INSERT_EVENT = `INSERT INTO case_events (case_id, sequence, workflow_id, type, actor_id, actor_role, stage_before, stage_after,
                                                data, occurred_at, prev_hash, hash) VALUES`;
const ON_EVENT_CONFLICT = `ON CONFLICT (case_id, sequence) DO NOTHING RETURNING id`;

/**
 * A step in one statement: the projection (`$13`–`$30`, see projectionValues) and what derives from
 * it, then the event's row, which answers whether it was new. The newest state wins: a stale retry
 * of an older event leaves a newer projection untouched, and the rows derived from the state (the
 * clocks `$31`, the participants `$32`, the inbox `$33`) are written only with a projection that
 * was. Concurrent writers of one case queue on the projection's row lock. Every write targets rows
 * no other part of the statement touches, as one statement requires: work that is done is deleted
 * and work pending upserted, participants still in are upserted and those gone closed.
 */
const RECORD_STEP = `
  WITH projected AS (
    INSERT INTO cases (id, workflow_id, agency_id, stage, version, violation_code, party_type, party_name,
                       registered_at, decision_due_at, updated_at, state, policy_version, decided_at,
                       decision_outcome, fine, closed_at, archived_at, overdue, case_number, filed_at)
    VALUES ($1, $3, $13, $14, $15, $16, $17, $18, $19, $20, $10, $21::jsonb, $22, $23, $24, $25, $26, $27, $28, $29, $30)
    ON CONFLICT (id) DO UPDATE SET
      ${takeNew(PROJECTED_COLUMNS)}
    WHERE cases.version < EXCLUDED.version
    RETURNING id
  ),
  clocks AS (
    INSERT INTO case_deadlines (case_id, kind, status, started_at, due_at, warn_at, warned_at, settled_at,
                                fallback_years, extensions, paused, updated_version)
    SELECT $1::uuid, d.kind, d.status, d.started_at, d.due_at, d.warn_at, d.warned_at, d.settled_at,
           d.fallback_years, d.extensions, d.paused, $15::int
    FROM jsonb_to_recordset($31::jsonb) AS d(kind text, status text, started_at timestamptz, due_at timestamptz,
         warn_at timestamptz, warned_at timestamptz, settled_at timestamptz, fallback_years integer[],
         extensions integer, paused boolean)
    WHERE EXISTS (SELECT 1 FROM projected)
    ON CONFLICT (case_id, kind) DO UPDATE SET
      ${takeNew(CLOCK_COLUMNS)}
    WHERE case_deadlines.updated_version < EXCLUDED.updated_version
  ),
  joined AS (
    -- A handler reinstated by a later recusal's replacement takes part again from then.
    INSERT INTO case_participants (case_id, user_id, role, since, until)
    SELECT $1::uuid, p.user_id, p.role, p.since, p.until
    FROM jsonb_to_recordset($32::jsonb) AS p(user_id text, role text, since timestamptz, until timestamptz)
    WHERE EXISTS (SELECT 1 FROM projected)
    ON CONFLICT (case_id, user_id, role) DO UPDATE SET
      since = CASE WHEN case_participants.until IS NOT NULL AND EXCLUDED.until IS NULL
                   THEN EXCLUDED.since ELSE case_participants.since END,
      until = EXCLUDED.until
    WHERE case_participants.until IS DISTINCT FROM EXCLUDED.until
  ),
  left_case AS (
    UPDATE case_participants SET until = $10::timestamptz
    WHERE case_id = $1::uuid AND until IS NULL AND EXISTS (SELECT 1 FROM projected)
      AND (user_id, role) NOT IN (SELECT p.user_id, p.role FROM jsonb_to_recordset($32::jsonb) AS p(user_id text, role text))
  ),
  work_done AS (
    DELETE FROM case_work_items
    WHERE case_id = $1::uuid AND EXISTS (SELECT 1 FROM projected)
      AND action <> ALL(SELECT w.action FROM jsonb_to_recordset($33::jsonb) AS w(action text))
  ),
  work_pending AS (
    INSERT INTO case_work_items (case_id, action, agency_id, role, scope, assignee, deadline_kind, due_at, since)
    SELECT $1::uuid, w.action, $13::text, w.role, w.scope, w.assignee, w.deadline_kind, w.due_at, $10::timestamptz
    FROM jsonb_to_recordset($33::jsonb) AS w(action text, role text, scope text, assignee text, deadline_kind text, due_at timestamptz)
    WHERE EXISTS (SELECT 1 FROM projected)
    ON CONFLICT (case_id, action) DO UPDATE SET
      ${takeNew(WORK_COLUMNS)}
  )
  ${INSERT_EVENT} ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12) ${ON_EVENT_CONFLICT}`;

/**
 * `$13`–`$33` of RECORD_STEP: the projection's columns, then its clocks (one row per kind; the domain
 * never drops a clock, so none is deleted), participants and inbox rows as JSON.
 */
function projectionValues(event: CaseEvent, state: CaseState): unknown[] {
  const decisionDue = state.deadlines.find((deadline) => deadline.kind === 'decision');
  const overdue = !isFinalStage(state.stage) && state.deadlines.some((deadline) => deadline.status === 'missed');
  const clocks = state.deadlines.map((deadline) => ({
    kind: deadline.kind,
    status: deadline.status,
    started_at: deadline.startedAt,
    due_at: deadline.dueAt,
    warn_at: deadline.warnAt,
    warned_at: deadline.warnedAt ?? null,
    settled_at: deadline.settledAt ?? null,
    fallback_years: deadline.fallbackYears,
    extensions: deadline.extensions.length,
    paused: deadline.status === 'paused',
  }));
  // Where the state does not say since when (the first handlers), a new row takes this event's time,
  // which is when the person came in, as a case records its events in order.
  const participants = participantsOf(state).map((participant) => ({
    ...participant,
    since: participant.since ?? participant.until ?? event.occurredAt,
    until: participant.until ?? null,
  }));
  return [
    state.agencyId,
    state.stage,
    state.version,
    state.clue.violationCode ?? null,
    state.clue.party.type,
    state.clue.party.name,
    state.registeredAt,
    decisionDue?.dueAt ?? null,
    JSON.stringify(state),
    state.policyVersion,
    state.decision?.decidedAt ?? null,
    state.decision?.outcome ?? null,
    state.decision?.fine ?? null,
    state.closing?.closedAt ?? null,
    state.archive?.archivedAt ?? null,
    overdue,
    state.caseNumber ?? null,
    state.filing?.filed === true ? state.filing.decidedAt : null,
    JSON.stringify(clocks),
    JSON.stringify(participants),
    JSON.stringify(workItemRows(state)),
  ];
}

/** Thrown when an event's sequence is already taken by a different event: never mended by a retry. */
export class CaseEventConflictError extends Error {
  override readonly name = 'CaseEventConflictError';
}

/** Thrown when an event arrives before the one it follows is recorded: a retry mends it. */
export class CaseEventOutOfOrderError extends Error {
  override readonly name = 'CaseEventOutOfOrderError';
}

/**
 * Writes and reads the case record: the `case_events` log and the `cases` projection. Writing is
 * idempotent per (case, sequence), so an activity retried after a crash changes nothing twice.
 */
export class CaseRecordRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends the event and brings the projection to the case after it. `given` is that state as the
   * workflow sent it; workflows since RECORD_EVENT_WITHOUT_STATE_PATCH send none, and the state is then
   * the projection's (the case after the previous event) evolved by this event, as a replay would.
   * Two round trips: the read of what the event follows, then RECORD_STEP. No transaction spans them:
   * what is read never changes once written, and a retry racing this one loses at the projection's
   * version check and at the event's unique key.
   */
  async recordEvent(workflowId: string, event: CaseEvent, given?: CaseState): Promise<RecordOutcome> {
    const previous = await this.previous(event);
    const hash = chainHash(previous.hash, {
      caseId: event.caseId,
      sequence: event.sequence,
      workflowId,
      type: event.data.type,
      actorId: event.actor.userId,
      actorRole: event.actor.role,
      stageBefore: event.stageBefore,
      stageAfter: event.stageAfter,
      data: event.data,
      occurredAt: event.occurredAt,
    });
    const state = given ?? stateAfter(previous, event);
    const eventValues = [
      event.caseId,
      event.sequence,
      workflowId,
      event.data.type,
      event.actor.userId,
      event.actor.role,
      event.stageBefore,
      event.stageAfter,
      JSON.stringify(event.data),
      event.occurredAt,
      previous.hash,
      hash,
    ];
    // One statement, so one round trip and atomic without a transaction around it.
    const inserted: unknown[] =
      state === undefined
        ? await this.dataSource.query(`${INSERT_EVENT} ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ${ON_EVENT_CONFLICT}`, eventValues)
        : await this.dataSource.query(RECORD_STEP, [...eventValues, ...projectionValues(event, state)]);
    if (inserted.length > 0) {
      return 'recorded';
    }
    const existing = await this.dataSource.manager.findOneByOrFail(CaseEventEntity, { caseId: event.caseId, sequence: event.sequence });
    if (existing.type !== event.data.type || existing.occurredAt.toISOString() !== event.occurredAt) {
      throw new CaseEventConflictError(
        `case ${event.caseId} already has event ${event.sequence} (${existing.type}); refusing ${event.data.type}`,
      );
    }
    return 'already-recorded';
  }

  /**
   * What the event follows: the hash its row chains to, and the projection's state with its
   * version. Rows are never changed, so reading the committed previous row needs no lock. Two
   * updates in flight can have their events recorded out of order: the later one waits, by its
   * activity's retry, until the earlier row is there to chain to. The projection is written by the
   * statement that wrote that row, so it is there too, at that version or a newer one.
   */
  private async previous(event: CaseEvent): Promise<PreviousRecord> {
    if (event.sequence === 1) {
      return { hash: GENESIS_HASH };
    }
    const rows: Array<{ hash: string; state: CaseState; version: number }> = await this.dataSource.query(
      `SELECT e.hash, c.state, c.version FROM case_events e JOIN cases c ON c.id = e.case_id
       WHERE e.case_id = $1 AND e.sequence = $2`,
      [event.caseId, event.sequence - 1],
    );
    const [row] = rows;
    if (row === undefined) {
      throw new CaseEventOutOfOrderError(`case ${event.caseId} has no event ${event.sequence - 1} yet to chain event ${event.sequence} to`);
    }
    return { hash: row.hash, projected: { state: row.state, version: row.version } };
  }

  /** A case's agency and stage as the projection has them, without its state; null until its registration is recorded. */
  async findCaseStage(caseId: string): Promise<{ agencyId: string; stage: CaseState['stage'] } | null> {
    const rows: Array<{ agencyId: string; stage: CaseState['stage'] }> = await this.dataSource.query(
      'SELECT agency_id AS "agencyId", stage FROM cases WHERE id = $1',
      [caseId],
    );
    return rows[0] ?? null;
  }

  findCase(caseId: string): Promise<CaseEntity | null> {
    return this.dataSource.getRepository(CaseEntity).findOneBy({ id: caseId });
  }

  listEvents(caseId: string): Promise<CaseEventEntity[]> {
    return this.dataSource.getRepository(CaseEventEntity).find({ where: { caseId }, order: { sequence: 'ASC' } });
  }

  /** The clocks of a case, in the order they started. */
  listDeadlines(caseId: string): Promise<CaseDeadlineEntity[]> {
    return this.dataSource
      .getRepository(CaseDeadlineEntity)
      .find({ where: { caseId }, order: { startedAt: 'ASC', kind: 'ASC' } });
  }

  /** Who works or worked on a case, in the order they joined. */
  listParticipants(caseId: string): Promise<CaseParticipantEntity[]> {
    return this.dataSource
      .getRepository(CaseParticipantEntity)
      .find({ where: { caseId }, order: { since: 'ASC', role: 'ASC', userId: 'ASC' } });
  }

  /** The supervision (督办) list of an agency: every missed deadline of its overdue cases, longest overdue first. */
  async listOverdueCases(agencyId: string): Promise<OverdueDeadlineRef[]> {
    const rows: Array<{ caseId: string; kind: DeadlineKind; dueAt: Date; missedAt: Date }> = await this.dataSource.query(
      `SELECT c.id AS "caseId", d.kind, d.due_at AS "dueAt", d.settled_at AS "missedAt"
       FROM cases c
       JOIN case_deadlines d ON d.case_id = c.id AND d.status = 'missed'
       WHERE c.agency_id = $1 AND c.overdue
       ORDER BY d.due_at, c.id, d.kind`,
      [agencyId],
    );
    return rows;
  }

  /**
   * Cases not in a final stage, of one agency or of all. The projection trails the workflows by an
   * activity, so a caller that messages these must expect some to have ended meanwhile.
   */
  async listOpenCases(agencyId?: string): Promise<OpenCaseRef[]> {
    const finalStages = ALL_CASE_STAGES.filter(isFinalStage);
    const rows: OpenCaseRef[] = await this.dataSource.query(
      `SELECT id AS "caseId", workflow_id AS "workflowId", agency_id AS "agencyId"
       FROM cases
       WHERE stage <> ALL($1::text[]) AND ($2::text IS NULL OR agency_id = $2)
       ORDER BY agency_id, registered_at`,
      [finalStages, agencyId ?? null],
    );
    return rows;
  }
}
