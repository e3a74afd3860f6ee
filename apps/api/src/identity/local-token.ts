import { SignJWT } from 'jose';
import type { Role } from '@docket/domain';

/**
 * A token signed with the API's own HS256 secret (AUTH_JWT_SECRET), as `npm run token` and local
 * sign-in hand them out; the guard verifies it like any other token.
 */
export function signLocalToken(
  key: { readonly secret: string; readonly issuer: string; readonly audience: string },
  claims: { readonly userId: string; readonly agencyId: string; readonly roles: readonly Role[] },
  validity: { readonly issuedAt: number; readonly expiresAt: number },
): Promise<string> {
  return new SignJWT({ agency: claims.agencyId, roles: [...claims.roles] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(key.issuer)
    .setAudience(key.audience)
    .setIssuedAt(validity.issuedAt)
    .setExpirationTime(validity.expiresAt)
    .sign(new TextEncoder().encode(key.secret));
}
