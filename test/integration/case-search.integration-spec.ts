import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { applyCommand, registerCase } from '@docket/domain';
import {
  CaseNumberRepository,
  CaseRecordRepository,
  CaseSearchRepository,
  createDataSource,
  type CaseSearchQuery,
  type CaseSummaryRow,
} from '@docket/persistence';
import { actors, defaultClocks, registration } from '../support/case-fixtures';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database';

interface Row {
  readonly name: string;
  readonly registeredAt: string;
  readonly decidedAt?: string;
  readonly caseNumber?: string;
  readonly overdue?: boolean;
  readonly party?: string;
}

/**
 * The search repository against projection rows written straight into a scratch database, for the
 * shapes the HTTP tests cannot reach cheaply: ties on the sort key, missing keys, overdue cases and
 * replaced handlers. Also the case-number counter and the projection of a numbered filing.
 */
describe('case search repository', () => {
  let scratch: ScratchDatabase;
  let dataSource: DataSource;
  let search: CaseSearchRepository;
  const ids = new Map<string, string>();
  const AGENCY = 'agency-search';

  const insert = async (row: Row): Promise<void> => {
    const id = randomUUID();
    ids.set(row.name, id);
    await dataSource.query(
      `INSERT INTO cases (id, workflow_id, agency_id, stage, version, party_type, party_name, registered_at, updated_at, state,
                          decided_at, case_number, overdue)
       VALUES ($1, $2, $3, 'investigation', 1, 'organization', $4, $5, $5, '{}', $6, $7, $8)`,
      [id, `case-${id}`, AGENCY, row.party ?? `party ${row.name}`, row.registeredAt, row.decidedAt ?? null, row.caseNumber ?? null, row.overdue ?? false],
    );
  };

  const names = (rows: readonly CaseSummaryRow[]): string[] =>
    rows.map((row) => [...ids.entries()].find(([, id]) => id === row.caseId)?.[0] ?? row.caseId);

  /** Every row, one per page, following each page's last key as the next page's position. */
  const walk = async (query: Omit<CaseSearchQuery, 'limit' | 'after' | 'agencyIds'>): Promise<string[]> => {
    const seen: CaseSummaryRow[] = [];
    for (;;) {
      const last = seen.at(-1);
      const page = await search.search({ ...query, agencyIds: [AGENCY], limit: 1, ...(last === undefined ? {} : { after: { key: last.sortKey, caseId: last.caseId } }) });
      if (page.length === 0) {
        return names(seen);
      }
      seen.push(...page);
    }
  };

  beforeAll(async () => {
    scratch = await createScratchDatabase('search_it');
    dataSource = await createDataSource({ url: scratch.url, poolSize: 4 }).initialize();
    search = new CaseSearchRepository(dataSource);
    const same = '2026-03-01T02:00:00.000Z';
    await insert({ name: 'a', registeredAt: same, decidedAt: '2026-05-01T02:00:00.000Z', caseNumber: `${AGENCY}-2026-000002` });
    await insert({ name: 'b', registeredAt: same, caseNumber: `${AGENCY}-2026-000001`, overdue: true });
    await insert({ name: 'c', registeredAt: same, party: '上海_下划线有限公司' });
    await insert({ name: 'd', registeredAt: '2026-02-01T02:00:00.000Z', decidedAt: '2026-04-01T02:00:00.000Z', caseNumber: `${AGENCY}-2026-000003` });
    await insert({ name: 'e', registeredAt: '2026-04-01T02:00:00.000Z', overdue: true });
    await dataSource.query(
      `INSERT INTO case_participants (case_id, user_id, role, since, until) VALUES
         ($1, 'handler-li', 'handler', now(), NULL), ($2, 'handler-li', 'handler', now(), now()), ($2, 'handler-chen', 'handler', now(), NULL)`,
      [ids.get('a'), ids.get('d')],
    );
    await dataSource.query(`INSERT INTO cases (id, workflow_id, agency_id, stage, version, party_type, party_name, registered_at, updated_at, state)
                            VALUES ($1, $2, 'agency-elsewhere', 'clue', 1, 'organization', 'party a', now(), now(), '{}')`, [randomUUID(), `case-${randomUUID()}`]);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await scratch?.drop();
  });

  it('pages through rows that tie on the sort key by id, each exactly once', async () => {
    const walked = await walk({ sort: { field: 'registeredAt', direction: 'asc' } });
    expect(walked).toHaveLength(5);
    expect(walked[0]).toBe('d');
    expect(walked[4]).toBe('e');
    const tied = ['a', 'b', 'c'].sort((x, y) => ((ids.get(x) as string) < (ids.get(y) as string) ? -1 : 1));
    expect(walked.slice(1, 4)).toEqual(tied);
    expect(await walk({ sort: { field: 'registeredAt', direction: 'desc' } })).toEqual([...walked].reverse());
  });

  it('puts cases without a decision or a number last in both directions, across page boundaries', async () => {
    const ascending = await walk({ sort: { field: 'decidedAt', direction: 'asc' } });
    expect(ascending.slice(0, 2)).toEqual(['d', 'a']);
    expect(new Set(ascending.slice(2))).toEqual(new Set(['b', 'c', 'e']));
    const descending = await walk({ sort: { field: 'decidedAt', direction: 'desc' } });
    expect(descending.slice(0, 2)).toEqual(['a', 'd']);
    expect(new Set(descending.slice(2))).toEqual(new Set(['b', 'c', 'e']));
    expect((await walk({ sort: { field: 'caseNumber', direction: 'asc' } })).slice(0, 3)).toEqual(['b', 'a', 'd']);
    expect((await walk({ sort: { field: 'caseNumber', direction: 'desc' } })).slice(0, 3)).toEqual(['d', 'a', 'b']);
  });

  it('bounds decision dates on the sort key without letting undecided cases in', async () => {
    const rows = await search.search({
      agencyIds: [AGENCY],
      sort: { field: 'decidedAt', direction: 'desc' },
      decidedFrom: '2026-01-01T00:00:00.000Z',
      decidedTo: '2026-04-30T00:00:00.000Z',
      limit: 10,
    });
    expect(names(rows)).toEqual(['d']);
  });

  it('filters overdue cases, current handlers only, and other agencies out', async () => {
    const sort = { field: 'registeredAt', direction: 'asc' } as const;
    expect(new Set(names(await search.search({ agencyIds: [AGENCY], sort, overdue: true, limit: 10 })))).toEqual(new Set(['b', 'e']));
    expect(names(await search.search({ agencyIds: [AGENCY], sort, overdue: false, limit: 10 }))).toHaveLength(3);
    expect(names(await search.search({ agencyIds: [AGENCY], sort, handlerId: 'handler-li', limit: 10 }))).toEqual(['a']);
    expect(names(await search.search({ agencyIds: [AGENCY], sort, handlerId: 'handler-chen', limit: 10 }))).toEqual(['d']);
    const handlers = (await search.search({ agencyIds: [AGENCY], sort, handlerId: 'handler-chen', limit: 10 }))[0]?.handlers;
    expect(handlers).toEqual(['handler-chen']);
    expect(names(await search.search({ agencyIds: [AGENCY], sort, text: 'party a', limit: 10 }))).toEqual(['a']);
  });

  it('takes LIKE wildcards in free text literally', async () => {
    const sort = { field: 'registeredAt', direction: 'asc' } as const;
    expect(names(await search.search({ agencyIds: [AGENCY], sort, text: '_', limit: 10 }))).toEqual(['c']);
    expect(names(await search.search({ agencyIds: [AGENCY], sort, text: '上海_下', limit: 10 }))).toEqual(['c']);
    expect(new Set(names(await search.search({ agencyIds: [AGENCY], sort, text: '2026-00000', limit: 10 })))).toEqual(new Set(['a', 'b', 'd']));
  });

  it('counts case numbers per agency and year, each value once under concurrency', async () => {
    const numbers = new CaseNumberRepository(dataSource);
    const values = await Promise.all(Array.from({ length: 20 }, () => numbers.nextValue('agency-n', 2026)));
    expect([...values].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    expect(await numbers.nextValue('agency-n', 2027)).toBe(1);
    expect(await numbers.nextValue('agency-other', 2026)).toBe(1);
  });

  it('projects the case number and filing time of an approval', async () => {
    const registered = registerCase(registration({ agencyId: actors.headWang.agencyId }), actors.handlerLi, '2026-03-01T08:00:00.000Z', defaultClocks);
    const filed = applyCommand(registered.state, { type: 'approve_filing', reason: 'violation likely', caseNumber: 'sh-pudong-amr-2026-000042' }, {
      ...defaultClocks,
      actor: actors.headWang,
      now: '2026-03-02T08:00:00.000Z',
    });
    expect(filed.state.caseNumber).toBe('sh-pudong-amr-2026-000042');
    const records = new CaseRecordRepository(dataSource);
    const workflowId = `case-${registered.state.caseId}`;
    await records.recordEvent(workflowId, registered.event, registered.state);
    await records.recordEvent(workflowId, filed.event, filed.state);
    const row = await records.findCase(registered.state.caseId);
    expect({ caseNumber: row?.caseNumber, filedAt: row?.filedAt?.toISOString() }).toEqual({
      caseNumber: 'sh-pudong-amr-2026-000042',
      filedAt: '2026-03-02T08:00:00.000Z',
    });
  });
});
