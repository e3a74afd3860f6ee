import type { IsoTimestamp } from '../case-state';
import { requireObject, requireOneOf } from '../input-rules';
import {
  type ChinaDate,
  type ChinaDay,
  chinaDayOfInstant,
  endOfChinaDayMs,
  formatChinaDay,
  invalidInput,
  parseInstant,
  yearOfChinaDay,
} from './china-time';
import { statusOfChinaDay, type WorkingCalendar } from './working-calendar';

const HOUR_MS = 60 * 60 * 1000;

/** Ten years: far beyond any period in domain.md, small enough that counting day by day stays cheap. */
export const MAX_DEADLINE_DAYS = 3660;
export const MAX_DEADLINE_HOURS = MAX_DEADLINE_DAYS * 24;

export interface ComputedDeadline {
  /** The last instant at which the step is still on time: the end of lastDay, 24:00 China time, for day periods. */
  readonly dueAt: IsoTimestamp;
  /** The China-time date on which the period ends. */
  readonly lastDay: ChinaDate;
  /**
   * Years whose days were judged working or not without a loaded calendar (Monday–Friday only),
   * ascending; empty if none. A non-empty list is shown beside the deadline (domain.md §4).
   */
  readonly fallbackYears: readonly number[];
}

export type DeadlineUnit = 'natural_days' | 'working_days' | 'hours';
export const DEADLINE_UNITS: readonly DeadlineUnit[] = ['natural_days', 'working_days', 'hours'];

/** How a period is counted, e.g. `{ count: 15, unit: 'working_days' }` for deciding whether to file a clue. */
export interface DeadlineRule {
  readonly count: number;
  readonly unit: DeadlineUnit;
}

function requireCount(value: unknown, max: number, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw invalidInput(field, `must be a whole number between 1 and ${max}`);
  }
  return value;
}

/** Asks the calendar about each day and remembers which years it had to answer without data. */
class DayJudge {
  private readonly fallbackYears = new Set<number>();

  constructor(private readonly calendar: WorkingCalendar) {}

  isWorking(day: ChinaDay): boolean {
    const status = statusOfChinaDay(day, this.calendar);
    if (status.fallback) {
      this.fallbackYears.add(yearOfChinaDay(day));
    }
    return status.working;
  }

  deadlineEndingOn(day: ChinaDay): ComputedDeadline {
    return {
      dueAt: new Date(endOfChinaDayMs(day)).toISOString(),
      lastDay: formatChinaDay(day),
      fallbackYears: [...this.fallbackYears].sort((a, b) => a - b),
    };
  }
}

function naturalDays(from: unknown, days: unknown, calendar: WorkingCalendar, countField: string): ComputedDeadline {
  const start = chinaDayOfInstant(parseInstant(from, 'from'));
  const count = requireCount(days, MAX_DEADLINE_DAYS, countField);
  const judge = new DayJudge(calendar);
  // The event's own day is not counted; a last day that is a rest day moves to the next working day.
  let last = start + count;
  while (!judge.isWorking(last)) {
    last += 1;
  }
  return judge.deadlineEndingOn(last);
}

function workingDays(from: unknown, days: unknown, calendar: WorkingCalendar, countField: string): ComputedDeadline {
  const start = chinaDayOfInstant(parseInstant(from, 'from'));
  const count = requireCount(days, MAX_DEADLINE_DAYS, countField);
  const judge = new DayJudge(calendar);
  let day = start;
  let counted = 0;
  while (counted < count) {
    day += 1;
    if (judge.isWorking(day)) {
      counted += 1;
    }
  }
  return judge.deadlineEndingOn(day);
}

function hoursAfter(from: unknown, count: unknown, countField: string): ComputedDeadline {
  const start = parseInstant(from, 'from');
  const dueMs = start + requireCount(count, MAX_DEADLINE_HOURS, countField) * HOUR_MS;
  return {
    dueAt: new Date(dueMs).toISOString(),
    lastDay: formatChinaDay(chinaDayOfInstant(dueMs)),
    fallbackYears: [],
  };
}

/**
 * A period of natural days (自然日) after the event: it starts the next China-time day, ends at 24:00 on its
 * last day, and a last day that is a holiday or rest day moves to the end of the next working day.
 */
export function naturalDaysDeadline(from: IsoTimestamp, days: number, calendar: WorkingCalendar): ComputedDeadline {
  return naturalDays(from, days, calendar, 'days');
}

/** A period of working days (工作日): the N-th working day after the event's China-time day, to its 24:00. */
export function workingDaysDeadline(from: IsoTimestamp, days: number, calendar: WorkingCalendar): ComputedDeadline {
  return workingDays(from, days, calendar, 'days');
}

/** A period in hours ("within 24 hours"): exact elapsed time, no calendar and no moving to a working day. */
export function hoursDeadline(from: IsoTimestamp, hours: number): ComputedDeadline {
  return hoursAfter(from, hours, 'hours');
}

/** Rules come from agency policy as data, so the rule itself is checked before it is counted. */
export function computeDeadline(from: IsoTimestamp, rule: DeadlineRule, calendar: WorkingCalendar): ComputedDeadline {
  const input = requireObject(rule, 'rule');
  const unit = requireOneOf(input['unit'], DEADLINE_UNITS, 'rule.unit');
  switch (unit) {
    case 'natural_days':
      return naturalDays(from, input['count'], calendar, 'rule.count');
    case 'working_days':
      return workingDays(from, input['count'], calendar, 'rule.count');
    case 'hours':
      return hoursAfter(from, input['count'], 'rule.count');
  }
}

/**
 * When to warn about a deadline: `lead` before it is due. A lead in working days steps back over
 * working days only, so "3 working days before" a Monday deadline is the Wednesday before.
 */
export function leadTimeBefore(dueAt: IsoTimestamp, lead: DeadlineRule, calendar: WorkingCalendar): IsoTimestamp {
  const dueMs = parseInstant(dueAt, 'dueAt');
  switch (lead.unit) {
    case 'hours':
      return new Date(dueMs - lead.count * HOUR_MS).toISOString();
    case 'natural_days':
      return new Date(dueMs - lead.count * 24 * HOUR_MS).toISOString();
    case 'working_days': {
      let day: ChinaDay = chinaDayOfInstant(dueMs);
      let remaining = lead.count;
      while (remaining > 0) {
        day -= 1;
        if (statusOfChinaDay(day, calendar).working) {
          remaining -= 1;
        }
      }
      return new Date(endOfChinaDayMs(day)).toISOString();
    }
  }
}
