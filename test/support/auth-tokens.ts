import { createHmac } from 'node:crypto';
import type { Actor } from '@docket/domain';

/** The HS256 secret the suites' API processes trust; tests only. */
export const testJwtSecret = 'docket-test-secret-not-for-any-real-deployment';

export interface TestTokenClaims {
  readonly sub: string;
  readonly agency: string;
  readonly roles: readonly string[];
  readonly iss?: string;
  readonly aud?: string;
  /** Seconds from now; negative for a token that has already expired. */
  readonly expiresIn?: number;
  readonly secret?: string;
}

const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/** An HS256 JWT, signed here with node:crypto so that the API's verification is checked independently. */
export function signTestToken({ expiresIn = 3600, secret = testJwtSecret, iss = 'docket', aud = 'docket-api', ...claims }: TestTokenClaims): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify({ ...claims, iss, aud, iat: now, exp: now + expiresIn }));
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

export function tokenFor(actor: Actor): string {
  return signTestToken({ sub: actor.userId, agency: actor.agencyId, roles: [actor.role] });
}
