import type { CaseState } from './cases';
import { api } from './http';

/**
 * The legal-review screen's calls (法制审核). Types written by hand from the API's DTOs
 * (apps/api/src/cases, apps/api/src/attachments); only the fields the console reads are typed.
 */

/** The reviewer's verdicts as the API names them (LEGAL_REVIEW_VERDICTS). */
export type LegalReviewVerdict = 'approve' | 'return_for_investigation' | 'revise_and_resubmit' | 'disapprove';

export interface LegalReviewDecision {
  readonly verdict: LegalReviewVerdict;
  readonly opinion: string;
  /** The checklist as answered, point by point (LegalReviewChecklistDto); an approval needs every point true. */
  readonly checklist?: Readonly<Record<string, boolean>>;
  readonly expectedVersion: number;
}



/** POST /cases/{caseId}/legal-review; the same idempotency key for a retry of the same decision. */
export function decideLegalReview(caseId: string, decision: LegalReviewDecision, idempotencyKey: string): Promise<CaseState> {
  return api<CaseState>(`/cases/${encodeURIComponent(caseId)}/legal-review`, { method: 'POST', body: decision, idempotencyKey });
}

