import { DomainError, DomainErrorCode, isRole, type Actor, type Role } from '@docket/domain';
import { ApiError, ApiErrorCode } from '../errors/api-error-code';

/** Chooses among a multi-role token's roles; optional when the token carries one. */
export const ROLE_HEADER = 'x-docket-role';

const ID_PATTERN = /^[A-Za-z0-9._@-]{1,64}$/;

/** The claims Docket reads from a verified token: `sub`, `agency` and `roles`. */
export interface DocketClaims {
  readonly sub?: unknown;
  readonly agency?: unknown;
  readonly roles?: unknown;
}

function identifier(value: unknown, claim: string): string {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
    throw new ApiError(ApiErrorCode.Unauthenticated, `the token's ${claim} claim must name an identifier`);
  }
  return value;
}

/**
 * The actor of a request from the claims of its already verified token. The role acted in is the
 * token's only Docket role or, when it has several, the one the X-Docket-Role header names. Roles
 * the identity provider knows but Docket does not are ignored.
 */
export function actorFromClaims(claims: DocketClaims, requestedRole: string | undefined): Actor {
  const userId = identifier(claims.sub, 'sub');
  const agencyId = identifier(claims.agency, 'agency');
  if (!Array.isArray(claims.roles)) {
    throw new ApiError(ApiErrorCode.Unauthenticated, "the token's roles claim must be an array of Docket roles");
  }
  const roles: Role[] = [...new Set((claims.roles as unknown[]).filter(isRole))];
  if (roles.length === 0) {
    throw new DomainError(DomainErrorCode.RoleNotPermitted, 'the token grants no Docket role');
  }
  const wanted = requestedRole?.trim();
  if (wanted === undefined || wanted === '') {
    const [only] = roles;
    if (roles.length > 1 || only === undefined) {
      throw new DomainError(DomainErrorCode.RoleNotPermitted, `the token grants several roles; name one with the ${ROLE_HEADER} header`, ROLE_HEADER);
    }
    return { userId, role: only, agencyId };
  }
  const role = roles.find((candidate) => candidate === wanted);
  if (role === undefined) {
    throw new DomainError(DomainErrorCode.RoleNotPermitted, `the token does not grant the role named by ${ROLE_HEADER}`, ROLE_HEADER);
  }
  return { userId, role, agencyId };
}
