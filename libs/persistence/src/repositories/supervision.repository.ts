import type { DataSource, EntityManager } from 'typeorm';

/** A half-open span of time [startsAt, endsBefore), and the span of equal length just before it. */
export interface SupervisionPeriod {
  readonly agencyId: string;
  readonly startsAt: Date;
  readonly endsBefore: Date;
  readonly previousStartsAt: Date;
}

export interface MetMissed {
  readonly met: number;
  readonly missed: number;
}

export interface DivergentPenaltyRow {
  readonly caseId: string;
  readonly violationCode: string | null;
  readonly severity: string | null;
  readonly proposedOutcome: string | null;
  readonly proposedFine: number | null;
  readonly benchmarkStatus: string;
  readonly range: { readonly min: number; readonly max: number } | null;
  readonly decidedFine: number | null;
  readonly submittedAt: string;
}

/** The raw counts behind the supervision figures (domain.md §7); rates and flags are derived by the caller. */
export interface SupervisionCounts {
  readonly cluesRegistered: number;
  readonly filed: number;
  readonly notFiled: number;
  readonly casesByStage: Readonly<Record<string, number>>;
  readonly clocks: { readonly decision: MetMissed; readonly publicity: MetMissed; readonly legalReview: MetMissed };
  readonly reviews: {
    readonly approved: number;
    readonly returned: number;
    readonly revisionRequested: number;
    readonly disapproved: number;
    readonly medianHours: number | null;
    readonly averageHours: number | null;
  };
  readonly clueTransfers: {
    readonly started: number;
    readonly awaitingApproval: number;
    readonly refused: number;
    readonly awaitingTransfer: number;
    readonly awaitingAcknowledgement: number;
    readonly awaitingFeedback: number;
    readonly feedbackReceived: number;
  };
  readonly divergentPenalties: { readonly total: number; readonly rows: readonly DivergentPenaltyRow[] };
  readonly income: { readonly current: number; readonly previous: number };
  readonly finesImposed: { readonly decisions: number; readonly total: number };
  readonly decisionChanges: { readonly changed: number; readonly revoked: number; readonly heldUnlawful: number };
}

/** How many divergent proposals are listed one by one; the count covers them all. */
export const DIVERGENT_PENALTY_LIST_LIMIT = 100;

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/**
 * Aggregates over the case projection for supervisors (量化考核): one agency, one period, counted
 * in SQL. Everything is read in one repeatable-read transaction, so the figures agree with each
 * other even while cases move. Events are counted by when they happened (`occurred_at`), clocks
 * by when they were settled, transfers by when they started, payments by the date paid.
 */
