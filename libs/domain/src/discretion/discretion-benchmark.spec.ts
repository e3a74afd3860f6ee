import { DomainError, DomainErrorCode } from '../domain-error';
import {
  benchmarkFine,
  checkProposedPenalty,
  divergentPenalties,
  parseDiscretionBenchmark,
  type DiscretionBenchmark,
  type PenaltySample,
  type ProposedPenalty,
} from './index';

function expectInvalid(action: () => unknown, field: string): void {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(DomainError);
  expect((thrown as DomainError).code).toBe(DomainErrorCode.InvalidInput);
  expect((thrown as DomainError).field).toBe(field);
}

const range = (min: number, max: number) => ({ min, max });

function benchmarkJson(): Record<string, unknown> & { items: Record<string, unknown>[] } {
  return {
    agencyId: 'agency-a',
    version: '2026-1',
    published: true,
    publishedAt: '2026-01-05',
    items: [
      {
        violationCode: 'F-001',
        title: 'Selling food past its use-by date',
        legalBasis: 'Food Safety Law Art. 124',
        statutoryRange: range(20_000, 200_000),
        tiers: [
          { severity: 'minor', range: range(20_000, 50_000) },
          { severity: 'ordinary', range: range(50_000, 100_000) },
          { severity: 'serious', range: range(100_000, 150_000) },
          { severity: 'grave', range: range(150_000, 200_000) },
        ],
      },
      {
        violationCode: 'F-002',
        title: 'Missing price tags',
        legalBasis: 'Price Law Art. 42',
        statutoryRange: range(0, 5_000),
        tiers: [
          { severity: 'minor', range: range(0, 500), description: 'warning or small fine' },
          { severity: 'ordinary', range: range(500, 2_000) },
          { severity: 'serious', range: range(2_000, 5_000) },
        ],
      },
    ],
    firstViolationNoPenalty: [{ violationCode: 'F-002', conditions: 'first time, corrected within the set period' }],
    minorNoPenalty: [{ violationCode: 'F-001', conditions: 'single item, removed on the spot, nothing sold' }],
  };
}

function withItem(index: number, key: string, value: unknown): Record<string, unknown> {
  const json = benchmarkJson();
  json.items[index] = { ...json.items[index], [key]: value };
  return json;
}

const BENCHMARK: DiscretionBenchmark = parseDiscretionBenchmark(benchmarkJson());

const proposal = (overrides: Partial<ProposedPenalty>): ProposedPenalty => ({
  violationCode: 'F-001',
  severity: 'ordinary',
  proposedOutcome: 'penalty',
  proposedFine: 60_000,
  firstViolation: false,
  promptlyCorrected: false,
  ...overrides,
});

