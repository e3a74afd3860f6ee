import { DomainError, DomainErrorCode } from '../domain-error';
import {
  createWorkingCalendar,
  hasCalendarYear,
  isWorkingDay,
  PRC_WORKING_CALENDAR_2025,
  PRC_WORKING_CALENDAR_YEARS,
  workingDayStatus,
  type WorkingCalendar,
  type WorkingCalendarYear,
} from './index';

function refusalOf(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

/** Every date of a year, built by string so the test does not share the code's date arithmetic. */
function datesOf(year: number): string[] {
  const monthLengths = [31, year % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return monthLengths.flatMap((length, month) =>
    Array.from(
      { length },
      (_, day) => `${year}-${String(month + 1).padStart(2, '0')}-${String(day + 1).padStart(2, '0')}`,
    ),
  );
}

const calendar = createWorkingCalendar(PRC_WORKING_CALENDAR_YEARS);

describe('working days', () => {
  it('treats a weekday holiday as a rest day and a make-up Saturday as a working day', () => {
    expect(isWorkingDay('2026-10-05', calendar)).toBe(false); // Monday, National Day
    expect(isWorkingDay('2026-02-14', calendar)).toBe(true); // Saturday, 调休 before Spring Festival
    expect(isWorkingDay('2026-09-20', calendar)).toBe(true); // Sunday, 调休 before National Day
    expect(isWorkingDay('2026-03-07', calendar)).toBe(false); // ordinary Saturday
    expect(isWorkingDay('2026-03-09', calendar)).toBe(true); // ordinary Monday
  });

  it('says how each day was judged', () => {
    expect(workingDayStatus('2025-01-28', calendar)).toEqual({
      date: '2025-01-28',
      working: false,
      kind: 'holiday',
      fallback: false,
    });
    expect(workingDayStatus('2025-04-27', calendar)).toEqual({
      date: '2025-04-27',
      working: true,
      kind: 'make_up_workday',
      fallback: false,
    });
  });

  it('falls back to Monday–Friday for a year with no calendar, and says so', () => {
    expect(hasCalendarYear(calendar, 2026)).toBe(true);
    expect(hasCalendarYear(calendar, 2027)).toBe(false);
    // New Year's Day 2027 is a Friday: a rest day in fact, a working day by the fallback.
    expect(workingDayStatus('2027-01-01', calendar)).toEqual({
      date: '2027-01-01',
      working: true,
      kind: 'weekday',
      fallback: true,
    });
    expect(workingDayStatus('2027-01-02', calendar)).toMatchObject({
      working: false,
      kind: 'weekend',
      fallback: true,
    });
  });

  it.each([2025, 2026])('gives %i its 248 working days: 261 weekdays less the 13 statutory holiday days', (year) => {
    expect(datesOf(year).filter((date) => isWorkingDay(date, calendar))).toHaveLength(248);
  });

  it('gives the same answers whether or not holidays on weekends are listed', () => {
    const weekendHolidays = ['2025-02-01', '2025-02-02', '2025-04-05', '2025-04-06', '2025-05-03', '2025-05-04',
      '2025-05-31', '2025-06-01', '2025-10-04', '2025-10-05'];
    const weekdaysOnly = createWorkingCalendar([
      {
        ...PRC_WORKING_CALENDAR_2025,
        holidays: PRC_WORKING_CALENDAR_2025.holidays.filter((date) => !weekendHolidays.includes(date)),
      },
    ]);
    expect(weekdaysOnly.holidays.size).toBe(PRC_WORKING_CALENDAR_2025.holidays.length - weekendHolidays.length);
    const full: WorkingCalendar = createWorkingCalendar([PRC_WORKING_CALENDAR_2025]);
    for (const date of datesOf(2025)) {
      expect([date, isWorkingDay(date, weekdaysOnly)]).toEqual([date, isWorkingDay(date, full)]);
    }
  });
});

describe('calendar data', () => {
  const good: WorkingCalendarYear = { year: 2025, holidays: ['2025-01-01'], makeUpWorkdays: ['2025-01-26'] };

  it('lists the loaded years in order', () => {
    const loaded = createWorkingCalendar([{ year: 2026, holidays: [], makeUpWorkdays: [] }, good]);
    expect(loaded.loadedYears).toEqual([2025, 2026]);
  });

  const year2026 = (holidays: unknown, makeUpWorkdays: unknown = []): Record<string, unknown> => ({
    year: 2026,
    holidays,
    makeUpWorkdays,
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a date of another year', year2026(['2026-01-01', '2025-12-31']), 'years[1].holidays[1]'],
    ['a date that does not exist', year2026(['2026-02-29']), 'years[1].holidays[0]'],
    ['a date not written YYYY-MM-DD', year2026(['2026-1-1']), 'years[1].holidays[0]'],
    ['a make-up workday on a weekday', year2026([], ['2026-01-05']), 'years[1].makeUpWorkdays[0]'],
    [
      'a date both holiday and make-up workday',
      year2026(['2026-01-01', '2026-01-04'], ['2026-02-14', '2026-01-04']),
      'years[1].makeUpWorkdays[1]',
    ],
    ['a year given twice', { ...year2026([]), year: 2025 }, 'years[1].year'],
    ['a year that is not a whole number', { ...year2026([]), year: 2026.5 }, 'years[1].year'],
    ['holidays that are not a list', year2026('2026-01-01'), 'years[1].holidays'],
    ['a missing make-up list', { year: 2026, holidays: [] }, 'years[1].makeUpWorkdays'],
  ])('refuses %s, naming the field', (_, bad, field) => {
    const refusal = refusalOf(() => createWorkingCalendar([good, bad as unknown as WorkingCalendarYear]));
    expect(refusal.code).toBe(DomainErrorCode.InvalidInput);
    expect(refusal.field).toBe(field);
    expect(refusal.message).toContain(field);
  });

  it('refuses a date that is not YYYY-MM-DD when asked about one day', () => {
    expect(refusalOf(() => isWorkingDay('2026-03-01T00:00:00Z', calendar)).field).toBe('date');
  });
});
