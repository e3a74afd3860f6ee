import type { AgencyPolicy, CaseEvent, CaseState, DiscretionBenchmark, WorkingCalendarYear } from '@docket/domain';

export interface RecordCaseEventInput {
  readonly workflowId: string;
  readonly event: CaseEvent;
  /**
   * The case after the event, for the projection that lists and reports read. Sent by workflows
   * recorded before RECORD_EVENT_WITHOUT_STATE_PATCH; since then the activity derives it from the
   * projection and the event, and the history carries each event without a copy of the whole case.
   */
  readonly state?: CaseState;
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
 * The policy in force for an agency (its stored version, or the defaults of domain.md), the
 * working-day calendar years loaded by admins and the agency's discretion benchmark: what a case
 * runs under. The API reads it into the workflow's input, and signals a new one to running cases.
 */
export interface CasePolicySnapshot {
  readonly policy: AgencyPolicy;
  readonly calendarYears: readonly WorkingCalendarYear[];
  /**
   * The agency's newest stored benchmark (行政裁量权基准, domain.md §5), against which a proposed fine
   * is checked; absent when it has stored none. Optional, as histories and snapshots from before
   * benchmarks were stored carry none.
   */
  readonly benchmark?: DiscretionBenchmark;
}

export interface SealCaseRecordInput {
  readonly workflowId: string;
  readonly caseId: string;
  /** The sequence of the archiving event: the last event the case will ever have. */
  readonly lastSequence: number;
}

/** The sealed digest of an archived case's record (domain.md §6): what an auditor checks years later. */
export interface CaseRecordSeal {
  readonly caseId: string;
  readonly lastSequence: number;
  /** The hash of the last `case_events` row of the chain. */
  readonly chainHead: string;
  /** A keyed digest over the chain head and the case's identity, by the key named in keyId. */
  readonly digest: string;
  readonly keyId: string;
  readonly sealedAt: string;
}

/** Seals an archived case's record; idempotent per case (sealing again answers the first seal). */
export interface CaseSealActivities {
  sealCaseRecord(input: SealCaseRecordInput): Promise<CaseRecordSeal>;
}