describe('parseDiscretionBenchmark', () => {
  it('accepts a published benchmark with its date, tiers and no-penalty lists', () => {
    expect(BENCHMARK.publishedAt).toBe('2026-01-05T00:00:00.000Z');
    expect(BENCHMARK.items.map((item) => [item.violationCode, item.tiers.length])).toEqual([
      ['F-001', 4],
      ['F-002', 3],
    ]);
    expect(BENCHMARK.items[1]?.tiers[0]).toEqual({ severity: 'minor', range: range(0, 500), description: 'warning or small fine' });
    expect(BENCHMARK.firstViolationNoPenalty).toEqual([
      { violationCode: 'F-002', conditions: 'first time, corrected within the set period' },
    ]);
  });

  it('has at least three tiers per violation (domain.md §5)', () => {
    const two = [
      { severity: 'minor', range: range(20_000, 50_000) },
      { severity: 'grave', range: range(50_000, 200_000) },
    ];
    expectInvalid(() => parseDiscretionBenchmark(withItem(0, 'tiers', two)), 'items[0].tiers');
  });

  it('keeps every tier inside the statutory range (APL 34)', () => {
    const json = benchmarkJson();
    const tiers = (json.items[0]?.['tiers'] as Record<string, unknown>[]).map((tier) => ({ ...tier }));
    tiers[3] = { severity: 'grave', range: range(150_000, 250_000) };
    expectInvalid(() => parseDiscretionBenchmark(withItem(0, 'tiers', tiers)), 'items[0].tiers[3].range');
    tiers[3] = { severity: 'grave', range: range(150_000, 200_000) };
    tiers[0] = { severity: 'minor', range: range(10_000, 50_000) };
    expectInvalid(() => parseDiscretionBenchmark(withItem(0, 'tiers', tiers)), 'items[0].tiers[0].range');
    expectInvalid(() => parseDiscretionBenchmark(withItem(0, 'statutoryRange', range(30_000, 20_000))), 'items[0].statutoryRange.min');
    expectInvalid(() => parseDiscretionBenchmark(withItem(1, 'statutoryRange', range(0, 0))), 'items[1].statutoryRange.max');
  });

  it('lists tiers once each in ascending order of severity', () => {
    const swapped = [
      { severity: 'ordinary', range: range(20_000, 50_000) },
      { severity: 'minor', range: range(50_000, 100_000) },
      { severity: 'grave', range: range(100_000, 200_000) },
    ];
    expectInvalid(() => parseDiscretionBenchmark(withItem(0, 'tiers', swapped)), 'items[0].tiers[1].severity');
    const repeated = [
      { severity: 'minor', range: range(20_000, 50_000) },
      { severity: 'minor', range: range(50_000, 100_000) },
      { severity: 'grave', range: range(100_000, 200_000) },
    ];
    expectInvalid(() => parseDiscretionBenchmark(withItem(0, 'tiers', repeated)), 'items[0].tiers[1].severity');
  });

  it('lets adjacent tiers share an end point but never overlap', () => {
    const overlapping = [
      { severity: 'minor', range: range(20_000, 50_000) },
      { severity: 'ordinary', range: range(40_000, 100_000) },
      { severity: 'grave', range: range(100_000, 200_000) },
    ];
    expectInvalid(() => parseDiscretionBenchmark(withItem(0, 'tiers', overlapping)), 'items[0].tiers[1].range');
    expect(BENCHMARK.items[0]?.tiers[1]?.range).toEqual(range(50_000, 100_000));
  });

  it('records a publication date exactly when the benchmark is published', () => {
    expect(parseDiscretionBenchmark({ ...benchmarkJson(), published: false, publishedAt: undefined }).published).toBe(false);
    expectInvalid(() => parseDiscretionBenchmark({ ...benchmarkJson(), publishedAt: undefined }), 'publishedAt');
    expectInvalid(() => parseDiscretionBenchmark({ ...benchmarkJson(), published: false }), 'publishedAt');
    expectInvalid(() => parseDiscretionBenchmark({ ...benchmarkJson(), published: 'yes' }), 'published');
  });

  it('has one item per violation code and lists each code once', () => {
    const json = benchmarkJson();
    expectInvalid(() => parseDiscretionBenchmark({ ...json, items: [json.items[0], json.items[0]] }), 'items[1].violationCode');
    const listed = { violationCode: 'F-001', conditions: 'x' };
    expectInvalid(() => parseDiscretionBenchmark({ ...json, minorNoPenalty: [listed, listed] }), 'minorNoPenalty[1].violationCode');
  });
});

