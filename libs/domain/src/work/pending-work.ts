import type { CaseCommandType } from '../case-command';
import { CaseStage } from '../case-stage';
import type { CaseState, DeadlineKind, IsoTimestamp } from '../case-state';
import { Role } from '../role';

/**
 * Who among the agency's people a piece of work waits for: the case's own handlers, one named
 * person (the hearing officer the head appointed), or anyone of the role in the agency (the
 * legal department's reviewers, the heads).
 */
export type WorkScope = 'case_handlers' | 'named_person' | 'agency';

/** A step the case waits for (待办): the action expected, from whom, and the clock it runs against. */
export interface PendingWork {
  readonly action: CaseCommandType;
  readonly role: Role;
  readonly scope: WorkScope;
  /** The person, when the scope is `named_person`. */
  readonly assignee?: string;
  /** The running clock this step answers to, if any. */
  readonly deadlineKind?: DeadlineKind;
  readonly dueAt?: IsoTimestamp;
}

function work(state: CaseState, action: CaseCommandType, role: Role, scope: WorkScope, deadlineKind?: DeadlineKind, assignee?: string): PendingWork {
  const deadline =
    deadlineKind === undefined
      ? undefined
      : state.deadlines.find((candidate) => candidate.kind === deadlineKind && (candidate.status === 'running' || candidate.status === 'missed'));
  return {
    action,
    role,
    scope,
    ...(assignee === undefined ? {} : { assignee }),
    ...(deadline === undefined ? {} : { deadlineKind: deadline.kind, dueAt: deadline.dueAt }),
  };
}

/** The step that moves the case on from its stage: what the inbox shows. Optional steps (suspension, extensions, transfers) are not work that waits. */
function forwardStep(state: CaseState): PendingWork | undefined {
  switch (state.stage) {
    case CaseStage.Clue:
      return work(state, 'approve_filing', Role.Head, 'agency', 'filing_decision');
    case CaseStage.Filed:
      return work(state, 'assign_handlers', Role.Head, 'agency', 'decision');
    case CaseStage.Investigation:
      return work(state, 'submit_investigation_report', Role.Handler, 'case_handlers', 'decision');
    case CaseStage.Suspended:
      return work(state, 'resume_case', Role.Head, 'agency');
    case CaseStage.LegalReview:
      return work(state, 'decide_legal_review', Role.Reviewer, 'agency', 'legal_review');
    case CaseStage.Notice:
      if (state.notice?.closedAt === undefined) {
        return work(state, 'close_notice', Role.Handler, 'case_handlers', 'notice_response');
      }
      return decisionStep(state);
    case CaseStage.Hearing:
      if (state.hearing?.scheduledAt === undefined) {
        return work(state, 'schedule_hearing', Role.Head, 'agency', 'decision');
      }
      if (state.hearing.recordedAt === undefined) {
        return work(state, 'record_hearing', Role.HearingOfficer, 'named_person', 'decision', state.hearing.officerId);
      }
      return decisionStep(state);
    case CaseStage.CollectiveDiscussion:
      return work(state, 'decide_case', Role.Head, 'agency', 'decision');
    case CaseStage.Decided:
      return work(state, 'record_service', Role.Handler, 'case_handlers', 'service');
    case CaseStage.Service:
      return work(state, 'close_case', Role.Head, 'agency');
    case CaseStage.Publicity:
      return state.publicity?.publishedAt === undefined
        ? work(state, 'publish_decision', Role.Handler, 'case_handlers', 'publicity')
        : work(state, 'close_case', Role.Head, 'agency');
    case CaseStage.Execution:
      return state.execution?.completedAt === undefined
        ? work(state, 'record_payment', Role.Handler, 'case_handlers', 'payment')
        : work(state, 'close_case', Role.Head, 'agency');
    case CaseStage.Closed:
      return work(state, 'archive_case', Role.Head, 'agency', 'archive');
    case CaseStage.NotFiled:
    case CaseStage.Archived:
      return undefined;
  }
}

/** APL 57: a complex or grave case is discussed by the heads before they decide. */
function decisionStep(state: CaseState): PendingWork {
  return state.report?.collectiveDiscussionRequired === true && state.collectiveDiscussion === undefined
    ? work(state, 'record_collective_discussion', Role.Head, 'agency', 'decision')
    : work(state, 'decide_case', Role.Head, 'agency', 'decision');
}

/**
 * What the case waits for now, from whom: its forward step and any recusal request the head has
 * not decided (APL 43). Derived from the state alone, so the projection keeps it beside the case.
 */
export function pendingWork(state: CaseState): PendingWork[] {
  const pending: PendingWork[] = [];
  const forward = forwardStep(state);
  if (forward !== undefined) {
    pending.push(forward);
  }
  if (state.recusals.some((recusal) => recusal.decision === undefined)) {
    pending.push(work(state, 'decide_recusal', Role.Head, 'agency', 'recusal_decision'));
  }
  return pending;
}
