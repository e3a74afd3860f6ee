import { requireArray, requireObject } from '../input-rules';
import {
  type ChinaDate,
  type ChinaDay,
  formatChinaDay,
  invalidInput,
  isWeekend,
  parseChinaDate,
  yearOfChinaDay,
} from './china-time';

/**
 * One year of the official working calendar, as published by the State Council's notice on holiday
 * arrangements (国务院办公厅关于某年部分节假日安排的通知) and loaded by an admin (domain.md §4).
 */
export interface WorkingCalendarYear {
  readonly year: number;
  /**
   * Rest days (放假) that would otherwise be working days, 'YYYY-MM-DD'. Holiday days that fall on a
   * weekend may be listed too, as the notice prints them; they change nothing.
   */
  readonly holidays: readonly ChinaDate[];
  /** 调休上班: Saturdays and Sundays that are working days. */
  readonly makeUpWorkdays: readonly ChinaDate[];
  /** Where the dates were taken from, e.g. the notice's title and date. */
  readonly source?: string;
}

/** A validated set of calendar years, built by createWorkingCalendar. */
export interface WorkingCalendar {
  /** The years with a calendar loaded, ascending. Other years fall back to Monday–Friday. */
  readonly loadedYears: readonly number[];
  readonly holidays: ReadonlySet<ChinaDate>;
  readonly makeUpWorkdays: ReadonlySet<ChinaDate>;
}

export type DayKind = 'weekday' | 'weekend' | 'holiday' | 'make_up_workday';

export interface WorkingDayStatus {
  readonly date: ChinaDate;
  readonly working: boolean;
  readonly kind: DayKind;
  /** True when no calendar is loaded for the date's year, so only Monday–Friday was applied. */
  readonly fallback: boolean;
}

const MIN_YEAR = 1900;
const MAX_YEAR = 9999;
const MAX_YEARS = 200;
const MAX_DATES_PER_LIST = 366;
const MAX_SOURCE_LENGTH = 500;

function parseDateList(value: unknown, year: number, field: string): ChinaDay[] {
  return requireArray(value, field, MAX_DATES_PER_LIST).map((item, index) => {
    const itemField = `${field}[${index}]`;
    const day = parseChinaDate(item, itemField);
    if (yearOfChinaDay(day) !== year) {
      throw invalidInput(itemField, `${String(item)} is not in ${year}`);
    }
    return day;
  });
}

function parseCalendarYear(value: unknown, field: string): WorkingCalendarYear {
  const input = requireObject(value, field);
  const year = input['year'];
  if (typeof year !== 'number' || !Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw invalidInput(`${field}.year`, `must be a whole year between ${MIN_YEAR} and ${MAX_YEAR}`);
  }
  const holidays = parseDateList(input['holidays'], year, `${field}.holidays`);
  const makeUpWorkdays = parseDateList(input['makeUpWorkdays'], year, `${field}.makeUpWorkdays`);
  const holidaySet = new Set(holidays);
  makeUpWorkdays.forEach((day, index) => {
    const dayField = `${field}.makeUpWorkdays[${index}]`;
    if (!isWeekend(day)) {
      // A make-up workday on a weekday would change nothing; it is almost certainly a mistyped date.
      throw invalidInput(dayField, `${formatChinaDay(day)} is not a Saturday or Sunday`);
    }
    if (holidaySet.has(day)) {
      throw invalidInput(dayField, `${formatChinaDay(day)} is also listed as a holiday`);
    }
  });
  const source = input['source'];
  if (source !== undefined && (typeof source !== 'string' || source.length > MAX_SOURCE_LENGTH)) {
    throw invalidInput(`${field}.source`, `must be a string of at most ${MAX_SOURCE_LENGTH} characters`);
  }
  return {
    year,
    holidays: holidays.map(formatChinaDay),
    makeUpWorkdays: makeUpWorkdays.map(formatChinaDay),
    ...(source === undefined ? {} : { source }),
  };
}

/**
 * Validates calendar years, as typed in by an admin or read back from storage, and builds the calendar.
 * Field paths in refusals are relative to the list, e.g. `years[0].makeUpWorkdays[1]`.
 */
export function createWorkingCalendar(years: readonly WorkingCalendarYear[]): WorkingCalendar {
  const parsed = requireArray(years, 'years', MAX_YEARS).map((item, index) =>
    parseCalendarYear(item, `years[${index}]`),
  );
  const seen = new Map<number, number>();
  parsed.forEach((entry, index) => {
    const earlier = seen.get(entry.year);
    if (earlier !== undefined) {
      throw invalidInput(`years[${index}].year`, `${entry.year} is already given by years[${earlier}]`);
    }
    seen.set(entry.year, index);
  });
  return {
    loadedYears: [...seen.keys()].sort((a, b) => a - b),
    holidays: new Set(parsed.flatMap((entry) => entry.holidays)),
    makeUpWorkdays: new Set(parsed.flatMap((entry) => entry.makeUpWorkdays)),
  };
}

export function hasCalendarYear(calendar: WorkingCalendar, year: number): boolean {
  return calendar.loadedYears.includes(year);
}

export function statusOfChinaDay(day: ChinaDay, calendar: WorkingCalendar): WorkingDayStatus {
  const date = formatChinaDay(day);
  const weekend = isWeekend(day);
  if (!hasCalendarYear(calendar, yearOfChinaDay(day))) {
    return { date, working: !weekend, kind: weekend ? 'weekend' : 'weekday', fallback: true };
  }
  if (calendar.makeUpWorkdays.has(date)) {
    return { date, working: true, kind: 'make_up_workday', fallback: false };
  }
  if (calendar.holidays.has(date)) {
    return { date, working: false, kind: 'holiday', fallback: false };
  }
  return { date, working: !weekend, kind: weekend ? 'weekend' : 'weekday', fallback: false };
}

/** Whether a China-time date is a working day, and whether that was decided without a loaded calendar. */
export function workingDayStatus(date: ChinaDate, calendar: WorkingCalendar): WorkingDayStatus {
  return statusOfChinaDay(parseChinaDate(date, 'date'), calendar);
}

/** Use workingDayStatus instead where it matters that the year had no calendar loaded. */
export function isWorkingDay(date: ChinaDate, calendar: WorkingCalendar): boolean {
  return workingDayStatus(date, calendar).working;
}
