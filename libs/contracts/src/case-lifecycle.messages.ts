import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor, CaseCommandPayload, CaseCommandType, CaseRegistration, CaseState } from '@docket/domain';
import type { CasePolicySnapshot } from './case-activities';

/** The input a case's workflow starts with. */
export interface CaseLifecycleInput {
  readonly registration: CaseRegistration;
  readonly registeredBy: Actor;
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
  decline_filing: caseActionUpdate('declineFiling'),
  assign_handlers: caseActionUpdate('assignHandlers'),
  submit_investigation_report: caseActionUpdate('submitInvestigationReport'),
  decide_legal_review: caseActionUpdate('decideLegalReview'),
  close_notice: caseActionUpdate('closeNotice'),
  decide_case: caseActionUpdate('decideCase'),
  close_case: caseActionUpdate('closeCase'),
};

/** The case as it stands now. */
export const caseStateQuery = defineQuery<CaseState>('caseState');

/**
 * A new policy version or calendar year was stored for the case's agency: the running case
 * reloads it, and deadlines still running are recomputed under it.
 */
export const casePolicyChangedSignal = defineSignal<[CasePolicySnapshot]>('casePolicyChanged');