describe('checkProposedPenalty', () => {
  it('finds a fine within, below or above its severity’s range, ends included', () => {
    expect(checkProposedPenalty(BENCHMARK, proposal({ proposedFine: 60_000 }))).toEqual({
      status: 'within_range',
      range: range(50_000, 100_000),
      message: 'F-001: proposed fine ¥60,000 is within the 一般 (ordinary) range ¥50,000–¥100,000',
    });
    expect(checkProposedPenalty(BENCHMARK, proposal({ proposedFine: 50_000 })).status).toBe('within_range');
    expect(checkProposedPenalty(BENCHMARK, proposal({ proposedFine: 49_999.99 }))).toEqual({
      status: 'below_range',
      range: range(50_000, 100_000),
      message: 'F-001: proposed fine ¥49,999.99 is below the 一般 (ordinary) range ¥50,000–¥100,000',
    });
    expect(checkProposedPenalty(BENCHMARK, proposal({ severity: 'serious', proposedFine: 150_000.01 }))).toEqual({
      status: 'above_range',
      range: range(100_000, 150_000),
      message: 'F-001: proposed fine ¥150,000.01 is above the 较重 (serious) range ¥100,000–¥150,000',
    });
  });

  it('counts a penalty without a fine as a fine of zero', () => {
    expect(checkProposedPenalty(BENCHMARK, proposal({ proposedFine: undefined })).status).toBe('below_range');
    expect(checkProposedPenalty(BENCHMARK, proposal({ violationCode: 'F-002', severity: 'minor', proposedFine: undefined })).status).toBe(
      'within_range',
    );
  });

  it('binds nothing with an unpublished benchmark (APL 34)', () => {
    const draft = parseDiscretionBenchmark({ ...benchmarkJson(), published: false, publishedAt: undefined });
    expect(checkProposedPenalty(draft, proposal({ proposedFine: 500_000 }))).toEqual({
      status: 'no_benchmark',
      message: 'benchmark 2026-1 is not published and binds nothing (APL 34)',
    });
  });

  it('reports no benchmark for a violation or severity the benchmark does not cover', () => {
    expect(checkProposedPenalty(BENCHMARK, proposal({ violationCode: 'X-999' }))).toEqual({
      status: 'no_benchmark',
      message: 'X-999: the benchmark has no 一般 (ordinary) tier for this violation',
    });
    expect(checkProposedPenalty(BENCHMARK, proposal({ violationCode: 'F-002', severity: 'grave', proposedFine: 4_000 })).status).toBe(
      'no_benchmark',
    );
  });

  it('flags the minor-no-penalty list (轻微免罚) for a minor, promptly corrected violation', () => {
    const minor = proposal({ severity: 'minor', proposedFine: 20_000, promptlyCorrected: true });
    expect(checkProposedPenalty(BENCHMARK, minor)).toEqual({
      status: 'no_penalty_list_applies',
      range: range(20_000, 50_000),
      message: 'F-001: 轻微免罚 (minor, promptly corrected: no penalty, APL 33) applies, yet a penalty is proposed',
    });
    expect(checkProposedPenalty(BENCHMARK, { ...minor, promptlyCorrected: false }).status).toBe('within_range');
    expect(checkProposedPenalty(BENCHMARK, { ...minor, severity: 'ordinary', proposedFine: 50_000 }).status).toBe('within_range');
  });

  it('flags the first-violation-no-penalty list (首违不罚) for a first, promptly corrected violation', () => {
    const first = proposal({ violationCode: 'F-002', proposedFine: 800, firstViolation: true, promptlyCorrected: true });
    expect(checkProposedPenalty(BENCHMARK, first)).toEqual({
      status: 'no_penalty_list_applies',
      range: range(500, 2_000),
      message: 'F-002: 首违不罚 (first violation, promptly corrected: penalty may be waived, APL 33) applies, yet a penalty is proposed',
    });
    expect(checkProposedPenalty(BENCHMARK, { ...first, proposedOutcome: 'no_penalty', proposedFine: undefined }).message).toBe(
      'F-002: 首违不罚 (first violation, promptly corrected: penalty may be waived, APL 33) applies; no penalty is proposed',
    );
    expect(checkProposedPenalty(BENCHMARK, { ...first, firstViolation: false }).status).toBe('within_range');
  });

  it('leaves outcomes without a fine range to the reviewer', () => {
    expect(checkProposedPenalty(BENCHMARK, proposal({ proposedOutcome: 'no_penalty', proposedFine: undefined }))).toEqual({
      status: 'no_benchmark',
      range: range(50_000, 100_000),
      message: 'F-001: no penalty is proposed but no no-penalty list covers it; check the APL 33 ground in the report',
    });
    expect(checkProposedPenalty(BENCHMARK, proposal({ proposedOutcome: 'judicial_transfer', proposedFine: undefined }))).toEqual({
      status: 'no_benchmark',
      message: 'the benchmark does not apply to the outcome judicial_transfer',
    });
  });

  it('refuses a proposal that is not well formed', () => {
    expectInvalid(() => checkProposedPenalty(BENCHMARK, proposal({ proposedOutcome: 'no_penalty' })), 'proposedFine');
    expectInvalid(() => checkProposedPenalty(BENCHMARK, proposal({ severity: 'heavy' as never })), 'severity');
    expectInvalid(() => checkProposedPenalty(BENCHMARK, proposal({ proposedFine: -5 })), 'proposedFine');
  });
});

