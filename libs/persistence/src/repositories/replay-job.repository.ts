import type { DataSource } from 'typeorm';

export const REPLAY_CASE_STATUSES = ['pending', 'deterministic', 'diverged', 'failed', 'missing'] as const;
/** Where one case of a replay job stands: waiting, or the verdict on all its recorded runs. */
export type ReplayCaseStatus = (typeof REPLAY_CASE_STATUSES)[number];

export type ReplayJobStatus = 'running' | 'completed';

/** What the auditor asked to replay, as they asked it. */
export type ReplaySelectionRecord =
  | { readonly caseIds: readonly string[] }
  | { readonly closedFrom: string; readonly closedTo: string }
  | { readonly all: true };

export interface ReplayCaseVerdict {
  readonly status: Exclude<ReplayCaseStatus, 'pending'>;
  /** The workflow runs replayed for the case: its own and its transfers'. */
  readonly histories: number;
  readonly events: number;
  /** The first run that did not replay deterministically, and why. */
  readonly workflowId?: string;
  readonly runId?: string;
  readonly divergentEventId?: number;
  readonly reason?: string;
}

export interface ReplayCaseResult extends Partial<Omit<ReplayCaseVerdict, 'status'>> {
  readonly caseId: string;
  readonly status: ReplayCaseStatus;
  readonly replayedAt?: string;
}

export interface ReplayJob {
  readonly jobId: string;
  readonly requestedBy: { readonly userId: string; readonly role: string; readonly agencyId: string };
  readonly selection: ReplaySelectionRecord;
  readonly status: ReplayJobStatus;
  readonly createdAt: string;
  readonly finishedAt?: string;
  readonly total: number;
  /** Cases per status. */
  readonly counts: Readonly<Record<ReplayCaseStatus, number>>;
  readonly results: readonly ReplayCaseResult[];
}

/** A job as a list shows it: everything but the per-case rows. */
export type ReplayJobSummary = Omit<ReplayJob, 'results'>;

interface JobRow {
  id: string;
  requested_by: string;
  requested_role: string;
  requested_agency_id: string;
  selection: ReplaySelectionRecord;
  status: ReplayJobStatus;
  total: number;
  created_at: Date;
  finished_at: Date | null;
}

interface ResultRow {
  case_id: string;
  status: ReplayCaseStatus;
  histories: number | null;
  events: number | null;
  workflow_id: string | null;
  run_id: string | null;
  divergent_event_id: number | null;
  reason: string | null;
  replayed_at: Date | null;
}

