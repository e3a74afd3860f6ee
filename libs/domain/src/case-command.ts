import type { ViolationSeverity } from './discretion/discretion-benchmark';
import type { LegalReviewChecklistAnswers, LegalReviewVerdict } from './legal-review/review-requirement';
import type {
  DecisionOutcome,
  HandlerAssignment,
  IsoTimestamp,
  PartyResponse,
  PublicityRecord,
  ServiceRecord,
} from './case-state';

/** What a person asks of a case. Each command is decided against the current state into one event. */
export type CaseCommand =
  /** `caseNumber` is allocated by the API, never sent by a client; the workflow records what it is given. */
  | { readonly type: 'approve_filing'; readonly reason: string; readonly caseNumber?: string }
  | { readonly type: 'decline_filing'; readonly reason: string }
  | { readonly type: 'extend_filing_period'; readonly reason: string }
  | { readonly type: 'assign_handlers'; readonly handlers: readonly HandlerAssignment[] }
  | { readonly type: 'register_preservation'; readonly items: readonly string[] }
  | {
      readonly type: 'dispose_preservation';
      readonly measure: 'returned' | 'sealed' | 'seized' | 'confiscated' | 'tested';
    }
  | { readonly type: 'suspend_case'; readonly reason: string }
  | { readonly type: 'resume_case'; readonly reason: string }
  | { readonly type: 'request_recusal'; readonly handlerId: string; readonly reason: string }
  | {
      readonly type: 'decide_recusal';
      readonly handlerId: string;
      readonly granted: boolean;
      readonly reason: string;
      readonly replacement?: HandlerAssignment;
    }
  | {
      readonly type: 'submit_investigation_report';
      readonly findings: string;
      readonly proposedOutcome: DecisionOutcome;
      readonly proposedFine?: number;
      readonly severity?: ViolationSeverity;
      readonly heavyNonFinePenalty?: boolean;
      readonly touchesMajorPublicInterest?: boolean;
      readonly complexMultipleLegalRelations?: boolean;
      readonly otherStatutoryReviewGround?: string;
      readonly firstViolation?: boolean;
      readonly promptlyCorrected?: boolean;
    }
  | {
      readonly type: 'decide_legal_review';
      readonly verdict: LegalReviewVerdict;
      readonly opinion: string;
      readonly checklist?: LegalReviewChecklistAnswers;
    }
  | { readonly type: 'close_notice'; readonly partyResponse: PartyResponse; readonly statement?: string }
  | { readonly type: 'request_hearing'; readonly requestedAt?: IsoTimestamp }
  | { readonly type: 'schedule_hearing'; readonly officerId: string; readonly scheduledFor: IsoTimestamp; readonly public: boolean }
  | { readonly type: 'record_hearing'; readonly outcome: 'held' | 'party_absent'; readonly record: string }
  | { readonly type: 'record_collective_discussion'; readonly participants: readonly string[]; readonly conclusion: string }
  | { readonly type: 'extend_decision_period'; readonly reason: string; readonly viaCollectiveDiscussion?: boolean }
  | {
      readonly type: 'decide_case';
      readonly outcome: DecisionOutcome;
      readonly fine?: number;
      readonly reasoning: string;
      readonly publish?: boolean;
    }
  | { readonly type: 'record_service'; readonly method: ServiceRecord['method']; readonly servedAt?: IsoTimestamp }
  | { readonly type: 'publish_decision' }
  | {
      readonly type: 'record_decision_change';
      readonly kind: NonNullable<PublicityRecord['decisionChange']>['kind'];
      readonly reason: string;
    }
  | { readonly type: 'withdraw_publicity'; readonly reason: string }
  | { readonly type: 'record_payment'; readonly amount: number; readonly paidAt?: IsoTimestamp }
  | { readonly type: 'apply_for_enforcement'; readonly reason: string }
  | { readonly type: 'record_penalty_carried_out'; readonly summary: string }
  /** Starts the child process; the proposal and report are checked by the transfer's own model. */
  | { readonly type: 'start_clue_transfer'; readonly proposal: unknown }
  | { readonly type: 'start_judicial_transfer'; readonly report: unknown }
  | { readonly type: 'close_case'; readonly summary: string }
  | { readonly type: 'archive_case'; readonly important: boolean };

export type CaseCommandType = CaseCommand['type'];

export type CaseCommandOf<T extends CaseCommandType> = Extract<CaseCommand, { type: T }>;

/** The command without its discriminator: what a request body carries. */
export type CaseCommandPayload<T extends CaseCommandType> = Omit<CaseCommandOf<T>, 'type'>;
