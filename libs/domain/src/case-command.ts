import type { DecisionOutcome, HandlerAssignment, PartyResponse } from './case-state';

/** What a person asks of a case. Each command is decided against the current state into one event. */
export type CaseCommand =
  | { readonly type: 'approve_filing'; readonly reason: string }
  | { readonly type: 'decline_filing'; readonly reason: string }
  | { readonly type: 'assign_handlers'; readonly handlers: readonly HandlerAssignment[] }
  | {
      readonly type: 'submit_investigation_report';
      readonly findings: string;
      readonly proposedOutcome: DecisionOutcome;
      readonly proposedFine?: number;
    }
  | { readonly type: 'decide_legal_review'; readonly outcome: 'approve' | 'return'; readonly opinion: string }
  | { readonly type: 'close_notice'; readonly partyResponse: PartyResponse; readonly statement?: string }
  | {
      readonly type: 'decide_case';
      readonly outcome: DecisionOutcome;
      readonly fine?: number;
      readonly reasoning: string;
    }
  | { readonly type: 'close_case'; readonly summary: string };

export type CaseCommandType = CaseCommand['type'];

export type CaseCommandOf<T extends CaseCommandType> = Extract<CaseCommand, { type: T }>;

/** The command without its discriminator: what a request body carries. */
export type CaseCommandPayload<T extends CaseCommandType> = Omit<CaseCommandOf<T>, 'type'>;
