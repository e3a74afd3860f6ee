import type { CaseStage } from './case-stage';
import type { Actor } from './role';

/** Timestamps are ISO-8601 strings so that state crosses Temporal payloads and JSON unchanged. */
export type IsoTimestamp = string;

export type PartyType = 'individual' | 'organization';

/** The party (当事人). Personal data: never logged, redacted in publicity. */
export interface Party {
  readonly type: PartyType;
  readonly name: string;
  /** Resident ID or unified social credit code. */
  readonly idNumber?: string;
}

/** How the clue reached the agency (domain.md §2, clue). */
export type ClueSource = 'complaint' | 'inspection' | 'transfer' | 'self_inspection';
export const CLUE_SOURCES: readonly ClueSource[] = ['complaint', 'inspection', 'transfer', 'self_inspection'];

export interface CaseRegistration {
  readonly caseId: string;
  readonly agencyId: string;
  readonly source: ClueSource;
  readonly summary: string;
  readonly violationCode?: string;
  readonly party: Party;
}

export interface HandlerAssignment {
  readonly userId: string;
  /** 执法证 number. */
  readonly certificateNumber: string;
  readonly certificateExpiresAt: IsoTimestamp;
}

/** The outcomes a decision may take (APL 27, 33, 57). */
export type DecisionOutcome = 'penalty' | 'no_penalty' | 'not_established' | 'judicial_transfer';
export const DECISION_OUTCOMES: readonly DecisionOutcome[] = ['penalty', 'no_penalty', 'not_established', 'judicial_transfer'];

/** 调查终结报告 */
export interface InvestigationReport {
  readonly findings: string;
  readonly proposedOutcome: DecisionOutcome;
  /** Proposed fine in yuan, for a penalty that includes one. */
  readonly proposedFine?: number;
  readonly submittedBy: string;
  readonly submittedAt: IsoTimestamp;
}

export type LegalReviewOutcome = 'approved' | 'returned';

export interface LegalReviewRecord {
  readonly outcome: LegalReviewOutcome;
  readonly reviewerId: string;
  readonly opinion: string;
  readonly decidedAt: IsoTimestamp;
}

export type PartyResponse = 'waived' | 'statement';
export const PARTY_RESPONSES: readonly PartyResponse[] = ['waived', 'statement'];

/** 告知: opened when the review is approved, closed when the party answers or waives. */
export interface NoticeRecord {
  readonly openedAt: IsoTimestamp;
  readonly closedAt?: IsoTimestamp;
  readonly partyResponse?: PartyResponse;
  readonly statement?: string;
}

export interface DecisionRecord {
  readonly outcome: DecisionOutcome;
  readonly fine?: number;
  readonly reasoning: string;
  readonly decidedBy: string;
  readonly decidedAt: IsoTimestamp;
}

export interface ClosingRecord {
  readonly closedBy: string;
  readonly closedAt: IsoTimestamp;
  readonly summary: string;
}

export interface FilingRecord {
  readonly filed: boolean;
  readonly decidedBy: string;
  readonly decidedAt: IsoTimestamp;
  readonly reason: string;
}

/** The statutory clocks a case runs. Only the decision clock (APL 60) so far. */
export type DeadlineKind = 'decision';

export type DeadlineStatus = 'running' | 'met' | 'missed';

export interface Deadline {
  readonly kind: DeadlineKind;
  readonly startedAt: IsoTimestamp;
  readonly dueAt: IsoTimestamp;
  readonly status: DeadlineStatus;
  /** When the deadline was met or recorded as missed. */
  readonly settledAt?: IsoTimestamp;
}

export interface CaseState {
  readonly caseId: string;
  readonly agencyId: string;
  readonly stage: CaseStage;
  /** The sequence number of the last event applied; a request may name it as its expected version. */
  readonly version: number;
  readonly registeredAt: IsoTimestamp;
  readonly registeredBy: Pick<Actor, 'userId' | 'role'>;
  readonly clue: Omit<CaseRegistration, 'caseId' | 'agencyId'>;
  readonly filing?: FilingRecord;
  readonly handlers: readonly HandlerAssignment[];
  readonly report?: InvestigationReport;
  /** Every review decision in order; the last one is in force. */
  readonly reviews: readonly LegalReviewRecord[];
  readonly notice?: NoticeRecord;
  readonly decision?: DecisionRecord;
  readonly closing?: ClosingRecord;
  readonly deadlines: readonly Deadline[];
}
