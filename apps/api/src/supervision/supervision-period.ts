import { DomainError, DomainErrorCode } from '@docket/domain';

/** A supervision period as asked for: China-time calendar dates, both inclusive. */
export interface PeriodQuery {
  readonly from: string;
  readonly to: string;
}

export interface ResolvedPeriod {
  readonly from: string;
  readonly to: string;
  readonly days: number;
  /** Midnight China time at the start of `from`. */
  readonly startsAt: Date;
  /** Midnight China time at the end of `to`: the period is [startsAt, endsBefore). */
  readonly endsBefore: Date;
  /** The period of equal length just before, for comparing income. */
  readonly previous: { readonly from: string; readonly to: string; readonly startsAt: Date };
}

/** Ten years: enough for any review, and a bound on what one request may ask the database to count. */
export const MAX_PERIOD_DAYS = 3_660;

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function invalid(field: string, message: string): DomainError {
  return new DomainError(DomainErrorCode.InvalidInput, `${field}: ${message}`, field);
}

/** Days since the epoch of a calendar date, or undefined when it is no real date (2026-02-30). */
function dayNumber(text: string): number | undefined {
  const match = DATE.exec(text);
  if (match === null) {
    return undefined;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  return back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day ? ms / DAY_MS : undefined;
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** China keeps UTC+8 all year (no daylight saving), so a China date starts at 16:00 UTC the day before. */
function chinaMidnight(day: number): Date {
  return new Date(day * DAY_MS - 8 * 3_600_000);
}

export function resolvePeriod(query: PeriodQuery): ResolvedPeriod {
  const from = dayNumber(query.from);
  if (from === undefined) {
    throw invalid('from', 'must be a calendar date YYYY-MM-DD');
  }
  const to = dayNumber(query.to);
  if (to === undefined) {
    throw invalid('to', 'must be a calendar date YYYY-MM-DD');
  }
  if (to < from) {
    throw invalid('to', 'must not be before from');
  }
  const days = to - from + 1;
  if (days > MAX_PERIOD_DAYS) {
    throw invalid('to', `the period may span at most ${MAX_PERIOD_DAYS} days`);
  }
  return {
    from: query.from,
    to: query.to,
    days,
    startsAt: chinaMidnight(from),
    endsBefore: chinaMidnight(to + 1),
    previous: { from: dateOf(from - days), to: dateOf(from - 1), startsAt: chinaMidnight(from - days) },
  };
}
