import {
  DomainError,
  DomainErrorCode,
  PRC_WORKING_CALENDAR_YEARS,
  createWorkingCalendar,
  defaultAgencyPolicy,
  parseAgencyPolicy,
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

/**
 * What a case runs under, built the same way when the API registers a case and when
 * it signals `casePolicyChanged`: the agency's stored policy (validated again, as storage is never
 * trusted as typed) or the defaults of domain.md, and the calendar years in force.
 */
export function casePolicySnapshot(
  agencyId: string,
  storedPolicy: unknown,
  storedYears: readonly WorkingCalendarYear[],
): CasePolicySnapshot {
  const policy = storedPolicy === undefined ? defaultAgencyPolicy(agencyId) : parseAgencyPolicy(storedPolicy);
  if (policy.agencyId !== agencyId) {
    throw new DomainError(
      DomainErrorCode.InvalidInput,
      `agencyId: the stored policy belongs to ${policy.agencyId}, not ${agencyId}`,
      'agencyId',
    );
  }
  const calendarYears = calendarYearsInForce(storedYears);
  createWorkingCalendar(calendarYears);
  return { policy, calendarYears };
}
