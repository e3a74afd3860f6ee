import type { PeriodRule } from './policy/agency-policy';
import type { LegalReviewGround } from './legal-review/review-requirement';
import type { PenaltyFinding, ViolationSeverity } from './discretion/discretion-benchmark';
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
  /** When the act was committed, or ended if it continued (APL 36: the limitation period runs from then). */
  readonly violationEndedAt?: IsoTimestamp;
  /** APL 36: five years instead of two where the act touches life, health or financial safety. */
  readonly touchesLifeHealthOrFinance?: boolean;
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

/** 调查终结报告, with what the rules that follow it need to know. */
export interface InvestigationReport {
  readonly findings: string;
  readonly proposedOutcome: DecisionOutcome;
  /** Proposed fine in yuan, for a penalty that includes one. */
  readonly proposedFine?: number;
  readonly severity: ViolationSeverity;
  /** A heavy penalty other than a large fine (licence revoked, closure…): hearing-eligible (APL 63). */
  readonly heavyNonFinePenalty: boolean;
  readonly touchesMajorPublicInterest: boolean;
  readonly complexMultipleLegalRelations: boolean;
  readonly otherStatutoryReviewGround?: string;
  readonly submittedBy: string;
  readonly submittedAt: IsoTimestamp;
  /** APL 58, evaluated and recorded at submission. */
  readonly legalReview: { readonly required: boolean; readonly grounds: readonly LegalReviewGround[] };
  /** APL 57: complex or grave cases go to the heads' collective discussion before a decision. */
  readonly collectiveDiscussionRequired: boolean;
  /** APL 63, against the policy's thresholds for the party type. */
  readonly hearingEligible: boolean;
  readonly firstViolation: boolean;
  readonly promptlyCorrected: boolean;
  /** The proposal against the agency's discretion benchmark: shown to the reviewer (APL 34, domain.md §5). */
  readonly benchmarkFinding: PenaltyFinding;
}

export type LegalReviewOutcome = 'approved' | 'returned' | 'revision_requested' | 'disapproved';

export interface LegalReviewRecord {
  readonly outcome: LegalReviewOutcome;
  readonly reviewerId: string;
  readonly opinion: string;
  readonly decidedAt: IsoTimestamp;
}

/** How the notice period ended: a statement, an express waiver, silence, or a hearing request. */
export type PartyResponse = 'waived' | 'statement';
export const PARTY_RESPONSES: readonly PartyResponse[] = ['waived', 'statement'];
export type NoticeClosure = PartyResponse | 'silence' | 'hearing_requested';

/** 告知 */
export interface NoticeRecord {
  readonly openedAt: IsoTimestamp;
  /** The last moment the party may ask for a hearing (APL 64). */
  readonly hearingRequestDueAt: IsoTimestamp;
  readonly closedAt?: IsoTimestamp;
  readonly closure?: NoticeClosure;
  readonly statement?: string;
}

/** 听证 */
export interface HearingRecord {
  readonly requestedAt: IsoTimestamp;
  readonly officerId?: string;
  readonly scheduledFor?: IsoTimestamp;
  readonly scheduledAt?: IsoTimestamp;
  readonly public?: boolean;
  readonly outcome?: 'held' | 'party_absent';
  readonly recordedAt?: IsoTimestamp;
  readonly record?: string;
}

/** 集体讨论 */
export interface CollectiveDiscussionRecord {
  readonly heldAt: IsoTimestamp;
  readonly recordedBy: string;
  readonly participants: readonly string[];
  readonly conclusion: string;
}

export interface DecisionRecord {
  readonly outcome: DecisionOutcome;
  readonly fine?: number;
  readonly reasoning: string;
  /** Decisions with social impact are published (APL 48). */
  readonly publish: boolean;
  readonly decidedBy: string;
  readonly decidedAt: IsoTimestamp;
}

export interface ServiceRecord {
  readonly servedAt: IsoTimestamp;
  readonly method: 'in_person' | 'by_post' | 'electronic' | 'public_announcement';
  readonly recordedBy: string;
}

export interface PublicityRecord {
  readonly publishedAt?: IsoTimestamp;
  /** The decision was later changed, revoked or found unlawful (APL 48). */
  readonly decisionChange?: { readonly kind: 'changed' | 'revoked' | 'held_unlawful'; readonly at: IsoTimestamp; readonly reason: string };
  readonly withdrawnAt?: IsoTimestamp;
  readonly withdrawalReason?: string;
}

export interface Payment {
  readonly amount: number;
  readonly paidAt: IsoTimestamp;
}

/** 执行 */
export interface ExecutionRecord {
  readonly fine: number;
  readonly payments: readonly Payment[];
  readonly completedAt?: IsoTimestamp;
  readonly completion?: 'paid' | 'enforcement_applied' | 'carried_out';
}

export interface SuspensionRecord {
  readonly from: IsoTimestamp;
  /** The stage the case returns to when resumed. */
  readonly fromStage: CaseStage;
  readonly to?: IsoTimestamp;
  readonly reason: string;
  /** Whole China-time days the clocks stood still. */
  readonly pausedDays?: number;
}

