import type { CaseStage } from './case-stage';
import type {
  CaseRegistration,
  DeadlineKind,
  DecisionOutcome,
  HandlerAssignment,
  IsoTimestamp,
  LegalReviewOutcome,
  PartyResponse,
} from './case-state';
import type { Role } from './role';

/** What happened to a case: the facts recorded in the history and in `case_events`. */
export type CaseEventData =
  | { readonly type: 'case_registered'; readonly registration: CaseRegistration }
  | { readonly type: 'filing_approved'; readonly reason: string; readonly decisionDueAt: IsoTimestamp }
  | { readonly type: 'filing_declined'; readonly reason: string }
  | { readonly type: 'handlers_assigned'; readonly handlers: readonly HandlerAssignment[] }
  | {
      readonly type: 'investigation_report_submitted';
      readonly findings: string;
      readonly proposedOutcome: DecisionOutcome;
      readonly proposedFine?: number;
    }
  | { readonly type: 'legal_review_decided'; readonly outcome: LegalReviewOutcome; readonly opinion: string }
  | { readonly type: 'notice_closed'; readonly partyResponse: PartyResponse; readonly statement?: string }
  | {
      readonly type: 'case_decided';
      readonly outcome: DecisionOutcome;
      readonly fine?: number;
      readonly reasoning: string;
    }
  | { readonly type: 'case_closed'; readonly summary: string }
  | { readonly type: 'deadline_missed'; readonly kind: DeadlineKind; readonly dueAt: IsoTimestamp };

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
}