describe('benchmarkFine', () => {
  it('computes (Y + Σ factor% × (1 − Y)) × max: ¥20,000–200,000 with 5% gives ¥29,000 (domain.md §5)', () => {
    expect(benchmarkFine(20_000, 200_000, [5])).toBe(29_000);
    expect(benchmarkFine(20_000, 200_000, [3, 2])).toBe(29_000);
    expect(benchmarkFine(20_000, 200_000, [10, -5])).toBe(29_000);
    expect(benchmarkFine(20_000, 200_000, [])).toBe(20_000);
    expect(benchmarkFine(20_000, 200_000, [100])).toBe(200_000);
  });

  it('rounds to the fen', () => {
    expect(benchmarkFine(1_000, 3_333.33, [33.33])).toBe(1_777.7);
    expect(benchmarkFine(0, 1_000, [0.0015])).toBe(0.02);
  });

  it('keeps the fine inside the statutory range: factors add up to 0–100%', () => {
    expectInvalid(() => benchmarkFine(20_000, 200_000, [60, 41]), 'factorPercents');
    expectInvalid(() => benchmarkFine(20_000, 200_000, [-1]), 'factorPercents');
    expectInvalid(() => benchmarkFine(20_000, 200_000, [Number.NaN]), 'factorPercents[0]');
    expectInvalid(() => benchmarkFine(200_000, 20_000, [5]), 'statutoryRange.min');
    expectInvalid(() => benchmarkFine(0, 0, [5]), 'statutoryRange.max');
  });
});

describe('divergentPenalties (同案不同罚)', () => {
  const cases: PenaltySample[] = [
    { caseId: 'c3', violationCode: 'F-001', severity: 'ordinary', fine: 90_000 },
    { caseId: 'c1', violationCode: 'F-001', severity: 'ordinary', fine: 50_000 },
    { caseId: 'c2', violationCode: 'F-001', severity: 'ordinary', fine: 60_000 },
    { caseId: 'c4', violationCode: 'F-001', severity: 'serious', fine: 100_000 },
    { caseId: 'c5', violationCode: 'F-001', severity: 'serious', fine: 110_000 },
    { caseId: 'c7', violationCode: 'F-002', severity: 'minor', fine: 200 },
    { caseId: 'c6', violationCode: 'F-002', severity: 'minor', fine: 0 },
    { caseId: 'c8', violationCode: 'F-003', severity: 'grave', fine: 1_000_000 },
  ];

  it('flags groups of the same code and severity whose highest fine exceeds the lowest × (1 + tolerance)', () => {
    expect(divergentPenalties(cases, 0.5)).toEqual([
      {
        violationCode: 'F-001',
        severity: 'ordinary',
        minFine: 50_000,
        maxFine: 90_000,
        cases: [cases[1], cases[2], cases[0]],
      },
      { violationCode: 'F-002', severity: 'minor', minFine: 0, maxFine: 200, cases: [cases[6], cases[5]] },
    ]);
    // 90,000 is exactly 50,000 × 1.8: at the tolerance, not beyond it.
    expect(divergentPenalties(cases, 0.8).map((group) => `${group.violationCode}/${group.severity}`)).toEqual(['F-002/minor']);
  });

  it('refuses a negative tolerance and a case listed twice', () => {
    expectInvalid(() => divergentPenalties(cases, -0.1), 'tolerance');
    expectInvalid(() => divergentPenalties([...cases, { ...cases[0] }], 0.5), 'cases[8].caseId');
  });
});