export interface RecusalRecord {
  readonly handlerId: string;
  readonly reason: string;
  readonly requestedAt: IsoTimestamp;
  readonly decision?: 'granted' | 'refused';
  readonly decidedAt?: IsoTimestamp;
  readonly replacement?: HandlerAssignment;
}

export interface ClosingRecord {
  readonly closedBy: string;
  readonly closedAt: IsoTimestamp;
  readonly summary: string;
  /** The closing report: every deadline kept or missed. */
  readonly deadlines: readonly { readonly kind: DeadlineKind; readonly status: DeadlineStatus }[];
  /** And every transfer the case started, with its outcome, or 'open' while it still runs. */
  readonly transfers: readonly { readonly kind: CaseTransferRecord['kind']; readonly outcome: string }[];
}

/** A transfer the case started (domain.md §3), tracked until the child reports it closed. */
export interface CaseTransferRecord {
  readonly kind: 'clue_transfer' | 'judicial_transfer';
  readonly startedAt: IsoTimestamp;
  readonly startedBy: string;
  readonly closedAt?: IsoTimestamp;
  readonly outcome?: string;
  /** The transfer's own deadlines it missed, from its closing report. */
  readonly missedDeadlines?: readonly string[];
}

export interface FilingRecord {
  readonly filed: boolean;
  readonly decidedBy: string;
  readonly decidedAt: IsoTimestamp;
  readonly reason: string;
}

/** The statutory and policy clocks of a case (domain.md §2, §4). */
export type DeadlineKind =
  | 'filing_decision'
  | 'decision'
  | 'legal_review'
  | 'notice_response'
  | 'service'
  | 'publicity'
  | 'publicity_withdrawal'
  | 'payment'
  | 'archive'
  | 'preservation'
  | 'recusal_decision';

export type DeadlineStatus = 'running' | 'paused' | 'met' | 'missed';

/**
 * A clock. Its due time is derived from when it started, the policy rule, the extensions granted
 * and the pauses it stood through, so a new policy recomputes it on a running case.
 */
export interface Deadline {
  readonly kind: DeadlineKind;
  readonly startedAt: IsoTimestamp;
  readonly rule: PeriodRule;
  readonly extensions: readonly PeriodRule[];
  readonly pauses: readonly { readonly from: IsoTimestamp; readonly to?: IsoTimestamp }[];
  readonly dueAt: IsoTimestamp;
  readonly warnAt: IsoTimestamp;
  readonly warnedAt?: IsoTimestamp;
  readonly status: DeadlineStatus;
  /** When the deadline was met or recorded as missed. */
  readonly settledAt?: IsoTimestamp;
  /** Years computed Monday–Friday because no calendar was loaded for them (domain.md §4). */
  readonly fallbackYears: readonly number[];
}

export interface CaseState {
  readonly caseId: string;
  readonly agencyId: string;
  readonly stage: CaseStage;
  /** The sequence number of the last event applied; a request may name it as its expected version. */
  readonly version: number;
  /** The agency policy version the case runs under now. */
  readonly policyVersion: string;
  readonly registeredAt: IsoTimestamp;
  readonly registeredBy: Pick<Actor, 'userId' | 'role'>;
  readonly clue: Omit<CaseRegistration, 'caseId' | 'agencyId'>;
  /** 案号, assigned when filing is approved; absent before, and on cases filed before numbers existed. */
  readonly caseNumber?: string;
  readonly filing?: FilingRecord;
  readonly filingExtensions: number;
  readonly handlers: readonly HandlerAssignment[];
  readonly suspensions: readonly SuspensionRecord[];
  readonly recusals: readonly RecusalRecord[];
  readonly report?: InvestigationReport;
  /** Every review decision in order; the last one is in force. */
  readonly reviews: readonly LegalReviewRecord[];
  readonly notice?: NoticeRecord;
  readonly hearing?: HearingRecord;
  readonly collectiveDiscussion?: CollectiveDiscussionRecord;
  readonly decisionExtensions: readonly { readonly by: string; readonly at: IsoTimestamp; readonly viaCollectiveDiscussion: boolean }[];
  readonly decision?: DecisionRecord;
  readonly service?: ServiceRecord;
  readonly publicity?: PublicityRecord;
  readonly execution?: ExecutionRecord;
  readonly closing?: ClosingRecord;
  readonly archive?: { readonly archivedAt: IsoTimestamp; readonly archivedBy: string; readonly important: boolean };
  readonly transfers: readonly CaseTransferRecord[];
  readonly deadlines: readonly Deadline[];
  /** 先行登记保存 (APL 56): evidence registered for preservation, dealt with within 7 working days. */
  readonly preservations: readonly PreservationRecord[];
}

export interface PreservationRecord {
  readonly items: readonly string[];
  readonly registeredAt: IsoTimestamp;
  readonly registeredBy: string;
  readonly disposal?: { readonly measure: 'returned' | 'sealed' | 'seized' | 'confiscated' | 'tested'; readonly at: IsoTimestamp; readonly by: string };
}
