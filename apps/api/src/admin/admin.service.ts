import { Inject, Injectable } from '@nestjs/common';
import { calendarYearsInForce } from '@docket/contracts';
import {
  DEFAULT_POLICY_VERSION,
  DomainError,
  DomainErrorCode,
  Role,
  createWorkingCalendar,
  defaultAgencyPolicy,
  mergePolicy,
  parseAgencyPolicy,
  parseDiscretionBenchmark,
  statutoryFieldsChanged,
  type Actor,
  type AgencyPolicy,
  type DiscretionBenchmark,
  type PolicyFieldChange,
  type WorkingCalendarYear,
} from '@docket/domain';
import {
  BenchmarkVersionExistsError,
  PolicyBaseChangedError,
  PolicyRepository,
  PolicyVersionExistsError,
  calendarYearOf,
  type AgencyPolicyEntity,
  type DiscretionBenchmarkEntity,
  type WorkingCalendarYearEntity,
} from '@docket/persistence';
import { CasePolicyNotifier, type SignalOutcome } from './case-policy.notifier';
import type { CalendarYearBodyDto } from './dtos/calendar-year.dtos';
import type { UpdateAgencyPolicyDto } from './dtos/agency-policy.dtos';
import type { DiscretionBenchmarkBodyDto } from './dtos/discretion-benchmark.dtos';

export interface AgencyPolicyView {
  readonly agencyId: string;
  readonly version: string;
  /** False for the defaults of the rulebook: the agency has stored nothing. */
  readonly stored: boolean;
  readonly createdAt: string | null;
  readonly createdBy: string | null;
  readonly policy: AgencyPolicy;
}

export interface StoredAgencyPolicy extends AgencyPolicyView, SignalOutcome {
  readonly previousVersion: string | null;
  readonly statutoryFieldsChanged: readonly PolicyFieldChange[];
}

export interface AgencyPolicyVersion {
  readonly version: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly policy: unknown;
}

/** An agency's benchmark in force; `stored: false` and nulls when it has stored none. */
export interface DiscretionBenchmarkView {
  readonly agencyId: string;
  readonly stored: boolean;
  readonly version: string | null;
  readonly createdAt: string | null;
  readonly createdBy: string | null;
  readonly benchmark: DiscretionBenchmark | null;
}

export interface StoredDiscretionBenchmark extends DiscretionBenchmarkView, SignalOutcome {
  readonly previousVersion: string | null;
}

export interface DiscretionBenchmarkVersion {
  readonly version: string;
  readonly publishedAt: string | null;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly benchmark: unknown;
}

export interface CalendarYearView {
  readonly year: number;
  readonly holidays: readonly string[];
  readonly makeUpWorkdays: readonly string[];
  readonly source: string | null;
  readonly origin: 'stored' | 'built_in';
  readonly loadedAt: string | null;
  readonly loadedBy: string | null;
}

export type StoredCalendarYear = CalendarYearView & SignalOutcome;

/** Agency ids are written as the identity headers carry them. */
const AGENCY_ID_PATTERN = /^[A-Za-z0-9._@-]{1,64}$/;

function invalid(field: string, message: string): DomainError {
  return new DomainError(DomainErrorCode.InvalidInput, `${field}: ${message}`, field);
}

function requireAdmin(actor: Actor): void {
  if (actor.role !== Role.Admin) {
    throw new DomainError(
      DomainErrorCode.RoleNotPermitted,
      `policies, benchmarks and calendars are managed by an admin; role ${actor.role} may not`,
    );
  }
}

function requireAgencyId(agencyId: string): string {
  if (!AGENCY_ID_PATTERN.test(agencyId)) {
    throw invalid('agencyId', 'must be 1 to 64 letters, digits or . _ @ -');
  }
  return agencyId;
}

function requireYear(year: string): number {
  if (!/^\d{4}$/.test(year)) {
    throw invalid('year', 'must be a year written with four digits, e.g. 2026');
  }
  return Number(year);
}

/** The calendar's refusals name `years[0].…`; the request has one year, in the path and the body. */
function asBodyField(error: unknown): unknown {
  if (!(error instanceof DomainError) || error.field === undefined) {
    return error;
  }
  const field = error.field.replace(/^years\[0\]\.?/, '');
  return new DomainError(error.code, error.message.replace(/^years\[0\]\.?/, ''), field === '' ? 'body' : field);
}

