import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  PRC_WORKING_CALENDAR_2025,
  PRC_WORKING_CALENDAR_2026,
  defaultAgencyPolicy,
  mergePolicy,
  type AgencyPolicy,
} from '@docket/domain';
import {
  CaseRecordRepository,
  PolicyBaseChangedError,
  PolicyRepository,
  PolicyVersionExistsError,
  createDataSource,
} from '@docket/persistence';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database';

/** Agency policies and calendar years in PostgreSQL, as the API reads them into a new case's workflow. */
describe('case policy in PostgreSQL', () => {
  let scratch: ScratchDatabase;
  let dataSource: DataSource;
  let policies: PolicyRepository;

  beforeAll(async () => {
    // Calendar years are global: a database of this file's own keeps them from other suites' cases.
    scratch = await createScratchDatabase('policy_it');
    dataSource = await createDataSource({ url: scratch.url, poolSize: 4, applicationName: 'docket-test' }).initialize();
    policies = new PolicyRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await scratch?.drop();
  });

  const newAgency = (): string => `agency-${randomUUID().slice(0, 8)}`;

  function version(base: AgencyPolicy, name: string, overrides: object): AgencyPolicy {
    return mergePolicy(base, { ...overrides, version: name });
  }

  it('serves the defaults of the rulebook and the built-in PRC calendars when nothing is stored', async () => {
    const agencyId = newAgency();
    await expect(policies.casePolicySnapshot(agencyId)).resolves.toEqual({
      policy: defaultAgencyPolicy(agencyId),
      calendarYears: [PRC_WORKING_CALENDAR_2025, PRC_WORKING_CALENDAR_2026],
    });
    expect(await policies.currentPolicy(agencyId)).toBeNull();
  });

  it('serves the newest stored version, keeping every version', async () => {
    const agencyId = newAgency();
    const first = version(defaultAgencyPolicy(agencyId), '2026-01', { legalReview: { fineThreshold: 5_000 } });
    const second = version(first, '2026-03', { legalReview: { reviewPeriod: { count: 7, unit: 'working_days' } } });
    await policies.saveNewPolicyVersion({ policy: first, createdBy: 'admin-zhou', basedOnVersion: null });
    await policies.saveNewPolicyVersion({ policy: second, createdBy: 'admin-qian', basedOnVersion: '2026-01' });

    const snapshot = await policies.casePolicySnapshot(agencyId);
    expect(snapshot.policy).toEqual(second);
    expect(snapshot.policy.legalReview).toEqual({ reviewPeriod: { count: 7, unit: 'working_days' }, fineThreshold: 5_000 });
    expect((await policies.listPolicyVersions(agencyId)).map((row) => [row.version, row.createdBy])).toEqual([
      ['2026-03', 'admin-qian'],
      ['2026-01', 'admin-zhou'],
    ]);
    // Another agency's versions change nothing here.
    await expect(policies.casePolicySnapshot(newAgency())).resolves.toMatchObject({ policy: { version: 'default' } });
  });

  it('refuses a version the agency already has, and one built on a version no longer in force', async () => {
    const agencyId = newAgency();
    const first = version(defaultAgencyPolicy(agencyId), 'v1', { archive: { archivePeriod: { count: 20, unit: 'natural_days' } } });
    await policies.saveNewPolicyVersion({ policy: first, createdBy: 'admin-zhou', basedOnVersion: null });
    const again = version(first, 'v1', {});
    await expect(policies.saveNewPolicyVersion({ policy: again, createdBy: 'admin-zhou', basedOnVersion: 'v1' })).rejects.toBeInstanceOf(
      PolicyVersionExistsError,
    );
    const stale = version(defaultAgencyPolicy(agencyId), 'v2', {});
    await expect(policies.saveNewPolicyVersion({ policy: stale, createdBy: 'admin-qian', basedOnVersion: null })).rejects.toBeInstanceOf(
      PolicyBaseChangedError,
    );
    expect((await policies.listPolicyVersions(agencyId)).map((row) => row.version)).toEqual(['v1']);
  });

  it('keeps stored versions unchanged: updates and deletes are refused by the database', async () => {
    const agencyId = newAgency();
    await policies.saveNewPolicyVersion({
      policy: version(defaultAgencyPolicy(agencyId), 'v1', {}),
      createdBy: 'admin-zhou',
      basedOnVersion: null,
    });
    await expect(dataSource.query(`UPDATE agency_policies SET created_by = 'someone' WHERE agency_id = $1`, [agencyId])).rejects.toThrow(
      /append-only/,
    );
    await expect(dataSource.query('DELETE FROM agency_policies WHERE agency_id = $1', [agencyId])).rejects.toThrow(/append-only/);
  });

  it('lets a stored calendar year override the built-in one, and replaces it when stored again', async () => {
    // A corrected 2026: 4 January is no longer worked, 2 January is no longer a holiday.
    const corrected = {
      year: 2026,
      holidays: PRC_WORKING_CALENDAR_2026.holidays.filter((date) => date !== '2026-01-02'),
      makeUpWorkdays: PRC_WORKING_CALENDAR_2026.makeUpWorkdays.filter((date) => date !== '2026-01-04'),
      source: 'corrected copy',
    };
    const stored = await policies.upsertCalendarYear(corrected, 'admin-zhou');
    expect(stored).toMatchObject({ ...corrected, loadedBy: 'admin-zhou' });

    const agencyId = newAgency();
    expect((await policies.casePolicySnapshot(agencyId)).calendarYears).toEqual([PRC_WORKING_CALENDAR_2025, corrected]);

    const year2027 = { year: 2027, holidays: ['2027-01-01'], makeUpWorkdays: [] };
    await policies.upsertCalendarYear(year2027, 'admin-zhou');
    await policies.upsertCalendarYear({ ...corrected, source: 'second correction' }, 'admin-qian');
    expect((await policies.casePolicySnapshot(agencyId)).calendarYears).toEqual([
      PRC_WORKING_CALENDAR_2025,
      { ...corrected, source: 'second correction' },
      year2027,
    ]);
    expect((await policies.listCalendarYears()).map((row) => [row.year, row.loadedBy])).toEqual([
      [2026, 'admin-qian'],
      [2027, 'admin-zhou'],
    ]);
  });

  it('lists the cases whose workflow still runs, for one agency or all, from the cases projection', async () => {
    const [agencyA, agencyB] = [newAgency(), newAgency()];
    const row = async (agencyId: string, stage: string): Promise<string> => {
      const id = randomUUID();
      await dataSource.query(
        `INSERT INTO cases (id, workflow_id, agency_id, stage, version, party_type, party_name, registered_at, updated_at, state)
         VALUES ($1, $2, $3, $4, 1, 'organization', 'x', now(), now(), '{}')`,
        [id, `case-${id}`, agencyId, stage],
      );
      return id;
    };
    const running = [await row(agencyA, 'clue'), await row(agencyA, 'investigation')];
    // The stages in which a case's workflow has ended (isFinalStage).
    await row(agencyA, 'not_filed');
    await row(agencyA, 'archived');
    const other = await row(agencyB, 'legal_review');

    const repository = new CaseRecordRepository(dataSource);
    expect((await repository.listOpenCases(agencyA)).map((ref) => ref.caseId).sort()).toEqual([...running].sort());
    expect(await repository.listOpenCases()).toEqual(
      expect.arrayContaining([{ caseId: other, workflowId: `case-${other}`, agencyId: agencyB }]),
    );
    expect(await repository.listOpenCases()).toHaveLength(3);
  });

  it('has a down migration that removes exactly its tables', async () => {
    const migration = dataSource.migrations.find((candidate) => candidate.name === 'CreatePolicyTables1763910000000');
    expect(migration).toBeDefined();
    const tables = async (runner: ReturnType<DataSource['createQueryRunner']>): Promise<string[]> =>
      (
        (await runner.query(
          `SELECT table_name FROM information_schema.tables
           WHERE table_schema = 'public' AND table_name IN ('agency_policies', 'working_calendar_years', 'cases')
           ORDER BY table_name`,
        )) as Array<{ table_name: string }>
      ).map((entry) => entry.table_name);
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await migration?.down(runner);
      expect(await tables(runner)).toEqual(['cases']);
      await migration?.up(runner);
      expect(await tables(runner)).toEqual(['agency_policies', 'cases', 'working_calendar_years']);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
