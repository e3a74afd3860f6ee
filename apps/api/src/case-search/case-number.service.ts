import { Inject, Injectable } from '@nestjs/common';
import { chinaDateOf } from '@docket/domain';
import { CaseNumberRepository } from '@docket/persistence';

/** Widest sequence the format shows; a busier agency-year simply gets longer numbers. */
const SEQUENCE_DIGITS = 6;

/**
 * Allocates case numbers (案号) `<agency>-<year>-<sequence>` for filing approvals, the year in China
 * time. The number travels in the approve_filing update, so the workflow records it without I/O.
 * An approval the workflow refuses leaves its number unused: sequences may have gaps.
 */
@Injectable()
export class CaseNumberService {
  constructor(@Inject(CaseNumberRepository) private readonly numbers: CaseNumberRepository) {}

  async allocate(agencyId: string, at: Date = new Date()): Promise<string> {
    const year = Number(chinaDateOf(at.toISOString()).slice(0, 4));
    const sequence = await this.numbers.nextValue(agencyId, year);
    return `${caseNumberPrefix(agencyId)}-${year}-${String(sequence).padStart(SEQUENCE_DIGITS, '0')}`;
  }
}

/** Agency ids are slugs already; anything outside the case number's alphabet becomes `_`. */
export function caseNumberPrefix(agencyId: string): string {
  const prefix = agencyId.replace(/[^A-Za-z0-9._-]/g, '_');
  return /^[A-Za-z0-9]/.test(prefix) ? prefix : `A${prefix}`;
}
