import { DomainError, DomainErrorCode, defaultAgencyPolicy, parseDiscretionBenchmark } from '@docket/domain';
import { casePolicySnapshot } from './case-policy-snapshot';

const benchmark = {
  agencyId: 'agency-a',
  version: '2026-1',
  published: false,
  items: [
    {
      violationCode: 'F-001',
      title: 'Selling food past its use-by date',
      legalBasis: 'Food Safety Law Art. 124',
      statutoryRange: { min: 20_000, max: 200_000 },
      tiers: [
        { severity: 'minor', range: { min: 20_000, max: 50_000 } },
        { severity: 'ordinary', range: { min: 50_000, max: 100_000 } },
        { severity: 'serious', range: { min: 100_000, max: 200_000 } },
      ],
    },
  ],
  firstViolationNoPenalty: [],
  minorNoPenalty: [],
};

function refusal(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('casePolicySnapshot', () => {
  it('carries no benchmark when none is stored, as before benchmarks were stored', () => {
    expect(casePolicySnapshot('agency-a', undefined, [])).not.toHaveProperty('benchmark');
    expect(casePolicySnapshot('agency-a', undefined, [], null)).not.toHaveProperty('benchmark');
    expect(casePolicySnapshot('agency-a', undefined, []).policy).toEqual(defaultAgencyPolicy('agency-a'));
  });

  it('carries the stored benchmark, validated again', () => {
    expect(casePolicySnapshot('agency-a', undefined, [], benchmark).benchmark).toEqual(parseDiscretionBenchmark(benchmark));
  });

  it("refuses a stored benchmark that breaks the rules, or is another agency's", () => {
    const twoTiers = { ...benchmark, items: [{ ...benchmark.items[0], tiers: benchmark.items[0]?.tiers.slice(0, 2) }] };
    expect(refusal(() => casePolicySnapshot('agency-a', undefined, [], twoTiers))).toMatchObject({
      code: DomainErrorCode.InvalidInput,
      field: 'items[0].tiers',
    });
    expect(refusal(() => casePolicySnapshot('agency-b', undefined, [], { ...benchmark, agencyId: 'agency-a' }))).toMatchObject({
      code: DomainErrorCode.InvalidInput,
      field: 'agencyId',
    });
  });
});
