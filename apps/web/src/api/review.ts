import { api } from './http';

/**
 * The legal-review screen's calls (法制审核). Types written by hand from the API's DTOs
 * (apps/api/src/cases, apps/api/src/attachments); only the fields the console reads are typed.
 */

export type ViolationSeverity = 'minor' | 'ordinary' | 'serious' | 'grave';
export type DecisionOutcome = 'penalty' | 'no_penalty' | 'not_established' | 'judicial_transfer';
export type PenaltyFindingStatus = 'within_range' | 'below_range' | 'above_range' | 'no_benchmark' | 'no_penalty_list_applies';

export interface FineRange {
  readonly min: number;
  readonly max: number;
}

/** The proposal against the agency's discretion benchmark, computed by the workflow when the report is submitted. */
export interface PenaltyFinding {
  readonly status: PenaltyFindingStatus;
  readonly range?: FineRange;
  readonly message: string;
}

export interface LegalReviewGround {
  readonly code: string;
  readonly basis: string;
  readonly detail?: string;
}

export interface InvestigationReport {
  readonly findings: string;
  readonly proposedOutcome: DecisionOutcome;
  readonly proposedFine?: number;
  readonly severity: ViolationSeverity;
  readonly heavyNonFinePenalty: boolean;
  readonly touchesMajorPublicInterest: boolean;
  readonly complexMultipleLegalRelations: boolean;
  readonly otherStatutoryReviewGround?: string;
  readonly submittedBy: string;
  readonly submittedAt: string;
  readonly legalReview: { readonly required: boolean; readonly grounds: readonly LegalReviewGround[] };
  readonly collectiveDiscussionRequired: boolean;
  readonly hearingEligible: boolean;
  readonly firstViolation: boolean;
  readonly promptlyCorrected: boolean;
  readonly benchmarkFinding?: PenaltyFinding;
}

export type LegalReviewOutcome = 'approved' | 'returned' | 'revision_requested' | 'disapproved';

export interface LegalReviewRecord {
  readonly outcome: LegalReviewOutcome;
  readonly reviewerId: string;
  readonly opinion: string;
  readonly decidedAt: string;
}

export interface CaseDeadline {
  readonly kind: string;
  readonly dueAt: string;
  readonly status: 'running' | 'paused' | 'met' | 'missed';
  readonly startedAt: string;
}

/** GET /cases/{caseId}, and GET /cases/{caseId}/timeline?at= (the same shape). */
export interface CaseState {
  readonly caseId: string;
  readonly agencyId: string;
  readonly stage: string;
  readonly version: number;
  readonly registeredAt: string;
  readonly registeredBy?: { readonly userId: string; readonly role: string };
  readonly caseNumber?: string;
  readonly policyVersion?: string;
  readonly clue: {
    readonly source: string;
    readonly summary: string;
    readonly violationCode?: string;
    readonly party: { readonly type: 'individual' | 'organization'; readonly name: string; readonly idNumber?: string };
  };
  readonly handlers: readonly { readonly userId: string; readonly certificateNumber: string; readonly certificateExpiresAt: string }[];
  readonly report?: InvestigationReport;
  readonly reviews: readonly LegalReviewRecord[];
  readonly deadlines: readonly CaseDeadline[];
  readonly decision?: {
    readonly outcome: DecisionOutcome;
    readonly fine?: number;
    readonly reasoning: string;
    readonly decidedBy: string;
    readonly decidedAt: string;
  };
}


/** The reviewer's verdicts as the API names them (LEGAL_REVIEW_VERDICTS). */
export type LegalReviewVerdict = 'approve' | 'return_for_investigation' | 'revise_and_resubmit' | 'disapprove';

export interface LegalReviewDecision {
  readonly verdict: LegalReviewVerdict;
  readonly opinion: string;
  /** The checklist as answered, point by point (LegalReviewChecklistDto); an approval needs every point true. */
  readonly checklist?: Readonly<Record<string, boolean>>;
  readonly expectedVersion: number;
}

export function getCase(caseId: string, signal?: AbortSignal): Promise<CaseState> {
  return api<CaseState>(`/cases/${encodeURIComponent(caseId)}`, signal === undefined ? {} : { signal });
}


/** POST /cases/{caseId}/legal-review; the same idempotency key for a retry of the same decision. */
export function decideLegalReview(caseId: string, decision: LegalReviewDecision, idempotencyKey: string): Promise<CaseState> {
  return api<CaseState>(`/cases/${encodeURIComponent(caseId)}/legal-review`, { method: 'POST', body: decision, idempotencyKey });
}

