import { timeLeft, urgencyOf } from './urgency';

describe('urgency of a deadline', () => {
  const now = Date.parse('2026-11-23T08:00:00Z');

  it('is overdue once the due time has passed, however little', () => {
    expect(urgencyOf('2026-11-23T07:59:59Z', now)).toBe('overdue');
  });

  it('is urgent within a day, soon within three days, fine beyond', () => {
    expect(urgencyOf('2026-11-24T08:00:00Z', now)).toBe('urgent');
    expect(urgencyOf('2026-11-26T08:00:00Z', now)).toBe('soon');
    expect(urgencyOf('2026-11-26T08:00:01Z', now)).toBe('ok');
  });

  it('is none for a step without a clock or an unreadable time', () => {
    expect(urgencyOf(null, now)).toBe('none');
    expect(urgencyOf('not a date', now)).toBe('none');
  });

  it('says how long is left, or how long overdue, in days and hours', () => {
    expect(timeLeft('2026-11-25T13:30:00Z', now)).toEqual({ overdue: false, days: 2, hours: 5 });
    expect(timeLeft('2026-11-22T05:00:00Z', now)).toEqual({ overdue: true, days: 1, hours: 3 });
  });
});
