import { DomainError } from './domain-error';
import { requireAmount, requireObject, requireTimestamp } from './input-rules';

describe('input rules', () => {
  it('takes real dates and timestamps, with or without an offset', () => {
    expect(requireTimestamp('2028-02-29', 'paidAt')).toBe('2028-02-29T00:00:00.000Z');
    expect(requireTimestamp('2026-10-02T08:00:00+08:00', 'paidAt')).toBe('2026-10-02T00:00:00.000Z');
  });

  it.each(['2026-02-30', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-10-00', '2026-10-02T25:00:00Z', 'yesterday', '+275760-09-13'])(
    'refuses %s naming the field instead of moving it to another day',
    (value) => {
      expect(() => requireTimestamp(value, 'paidAt')).toThrow(DomainError);
      expect(() => requireTimestamp(value, 'paidAt')).toThrow(/^paidAt: /);
    },
  );

  it.each([-1, -0.01, 0.001, Number.NaN, Number.POSITIVE_INFINITY, 1e13, '500'])('refuses %p as an amount', (value) => {
    expect(() => requireAmount(value, 'amount')).toThrow(DomainError);
  });

  it('refuses a key an object does not take, naming it, when told which keys it takes', () => {
    expect(requireObject({ min: 1, max: 2 }, 'items[0].statutoryRange', ['min', 'max'])).toEqual({ min: 1, max: 2 });
    expect(() => requireObject({ min: 1, max: 2, k: 3 }, 'items[0].statutoryRange', ['min', 'max'])).toThrow(/^items\[0\]\.statutoryRange\.k: /);
    expect(requireObject({ anything: 1 }, 'free')).toEqual({ anything: 1 });
  });
});