/** `replay_jobs` and `replay_results`: an auditor's replay job, its queue of cases and their verdicts. */
export class ReplayJobRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores a new job with all its cases waiting, in the order given. */
  async create(job: {
    jobId: string;
    requestedBy: ReplayJob['requestedBy'];
    selection: ReplaySelectionRecord;
    caseIds: readonly string[];
  }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO replay_jobs (id, requested_by, requested_role, requested_agency_id, selection, total) VALUES ($1, $2, $3, $4, $5, $6)`,
        [job.jobId, job.requestedBy.userId, job.requestedBy.role, job.requestedBy.agencyId, JSON.stringify(job.selection), job.caseIds.length],
      );
      await manager.query(
        `INSERT INTO replay_results (job_id, position, case_id)
         SELECT $1, ordinality, case_id FROM unnest($2::uuid[]) WITH ORDINALITY AS cases(case_id, ordinality)`,
        [job.jobId, job.caseIds],
      );
    });
  }

  /**
   * The cases of the given agencies a selection covers, from the `cases` projection: those named
   * (the ones that exist there), those closed (结案) in [closedFrom, closedTo), or all of them.
   */
  async selectCaseIds(selection: ReplaySelectionRecord, agencyIds: readonly string[]): Promise<string[]> {
    let rows: Array<{ id: string }>;
    if ('caseIds' in selection) {
      rows = await this.dataSource.query(`SELECT id FROM cases WHERE id = ANY($1::uuid[]) AND agency_id = ANY($2)`, [selection.caseIds, agencyIds]);
      const found = new Set(rows.map((row) => row.id));
      return selection.caseIds.filter((caseId) => found.has(caseId));
    }
    if ('closedFrom' in selection) {
      rows = await this.dataSource.query(
        `SELECT id FROM cases WHERE agency_id = ANY($1) AND closed_at >= $2 AND closed_at < $3 ORDER BY closed_at, id`,
        [agencyIds, selection.closedFrom, selection.closedTo],
      );
    } else {
      rows = await this.dataSource.query(`SELECT id FROM cases WHERE agency_id = ANY($1) ORDER BY registered_at, id`, [agencyIds]);
    }
    return rows.map((row) => row.id);
  }

  /** The next waiting cases of a job, oldest first. */
  async pendingCaseIds(jobId: string, limit: number): Promise<string[]> {
    const rows: Array<{ case_id: string }> = await this.dataSource.query(
      `SELECT case_id FROM replay_results WHERE job_id = $1 AND status = 'pending' ORDER BY position LIMIT $2`,
      [jobId, limit],
    );
    return rows.map((row) => row.case_id);
  }

  async countPending(jobId: string): Promise<number> {
    const rows: Array<{ pending: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS pending FROM replay_results WHERE job_id = $1 AND status = 'pending'`,
      [jobId],
    );
    return rows[0]?.pending ?? 0;
  }

  /** Stores one case's verdict; a verdict already stored stays (a retried batch changes nothing twice). */
  async recordVerdict(jobId: string, caseId: string, verdict: ReplayCaseVerdict): Promise<void> {
    await this.dataSource.query(
      `UPDATE replay_results
         SET status = $3, histories = $4, events = $5, workflow_id = $6, run_id = $7, divergent_event_id = $8, reason = $9, replayed_at = now()
       WHERE job_id = $1 AND case_id = $2 AND status = 'pending'`,
      [
        jobId,
        caseId,
        verdict.status,
        verdict.histories,
        verdict.events,
        verdict.workflowId ?? null,
        verdict.runId ?? null,
        verdict.divergentEventId ?? null,
        verdict.reason ?? null,
      ],
    );
  }

  async finish(jobId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE replay_jobs SET status = 'completed', finished_at = coalesce(finished_at, now()) WHERE id = $1`,
      [jobId],
    );
  }

  /**
   * The jobs one user started, newest first, each with its cases counted per status; `afterJobId`
   * (the last job of the previous page) is compared by its stored key, so no precision is lost.
   */
  async listByRequester(requestedBy: string, limit: number, afterJobId?: string): Promise<ReplayJobSummary[]> {
    const rows: Array<JobRow & { counts: Partial<Record<ReplayCaseStatus, number>> | null }> = await this.dataSource.query(
      `SELECT j.*,
              (SELECT jsonb_object_agg(status, n) FROM (
                 SELECT r.status, count(*)::int AS n FROM replay_results r WHERE r.job_id = j.id GROUP BY r.status) per_status) AS counts
       FROM replay_jobs j
       WHERE j.requested_by = $1
         AND ($3::uuid IS NULL OR (j.created_at, j.id) < (SELECT p.created_at, p.id FROM replay_jobs p WHERE p.id = $3::uuid))
       ORDER BY j.created_at DESC, j.id DESC
       LIMIT $2`,
      [requestedBy, limit, afterJobId ?? null],
    );
    return rows.map((row) => {
      const counts = Object.fromEntries(REPLAY_CASE_STATUSES.map((status) => [status, row.counts?.[status] ?? 0])) as Record<ReplayCaseStatus, number>;
      return summaryOf(row, counts);
    });
  }

  async find(jobId: string): Promise<ReplayJob | undefined> {
    const jobs: JobRow[] = await this.dataSource.query(`SELECT * FROM replay_jobs WHERE id = $1`, [jobId]);
    const job = jobs[0];
    if (job === undefined) {
      return undefined;
    }
    const rows: ResultRow[] = await this.dataSource.query(
      `SELECT case_id, status, histories, events, workflow_id, run_id, divergent_event_id, reason, replayed_at
       FROM replay_results WHERE job_id = $1 ORDER BY position`,
      [jobId],
    );
    const counts = Object.fromEntries(REPLAY_CASE_STATUSES.map((status) => [status, 0])) as Record<ReplayCaseStatus, number>;
    for (const row of rows) {
      counts[row.status] += 1;
    }
    return { ...summaryOf(job, counts), results: rows.map(resultOf) };
  }
}

function summaryOf(job: JobRow, counts: Readonly<Record<ReplayCaseStatus, number>>): ReplayJobSummary {
  return {
    jobId: job.id,
    requestedBy: { userId: job.requested_by, role: job.requested_role, agencyId: job.requested_agency_id },
    selection: job.selection,
    status: job.status,
    createdAt: job.created_at.toISOString(),
    ...(job.finished_at === null ? {} : { finishedAt: job.finished_at.toISOString() }),
    total: job.total,
    counts,
  };
}

function resultOf(row: ResultRow): ReplayCaseResult {
  const optional = <K extends string, V>(key: K, value: V | null): Partial<Record<K, V>> =>
    value === null ? {} : ({ [key]: value } as Record<K, V>);
  return {
    caseId: row.case_id,
    status: row.status,
    ...optional('histories', row.histories),
    ...optional('events', row.events),
    ...optional('workflowId', row.workflow_id),
    ...optional('runId', row.run_id),
    ...optional('divergentEventId', row.divergent_event_id),
    ...optional('reason', row.reason),
    ...optional('replayedAt', row.replayed_at?.toISOString() ?? null),
  };
}
