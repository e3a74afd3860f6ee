import type { CaseStage } from './case-stage';
import type {
  CaseRegistration,
  CaseTransferRecord,
  Deadline,
  DeadlineKind,
  DecisionOutcome,
  HandlerAssignment,
  InvestigationReport,
  IsoTimestamp,
  LegalReviewOutcome,
  NoticeClosure,
  PreservationRecord,
  PublicityRecord,
  ServiceRecord,
} from './case-state';
import type { Role } from './role';

/** What happened to a case: the facts recorded in the history and in `case_events`. */
export type CaseEventData =
  | { readonly type: 'case_registered'; readonly registration: CaseRegistration; readonly policyVersion: string }
  | { readonly type: 'filing_approved'; readonly reason: string; readonly caseNumber?: string }
  | { readonly type: 'filing_declined'; readonly reason: string }
  | { readonly type: 'filing_period_extended'; readonly reason: string }
  | { readonly type: 'handlers_assigned'; readonly handlers: readonly HandlerAssignment[] }
  | { readonly type: 'preservation_registered'; readonly items: readonly string[] }
  | { readonly type: 'preservation_disposed'; readonly measure: NonNullable<PreservationRecord['disposal']>['measure'] }
  | { readonly type: 'case_suspended'; readonly reason: string; readonly fromStage: CaseStage }
  | { readonly type: 'case_resumed'; readonly reason: string; readonly pausedDays: number }
  | { readonly type: 'recusal_requested'; readonly handlerId: string; readonly reason: string }
  | {
      readonly type: 'recusal_decided';
      readonly handlerId: string;
      readonly granted: boolean;
      readonly reason: string;
      readonly replacement?: HandlerAssignment;
    }
  | {
      readonly type: 'investigation_report_submitted';
      readonly report: Omit<InvestigationReport, 'submittedBy' | 'submittedAt'>;
      /** Set when the report goes straight to notice (no review required): the hearing window's end. */
      readonly hearingRequestDueAt?: IsoTimestamp;
    }
  | {
      readonly type: 'legal_review_decided';
      readonly outcome: LegalReviewOutcome;
      readonly opinion: string;
      /** Set on approval, which opens the notice: the hearing window's end. */
      readonly hearingRequestDueAt?: IsoTimestamp;
    }
  | { readonly type: 'notice_closed'; readonly closure: NoticeClosure; readonly statement?: string }
  | { readonly type: 'hearing_requested'; readonly requestedAt: IsoTimestamp }
  | { readonly type: 'hearing_scheduled'; readonly officerId: string; readonly scheduledFor: IsoTimestamp; readonly public: boolean }
  | { readonly type: 'hearing_recorded'; readonly outcome: 'held' | 'party_absent'; readonly record: string }
  | { readonly type: 'collective_discussion_recorded'; readonly participants: readonly string[]; readonly conclusion: string }
  | { readonly type: 'decision_period_extended'; readonly reason: string; readonly viaCollectiveDiscussion: boolean }
  | {
      readonly type: 'case_decided';
      readonly outcome: DecisionOutcome;
      readonly fine?: number;
      readonly reasoning: string;
      readonly publish: boolean;
    }
  | { readonly type: 'service_recorded'; readonly method: ServiceRecord['method']; readonly servedAt: IsoTimestamp }
  | { readonly type: 'decision_published' }
  | {
      readonly type: 'decision_change_recorded';
      readonly kind: NonNullable<PublicityRecord['decisionChange']>['kind'];
      readonly reason: string;
    }
  | { readonly type: 'publicity_withdrawn'; readonly reason: string }
  | {
      readonly type: 'payment_recorded';
      readonly amount: number;
      readonly paidAt: IsoTimestamp;
      /** APL 72: 3% a day after the due date, never above the fine. */
      readonly surcharge: number;
      readonly totalDue: number;
      readonly settled: boolean;
    }
  | { readonly type: 'enforcement_applied'; readonly reason: string }
  | { readonly type: 'penalty_carried_out'; readonly summary: string }
  | { readonly type: 'case_closed'; readonly summary: string }
  | { readonly type: 'case_archived'; readonly important: boolean }
  | { readonly type: 'deadline_warned'; readonly kind: DeadlineKind; readonly dueAt: IsoTimestamp }
  | {
      readonly type: 'deadline_missed';
      readonly kind: DeadlineKind;
      readonly dueAt: IsoTimestamp;
      /** A missed deadline is escalated to the head and listed for supervision (督办). */
      readonly escalatedTo: 'head';
      readonly supervisionListed: true;
    }
  | { readonly type: 'policy_applied'; readonly policyVersion: string }
  | { readonly type: 'transfer_started'; readonly kind: CaseTransferRecord['kind'] }
  | {
      readonly type: 'transfer_closed';
      readonly kind: CaseTransferRecord['kind'];
      readonly outcome: string;
      readonly closedAt: IsoTimestamp;
      readonly missedDeadlines: readonly string[];
    };

export type CaseEventType = CaseEventData['type'];

export interface CaseEvent {
  readonly caseId: string;
  /** 1 for registration, then one more per event: the key that makes persisting an event idempotent. */
  readonly sequence: number;
  readonly occurredAt: IsoTimestamp;
  /** Who did it; the system for facts the workflow records itself. */
  readonly actor: { readonly userId: string; readonly role: Role | 'system' };
  readonly stageBefore: CaseStage | null;
  readonly stageAfter: CaseStage;
  readonly data: CaseEventData;
  /** The clocks this event started, settled, paused or moved, as they stand after it. */
  readonly deadlines: readonly Deadline[];
}
