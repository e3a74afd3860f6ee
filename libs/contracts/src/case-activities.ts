import type { AgencyPolicy, CaseEvent, CaseState, WorkingCalendarYear } from '@docket/domain';

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

/**
 * The policy in force for an agency (its stored version, or the defaults of domain.md) and the
 * working-day calendar years loaded by admins: what a case runs under. The API reads it into the
 * workflow's input, and signals a new one to running cases.
 */
export interface CasePolicySnapshot {
  readonly policy: AgencyPolicy;
  readonly calendarYears: readonly WorkingCalendarYear[];
}
