import type { CaseStage, PartyType } from '@docket/domain';
import type { DataSource } from 'typeorm';

export type CaseSortField = 'registeredAt' | 'decidedAt' | 'caseNumber';
export type SortDirection = 'asc' | 'desc';

export interface CaseSort {
  readonly field: CaseSortField;
  readonly direction: SortDirection;
}

/** Where a page ends: the last row's sort key, as the database printed it, and its id. */
export interface CaseSearchPosition {
  readonly key: string;
  readonly caseId: string;
}

export interface CaseSearchQuery {
  /** The agencies the caller may read, narrowed by any agency filter; never empty. */
  readonly agencyIds: readonly string[];
  readonly stages?: readonly CaseStage[];
  /** A current handler of the case. */
  readonly handlerId?: string;
  /** A reviewer who decided a legal review of the case. */
  readonly reviewerId?: string;
  readonly violationCode?: string;
  readonly overdue?: boolean;
  /** Inclusive lower and exclusive upper bounds, ISO-8601 instants. */
  readonly registeredFrom?: string;
  readonly registeredTo?: string;
  readonly decidedFrom?: string;
  readonly decidedTo?: string;
  /** Substring of the case number or the party's name, case-insensitive for Latin letters. */
  readonly text?: string;
  readonly sort: CaseSort;
  /** Rows strictly after this one in the sort order; the first page when absent. */
  readonly after?: CaseSearchPosition;
  readonly limit: number;
}

export interface CaseSummaryRow {
  readonly caseId: string;
  readonly caseNumber: string | null;
  readonly agencyId: string;
  readonly stage: CaseStage;
  readonly violationCode: string | null;
  readonly partyType: PartyType;
  readonly partyName: string;
  readonly registeredAt: Date;
  readonly filedAt: Date | null;
  readonly decidedAt: Date | null;
  readonly overdue: boolean;
  /** Current handlers, in the order they joined. */
  readonly handlers: string[];
  /** The reviewer of the latest legal review decision, if any. */
  readonly reviewer: string | null;
  readonly sortKey: string;
}

interface SortExpression {
  readonly sql: string;
  readonly type: 'timestamptz' | 'text';
}

/**
 * The sort keys as the migration's indexes hold them. A case without a decision or a number sorts
 * last in both directions, so each nullable key has one coalesced expression per direction.
 */
function sortExpression({ field, direction }: CaseSort): SortExpression {
  switch (field) {
    case 'registeredAt':
      return { sql: 'c.registered_at', type: 'timestamptz' };
    case 'decidedAt':
      return {
        sql: direction === 'asc' ? `coalesce(c.decided_at, 'infinity'::timestamptz)` : `coalesce(c.decided_at, '-infinity'::timestamptz)`,
        type: 'timestamptz',
      };
    case 'caseNumber':
      // '~' sorts after every character a case number may hold, '' before them; byte order ("C").
      return { sql: direction === 'asc' ? `(coalesce(c.case_number, '~') COLLATE "C")` : `(coalesce(c.case_number, '') COLLATE "C")`, type: 'text' };
  }
}

const TIMESTAMP_KEY = /^(-?infinity|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2})$/;

