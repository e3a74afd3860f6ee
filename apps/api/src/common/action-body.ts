import { DomainError, DomainErrorCode } from '@docket/domain';

/** A step's body for the generic action routes: its fields, and the case version the user saw, if given. */
export function splitExpectedVersion(body: Record<string, unknown>): {
  readonly payload: Record<string, unknown>;
  readonly expectedVersion?: number;
} {
  const { expectedVersion, ...payload } = body;
  if (expectedVersion === undefined) {
    return { payload };
  }
  if (typeof expectedVersion !== 'number' || !Number.isInteger(expectedVersion) || expectedVersion < 1) {
    throw new DomainError(DomainErrorCode.InvalidInput, 'expectedVersion: must be a positive integer', 'expectedVersion');
  }
  return { payload, expectedVersion };
}
