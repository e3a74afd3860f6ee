import { DomainError, DomainErrorCode } from './domain-error';

/**
 * Checks on the shape of what a person entered. The API checks the same before sending, but the
 * workflow cannot trust its callers, so its validators run these too.
 */
export const TEXT_LIMITS = {
  short: 200,
  long: 20_000,
} as const;

/** The largest fine the system accepts, in yuan: far above any statutory maximum. */
export const MAX_FINE_YUAN = 1_000_000_000_000;

function invalid(field: string, message: string): DomainError {
  return new DomainError(DomainErrorCode.InvalidInput, `${field}: ${message}`, field);
}

export function requireText(value: unknown, field: string, maxLength: number = TEXT_LIMITS.long): string {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw invalid(field, 'must be a non-empty string');
  }
  if (value.length > maxLength) {
    throw invalid(field, `must be at most ${maxLength} characters`);
  }
  return value;
}

export function optionalText(value: unknown, field: string, maxLength: number = TEXT_LIMITS.long): string | undefined {
  return value === undefined || value === null ? undefined : requireText(value, field, maxLength);
}

export function requireOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalid(field, `must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** An amount in yuan: finite, not negative, at most two decimals (分). */
export function requireAmount(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_FINE_YUAN) {
    throw invalid(field, `must be an amount in yuan between 0 and ${MAX_FINE_YUAN}`);
  }
  if (Math.abs(value * 100 - Math.round(value * 100)) > 1e-6) {
    throw invalid(field, 'must have at most two decimal places');
  }
  return value;
}

export function requireTimestamp(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
    throw invalid(field, 'must be an ISO-8601 date or timestamp');
  }
  const time = Date.parse(value);
  // Date.parse rolls an impossible day over (2026-02-30 becomes 2 March): such a date is refused, not moved.
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const calendarDay = new Date(Date.UTC(year, month - 1, day));
  if (Number.isNaN(time) || calendarDay.getUTCMonth() !== month - 1 || calendarDay.getUTCDate() !== day) {
    throw invalid(field, 'must be a valid date');
  }
  return new Date(time).toISOString();
}

export function requireArray(value: unknown, field: string, maxLength: number): readonly unknown[] {
  if (!Array.isArray(value)) {
    throw invalid(field, 'must be an array');
  }
  if (value.length > maxLength) {
    throw invalid(field, `must have at most ${maxLength} items`);
  }
  return value;
}

export function requireObject(value: unknown, field: string, knownKeys?: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(field, 'must be an object');
  }
  // With the keys it takes given, a key it does not take is an error, not silently dropped.
  const unknownKey = knownKeys === undefined ? undefined : Object.keys(value).find((key) => !knownKeys.includes(key));
  if (unknownKey !== undefined) {
    throw invalid(`${field}.${unknownKey}`, 'is not a property this takes');
  }
  return value as Record<string, unknown>;
}