function policyView(agencyId: string, stored: AgencyPolicyEntity | null): AgencyPolicyView {
  if (stored === null) {
    const policy = defaultAgencyPolicy(agencyId);
    return { agencyId, version: policy.version, stored: false, createdAt: null, createdBy: null, policy };
  }
  const policy = parseAgencyPolicy(stored.policy);
  return {
    agencyId,
    version: policy.version,
    stored: true,
    createdAt: stored.createdAt.toISOString(),
    createdBy: stored.createdBy,
    policy,
  };
}

function benchmarkView(agencyId: string, stored: DiscretionBenchmarkEntity | null): DiscretionBenchmarkView {
  if (stored === null) {
    return { agencyId, stored: false, version: null, createdAt: null, createdBy: null, benchmark: null };
  }
  const benchmark = parseDiscretionBenchmark(stored.benchmark);
  return {
    agencyId,
    stored: true,
    version: benchmark.version,
    createdAt: stored.createdAt.toISOString(),
    createdBy: stored.createdBy,
    benchmark,
  };
}

function storedYearView(entity: WorkingCalendarYearEntity): CalendarYearView {
  return {
    year: entity.year,
    holidays: entity.holidays,
    makeUpWorkdays: entity.makeUpWorkdays,
    source: entity.source,
    origin: 'stored',
    loadedAt: entity.loadedAt.toISOString(),
    loadedBy: entity.loadedBy,
  };
}

/**
 * What admins manage (domain.md §1): each agency's policy and discretion benchmark, as versions, and
 * the working-day calendar. A change reaches the cases already running through the casePolicyChanged signal.
 */
@Injectable()
export class AdminService {
  constructor(
    @Inject(PolicyRepository) private readonly policies: PolicyRepository,
    @Inject(CasePolicyNotifier) private readonly notifier: CasePolicyNotifier,
  ) {}

  async currentPolicy(agencyId: string, actor: Actor): Promise<AgencyPolicyView> {
    requireAdmin(actor);
    requireAgencyId(agencyId);
    return policyView(agencyId, await this.policies.currentPolicy(agencyId));
  }

  async policyVersions(agencyId: string, actor: Actor): Promise<AgencyPolicyVersion[]> {
    requireAdmin(actor);
    requireAgencyId(agencyId);
    const versions = await this.policies.listPolicyVersions(agencyId);
    return versions.map(({ version, createdAt, createdBy, policy }) => ({
      version,
      createdAt: createdAt.toISOString(),
      createdBy,
      policy,
    }));
  }

  /**
   * Merges the changes onto the policy in force and stores the result as a new version, then tells
   * the agency's running cases. The statutory fields it changes are answered for the audit trail.
   */
  async storePolicy(agencyId: string, body: UpdateAgencyPolicyDto, actor: Actor): Promise<StoredAgencyPolicy> {
    requireAdmin(actor);
    requireAgencyId(agencyId);
    const current = policyView(agencyId, await this.policies.currentPolicy(agencyId));
    const overrides: Record<string, unknown> = { ...body };
    if (body.version === current.version || body.version === DEFAULT_POLICY_VERSION) {
      throw new DomainError(
        DomainErrorCode.PolicyVersionExists,
        body.version === DEFAULT_POLICY_VERSION
          ? `version ${DEFAULT_POLICY_VERSION} names the rulebook's defaults; choose another`
          : `version ${body.version} is the policy in force for ${agencyId}; a change needs a new version`,
        'version',
      );
    }
    const policy = mergePolicy(current.policy, overrides);
    const statutory = statutoryFieldsChanged(current.policy, overrides);
    let saved: AgencyPolicyEntity;
    try {
      saved = await this.policies.saveNewPolicyVersion({
        policy,
        createdBy: actor.userId,
        basedOnVersion: current.stored ? current.version : null,
      });
    } catch (error) {
      if (error instanceof PolicyVersionExistsError) {
        throw new DomainError(DomainErrorCode.PolicyVersionExists, error.message, 'version');
      }
      if (error instanceof PolicyBaseChangedError) {
        throw new DomainError(DomainErrorCode.VersionConflict, error.message);
      }
      throw error;
    }
    const outcome = await this.notifier.signalRunningCases(agencyId);
    return {
      ...policyView(agencyId, saved),
      previousVersion: current.stored ? current.version : null,
      statutoryFieldsChanged: statutory,
      ...outcome,
    };
  }

