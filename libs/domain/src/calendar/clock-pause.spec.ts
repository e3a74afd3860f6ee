import { DomainError, DomainErrorCode } from '../domain-error';
import { extendByPause, pausedDays } from './index';

function refusalOf(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

describe('suspension (中止) pauses a clock', () => {
  // Suspended on 2 March 10:00 China time awaiting test results, resumed on 12 March 14:30.
  const pausedFrom = '2026-03-02T02:00:00.000Z';
  const resumedAt = '2026-03-12T06:30:00.000Z';

  it('moves the due time later by exactly the time paused', () => {
    expect(extendByPause('2026-04-10T15:59:59.999Z', pausedFrom, resumedAt)).toBe('2026-04-20T20:29:59.999Z');
  });

  it('leaves the due time alone for a pause of no length', () => {
    expect(extendByPause('2026-04-10T15:59:59.999Z', pausedFrom, pausedFrom)).toBe('2026-04-10T15:59:59.999Z');
  });

  it('refuses a resumption before the pause', () => {
    expect(refusalOf(() => extendByPause('2026-04-10T15:59:59.999Z', resumedAt, pausedFrom))).toMatchObject({
      code: DomainErrorCode.InvalidInput,
      field: 'resumedAt',
    });
    expect(refusalOf(() => pausedDays(resumedAt, pausedFrom)).field).toBe('resumedAt');
  });

  it('records how many China-time days the suspension lasted', () => {
    expect(pausedDays(pausedFrom, resumedAt)).toBe(10);
    expect(pausedDays(pausedFrom, '2026-03-02T15:59:59.999Z')).toBe(0);
    // 23:30 to 00:30 China time crosses a China midnight; 07:30 to 08:30 crosses only a UTC one.
    expect(pausedDays('2026-03-01T15:30:00Z', '2026-03-01T16:30:00Z')).toBe(1);
    expect(pausedDays('2026-03-01T23:30:00Z', '2026-03-02T00:30:00Z')).toBe(0);
  });
});
