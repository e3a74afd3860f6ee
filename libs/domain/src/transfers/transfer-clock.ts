import { computeDeadline, type WorkingCalendar } from '../calendar';
import type { IsoTimestamp } from '../case-state';
import type { PeriodRule, PolicyField } from '../policy';

/**
 * The clocks a transfer runs (domain.md §3–4). Each is a durable timer in the workflow; when one
 * passes, the workflow records that as an event, so a missed deadline or an unanswered transfer
 * is a fact of the record, never dropped.
 *
 * - `deadline`: binds the agency (or, for the police's answer, the receiver) by statute or policy;
 *   passing it is a missed deadline.
 * - `reminder`: no rule binds the receiver, so passing it is a reminder, not a violation
 *   (clue transfers: acknowledgement expected, feedback chased periodically).
 * - `window`: a time in which the agency *may* act; passing it closes the option.
 */
export type TransferClockNature = 'deadline' | 'reminder' | 'window';

/** `missed`: passed before the step it guards was done (for a window: passed unused). */
export type TransferClockStatus = 'running' | 'met' | 'missed' | 'cancelled';

export interface TransferClock<K extends string = string> {
  readonly kind: K;
  readonly nature: TransferClockNature;
  /** The policy field the period comes from, e.g. 'judicialTransfer.transferPeriod'. */
  readonly basis: PolicyField;
  readonly rule: PeriodRule;
  readonly startedAt: IsoTimestamp;
  readonly dueAt: IsoTimestamp;
  /** Years whose working days were counted Monday–Friday for want of a loaded calendar (domain.md §4). */
  readonly fallbackYears: readonly number[];
  readonly status: TransferClockStatus;
  /** When the clock was met, recorded as missed (when its timer fired) or cancelled. */
  readonly settledAt?: IsoTimestamp;
  /** When the guarded step was done after the clock had passed: done, but late. */
  readonly doneLateAt?: IsoTimestamp;
  /** Reminders recorded for this clock. */
  readonly reminders: number;
  /** A reminder that recurs every period until the step is done (feedback is chased monthly). */
  readonly recurring: boolean;
  /** When the workflow's timer for this clock fires next; absent when nothing more is due. */
  readonly nextDueAt?: IsoTimestamp;
}

/** The facts recorded when a clock passes, by the system actor. */
export type TransferClockEventData<K extends string> =
  | { readonly type: 'deadline_missed'; readonly clock: K; readonly dueAt: IsoTimestamp }
  | {
      readonly type: 'reminder_due';
      readonly clock: K;
      readonly dueAt: IsoTimestamp;
      /** 1 for the first reminder of this clock. */
      readonly reminder: number;
      /** The next reminder, for a recurring one. */
      readonly nextDueAt?: IsoTimestamp;
    }
  | { readonly type: 'window_lapsed'; readonly clock: K; readonly dueAt: IsoTimestamp };

export interface ClockSpec<K extends string> {
  readonly kind: K;
  readonly nature: TransferClockNature;
  readonly basis: PolicyField;
  readonly rule: PeriodRule;
  readonly recurring?: boolean;
}

/** Starts a clock at `from`, its due time counted under the agency's calendar. */
export function startClock<K extends string>(spec: ClockSpec<K>, from: IsoTimestamp, calendar: WorkingCalendar): TransferClock<K> {
  const computed = computeDeadline(from, spec.rule, calendar);
  return {
    kind: spec.kind,
    nature: spec.nature,
    basis: spec.basis,
    rule: spec.rule,
    startedAt: from,
    dueAt: computed.dueAt,
    fallbackYears: computed.fallbackYears,
    status: 'running',
    reminders: 0,
    recurring: spec.recurring ?? false,
    nextDueAt: computed.dueAt,
  };
}

function withoutNextDue<K extends string>(clock: TransferClock<K>): TransferClock<K> {
  const { nextDueAt: _nextDueAt, ...rest } = clock;
  return rest;
}

/** The step a clock guards was done at `at`: met if in time, otherwise done late. */
export function settleClock<K extends string>(
  clocks: readonly TransferClock<K>[],
  kind: K,
  at: IsoTimestamp,
): readonly TransferClock<K>[] {
  return clocks.map((clock) => {
    if (clock.kind !== kind || clock.status === 'met' || clock.status === 'cancelled' || clock.doneLateAt !== undefined) {
      return clock;
    }
    if (clock.status === 'running' && at <= clock.dueAt) {
      return { ...withoutNextDue(clock), status: 'met', settledAt: at };
    }
    // Passed without its timer having been recorded yet (the caller catches clocks up first), or recorded missed.
    return { ...withoutNextDue(clock), status: 'missed', settledAt: clock.settledAt ?? at, doneLateAt: at };
  });
}