  async currentBenchmark(agencyId: string, actor: Actor): Promise<DiscretionBenchmarkView> {
    requireAdmin(actor);
    requireAgencyId(agencyId);
    return benchmarkView(agencyId, await this.policies.currentBenchmark(agencyId));
  }

  async benchmarkVersions(agencyId: string, actor: Actor): Promise<DiscretionBenchmarkVersion[]> {
    requireAdmin(actor);
    requireAgencyId(agencyId);
    const versions = await this.policies.listBenchmarkVersions(agencyId);
    return versions.map(({ version, publishedAt, createdAt, createdBy, benchmark }) => ({
      version,
      publishedAt: publishedAt === null ? null : publishedAt.toISOString(),
      createdAt: createdAt.toISOString(),
      createdBy,
      benchmark,
    }));
  }

  /**
   * Stores the benchmark as a new version, replacing the one in force whole (APL 34, domain.md §5
   * checked by parseDiscretionBenchmark), then tells the agency's running cases. The body may leave
   * out the agency, which the path names.
   */
  async storeBenchmark(agencyId: string, body: DiscretionBenchmarkBodyDto, actor: Actor): Promise<StoredDiscretionBenchmark> {
    requireAdmin(actor);
    requireAgencyId(agencyId);
    const benchmark = parseDiscretionBenchmark({ ...body, agencyId: body.agencyId ?? agencyId });
    if (benchmark.agencyId !== agencyId) {
      throw invalid('agencyId', `the benchmark names ${benchmark.agencyId}, the path ${agencyId}`);
    }
    const current = await this.policies.currentBenchmark(agencyId);
    let saved: DiscretionBenchmarkEntity;
    try {
      saved = await this.policies.saveNewBenchmarkVersion({ benchmark, createdBy: actor.userId });
    } catch (error) {
      if (error instanceof BenchmarkVersionExistsError) {
        throw new DomainError(DomainErrorCode.PolicyVersionExists, error.message, 'version');
      }
      throw error;
    }
    const outcome = await this.notifier.signalRunningCases(agencyId);
    return { ...benchmarkView(agencyId, saved), previousVersion: current?.version ?? null, ...outcome };
  }

  /** The calendar in force: the years loaded by admins, and the built-in PRC years for the others. */
  async calendarYears(actor: Actor): Promise<CalendarYearView[]> {
    requireAdmin(actor);
    const stored = await this.policies.listCalendarYears();
    const storedByYear = new Map(stored.map((entity) => [entity.year, entity]));
    return calendarYearsInForce(stored.map(calendarYearOf)).map((entry) => {
      const entity = storedByYear.get(entry.year);
      return entity === undefined ? builtInYearView(entry) : storedYearView(entity);
    });
  }

  /** Stores (or replaces) a year of the calendar, then tells every running case of every agency. */
  async storeCalendarYear(yearParam: string, body: CalendarYearBodyDto, actor: Actor): Promise<StoredCalendarYear> {
    requireAdmin(actor);
    const year: WorkingCalendarYear = {
      year: requireYear(yearParam),
      holidays: body.holidays,
      makeUpWorkdays: body.makeUpWorkdays,
      ...(body.source === undefined ? {} : { source: body.source }),
    };
    try {
      createWorkingCalendar([year]);
    } catch (error) {
      throw asBodyField(error);
    }
    const saved = await this.policies.upsertCalendarYear(year, actor.userId);
    const outcome = await this.notifier.signalRunningCases();
    return { ...storedYearView(saved), ...outcome };
  }
}

function builtInYearView(entry: WorkingCalendarYear): CalendarYearView {
  return {
    year: entry.year,
    holidays: entry.holidays,
    makeUpWorkdays: entry.makeUpWorkdays,
    source: entry.source ?? null,
    origin: 'built_in',
    loadedAt: null,
    loadedBy: null,
  };
}
