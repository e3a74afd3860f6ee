import { Inject, Injectable } from '@nestjs/common';
import { DomainError, DomainErrorCode, type Actor } from '@docket/domain';
import {
  CaseSearchRepository,
  isSortKeyOf,
  type CaseSearchPosition,
  type CaseSort,
  type CaseSortField,
  type CaseSummaryRow,
} from '@docket/persistence';
import { AgencyScopeService } from '../registry/agency-scope.service';
import {
  CASE_SEARCH_DEFAULT_LIMIT,
  CASE_SEARCH_DEFAULT_SORT,
  type CaseSearchQueryDto,
  type CaseSearchSort,
} from './dtos/case-search-query.dto';
import type { CaseSummaryDto } from './dtos/case-summary.dto';

export interface CaseSearchPage {
  readonly items: CaseSummaryDto[];
  readonly nextCursor: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

function invalid(field: string, message: string): DomainError {
  return new DomainError(DomainErrorCode.InvalidInput, `${field}: ${message}`, field);
}

function parseSort(sort: CaseSearchSort): CaseSort {
  return sort.startsWith('-')
    ? { field: sort.slice(1) as CaseSortField, direction: 'desc' }
    : { field: sort as CaseSortField, direction: 'asc' };
}

/** A date is the start of that day in China time (UTC+8, no daylight saving); an instant is taken as given. */
function parseBound(value: string | undefined, field: string): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  const date = DATE_ONLY.exec(value);
  if (date !== null) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const utc = new Date(Date.UTC(year, month - 1, day));
    if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) {
      throw invalid(field, 'is not a calendar date');
    }
    return new Date(utc.getTime() - 8 * 3_600_000).toISOString();
  }
  const epochMs = Date.parse(value);
  if (Number.isNaN(epochMs) || !Number.isFinite(epochMs)) {
    throw invalid(field, 'is not a valid instant');
  }
  return new Date(epochMs).toISOString();
}

function assertOrdered(from: string | undefined, to: string | undefined, toField: string, fromField: string): void {
  if (from !== undefined && to !== undefined && Date.parse(to) <= Date.parse(from)) {
    throw invalid(toField, `must be later than ${fromField}`);
  }
}

function encodeCursor(sort: CaseSearchSort, position: CaseSearchPosition): string {
  return Buffer.from(JSON.stringify({ s: sort, k: position.key, id: position.caseId }), 'utf8').toString('base64url');
}

function decodeCursor(text: string, sort: CaseSearchSort): CaseSearchPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const { s, k, id } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as { s?: unknown; k?: unknown; id?: unknown };
  if (typeof s !== 'string' || typeof k !== 'string' || typeof id !== 'string' || !UUID.test(id)) {
    throw invalid('cursor', 'is not a cursor this listing returned');
  }
  if (s !== sort) {
    throw invalid('cursor', `was issued for sort=${s}, not sort=${sort}; start again without a cursor`);
  }
  if (!isSortKeyOf(parseSort(sort).field, k)) {
    throw invalid('cursor', 'is not a cursor this listing returned');
  }
  return { key: k, caseId: id };
}

function toSummary(row: CaseSummaryRow): CaseSummaryDto {
  return {
    caseId: row.caseId,
    caseNumber: row.caseNumber,
    agencyId: row.agencyId,
    stage: row.stage,
    violationCode: row.violationCode,
    party: { type: row.partyType, name: row.partyName },
    registeredAt: row.registeredAt.toISOString(),
    filedAt: row.filedAt?.toISOString() ?? null,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    overdue: row.overdue,
    handlers: row.handlers,
    reviewer: row.reviewer,
  };
}

/** Case search over the `cases` projection, limited to the agencies the caller may read. */
@Injectable()
export class CaseSearchService {
  constructor(
    @Inject(CaseSearchRepository) private readonly repository: CaseSearchRepository,
    private readonly agencyScope: AgencyScopeService,
  ) {}

  async search(query: CaseSearchQueryDto, actor: Actor): Promise<CaseSearchPage> {
    const sort = query.sort ?? CASE_SEARCH_DEFAULT_SORT;
    const limit = query.limit ?? CASE_SEARCH_DEFAULT_LIMIT;
    const registeredFrom = parseBound(query.registeredFrom, 'registeredFrom');
    const registeredTo = parseBound(query.registeredTo, 'registeredTo');
    const decidedFrom = parseBound(query.decidedFrom, 'decidedFrom');
    const decidedTo = parseBound(query.decidedTo, 'decidedTo');
    assertOrdered(registeredFrom, registeredTo, 'registeredTo', 'registeredFrom');
    assertOrdered(decidedFrom, decidedTo, 'decidedTo', 'decidedFrom');
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, sort);
    const agencyIds = await this.scope(actor, query.agency);

    const rows = await this.repository.search({
      agencyIds,
      ...(query.stage === undefined ? {} : { stages: [...new Set(query.stage)] }),
      ...(query.handler === undefined ? {} : { handlerId: query.handler }),
      ...(query.reviewer === undefined ? {} : { reviewerId: query.reviewer }),
      ...(query.violationCode === undefined ? {} : { violationCode: query.violationCode }),
      ...(query.overdue === undefined ? {} : { overdue: query.overdue === 'true' }),
      ...(registeredFrom === undefined ? {} : { registeredFrom }),
      ...(registeredTo === undefined ? {} : { registeredTo }),
      ...(decidedFrom === undefined ? {} : { decidedFrom }),
      ...(decidedTo === undefined ? {} : { decidedTo }),
      ...(query.q === undefined ? {} : { text: query.q }),
      sort: parseSort(sort),
      ...(after === undefined ? {} : { after }),
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(toSummary),
      nextCursor: rows.length > limit && last !== undefined ? encodeCursor(sort, { key: last.sortKey, caseId: last.caseId }) : null,
    };
  }

  /**
   * The one place search decides whose cases a caller sees: the agencies AgencyScopeService allows
   * (own agency; an auditor also the agencies theirs supervises), narrowed to `agency` when given.
   */
  private async scope(actor: Actor, agency: string | undefined): Promise<string[]> {
    const readable = await this.agencyScope.readableAgencyIds(actor);
    if (agency === undefined) {
      return readable;
    }
    if (!readable.includes(agency)) {
      throw new DomainError(DomainErrorCode.AgencyMismatch, `agency: ${agency} is not an agency whose cases you may read`, 'agency');
    }
    return [agency];
  }
}