export class SupervisionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async counts(period: SupervisionPeriod): Promise<SupervisionCounts> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const params = [period.agencyId, period.startsAt, period.endsBefore];
      const events = await this.eventCounts(manager, params);
      const reviews = await this.reviewTurnaround(manager, params);
      const clocks = await this.clockCounts(manager, params);
      const divergent = await this.divergentPenalties(manager, params);
      return {
        cluesRegistered: num(events['registered']),
        filed: num(events['filed']),
        notFiled: num(events['not_filed']),
        casesByStage: await this.casesByStage(manager, period.agencyId),
        clocks,
        reviews,
        clueTransfers: await this.clueTransfers(manager, params),
        divergentPenalties: divergent,
        income: await this.income(manager, [...params, period.previousStartsAt]),
        finesImposed: { decisions: num(events['penalties']), total: num(events['fines']) },
        decisionChanges: {
          changed: num(events['changed']),
          revoked: num(events['revoked']),
          heldUnlawful: num(events['held_unlawful']),
        },
      };
    });
  }

  private async eventCounts(manager: EntityManager, params: unknown[]): Promise<Record<string, unknown>> {
    const [row]: Record<string, unknown>[] = await manager.query(
      `SELECT count(*) FILTER (WHERE e.type = 'case_registered') AS registered,
              count(*) FILTER (WHERE e.type = 'filing_approved') AS filed,
              count(*) FILTER (WHERE e.type = 'filing_declined') AS not_filed,
              count(*) FILTER (WHERE e.type = 'case_decided' AND e.data ->> 'outcome' = 'penalty') AS penalties,
              COALESCE(sum((e.data ->> 'fine')::numeric) FILTER (WHERE e.type = 'case_decided'), 0) AS fines,
              count(*) FILTER (WHERE e.type = 'decision_change_recorded' AND e.data ->> 'kind' = 'changed') AS changed,
              count(*) FILTER (WHERE e.type = 'decision_change_recorded' AND e.data ->> 'kind' = 'revoked') AS revoked,
              count(*) FILTER (WHERE e.type = 'decision_change_recorded' AND e.data ->> 'kind' = 'held_unlawful') AS held_unlawful
       FROM case_events e JOIN cases c ON c.id = e.case_id
       WHERE c.agency_id = $1 AND e.occurred_at >= $2 AND e.occurred_at < $3
         AND e.type IN ('case_registered', 'filing_approved', 'filing_declined', 'case_decided', 'decision_change_recorded')`,
      params,
    );
    return row ?? {};
  }

  private async casesByStage(manager: EntityManager, agencyId: string): Promise<Record<string, number>> {
    const rows: { stage: string; cases: string }[] = await manager.query(
      `SELECT stage, count(*) AS cases FROM cases WHERE agency_id = $1 GROUP BY stage`,
      [agencyId],
    );
    return Object.fromEntries(rows.map((row) => [row.stage, Number(row.cases)]));
  }

  private async clockCounts(manager: EntityManager, params: unknown[]): Promise<SupervisionCounts['clocks']> {
    const rows: { kind: string; met: string; missed: string }[] = await manager.query(
      `SELECT d.kind, count(*) FILTER (WHERE d.status = 'met') AS met, count(*) FILTER (WHERE d.status = 'missed') AS missed
       FROM case_deadlines d JOIN cases c ON c.id = d.case_id
       WHERE c.agency_id = $1 AND d.kind IN ('decision', 'publicity', 'legal_review')
         AND d.settled_at >= $2 AND d.settled_at < $3
       GROUP BY d.kind`,
      params,
    );
    const of = (kind: string): MetMissed => {
      const row = rows.find((candidate) => candidate.kind === kind);
      return { met: num(row?.met), missed: num(row?.missed) };
    };
    return { decision: of('decision'), publicity: of('publicity'), legalReview: of('legal_review') };
  }

  /**
   * Each review decided in the period, timed from the submission that sent the report to review
   * (the latest one before the decision, since a returned report is submitted again), in calendar hours.
   */
  private async reviewTurnaround(manager: EntityManager, params: unknown[]): Promise<SupervisionCounts['reviews']> {
    const [row]: Record<string, unknown>[] = await manager.query(
      `WITH reviews AS (
         SELECT r.data ->> 'outcome' AS outcome,
                extract(epoch FROM r.occurred_at - (
                  SELECT max(s.occurred_at) FROM case_events s
                  WHERE s.case_id = r.case_id AND s.sequence < r.sequence
                    AND s.type = 'investigation_report_submitted' AND s.stage_after = 'legal_review')) / 3600 AS hours
         FROM case_events r JOIN cases c ON c.id = r.case_id
         WHERE c.agency_id = $1 AND r.type = 'legal_review_decided' AND r.occurred_at >= $2 AND r.occurred_at < $3
       )
       SELECT count(*) FILTER (WHERE outcome = 'approved') AS approved,
              count(*) FILTER (WHERE outcome = 'returned') AS returned,
              count(*) FILTER (WHERE outcome = 'revision_requested') AS revision_requested,
              count(*) FILTER (WHERE outcome = 'disapproved') AS disapproved,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS median_hours,
              avg(hours) AS average_hours
       FROM reviews`,
      params,
    );
    return {
      approved: num(row?.['approved']),
      returned: num(row?.['returned']),
      revisionRequested: num(row?.['revision_requested']),
      disapproved: num(row?.['disapproved']),
      medianHours: numOrNull(row?.['median_hours']),
      averageHours: numOrNull(row?.['average_hours']),
    };
  }

  private async clueTransfers(manager: EntityManager, params: unknown[]): Promise<SupervisionCounts['clueTransfers']> {
    const [row]: Record<string, unknown>[] = await manager.query(
      `SELECT count(*) AS started,
              count(*) FILTER (WHERE status = 'proposed') AS awaiting_approval,
              count(*) FILTER (WHERE status = 'closed' AND state ->> 'outcome' = 'refused_by_head') AS refused,
              count(*) FILTER (WHERE status = 'approved') AS awaiting_transfer,
              count(*) FILTER (WHERE status = 'transferred') AS awaiting_acknowledgement,
              count(*) FILTER (WHERE status = 'acknowledged') AS awaiting_feedback,
              count(*) FILTER (WHERE status = 'closed' AND state ->> 'outcome' = 'feedback_received') AS feedback_received
       FROM case_transfers
       WHERE agency_id = $1 AND kind = 'clue_transfer' AND started_at >= $2 AND started_at < $3`,
      params,
    );
    return {
      started: num(row?.['started']),
      awaitingApproval: num(row?.['awaiting_approval']),
      refused: num(row?.['refused']),
      awaitingTransfer: num(row?.['awaiting_transfer']),
      awaitingAcknowledgement: num(row?.['awaiting_acknowledgement']),
      awaitingFeedback: num(row?.['awaiting_feedback']),
      feedbackReceived: num(row?.['feedback_received']),
    };
  }

  /**
   * Reports submitted in the period whose proposal the benchmark check found outside the range, or
   * a penalty where a no-penalty list applies (domain.md §5), as recorded in the report's event.
   */
  private async divergentPenalties(manager: EntityManager, params: unknown[]): Promise<SupervisionCounts['divergentPenalties']> {
    const rows: (Record<string, unknown> & { total: string })[] = await manager.query(
      `SELECT e.case_id AS "caseId", c.violation_code AS "violationCode",
              e.data #>> '{report,severity}' AS severity,
              e.data #>> '{report,proposedOutcome}' AS "proposedOutcome",
              (e.data #>> '{report,proposedFine}')::numeric AS "proposedFine",
              e.data #>> '{report,benchmarkFinding,status}' AS "benchmarkStatus",
              e.data #> '{report,benchmarkFinding,range}' AS range,
              c.fine AS "decidedFine", e.occurred_at AS "submittedAt",
              count(*) OVER () AS total
       FROM case_events e JOIN cases c ON c.id = e.case_id
       WHERE c.agency_id = $1 AND e.type = 'investigation_report_submitted'
         AND e.occurred_at >= $2 AND e.occurred_at < $3
         AND (e.data #>> '{report,benchmarkFinding,status}' IN ('below_range', 'above_range')
              OR (e.data #>> '{report,benchmarkFinding,status}' = 'no_penalty_list_applies'
                  AND e.data #>> '{report,proposedOutcome}' = 'penalty'))
       ORDER BY e.occurred_at, e.case_id
       LIMIT ${DIVERGENT_PENALTY_LIST_LIMIT}`,
      params,
    );
    return {
      total: num(rows[0]?.total),
      rows: rows.map((row) => {
        const range = row['range'] as { min?: unknown; max?: unknown } | null;
        return {
          caseId: String(row['caseId']),
          violationCode: (row['violationCode'] as string | null) ?? null,
          severity: (row['severity'] as string | null) ?? null,
          proposedOutcome: (row['proposedOutcome'] as string | null) ?? null,
          proposedFine: numOrNull(row['proposedFine']),
          benchmarkStatus: String(row['benchmarkStatus']),
          range: range === null ? null : { min: Number(range.min), max: Number(range.max) },
          decidedFine: numOrNull(row['decidedFine']),
          submittedAt: (row['submittedAt'] as Date).toISOString(),
        };
      }),
    };
  }

  /** Fines and surcharges paid, by the date paid, in the period and in the one before it. */
  private async income(manager: EntityManager, params: unknown[]): Promise<SupervisionCounts['income']> {
    const [row]: Record<string, unknown>[] = await manager.query(
      `WITH payments AS (
         SELECT (e.data ->> 'paidAt')::timestamptz AS paid_at, (e.data ->> 'amount')::numeric AS amount
         FROM case_events e JOIN cases c ON c.id = e.case_id
         -- A payment is recorded after it is made, so nothing recorded before the earlier period was paid in it.
         WHERE c.agency_id = $1 AND e.type = 'payment_recorded' AND e.occurred_at >= $4
       )
       SELECT COALESCE(sum(amount) FILTER (WHERE paid_at >= $2 AND paid_at < $3), 0) AS current,
              COALESCE(sum(amount) FILTER (WHERE paid_at >= $4 AND paid_at < $2), 0) AS previous
       FROM payments`,
      params,
    );
    return { current: num(row?.['current']), previous: num(row?.['previous']) };
  }
}