/** Whether a key from a cursor is one this sort could have printed; anything else is refused before SQL. */
export function isSortKeyOf(field: CaseSortField, key: string): boolean {
  return field === 'caseNumber' ? key.length <= 200 : TIMESTAMP_KEY.test(key);
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * Searches the `cases` projection for `GET /cases`: filters, one sort, keyset pages. Every filter
 * is a parameter; the statement's shape follows which filters are present so that the planner
 * sees the index it can use (see docs/search.md for the plans at a million cases).
 */
export class CaseSearchRepository {
  constructor(private readonly dataSource: DataSource) {}

  async search(query: CaseSearchQuery): Promise<CaseSummaryRow[]> {
    if (query.agencyIds.length === 0) {
      return [];
    }
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    where.push(
      query.agencyIds.length === 1 ? `c.agency_id = ${param(query.agencyIds[0])}` : `c.agency_id = ANY(${param(query.agencyIds)}::text[])`,
    );
    if (query.stages !== undefined && query.stages.length > 0) {
      where.push(query.stages.length === 1 ? `c.stage = ${param(query.stages[0])}` : `c.stage = ANY(${param(query.stages)}::text[])`);
    }
    if (query.handlerId !== undefined) {
      where.push(`EXISTS (SELECT 1 FROM case_participants p
                          WHERE p.case_id = c.id AND p.user_id = ${param(query.handlerId)} AND p.role = 'handler' AND p.until IS NULL)`);
    }
    if (query.reviewerId !== undefined) {
      where.push(`EXISTS (SELECT 1 FROM case_participants p
                          WHERE p.case_id = c.id AND p.user_id = ${param(query.reviewerId)} AND p.role = 'reviewer' AND p.until IS NULL)`);
    }
    if (query.violationCode !== undefined) {
      where.push(`c.violation_code = ${param(query.violationCode)}`);
    }
    if (query.overdue !== undefined) {
      where.push(query.overdue ? 'c.overdue' : 'NOT c.overdue');
    }
    if (query.registeredFrom !== undefined) {
      where.push(`c.registered_at >= ${param(query.registeredFrom)}::timestamptz`);
    }
    if (query.registeredTo !== undefined) {
      where.push(`c.registered_at < ${param(query.registeredTo)}::timestamptz`);
    }
    // Sorted by decision, the bounds go on the sort key itself, so they bound the index range; the
    // bounds are finite, so the coalesced key of an undecided case never falls inside them.
    const decided = query.sort.field === 'decidedAt' ? sortExpression(query.sort).sql : 'c.decided_at';
    if (query.decidedFrom !== undefined) {
      where.push(`${decided} >= ${param(query.decidedFrom)}::timestamptz`);
    }
    if (query.decidedTo !== undefined) {
      where.push(`${decided} < ${param(query.decidedTo)}::timestamptz`);
    }
    if (query.text !== undefined) {
      const pattern = param(likePattern(query.text));
      where.push(`(c.case_number ILIKE ${pattern} ESCAPE '\\' OR c.party_name ILIKE ${pattern} ESCAPE '\\')`);
      // A single character has no bigram: such a query is answered by the other filters' index alone.
      if ([...query.text].length >= 2) {
        where.push(`docket_search_grams(coalesce(c.case_number, '') || E'\\n' || c.party_name) @> docket_search_grams(${param(query.text)})`);
      }
    }
    const sort = sortExpression(query.sort);
    const direction = query.sort.direction === 'asc' ? 'ASC' : 'DESC';
    if (query.after !== undefined) {
      const key = sort.type === 'text' ? `(${param(query.after.key)}::text COLLATE "C")` : `${param(query.after.key)}::timestamptz`;
      where.push(`(${sort.sql}, c.id) ${query.sort.direction === 'asc' ? '>' : '<'} (${key}, ${param(query.after.caseId)}::uuid)`);
    }
    const limit = param(query.limit);

    // The page is chosen first; handlers and reviewer are looked up for its rows only.
    const rows: CaseSummaryRow[] = await this.dataSource.query(
      `SELECT page."caseId", page."caseNumber", page."agencyId", page.stage, page."violationCode", page."partyType",
              page."partyName", page."registeredAt", page."filedAt", page."decidedAt", page.overdue, page."sortKey",
              ARRAY(SELECT p.user_id FROM case_participants p
                    WHERE p.case_id = page."caseId" AND p.role = 'handler' AND p.until IS NULL
                    ORDER BY p.since, p.user_id) AS handlers,
              (SELECT p.user_id FROM case_participants p
               WHERE p.case_id = page."caseId" AND p.role = 'reviewer'
               ORDER BY p.since DESC, p.user_id LIMIT 1) AS reviewer
       FROM (
         SELECT c.id AS "caseId", c.case_number AS "caseNumber", c.agency_id AS "agencyId", c.stage,
                c.violation_code AS "violationCode", c.party_type AS "partyType", c.party_name AS "partyName",
                c.registered_at AS "registeredAt", c.filed_at AS "filedAt", c.decided_at AS "decidedAt", c.overdue,
                ${sort.sql} AS sort_value, (${sort.sql})::text AS "sortKey"
         FROM cases c
         WHERE ${where.join('\n           AND ')}
         ORDER BY ${sort.sql} ${direction}, c.id ${direction}
         LIMIT ${limit}
       ) page
       ORDER BY page.sort_value ${direction}, page."caseId" ${direction}`,
      params,
    );
    return rows;
  }
}
