import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor, AnyTransferReport, CaseCommandPayload, CaseCommandType, CaseRegistration, CaseState, IsoTimestamp } from '@docket/domain';
import type { CasePolicySnapshot } from './case-activities';

/** The input a case's workflow starts with. */
export interface CaseLifecycleInput {
  readonly registration: CaseRegistration;
  readonly registeredBy: Actor;
  /**
   * The agency's policy and calendar when the case is registered, read by the API. In the input it
   * is part of the history, and the workflow can answer queries and updates from its first task.
   */
  readonly policy: CasePolicySnapshot;
  /**
   * When the API accepted the clue. The workflow registers the case at this instant, so the API can
   * answer with the case it started without asking the workflow. Histories recorded before it have
   * none, and their cases were registered at the time of their first workflow task.
   */
  readonly registeredAt?: IsoTimestamp;
  /**
   * Set when a long-lived case continues as a new run: the case as it stood and the policy it ran
   * under. The new run records nothing again and picks up the clocks where they were.
   */
  readonly continued?: { readonly state: CaseState; readonly policy: CasePolicySnapshot };
  /** Continue as new once the history has this many events (the server's own suggestion wins if earlier). */
  readonly continueAsNewAfterEvents?: number;
}

/** Every human step carries the actor the API verified, and optionally the version it saw. */
export interface CaseActionRequest<T extends CaseCommandType> {
  readonly actor: Actor;
  readonly expectedVersion?: number;
  readonly payload: CaseCommandPayload<T>;
}

export type CaseActionUpdate<T extends CaseCommandType> = ReturnType<
  typeof defineUpdate<CaseState, [CaseActionRequest<T>]>
>;

function caseActionUpdate<T extends CaseCommandType>(name: string): CaseActionUpdate<T> {
  return defineUpdate<CaseState, [CaseActionRequest<T>]>(name);
}

/**
 * One update per command, so the history names each step. The handler returns the case as it
 * stands after the step; the validator refuses a wrong role, stage or input before anything is
 * recorded.
 */
export const caseActionUpdates: { readonly [T in CaseCommandType]: CaseActionUpdate<T> } = {
  approve_filing: caseActionUpdate('approveFiling'),
  start_clue_transfer: caseActionUpdate('startClueTransfer'),
  start_judicial_transfer: caseActionUpdate('startJudicialTransfer'),
  decline_filing: caseActionUpdate('declineFiling'),
  extend_filing_period: caseActionUpdate('extendFilingPeriod'),
  assign_handlers: caseActionUpdate('assignHandlers'),
  register_preservation: caseActionUpdate('registerPreservation'),
  dispose_preservation: caseActionUpdate('disposePreservation'),
  suspend_case: caseActionUpdate('suspendCase'),
  resume_case: caseActionUpdate('resumeCase'),
  request_recusal: caseActionUpdate('requestRecusal'),
  decide_recusal: caseActionUpdate('decideRecusal'),
  submit_investigation_report: caseActionUpdate('submitInvestigationReport'),
  decide_legal_review: caseActionUpdate('decideLegalReview'),
  close_notice: caseActionUpdate('closeNotice'),
  request_hearing: caseActionUpdate('requestHearing'),
  schedule_hearing: caseActionUpdate('scheduleHearing'),
  record_hearing: caseActionUpdate('recordHearing'),
  record_collective_discussion: caseActionUpdate('recordCollectiveDiscussion'),
  extend_decision_period: caseActionUpdate('extendDecisionPeriod'),
  decide_case: caseActionUpdate('decideCase'),
  record_service: caseActionUpdate('recordService'),
  publish_decision: caseActionUpdate('publishDecision'),
  record_decision_change: caseActionUpdate('recordDecisionChange'),
  withdraw_publicity: caseActionUpdate('withdrawPublicity'),
  record_payment: caseActionUpdate('recordPayment'),
  apply_for_enforcement: caseActionUpdate('applyForEnforcement'),
  record_penalty_carried_out: caseActionUpdate('recordPenaltyCarriedOut'),
  close_case: caseActionUpdate('closeCase'),
  archive_case: caseActionUpdate('archiveCase'),
};

/** The case as it stands now, deadlines with their due times included. */
export const caseStateQuery = defineQuery<CaseState>('caseState');

/** The steps the asking user may take on the case now. */
export const availableActionsQuery = defineQuery<CaseCommandType[], [Actor]>('availableActions');

/**
 * A new policy version or calendar year was stored for the case's agency: the running case
 * reloads it, and deadlines still running are recomputed under it.
 */
/** A transfer the case started has closed: its report, sent by the child to the case it belongs to. */
export const transferClosedSignal = defineSignal<[AnyTransferReport]>('transferClosed');

export const casePolicyChangedSignal = defineSignal<[CasePolicySnapshot]>('casePolicyChanged');
