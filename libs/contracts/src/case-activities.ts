import type { CaseEvent, CaseState } from '@docket/domain';

export interface RecordCaseEventInput {
  readonly workflowId: string;
  readonly event: CaseEvent;
  /** The case after the event, for the projection that lists and reports read. */
  readonly state: CaseState;
}

/**
 * What the case workflow asks of the outside world. Workflows import this type only; the
 * activities project implements it.
 */
export interface CaseActivities {
  /** Appends the event to `case_events` and updates the `cases` projection; idempotent per (case, sequence). */
  recordCaseEvent(input: RecordCaseEventInput): Promise<void>;
}
