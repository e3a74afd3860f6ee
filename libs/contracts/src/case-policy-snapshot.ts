import {
  DomainError,
  DomainErrorCode,
  PRC_WORKING_CALENDAR_YEARS,
  createWorkingCalendar,
  defaultAgencyPolicy,
  parseAgencyPolicy,
  parseDiscretionBenchmark,
  type ClockContext,
  type WorkingCalendarYear,
} from '@docket/domain';
import type { CasePolicySnapshot } from './case-activities';

/** The calendar years in force: every stored year, and the built-in PRC years where none is stored. */
export function calendarYearsInForce(stored: readonly WorkingCalendarYear[]): WorkingCalendarYear[] {
  const storedYears = new Set(stored.map((entry) => entry.year));
  return [...stored, ...PRC_WORKING_CALENDAR_YEARS.filter((entry) => !storedYears.has(entry.year))].sort(
    (a, b) => a.year - b.year,
  );
}

function belongsTo(agencyId: string, what: string, owner: string): void {
  if (owner !== agencyId) {
    throw new DomainError(DomainErrorCode.InvalidInput, `agencyId: the stored ${what} belongs to ${owner}, not ${agencyId}`, 'agencyId');
  }
}

/**
 * What a case runs under, built the same way when the API registers a case and when
 * it signals `casePolicyChanged`: the agency's stored policy (validated again, as storage is never
 * trusted as typed) or the defaults of domain.md, the calendar years in force, and the agency's
 * stored discretion benchmark, validated again too (undefined or null: none stored, and the snapshot
 * has none).
 */
export function casePolicySnapshot(
  agencyId: string,
  storedPolicy: unknown,
  storedYears: readonly WorkingCalendarYear[],
  storedBenchmark?: unknown,
): CasePolicySnapshot {
  const policy = storedPolicy === undefined ? defaultAgencyPolicy(agencyId) : parseAgencyPolicy(storedPolicy);
  belongsTo(agencyId, 'policy', policy.agencyId);
  const calendarYears = calendarYearsInForce(storedYears);
  createWorkingCalendar(calendarYears);
  if (storedBenchmark === undefined || storedBenchmark === null) {
    return { policy, calendarYears };
  }
  const benchmark = parseDiscretionBenchmark(storedBenchmark);
  belongsTo(agencyId, 'benchmark', benchmark.agencyId);
  return { policy, calendarYears, benchmark };
}

/**
 * The clocks a snapshot runs a case's deadlines by: its policy, its working calendar and its
 * benchmark. The workflow builds them, and the API too when it derives the case it registers, so
 * both compute the same deadlines.
 */
export function caseClocks(snapshot: CasePolicySnapshot): ClockContext {
  return {
    policy: snapshot.policy,
    calendar: createWorkingCalendar(snapshot.calendarYears),
    ...(snapshot.benchmark === undefined ? {} : { benchmark: snapshot.benchmark }),
  };
}
