import type { CaseState, Deadline, DeadlineKind, IsoTimestamp } from './case-state';

const DAY_MS = 24 * 60 * 60 * 1000;

/** APL 60: decide within 90 days of filing. Natural days; extensions come with agency policy. */
export const DECISION_PERIOD_DAYS = 90;

export function addNaturalDays(from: IsoTimestamp, days: number): IsoTimestamp {
  return new Date(Date.parse(from) + days * DAY_MS).toISOString();
}

export function startDeadline(kind: DeadlineKind, startedAt: IsoTimestamp, dueAt: IsoTimestamp): Deadline {
  return { kind, startedAt, dueAt, status: 'running' };
}

/** The running deadline that falls due first, if any: the one the workflow's timer waits for. */
export function nextRunningDeadline(state: CaseState): Deadline | undefined {
  return state.deadlines
    .filter((deadline) => deadline.status === 'running')
    .reduce<Deadline | undefined>(
      (earliest, deadline) => (earliest === undefined || deadline.dueAt < earliest.dueAt ? deadline : earliest),
      undefined,
    );
}

export function settleDeadline(
  deadlines: readonly Deadline[],
  kind: DeadlineKind,
  status: 'met' | 'missed',
  at: IsoTimestamp,
): readonly Deadline[] {
  return deadlines.map((deadline) =>
    deadline.kind === kind && deadline.status === 'running' ? { ...deadline, status, settledAt: at } : deadline,
  );
}
