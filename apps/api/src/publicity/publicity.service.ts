import { Inject, Injectable } from '@nestjs/common';
import { DomainError, DomainErrorCode, publicDecisionOf, type PublicDecision } from '@docket/domain';
import { PublicityRepository, type PublicityCursor } from '@docket/persistence';

export interface PublicDecisionPage {
  readonly items: PublicDecision[];
  readonly nextCursor: string | null;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function encodeCursor(cursor: PublicityCursor): string {
  return Buffer.from(JSON.stringify({ p: cursor.publishedAt, id: cursor.caseId }), 'utf8').toString('base64url');
}

function decodeCursor(text: string): PublicityCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const { p, id } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as { p?: unknown; id?: unknown };
  if (typeof p !== 'string' || !ISO_UTC.test(p) || typeof id !== 'string' || !UUID.test(id)) {
    throw new DomainError(DomainErrorCode.InvalidInput, 'cursor: is not a cursor this listing returned', 'cursor');
  }
  return { publishedAt: p, caseId: id };
}

/** The publicity portal (行政执法公示): published decisions and their withdrawals, personal data redacted. */
@Injectable()
export class PublicityService {
  constructor(@Inject(PublicityRepository) private readonly publicity: PublicityRepository) {}

  async list(query: { agencyId?: string; cursor?: string; limit: number }): Promise<PublicDecisionPage> {
    const rows = await this.publicity.listPublished({
      ...(query.agencyId === undefined ? {} : { agencyId: query.agencyId }),
      ...(query.cursor === undefined ? {} : { after: decodeCursor(query.cursor) }),
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      // Only published rows are read, so every one has a view; the guard keeps the type honest.
      items: page.flatMap((row) => publicDecisionOf(row.state) ?? []),
      nextCursor: rows.length > query.limit && last !== undefined ? encodeCursor({ publishedAt: last.publishedAt, caseId: last.caseId }) : null,
    };
  }
}
