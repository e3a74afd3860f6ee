import type { IsoTimestamp } from '../case-state';
import { DomainError, DomainErrorCode } from '../domain-error';

/**
 * A calendar date in China Standard Time, 'YYYY-MM-DD'. Deadlines count these days, whatever the
 * time zone of the machine that computes them.
 */
export type ChinaDate = string;

/**
 * China Standard Time is UTC+08:00 all year (no daylight saving since 1991). All day arithmetic is done
 * on epoch milliseconds shifted by this offset and read back with getUTC* only: Intl and the local-time
 * Date methods follow the machine's zone, which a worker in another region would not share.
 */
const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A zone designator is required: without one, Date.parse would read the time in the machine's zone. */
const TIMESTAMP_PATTERN = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function invalidInput(field: string, message: string): DomainError {
  return new DomainError(DomainErrorCode.InvalidInput, `${field}: ${message}`, field);
}

/**
 * Dates are handled internally as "China days": whole days since 1970-01-01 in China time, so that
 * stepping a day is adding one and no date ever passes through a local-time Date method.
 */
export type ChinaDay = number;

export function chinaDayOfInstant(epochMs: number): ChinaDay {
  return Math.floor((epochMs + CHINA_UTC_OFFSET_MS) / DAY_MS);
}

/** The last millisecond of the day, 24:00 China time exclusive. */
export function endOfChinaDayMs(day: ChinaDay): number {
  return (day + 1) * DAY_MS - CHINA_UTC_OFFSET_MS - 1;
}

function utcDateOf(day: ChinaDay): Date {
  return new Date(day * DAY_MS);
}

export function formatChinaDay(day: ChinaDay): ChinaDate {
  const date = utcDateOf(day);
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  const dayOfMonth = String(date.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${dayOfMonth}`;
}

export function yearOfChinaDay(day: ChinaDay): number {
  return utcDateOf(day).getUTCFullYear();
}

/** 0 is Sunday, 6 is Saturday. */
export function weekdayOfChinaDay(day: ChinaDay): number {
  return utcDateOf(day).getUTCDay();
}

export function isWeekend(day: ChinaDay): boolean {
  const weekday = weekdayOfChinaDay(day);
  return weekday === 0 || weekday === 6;
}

/** Parses 'YYYY-MM-DD', refusing dates that do not exist (2026-02-30), which Date.UTC would roll over. */
export function parseChinaDate(value: unknown, field: string): ChinaDay {
  const match = typeof value === 'string' ? DATE_PATTERN.exec(value) : null;
  if (match === null) {
    throw invalidInput(field, 'must be a date written YYYY-MM-DD');
  }
  const day = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
  // The round trip also catches years 0000–0099, which Date.UTC maps to 1900–1999.
  if (!Number.isInteger(day) || formatChinaDay(day) !== value) {
    throw invalidInput(field, `${String(value)} is not a real date`);
  }
  return day;
}

/** Parses an ISO-8601 timestamp that names its offset ('Z' or ±hh:mm) and exists on the calendar. */
export function parseInstant(value: unknown, field: string): number {
  const match = typeof value === 'string' ? TIMESTAMP_PATTERN.exec(value) : null;
  if (match === null) {
    throw invalidInput(field, 'must be an ISO-8601 timestamp with a time zone offset, e.g. 2026-03-01T09:00:00+08:00');
  }
  parseChinaDate(match[1], field);
  const epochMs = Date.parse(value as string);
  if (Number.isNaN(epochMs)) {
    throw invalidInput(field, 'must be a valid timestamp');
  }
  return epochMs;
}

/** The China-time calendar date of an instant: 2026-03-01T17:00:00Z is 2026-03-02 in China. */
export function chinaDateOf(at: IsoTimestamp): ChinaDate {
  return formatChinaDay(chinaDayOfInstant(parseInstant(at, 'at')));
}

/** The last instant of a China-time day, e.g. 2026-04-10 ends at 2026-04-10T15:59:59.999Z. */
export function endOfChinaDay(date: ChinaDate): IsoTimestamp {
  return new Date(endOfChinaDayMs(parseChinaDate(date, 'date'))).toISOString();
}
