/**
 * A discretion benchmark (domain.md §5) as an admin enters it: one item with four tiers over a
 * statutory range of ¥20,000–200,000, and one entry on each no-penalty list.
 */
export function benchmarkJson(agencyId: string, version: string): Record<string, unknown> & { items: Array<Record<string, unknown>> } {
  const range = (min: number, max: number) => ({ min, max });
  return {
    agencyId,
    version,
    published: true,
    publishedAt: '2026-03-01',
    items: [
      {
        violationCode: 'FSL-124-1-3',
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
    ],
    firstViolationNoPenalty: [{ violationCode: 'PL-42-tags', conditions: 'first time, price tags put right within the set period' }],
    minorNoPenalty: [{ violationCode: 'FSL-124-1-3', conditions: 'a single pack, removed on the spot, nothing sold' }],
  };
}