/** The step a clock guards will never be done (the head refused the transfer): the clock stops. */
export function cancelClocks<K extends string>(clocks: readonly TransferClock<K>[], at: IsoTimestamp): readonly TransferClock<K>[] {
  return clocks.map((clock) => {
    if (clock.status === 'running') {
      return { ...withoutNextDue(clock), status: 'cancelled', settledAt: at };
    }
    return clock.nextDueAt === undefined ? clock : withoutNextDue(clock);
  });
}

/** Applies the recorded passing of a clock. */
export function clockPassed<K extends string>(
  clocks: readonly TransferClock<K>[],
  data: TransferClockEventData<K>,
  at: IsoTimestamp,
): readonly TransferClock<K>[] {
  return clocks.map((clock) => {
    if (clock.kind !== data.clock) {
      return clock;
    }
    const passed: TransferClock<K> = {
      ...withoutNextDue(clock),
      status: 'missed',
      settledAt: clock.settledAt ?? at,
      reminders: clock.reminders + (data.type === 'reminder_due' ? 1 : 0),
    };
    return data.type === 'reminder_due' && data.nextDueAt !== undefined ? { ...passed, nextDueAt: data.nextDueAt } : passed;
  });
}

/** The clock whose timer fires first, if any: the one the workflow waits for. */
export function nextDueClock<K extends string>(clocks: readonly TransferClock<K>[]): TransferClock<K> | undefined {
  return clocks.reduce<TransferClock<K> | undefined>((earliest, clock) => {
    if (clock.nextDueAt === undefined) {
      return earliest;
    }
    return earliest?.nextDueAt === undefined || clock.nextDueAt < earliest.nextDueAt ? clock : earliest;
  }, undefined);
}

/** What is recorded for the first clock that has come due by `now`, if one has. */
export function dueClockEventData<K extends string>(
  clocks: readonly TransferClock<K>[],
  now: IsoTimestamp,
  calendar: WorkingCalendar,
): TransferClockEventData<K> | undefined {
  const due = nextDueClock(clocks);
  // dueAt is the last instant still on time: a clock has passed only after it.
  if (due?.nextDueAt === undefined || now <= due.nextDueAt) {
    return undefined;
  }
  const dueAt = due.nextDueAt;
  switch (due.nature) {
    case 'deadline':
      return { type: 'deadline_missed', clock: due.kind, dueAt };
    case 'window':
      return { type: 'window_lapsed', clock: due.kind, dueAt };
    case 'reminder':
      return {
        type: 'reminder_due',
        clock: due.kind,
        dueAt,
        reminder: due.reminders + 1,
        ...(due.recurring ? { nextDueAt: computeDeadline(dueAt, due.rule, calendar).dueAt } : {}),
      };
  }
}

/** A clock as the closing report lists it. */
export interface TransferClockReport<K extends string = string> {
  readonly kind: K;
  readonly nature: TransferClockNature;
  readonly basis: PolicyField;
  readonly dueAt: IsoTimestamp;
  readonly status: TransferClockStatus;
  readonly settledAt?: IsoTimestamp;
  readonly doneLateAt?: IsoTimestamp;
  readonly reminders: number;
  readonly fallbackYears: readonly number[];
}

export function clockReport<K extends string>(clock: TransferClock<K>): TransferClockReport<K> {
  return {
    kind: clock.kind,
    nature: clock.nature,
    basis: clock.basis,
    dueAt: clock.dueAt,
    status: clock.status,
    ...(clock.settledAt === undefined ? {} : { settledAt: clock.settledAt }),
    ...(clock.doneLateAt === undefined ? {} : { doneLateAt: clock.doneLateAt }),
    reminders: clock.reminders,
    fallbackYears: clock.fallbackYears,
  };
}

/** When the next clock of a transfer passes, if any does: the workflow's timer waits for this instant. */
export function nextTransferClockDueAt(clocks: readonly TransferClock[]): IsoTimestamp | undefined {
  return nextDueClock(clocks)?.nextDueAt;
}
