import type { CaseState } from '@docket/domain';
import type { DataSource } from 'typeorm';

/** Where a page of the publicity listing ends: the last row's publication time and case id. */
export interface PublicityCursor {
  readonly publishedAt: string;
  readonly caseId: string;
}

export interface PublishedCaseQuery {
  readonly agencyId?: string;
  /** Rows strictly after this one in the listing's order; the first page when absent. */
  readonly after?: PublicityCursor;
  readonly limit: number;
}

export interface PublishedCaseRow {
  readonly caseId: string;
  readonly publishedAt: string;
  /** The whole state, personal data included: the caller redacts it before it leaves the process. */
  readonly state: CaseState;
}

/**
 * Reads the cases whose decision was published (行政执法公示), withdrawn ones included, newest first.
 * The publication time is compared as the ISO-8601 UTC text the workflow writes, which sorts as
 * the time does; the migration's expression indexes serve exactly this expression.
 */
export class PublicityRepository {
  constructor(private readonly dataSource: DataSource) {}

  async listPublished(query: PublishedCaseQuery): Promise<PublishedCaseRow[]> {
    const rows: PublishedCaseRow[] = await this.dataSource.query(
      `SELECT id AS "caseId", state #>> '{publicity,publishedAt}' AS "publishedAt", state
       FROM cases
       WHERE state #>> '{publicity,publishedAt}' IS NOT NULL
         AND ($1::text IS NULL OR agency_id = $1)
         AND ($2::text IS NULL OR (state #>> '{publicity,publishedAt}', id) < ($2::text, $3::uuid))
       ORDER BY state #>> '{publicity,publishedAt}' DESC, id DESC
       LIMIT $4`,
      [query.agencyId ?? null, query.after?.publishedAt ?? null, query.after?.caseId ?? null, query.limit],
    );
    return rows;
  }
}
