import { pendingWork, Role, type CaseState } from '@docket/domain';
import type { DataSource } from 'typeorm';

/** Who asks for their inbox: the user, the role acted in, and the agency of the token. */
export interface WorkQueueActor {
  readonly userId: string;
  readonly role: Role;
  readonly agencyId: string;
}

/** A piece of work as the inbox shows it. */
export interface WorkItemRow {
  readonly caseId: string;
  readonly action: string;
  readonly agencyId: string;
  readonly role: Role;
  readonly scope: string;
  readonly assignee: string | null;
  readonly deadlineKind: string | null;
  readonly dueAt: Date | null;
  readonly since: Date;
  readonly claimedBy: string | null;
  readonly claimedAt: Date | null;
  readonly assignedBy: string | null;
  readonly stage: string;
  readonly partyName: string;
  readonly violationCode: string | null;
  /** 案号: null until filing is approved. */
  readonly caseNumber: string | null;
}

/** Where a page of the inbox starts: after the last item of the previous page, in inbox order. */
export interface WorkQueueCursor {
  readonly dueAt: string | null;
  readonly since: string;
  readonly caseId: string;
  readonly action: string;
}

export interface InboxQuery {
  readonly actor: WorkQueueActor;
  /** For supervision staff: the agencies they supervise, whose overdue work they follow (督办). */
  readonly supervisedAgencyIds: readonly string[];
  readonly now: Date;
  readonly limit: number;
  readonly after?: WorkQueueCursor;
}

export type ClaimOutcome =
  | { readonly kind: 'claimed'; readonly item: WorkItemRow }
  | { readonly kind: 'claimed_by_other'; readonly claimedBy: string }
  | { readonly kind: 'not_waiting' };

/**
 * What a case waits for, as rows of `case_work_items` (without case, agency and since), for the
 * statement that records a step (CaseRecordRepository.recordEvent). Work still pending keeps its
 * row (and so its claim); work done leaves, and its claim with it.
 */
export function workItemRows(state: CaseState): Array<Record<string, string | null>> {
  return pendingWork(state).map((item) => ({
    action: item.action,
    role: item.role,
    scope: item.scope,
    assignee: item.assignee ?? null,
    deadline_kind: item.deadlineKind ?? null,
    due_at: item.dueAt ?? null,
  }));
}

/** A work item's columns as WorkItemRow names them; its claim's columns come from `claims`. */
function itemColumns(claims: 'k' | 'w'): string {
  return `
  w.case_id AS "caseId", w.action, w.agency_id AS "agencyId", w.role, w.scope, w.assignee,
  w.deadline_kind AS "deadlineKind", w.due_at AS "dueAt", w.since,
  ${claims}.claimed_by AS "claimedBy", ${claims}.claimed_at AS "claimedAt", ${claims}.assigned_by AS "assignedBy",
  c.stage, c.party_name AS "partyName", c.violation_code AS "violationCode", c.case_number AS "caseNumber"`;
}

const ITEM_COLUMNS = itemColumns('k');

/** The same over a page of work that already carries its claim's columns (listInbox). */
const PAGE_COLUMNS = itemColumns('w');

const ITEM_SOURCE = `
  FROM case_work_items w
  JOIN cases c ON c.id = w.case_id
  LEFT JOIN case_work_claims k ON k.case_id = w.case_id AND k.action = w.action`;

/**
 * Inbox order: the clock that runs out first, then the work waiting longest. Work without a clock
 * comes last. ORDER BY names the columns one by one (a row value would not match the index
 * idx_case_work_items_inbox_order); the cursor compares the row.
 */
const ORDER_COLUMNS = `COALESCE(w.due_at, 'infinity'::timestamptz), w.since, w.case_id, w.action`;
const ORDER_KEY = `(${ORDER_COLUMNS})`;

interface WaitsForOptions {
  /** Whoever holds the work now (assigning by a head). */
  readonly ignoringClaims?: boolean;
  /** For a handler with many cases: test each piece of work in inbox order rather than join (listInbox). */
  readonly handlerTestPerRow?: boolean;
}

/**
 * From how many current cases a handler's inbox walks the agency's work in inbox order, testing
 * each piece for being theirs, instead of starting from their cases. With a share of the agency's
 * cases that large the walk finds a page within a few thousand rows (3.9 ms for 9,649 cases at a
 * million cases), where the join reads all of the agency's handler work (28 ms); with a dozen
 * cases the walk would read all of it to find them (125 ms) and the join takes 0.2 ms.
 */
