import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { parseDiscretionBenchmark } from '@docket/domain';
import { BenchmarkVersionExistsError, PolicyRepository, createDataSource } from '@docket/persistence';
import { benchmarkJson } from '../support/benchmark-fixtures';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database';

/** Agencies' discretion benchmarks in PostgreSQL, as the API reads them into a case's policy snapshot. */
describe('discretion benchmarks in PostgreSQL', () => {
  let scratch: ScratchDatabase;
  let dataSource: DataSource;
  let policies: PolicyRepository;

  beforeAll(async () => {
    // The down-migration test drops the table for a moment: a database of this file's own keeps that from other suites.
    scratch = await createScratchDatabase('benchmark_it');
    dataSource = await createDataSource({ url: scratch.url, poolSize: 4, applicationName: 'docket-test' }).initialize();
    policies = new PolicyRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await scratch?.drop();
  });

  const newAgency = (): string => `agency-${randomUUID().slice(0, 8)}`;
  const benchmark = (agencyId: string, version: string, overrides: object = {}) =>
    parseDiscretionBenchmark({ ...benchmarkJson(agencyId, version), ...overrides });

  it('has none for an agency that stored none, and the snapshot then carries none', async () => {
    const agencyId = newAgency();
    expect(await policies.currentBenchmark(agencyId)).toBeNull();
    expect(await policies.listBenchmarkVersions(agencyId)).toEqual([]);
    expect(await policies.casePolicySnapshot(agencyId)).not.toHaveProperty('benchmark');
  });

  it('stores versions, serves the newest and puts it in the snapshot a new case runs under', async () => {
    const agencyId = newAgency();
    const first = benchmark(agencyId, '2026-01');
    const second = benchmark(agencyId, '2026-03', { published: false, publishedAt: undefined });
    const saved = await policies.saveNewBenchmarkVersion({ benchmark: first, createdBy: 'admin-zhou' });
    expect(saved).toMatchObject({ agencyId, version: '2026-01', createdBy: 'admin-zhou', benchmark: first });
    expect(saved.publishedAt?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(saved.createdAt).toBeInstanceOf(Date);
    expect((await policies.casePolicySnapshot(agencyId)).benchmark).toEqual(first);

    // The newest wins, even unpublished: it then binds nothing (APL 34), as checkProposedPenalty reports.
    await policies.saveNewBenchmarkVersion({ benchmark: second, createdBy: 'admin-qian' });
    expect(await policies.currentBenchmark(agencyId)).toMatchObject({ version: '2026-03', publishedAt: null, benchmark: second });
    const snapshot = await policies.casePolicySnapshot(agencyId);
    expect(snapshot.benchmark).toEqual(second);
    expect(snapshot.policy.version).toBe('default');
    expect((await policies.listBenchmarkVersions(agencyId)).map((row) => [row.version, row.createdBy])).toEqual([
      ['2026-03', 'admin-qian'],
      ['2026-01', 'admin-zhou'],
    ]);
    // Another agency's benchmarks change nothing for this one, nor this one's for it.
    expect(await policies.casePolicySnapshot(newAgency())).not.toHaveProperty('benchmark');
  });

  it('refuses a version the agency already has, even when another agency has that version', async () => {
    const [agencyId, otherAgency] = [newAgency(), newAgency()];
    await policies.saveNewBenchmarkVersion({ benchmark: benchmark(otherAgency, 'v1'), createdBy: 'admin-zhou' });
    await policies.saveNewBenchmarkVersion({ benchmark: benchmark(agencyId, 'v1'), createdBy: 'admin-zhou' });
    await expect(
      policies.saveNewBenchmarkVersion({ benchmark: benchmark(agencyId, 'v1', { published: false, publishedAt: undefined }), createdBy: 'admin-qian' }),
    ).rejects.toBeInstanceOf(BenchmarkVersionExistsError);
    const stored = await policies.listBenchmarkVersions(agencyId);
    expect(stored.map((row) => [row.version, row.createdBy])).toEqual([['v1', 'admin-zhou']]);
  });

  it('stores two versions sent at once, both, one after the other', async () => {
    const agencyId = newAgency();
    await Promise.all(['a', 'b'].map((version) => policies.saveNewBenchmarkVersion({ benchmark: benchmark(agencyId, version), createdBy: 'admin-zhou' })));
    expect((await policies.listBenchmarkVersions(agencyId)).map((row) => row.version).sort()).toEqual(['a', 'b']);
    const sameVersion = await Promise.allSettled(
      [1, 2].map(() => policies.saveNewBenchmarkVersion({ benchmark: benchmark(agencyId, 'c'), createdBy: 'admin-zhou' })),
    );
    expect(sameVersion.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = sameVersion.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(refused?.reason).toBeInstanceOf(BenchmarkVersionExistsError);
  });

  it('keeps stored versions unchanged and each row true to its key: the database refuses the rest', async () => {
    const agencyId = newAgency();
    await policies.saveNewBenchmarkVersion({ benchmark: benchmark(agencyId, 'v1'), createdBy: 'admin-zhou' });
    await expect(dataSource.query(`UPDATE discretion_benchmarks SET created_by = 'someone' WHERE agency_id = $1`, [agencyId])).rejects.toThrow(
      /append-only/,
    );
    await expect(dataSource.query('DELETE FROM discretion_benchmarks WHERE agency_id = $1', [agencyId])).rejects.toThrow(/append-only/);
    const insert = (key: string, version: string, json: object, publishedAt: string | null) =>
      dataSource.query(
        `INSERT INTO discretion_benchmarks (agency_id, version, benchmark, published_at, created_by) VALUES ($1, $2, $3, $4, 'admin-zhou')`,
        [key, version, JSON.stringify(json), publishedAt],
      );
    await expect(insert(agencyId, 'v2', benchmark(newAgency(), 'v2'), '2026-03-01')).rejects.toThrow(/ck_discretion_benchmarks_identity/);
    await expect(insert(agencyId, 'v2', benchmark(agencyId, 'v2'), null)).rejects.toThrow(/ck_discretion_benchmarks_published_at/);
  });

  it('has a down migration that removes exactly its table and function', async () => {
    const migration = dataSource.migrations.find((candidate) => candidate.name === 'CreateDiscretionBenchmarkTables1763940000000');
    expect(migration).toBeDefined();
    const runner = dataSource.createQueryRunner();
    const tables = async (): Promise<string[]> =>
      (
        (await runner.query(
          `SELECT table_name FROM information_schema.tables
           WHERE table_schema = 'public' AND table_name IN ('discretion_benchmarks', 'agency_policies')
           ORDER BY table_name`,
        )) as Array<{ table_name: string }>
      ).map((entry) => entry.table_name);
    const functions = async (): Promise<number> =>
      ((await runner.query(`SELECT count(*)::int AS n FROM pg_proc WHERE proname = 'discretion_benchmarks_append_only'`)) as Array<{ n: number }>)[0]
        ?.n ?? -1;
    await runner.startTransaction();
    try {
      await migration?.down(runner);
      expect(await tables()).toEqual(['agency_policies']);
      expect(await functions()).toBe(0);
      await migration?.up(runner);
      expect(await tables()).toEqual(['agency_policies', 'discretion_benchmarks']);
      expect(await functions()).toBe(1);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
