import type { CaseNumberRepository } from '@docket/persistence';
import { CaseNumberService, caseNumberPrefix } from './case-number.service';

/** Counts per agency and year in memory; the SQL itself is covered by the integration tests. */
function countingNumbers(): { repository: CaseNumberRepository; asked: Array<[string, number]> } {
  const asked: Array<[string, number]> = [];
  const counters = new Map<string, number>();
  const repository = {
    nextValue: (agencyId: string, year: number): Promise<number> => {
      asked.push([agencyId, year]);
      const next = (counters.get(`${agencyId}/${year}`) ?? 0) + 1;
      counters.set(`${agencyId}/${year}`, next);
      return Promise.resolve(next);
    },
  } as unknown as CaseNumberRepository;
  return { repository, asked };
}

describe('case numbers (案号)', () => {
  it('formats agency, China-time year and a six-digit sequence', async () => {
    const { repository } = countingNumbers();
    const service = new CaseNumberService(repository);
    expect(await service.allocate('sh-pudong-amr', new Date('2026-03-02T01:00:00.000Z'))).toBe('sh-pudong-amr-2026-000001');
    expect(await service.allocate('sh-pudong-amr', new Date('2026-03-02T01:00:01.000Z'))).toBe('sh-pudong-amr-2026-000002');
  });

  it('takes the year of the approval in China time, which turns eight hours before UTC', async () => {
    const { repository, asked } = countingNumbers();
    const service = new CaseNumberService(repository);
    expect(await service.allocate('agency-a', new Date('2026-12-31T16:00:00.000Z'))).toBe('agency-a-2027-000001');
    expect(await service.allocate('agency-a', new Date('2026-12-31T15:59:59.999Z'))).toBe('agency-a-2026-000001');
    expect(asked).toEqual([
      ['agency-a', 2027],
      ['agency-a', 2026],
    ]);
  });

  it('keeps agency ids that are slugs and replaces other characters', () => {
    expect(caseNumberPrefix('sh-pudong-amr')).toBe('sh-pudong-amr');
    expect(caseNumberPrefix('浦东 amr')).toBe('A___amr');
  });
});
