import { DomainError } from '@docket/domain';
import { resolvePeriod } from './supervision-period';

function fieldOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) {
      return error.field;
    }
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('a supervision period', () => {
  it('runs from China midnight of the first date to China midnight after the last, both dates included', () => {
    const period = resolvePeriod({ from: '2026-01-01', to: '2026-03-31' });
    expect(period.startsAt.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(period.endsBefore.toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect(period.days).toBe(90);
  });

  it('is compared with the period of equal length just before it', () => {
    const period = resolvePeriod({ from: '2026-03-01', to: '2026-03-31' });
    expect(period.previous).toEqual({ from: '2026-01-29', to: '2026-02-28', startsAt: new Date('2026-01-28T16:00:00.000Z') });
    expect(resolvePeriod({ from: '2026-05-20', to: '2026-05-20' }).previous.from).toBe('2026-05-19');
  });

  it('names the field at fault for a malformed date, a date that does not exist, or an end before the start', () => {
    expect(fieldOf(() => resolvePeriod({ from: '2026-1-1', to: '2026-03-31' }))).toBe('from');
    expect(fieldOf(() => resolvePeriod({ from: '2026-01-01', to: '2026-02-30' }))).toBe('to');
    expect(fieldOf(() => resolvePeriod({ from: '2026-03-01', to: '2026-02-01' }))).toBe('to');
    expect(fieldOf(() => resolvePeriod({ from: '2000-01-01', to: '2026-01-01' }))).toBe('to');
  });
});
