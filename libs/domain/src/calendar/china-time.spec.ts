import { DomainError, DomainErrorCode } from '../domain-error';
import {
  chinaDateOf,
  createWorkingCalendar,
  endOfChinaDay,
  naturalDaysDeadline,
  PRC_WORKING_CALENDAR_YEARS,
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

describe('China Standard Time days', () => {
  it('reads the date of an instant in UTC+08:00', () => {
    expect(chinaDateOf('2026-03-01T15:59:59.999Z')).toBe('2026-03-01');
    expect(chinaDateOf('2026-03-01T16:00:00.000Z')).toBe('2026-03-02');
    expect(chinaDateOf('2026-03-01T17:00:00Z')).toBe('2026-03-02');
    expect(chinaDateOf('2026-03-02T00:30:00+08:00')).toBe('2026-03-02');
    expect(chinaDateOf('2026-03-01T12:00:00-05:00')).toBe('2026-03-02');
  });

  it('ends a day at 24:00 China time, which is 16:00 UTC', () => {
    expect(endOfChinaDay('2026-04-10')).toBe('2026-04-10T15:59:59.999Z');
    expect(endOfChinaDay('2025-12-31')).toBe('2025-12-31T15:59:59.999Z');
  });

  it('refuses a timestamp without an offset, which the machine would read in its own zone', () => {
    expect(refusalOf(() => chinaDateOf('2026-03-01T17:00:00'))).toMatchObject({
      code: DomainErrorCode.InvalidInput,
      field: 'at',
    });
  });

  it('refuses dates that do not exist, which Date would roll over', () => {
    expect(refusalOf(() => chinaDateOf('2026-02-29T10:00:00Z')).field).toBe('at');
    expect(refusalOf(() => endOfChinaDay('2026-02-30')).field).toBe('date');
    expect(refusalOf(() => endOfChinaDay('0099-01-01')).field).toBe('date');
  });

  describe.each(['America/New_York', 'Asia/Kolkata', 'UTC'])('on a machine in %s', (zone) => {
    const original = process.env['TZ'];
    beforeAll(() => {
      process.env['TZ'] = zone;
    });
    afterAll(() => {
      if (original === undefined) delete process.env['TZ'];
      else process.env['TZ'] = original;
    });

    it('computes the same China dates and deadlines', () => {
      const localOffsetMinutes = new Date('2026-03-01T17:00:00Z').getTimezoneOffset();
      expect(localOffsetMinutes).not.toBe(-480);
      expect(chinaDateOf('2026-03-01T17:00:00Z')).toBe('2026-03-02');
      const calendar = createWorkingCalendar(PRC_WORKING_CALENDAR_YEARS);
      expect(naturalDaysDeadline('2026-03-01T17:00:00Z', 1, calendar)).toEqual({
        dueAt: '2026-03-03T15:59:59.999Z',
        lastDay: '2026-03-03',
        fallbackYears: [],
      });
    });
  });
});
