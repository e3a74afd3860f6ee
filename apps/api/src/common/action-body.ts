import { DomainError, DomainErrorCode } from '@docket/domain';

/** A step's body for the generic action routes: its fields, and the case version the user saw, if given. */
export function splitExpectedVersion(body: unknown): {
  readonly payload: Record<string, unknown>;
  readonly expectedVersion?: number;
} {
  // These routes take any fields, so no DTO stops a body that is not an object (or none at all).
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new DomainError(DomainErrorCode.InvalidInput, 'body: must be a JSON object', 'body');
  }
  const { expectedVersion, ...payload } = body as Record<string, unknown>;
  if (expectedVersion === undefined) {
    return { payload };
  }
  if (typeof expectedVersion !== 'number' || !Number.isInteger(expectedVersion) || expectedVersion < 1) {
    throw new DomainError(DomainErrorCode.InvalidInput, 'expectedVersion: must be a positive integer', 'expectedVersion');
  }
  return { payload, expectedVersion };
}
