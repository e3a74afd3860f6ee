import { DomainError, DomainErrorCode } from '../domain-error';
import {
  computeDeadline,
  createWorkingCalendar,
  hoursDeadline,
  naturalDaysDeadline,
  PRC_WORKING_CALENDAR_YEARS,
  workingDaysDeadline,
  type DeadlineRule,
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

const calendar = createWorkingCalendar(PRC_WORKING_CALENDAR_YEARS);
/** 10:00 China time on the given date. */
const at10 = (date: string): string => `${date}T02:00:00.000Z`;
const endOf = (date: string): string => `${date}T15:59:59.999Z`;

describe('natural-day deadlines', () => {
  it('starts counting the day after the event and ends at 24:00 China time', () => {
    // An event on Monday 2 March: 7 natural days end on Monday 9 March.
    expect(naturalDaysDeadline(at10('2026-03-02'), 7, calendar)).toEqual({
      dueAt: endOf('2026-03-09'),
      lastDay: '2026-03-09',
      fallbackYears: [],
    });
  });

  it('moves a deadline ending on a Saturday to the end of Monday', () => {
    // Served Friday 6 March: the 15 days to pay a fine (APL 67) end on Saturday 21 March.
    expect(naturalDaysDeadline(at10('2026-03-06'), 15, calendar)).toEqual({
      dueAt: endOf('2026-03-23'),
      lastDay: '2026-03-23',
      fallbackYears: [],
    });
  });

  it('moves a deadline ending on a national holiday past the whole holiday', () => {
    // From Thursday 24 September, 7 natural days end on 1 October, inside National Day (1–7 October).
    expect(naturalDaysDeadline(at10('2026-09-24'), 7, calendar).lastDay).toBe('2026-10-08');
  });

  it('moves the 90-day decision clock past Qingming', () => {
    // Filed 5 January 2026: day 90 is Sunday 5 April, Qingming runs 4–6 April.
    expect(naturalDaysDeadline(at10('2026-01-05'), 90, calendar).dueAt).toBe(endOf('2026-04-07'));
  });

  it('keeps a deadline ending on a make-up working Sunday', () => {
    // 20 September 2026 is a Sunday worked in exchange for National Day.
    expect(naturalDaysDeadline(at10('2026-09-13'), 7, calendar).lastDay).toBe('2026-09-20');
  });
});

describe('working-day deadlines', () => {
  it('skips the Spring Festival week and counts both make-up Saturdays', () => {
    // Clue registered Tuesday 10 February 2026: 15 working days to decide on filing (SAMR Art. 18).
    // 11–13 Feb (3), Sat 14 Feb (4), 15–23 Feb holiday, 24–27 Feb (8), Sat 28 Feb (9), 2–6 Mar (14), 9 Mar (15).
    expect(workingDaysDeadline(at10('2026-02-10'), 15, calendar)).toEqual({
      dueAt: endOf('2026-03-09'),
      lastDay: '2026-03-09',
      fallbackYears: [],
    });
  });

  it('skips the Labour Day holiday and counts its make-up Saturday', () => {
    // Decided Tuesday 28 April 2026: publish within 7 working days.
    // 29–30 Apr (2), 1–5 May holiday, 6–8 May (5), Sat 9 May (6), Mon 11 May (7).
    expect(workingDaysDeadline(at10('2026-04-28'), 7, calendar).lastDay).toBe('2026-05-11');
  });

  it('can end on a make-up Saturday', () => {
    // From Tuesday 30 September 2025: 1–8 October holiday, 9 Oct (1), 10 Oct (2), Sat 11 Oct (3).
    expect(workingDaysDeadline(at10('2025-09-30'), 3, calendar).dueAt).toBe(endOf('2025-10-11'));
  });

  it('starts the day after an event on a rest day', () => {
    expect(workingDaysDeadline(at10('2026-03-01'), 1, calendar).lastDay).toBe('2026-03-02');
  });
});

describe('years without a calendar', () => {
  it('fall back to Monday–Friday and name the year', () => {
    // Wednesday 3 March 2027 + 5 days is Monday 8 March.
    expect(naturalDaysDeadline(at10('2027-03-03'), 5, calendar)).toEqual({
      dueAt: endOf('2027-03-08'),
      lastDay: '2027-03-08',
      fallbackYears: [2027],
    });
  });

  it('name only the years that lacked one, when a period crosses into them', () => {
    // Wednesday 30 December 2026: 31 Dec (1), Fri 1 Jan 2027 counted by the fallback (2), Mon 4 Jan (3).
    expect(workingDaysDeadline(at10('2026-12-30'), 3, calendar)).toEqual({
      dueAt: endOf('2027-01-04'),
      lastDay: '2027-01-04',
      fallbackYears: [2027],
    });
  });

  it('are all years when no calendar is loaded', () => {
    // National Day is unknown without data: 1 October 2026 is then an ordinary Thursday.
    expect(naturalDaysDeadline(at10('2026-09-24'), 7, createWorkingCalendar([]))).toEqual({
      dueAt: endOf('2026-10-01'),
      lastDay: '2026-10-01',
      fallbackYears: [2026],
    });
  });
});

describe('China time, whatever the instant is written in', () => {
  it('counts from the China date of the event: 17:00 UTC on 1 March is 2 March in China', () => {
    expect(naturalDaysDeadline('2026-03-01T17:00:00Z', 1, calendar)).toEqual({
      dueAt: '2026-03-03T15:59:59.999Z',
      lastDay: '2026-03-03',
      fallbackYears: [],
    });
    expect(workingDaysDeadline('2026-03-01T17:00:00Z', 1, calendar).lastDay).toBe('2026-03-03');
  });

  it('counts from 1 March for the last millisecond before China midnight', () => {
    expect(naturalDaysDeadline('2026-03-01T15:59:59.999Z', 1, calendar).lastDay).toBe('2026-03-02');
    expect(naturalDaysDeadline('2026-03-01T23:59:59.999+08:00', 1, calendar).lastDay).toBe('2026-03-02');
  });
});

describe('hour deadlines', () => {
  it('add exact hours and ignore the calendar', () => {
    // Transfer to the police within 24 hours of approval, approved on the eve of National Day.
    expect(hoursDeadline('2026-09-30T08:00:00Z', 24)).toEqual({
      dueAt: '2026-10-01T08:00:00.000Z',
      lastDay: '2026-10-01',
      fallbackYears: [],
    });
    expect(hoursDeadline('2026-03-01T17:00:00Z', 24).lastDay).toBe('2026-03-03');
  });
});

describe('deadline rules', () => {
  it.each<[DeadlineRule, string]>([
    [{ count: 15, unit: 'natural_days' }, '2026-02-25T15:59:59.999Z'],
    [{ count: 15, unit: 'working_days' }, '2026-03-09T15:59:59.999Z'],
    [{ count: 15, unit: 'hours' }, '2026-02-10T17:00:00.000Z'],
  ])('compute %o', (rule, dueAt) => {
    // 10 Feb + 15 natural days is 25 Feb, a working day; see the Spring Festival test for 15 working days.
    expect(computeDeadline(at10('2026-02-10'), rule, calendar).dueAt).toBe(dueAt);
  });

  it('refuse a unit they do not know and a count that is not a whole positive number', () => {
    const from = at10('2026-02-10');
    const weeks = { count: 2, unit: 'weeks' } as unknown as DeadlineRule;
    expect(refusalOf(() => computeDeadline(from, weeks, calendar))).toMatchObject({
      code: DomainErrorCode.InvalidInput,
      field: 'rule.unit',
    });
    const none: DeadlineRule = { count: 0, unit: 'working_days' };
    expect(refusalOf(() => computeDeadline(from, none, calendar)).field).toBe('rule.count');
    expect(refusalOf(() => computeDeadline(from, { count: 1.5, unit: 'hours' }, calendar)).field).toBe('rule.count');
    expect(refusalOf(() => naturalDaysDeadline(from, -1, calendar)).field).toBe('days');
    expect(refusalOf(() => hoursDeadline(from, 0)).field).toBe('hours');
  });

  it('refuse a start without a time zone offset', () => {
    expect(refusalOf(() => workingDaysDeadline('2026-02-10T10:00:00', 5, calendar)).field).toBe('from');
  });
});
