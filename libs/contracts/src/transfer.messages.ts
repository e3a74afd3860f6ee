import {
  ParentClosePolicy,
  WorkflowIdReusePolicy,
  defineQuery,
  defineUpdate,
  type ChildWorkflowOptions,
} from '@temporalio/workflow';
import type {
  Actor,
  AgencyPolicy,
  ClueTransferCommandPayload,
  ClueTransferCommandType,
  ClueTransferProposal,
  ClueTransferReport,
  ClueTransferState,
  JudicialTransferCommandPayload,
  JudicialTransferCommandType,
  JudicialTransferReport,
  JudicialTransferState,
  SuspectedCrimeReport,
  TransferKind,
  WorkingCalendarYear,
} from '@docket/domain';
import { caseWorkflowId } from './task-queues';

/** The workflow type names of the two transfers (domain.md §3); the workflow functions bear these names. */
export const CLUE_TRANSFER_WORKFLOW_TYPE = 'clueTransfer';
export const JUDICIAL_TRANSFER_WORKFLOW_TYPE = 'judicialTransfer';

export const TRANSFER_WORKFLOW_TYPES: { readonly [K in TransferKind]: string } = {
  clue_transfer: CLUE_TRANSFER_WORKFLOW_TYPE,
  judicial_transfer: JUDICIAL_TRANSFER_WORKFLOW_TYPE,
};

const TRANSFER_ID_SUFFIX: { readonly [K in TransferKind]: string } = {
  clue_transfer: 'clue-transfer',
  judicial_transfer: 'judicial-transfer',
};

/**
 * A transfer's workflow id, derived from its case and kind (`case-<caseId>/clue-transfer`), so a
 * retried start finds the transfer the first attempt started, and a case has one of each kind.
 * The id is also the transfer's id in `case_transfers` and in every event.
 */
export function transferWorkflowId(caseId: string, kind: TransferKind): string {
  return `${caseWorkflowId(caseId)}/${TRANSFER_ID_SUFFIX[kind]}`;
}

/**
 * The options a parent case starts a transfer with, `startChild(type, { ...transferChildOptions(…), args })`:
 * - the derived id, never reused even after the transfer has ended (one transfer record per case);
 * - ABANDON on parent close: the case may close while a clue waits months for the commission's feedback,
 *   and the transfer must not be terminated with it. The case learns the outcome from the result.
 */
export function transferChildOptions(
  caseId: string,
  kind: TransferKind,
): Required<Pick<ChildWorkflowOptions, 'workflowId' | 'workflowIdReusePolicy' | 'parentClosePolicy'>> {
  return {
    workflowId: transferWorkflowId(caseId, kind),
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    parentClosePolicy: ParentClosePolicy.ABANDON,
  };
}

/** What every transfer starts with: the case it belongs to and what its deadlines are counted with. */
interface TransferInputBase {
  /** The case the transfer is started from. Its `cases` row must exist: the transfer row references it. */
  readonly parentCaseId: string;
  readonly agencyId: string;
  /** The agency policy in force for the parent case: the transfer's periods come from it. */
  readonly policy: AgencyPolicy;
  /** The working-calendar years in force, for periods counted in working days (China time). */
  readonly calendarYears: readonly WorkingCalendarYear[];
}

/**
 * The input of `clueTransfer`. The proposal is its first step: a handler proposes the transfer,
 * so the input carries the handler the API verified and what they proposed (see
 * `parseClueTransferProposal`; the parent may run `startClueTransfer` in its validator first).
 */
export interface ClueTransferInput extends TransferInputBase {
  readonly proposedBy: Actor;
  /** The official concerned is personal data: kept in the transfer's record, never logged. */
  readonly proposal: ClueTransferProposal;
}

/** The input of `judicialTransfer`: the team's report of a suspected crime, by one of the team. */
export interface JudicialTransferInput extends TransferInputBase {
  readonly reportedBy: Actor;
  readonly report: SuspectedCrimeReport;
}

/**
 * What each transfer workflow returns when it ends: its closing report, with the outcome and every
 * clock (deadline, reminder or window) kept or missed. A parent that started it with `startChild`
 * reads it from `handle.result()`.
 */
export type ClueTransferResult = ClueTransferReport;
export type JudicialTransferResult = JudicialTransferReport;

/** Every step carries the actor the API verified, and optionally the version they saw. */
export interface TransferActionRequest<P> {
  readonly actor: Actor;
  readonly expectedVersion?: number;
  readonly payload: P;
}

export type ClueTransferActionRequest<T extends ClueTransferCommandType> = TransferActionRequest<ClueTransferCommandPayload<T>>;
export type JudicialTransferActionRequest<T extends JudicialTransferCommandType> = TransferActionRequest<
  JudicialTransferCommandPayload<T>
>;

export type ClueTransferActionUpdate<T extends ClueTransferCommandType> = ReturnType<
  typeof defineUpdate<ClueTransferState, [ClueTransferActionRequest<T>]>
>;
export type JudicialTransferActionUpdate<T extends JudicialTransferCommandType> = ReturnType<
  typeof defineUpdate<JudicialTransferState, [JudicialTransferActionRequest<T>]>
>;

/** One update per step of a clue transfer; each returns the transfer as it stands after the step. */
export const clueTransferUpdates: { readonly [T in ClueTransferCommandType]: ClueTransferActionUpdate<T> } = {
  approve_transfer: defineUpdate('approveClueTransfer'),
  refuse_transfer: defineUpdate('refuseClueTransfer'),
  record_transfer: defineUpdate('recordClueTransfer'),
  acknowledge_receipt: defineUpdate('acknowledgeClueTransferReceipt'),
  return_feedback: defineUpdate('returnClueTransferFeedback'),
};

/** One update per step of a judicial transfer; each returns the transfer as it stands after the step. */
export const judicialTransferUpdates: { readonly [T in JudicialTransferCommandType]: JudicialTransferActionUpdate<T> } = {
  approve_transfer: defineUpdate('approveJudicialTransfer'),
  refuse_transfer: defineUpdate('refuseJudicialTransfer'),
  record_transfer: defineUpdate('recordJudicialTransfer'),
  record_police_answer: defineUpdate('recordPoliceAnswer'),
  request_review: defineUpdate('requestPoliceReview'),
  decline_review: defineUpdate('declinePoliceReview'),
};

/** The transfer as it stands now. */
export const clueTransferStateQuery = defineQuery<ClueTransferState>('clueTransferState');
export const judicialTransferStateQuery = defineQuery<JudicialTransferState>('judicialTransferState');
