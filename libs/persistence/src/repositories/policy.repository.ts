import { casePolicySnapshot, type CasePolicySnapshot } from '@docket/contracts';
import type { AgencyPolicy, DiscretionBenchmark, WorkingCalendarYear } from '@docket/domain';
import type { DataSource } from 'typeorm';
import { AgencyPolicyEntity } from '../entities/agency-policy.entity';
import { DiscretionBenchmarkEntity } from '../entities/discretion-benchmark.entity';
import { WorkingCalendarYearEntity } from '../entities/working-calendar-year.entity';

/** The agency already has a policy of that version: versions name what cases ran under, so never reused. */
export class PolicyVersionExistsError extends Error {
  override readonly name = 'PolicyVersionExistsError';

  constructor(
    readonly agencyId: string,
    readonly version: string,
  ) {
    super(`agency ${agencyId} already has a policy version ${version}`);
  }
}

/** Another version was stored after the one the new version was built on: it would silently undo that one. */
export class PolicyBaseChangedError extends Error {
  override readonly name = 'PolicyBaseChangedError';

  constructor(
    readonly agencyId: string,
    readonly expected: string | null,
    readonly actual: string | null,
  ) {
    super(
      `the policy of agency ${agencyId} is now version ${actual ?? '(defaults)'}, not ${expected ?? '(defaults)'}; ` +
        'read it again and apply the change to it',
    );
  }
}

/** The agency already has a benchmark of that version: a version names what a fine was checked against, once. */
export class BenchmarkVersionExistsError extends Error {
  override readonly name = 'BenchmarkVersionExistsError';

  constructor(
    readonly agencyId: string,
    readonly version: string,
  ) {
    super(`agency ${agencyId} already has a discretion benchmark version ${version}`);
  }
}

export interface NewPolicyVersion {
  /** Complete and validated; its agencyId and version are the row's key. */
  readonly policy: AgencyPolicy;
  readonly createdBy: string;
  /** The version in force the new one was merged onto, or null for the defaults (nothing stored). */
  readonly basedOnVersion: string | null;
}

export interface NewBenchmarkVersion {
  /** Complete and validated (parseDiscretionBenchmark); its agencyId and version are the row's key. */
  readonly benchmark: DiscretionBenchmark;
  readonly createdBy: string;
}

/** A calendar year as the domain reads it. */
export function calendarYearOf(entity: WorkingCalendarYearEntity): WorkingCalendarYear {
  return {
    year: entity.year,
    holidays: entity.holidays,
    makeUpWorkdays: entity.makeUpWorkdays,
    ...(entity.source === null ? {} : { source: entity.source }),
  };
}

/**
 * Agency policies and discretion benchmarks, one row per version, the newest in force; and the
 * working-day calendar years loaded by admins. Values are stored as given: callers validate them
 * with the domain's parsers, on the way in and on the way out.
 */