const HANDLER_INBOX_WALK_FROM_CASES = 1_000;

/**
 * The SQL condition "this work waits for the actor", with its parameters numbered from `first`.
 * One definition serves the inbox, claiming and assigning, so they can never disagree.
 */
function waitsFor(actor: WorkQueueActor, first: number, options: WaitsForOptions = {}): { sql: string; params: unknown[] } {
  const { ignoringClaims = false, handlerTestPerRow = false } = options;
  // Parameters are numbered as they are used: Postgres refuses a parameter no clause mentions.
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${first + params.length - 1}`;
  };
  const agency = param(actor.agencyId);
  const user = param(actor.userId);
  // OFFSET 0 keeps the test a per-row probe of the participants index: the planner cannot turn it
  // into a join of every piece of work of the agency with every case of the handler.
  const currentHandler = `EXISTS (SELECT 1 FROM case_participants p
             WHERE p.case_id = w.case_id AND p.user_id = ${user} AND p.role = 'handler' AND p.until IS NULL${handlerTestPerRow ? ' OFFSET 0' : ''})`;
  const unclaimedOrMine = ignoringClaims ? 'true' : `(k.claimed_by IS NULL OR k.claimed_by = ${user})`;
  const sql = ((): string => {
    switch (actor.role) {
      case Role.Handler:
        return `w.agency_id = ${agency} AND w.role = 'handler' AND ${currentHandler} AND ${unclaimedOrMine}`;
      case Role.Reviewer:
        // Four eyes (APL 58): a reviewer is never shown a case they handle.
        return `w.agency_id = ${agency} AND w.role = 'reviewer' AND NOT ${currentHandler} AND ${unclaimedOrMine}`;
      case Role.Head:
        return `w.agency_id = ${agency} AND w.role = 'head' AND ${unclaimedOrMine}`;
      case Role.HearingOfficer:
        return `w.agency_id = ${agency} AND w.role = 'hearing_officer' AND w.assignee = ${user}`;
      case Role.Auditor:
      case Role.Inspector:
      case Role.Admin:
        return 'false';
    }
  })();
  // Every parameter is mentioned at least once, typed, whichever branch was taken.
  return { sql: `(${sql}) AND ${agency}::text IS NOT NULL AND ${user}::text IS NOT NULL`, params };
}

/** The inbox (待办) and the claims on it, read from the projection the recording activity keeps. */
export class WorkQueueRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * What waits for the actor, most urgent first. Supervision staff see instead the overdue work of
   * the agencies they supervise (督办), whoever it waits for.
   */
  async listInbox(query: InboxQuery): Promise<WorkItemRow[]> {
    const params: unknown[] = [];
    let condition: string;
    if (query.actor.role === Role.Auditor) {
      params.push([...query.supervisedAgencyIds], query.now);
      condition = `w.agency_id = ANY($1::text[]) AND w.due_at < $2`;
    } else {
      const handlerTestPerRow =
        query.actor.role === Role.Handler && (await this.currentCaseCount(query.actor.userId)) >= HANDLER_INBOX_WALK_FROM_CASES;
      const own = waitsFor(query.actor, 1, { handlerTestPerRow });
      params.push(...own.params);
      condition = own.sql;
    }
    if (query.after !== undefined) {
      const n = params.length;
      params.push(query.after.dueAt ?? 'infinity', query.after.since, query.after.caseId, query.after.action);
      condition += ` AND ${ORDER_KEY} > ($${n + 1}::timestamptz, $${n + 2}::timestamptz, $${n + 3}::uuid, $${n + 4}::text)`;
    }
    params.push(query.limit);
    // The page is chosen from the work and its claims alone, and only its rows are joined to their
    // cases: a handler's inbox otherwise looked up the case of every piece of work they could take
    // (3,326 at a million cases) before keeping fifty.
    return this.dataSource.query(
      `SELECT ${PAGE_COLUMNS}
       FROM (SELECT w.*, k.claimed_by, k.claimed_at, k.assigned_by
             FROM case_work_items w
             LEFT JOIN case_work_claims k ON k.case_id = w.case_id AND k.action = w.action
             WHERE ${condition}
             ORDER BY ${ORDER_COLUMNS}
             LIMIT $${params.length}) w
       JOIN cases c ON c.id = w.case_id
       ORDER BY ${ORDER_COLUMNS}`,
      params,
    );
  }

  /** How many cases the user handles now (an index-only count of idx_case_participants_current). */
  private async currentCaseCount(userId: string): Promise<number> {
    const rows: Array<{ n: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM case_participants WHERE user_id = $1 AND role = 'handler' AND until IS NULL`,
      [userId],
    );
    return rows[0]?.n ?? 0;
  }

  /** One piece of work of a case, whoever it waits for; undefined when the case does not wait for it. */
  async findItem(caseId: string, action: string): Promise<WorkItemRow | undefined> {
    const rows: WorkItemRow[] = await this.dataSource.query(
      `SELECT ${ITEM_COLUMNS} ${ITEM_SOURCE} WHERE w.case_id = $1 AND w.action = $2`,
      [caseId, action],
    );
    return rows[0];
  }

  /** Whether the work waits for this person in this role (the inbox's own rule), optionally whoever holds it now. */
  async waitsFor(caseId: string, action: string, actor: WorkQueueActor, options: { ignoringClaims?: boolean } = {}): Promise<boolean> {
    const rule = waitsFor(actor, 3, { ignoringClaims: options.ignoringClaims === true });
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 ${ITEM_SOURCE} WHERE w.case_id = $1 AND w.action = $2 AND ${rule.sql}`,
      [caseId, action, ...rule.params],
    );
    return rows.length > 0;
  }

  /**
   * Takes the work on for `userId`. A claim by someone else stands unless `assignedBy` (a head)
   * reassigns it; claiming again what one holds already changes nothing.
   */
  async claim(caseId: string, action: string, userId: string, assignedBy?: string): Promise<ClaimOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const items: unknown[] = await manager.query(`SELECT 1 FROM case_work_items WHERE case_id = $1 AND action = $2 FOR UPDATE`, [caseId, action]);
      if (items.length === 0) {
        return { kind: 'not_waiting' };
      }
      const inserted: unknown[] = await manager.query(
        assignedBy === undefined
          ? `INSERT INTO case_work_claims (case_id, action, claimed_by) VALUES ($1, $2, $3)
             ON CONFLICT (case_id, action) DO NOTHING RETURNING 1`
          : `INSERT INTO case_work_claims (case_id, action, claimed_by, assigned_by) VALUES ($1, $2, $3, $4)
             ON CONFLICT (case_id, action) DO UPDATE SET claimed_by = EXCLUDED.claimed_by, assigned_by = EXCLUDED.assigned_by,
               claimed_at = now()
             RETURNING 1`,
        assignedBy === undefined ? [caseId, action, userId] : [caseId, action, userId, assignedBy],
      );
      const rows: WorkItemRow[] = await manager.query(`SELECT ${ITEM_COLUMNS} ${ITEM_SOURCE} WHERE w.case_id = $1 AND w.action = $2`, [caseId, action]);
      const [item] = rows;
      if (item === undefined) {
        return { kind: 'not_waiting' };
      }
      if (inserted.length === 0 && item.claimedBy !== userId) {
        return { kind: 'claimed_by_other', claimedBy: item.claimedBy ?? '' };
      }
      return { kind: 'claimed', item };
    });
  }

  /** Gives the work back to the pool. Only its holder or, with `anyHolder`, a head releases it. True when a claim was removed. */
  async release(caseId: string, action: string, userId: string, anyHolder: boolean): Promise<boolean> {
    const removed: unknown[] = await this.dataSource.query(
      `DELETE FROM case_work_claims WHERE case_id = $1 AND action = $2 AND ($4 OR claimed_by = $3) RETURNING 1`,
      [caseId, action, userId, anyHolder],
    );
    return removed.length > 0;
  }

  /** Who holds the work, if anyone. */
  async holderOf(caseId: string, action: string): Promise<string | undefined> {
    const rows: Array<{ claimedBy: string }> = await this.dataSource.query(
      `SELECT claimed_by AS "claimedBy" FROM case_work_claims WHERE case_id = $1 AND action = $2`,
      [caseId, action],
    );
    return rows[0]?.claimedBy;
  }
}