export class PolicyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * What a new case of the agency runs under: its policy in force (or the rulebook's defaults), the
   * calendar years in force and its benchmark in force, if any. Stored values are validated again
   * on the way out.
   */
  async casePolicySnapshot(agencyId: string): Promise<CasePolicySnapshot> {
    const [stored, years, benchmark] = await Promise.all([
      this.currentPolicy(agencyId),
      this.listCalendarYears(),
      this.currentBenchmark(agencyId),
    ]);
    return casePolicySnapshot(agencyId, stored?.policy, years.map(calendarYearOf), benchmark?.benchmark);
  }

  /** The version in force: the one stored last. Null when the agency has stored none. */
  currentPolicy(agencyId: string): Promise<AgencyPolicyEntity | null> {
    return this.dataSource
      .getRepository(AgencyPolicyEntity)
      .findOne({ where: { agencyId }, order: { revision: 'DESC' } });
  }

  /** Every stored version of the agency's policy, newest first. */
  listPolicyVersions(agencyId: string): Promise<AgencyPolicyEntity[]> {
    return this.dataSource.getRepository(AgencyPolicyEntity).find({ where: { agencyId }, order: { revision: 'DESC' } });
  }

  /**
   * Stores a new version, which is then in force. Serialised per agency, and refused when another
   * version came in since the one it was built on, so two admins' changes never overwrite each other.
   */
  async saveNewPolicyVersion({ policy, createdBy, basedOnVersion }: NewPolicyVersion): Promise<AgencyPolicyEntity> {
    const { agencyId, version } = policy;
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`agency_policies:${agencyId}`]);
      const current = await manager.findOne(AgencyPolicyEntity, { where: { agencyId }, order: { revision: 'DESC' } });
      const existing = await manager.existsBy(AgencyPolicyEntity, { agencyId, version });
      if (existing) {
        throw new PolicyVersionExistsError(agencyId, version);
      }
      if ((current?.version ?? null) !== basedOnVersion) {
        throw new PolicyBaseChangedError(agencyId, basedOnVersion, current?.version ?? null);
      }
      const rows: AgencyPolicyEntity[] = await manager.query(
        `INSERT INTO agency_policies (agency_id, version, policy, created_by)
         VALUES ($1, $2, $3, $4)
         RETURNING agency_id AS "agencyId", version, revision, policy, created_at AS "createdAt", created_by AS "createdBy"`,
        [agencyId, version, JSON.stringify(policy), createdBy],
      );
      return Object.assign(new AgencyPolicyEntity(), rows[0]);
    });
  }

  /** The benchmark in force: the version stored last, published or not. Null when the agency has stored none. */
  currentBenchmark(agencyId: string): Promise<DiscretionBenchmarkEntity | null> {
    return this.dataSource
      .getRepository(DiscretionBenchmarkEntity)
      .findOne({ where: { agencyId }, order: { revision: 'DESC' } });
  }

  /** Every stored version of the agency's benchmark, newest first. */
  listBenchmarkVersions(agencyId: string): Promise<DiscretionBenchmarkEntity[]> {
    return this.dataSource
      .getRepository(DiscretionBenchmarkEntity)
      .find({ where: { agencyId }, order: { revision: 'DESC' } });
  }

  /**
   * Stores a new version of the agency's benchmark, which is then in force. A benchmark is replaced
   * whole, never merged, so only the version's uniqueness is checked, serialised per agency.
   */
  async saveNewBenchmarkVersion({ benchmark, createdBy }: NewBenchmarkVersion): Promise<DiscretionBenchmarkEntity> {
    const { agencyId, version } = benchmark;
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`discretion_benchmarks:${agencyId}`]);
      if (await manager.existsBy(DiscretionBenchmarkEntity, { agencyId, version })) {
        throw new BenchmarkVersionExistsError(agencyId, version);
      }
      const rows: DiscretionBenchmarkEntity[] = await manager.query(
        `INSERT INTO discretion_benchmarks (agency_id, version, benchmark, published_at, created_by)
         VALUES ($1, $2, $3, $4, $5)
         RETURNING agency_id AS "agencyId", version, revision, benchmark, published_at AS "publishedAt",
                   created_at AS "createdAt", created_by AS "createdBy"`,
        [agencyId, version, JSON.stringify(benchmark), benchmark.publishedAt ?? null, createdBy],
      );
      return Object.assign(new DiscretionBenchmarkEntity(), rows[0]);
    });
  }

  /** Stores a year of the calendar, replacing what was stored for that year. */
  async upsertCalendarYear(year: WorkingCalendarYear, loadedBy: string): Promise<WorkingCalendarYearEntity> {
    await this.dataSource.query(
      `INSERT INTO working_calendar_years (year, holidays, make_up_workdays, source, loaded_at, loaded_by)
       VALUES ($1, $2::date[], $3::date[], $4, now(), $5)
       ON CONFLICT (year) DO UPDATE SET
         holidays = EXCLUDED.holidays,
         make_up_workdays = EXCLUDED.make_up_workdays,
         source = EXCLUDED.source,
         loaded_at = EXCLUDED.loaded_at,
         loaded_by = EXCLUDED.loaded_by`,
      [year.year, year.holidays, year.makeUpWorkdays, year.source ?? null, loadedBy],
    );
    return this.dataSource.getRepository(WorkingCalendarYearEntity).findOneByOrFail({ year: year.year });
  }

  /** Every stored calendar year, ascending. */
  listCalendarYears(): Promise<WorkingCalendarYearEntity[]> {
    return this.dataSource.getRepository(WorkingCalendarYearEntity).find({ order: { year: 'ASC' } });
  }
}
