import type { AuthConfig } from '@docket/config';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ApiError, ApiErrorCode } from '../errors/api-error-code';

/** Verifies a bearer token's signature, issuer, audience and expiry; any failure is UNAUTHENTICATED. */
export class TokenVerifier {
  private readonly verifyToken: (token: string) => Promise<JWTPayload>;

  constructor(config: AuthConfig) {
    const options = { issuer: config.issuer, audience: config.audience, requiredClaims: ['exp', 'sub'], clockTolerance: 30 };
    switch (config.kind) {
      case 'secret': {
        const key = new TextEncoder().encode(config.secret);
        this.verifyToken = async (token) => (await jwtVerify(token, key, { ...options, algorithms: ['HS256'] })).payload;
        break;
      }
      case 'jwks': {
        const keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(config.jwksUrl));
        this.verifyToken = async (token) => (await jwtVerify(token, keys, { ...options, algorithms: ['RS256', 'ES256'] })).payload;
        break;
      }
    }
  }

  async verify(token: string): Promise<JWTPayload> {
    try {
      return await this.verifyToken(token);
    } catch {
      // jose's message may describe the token; the client learns only that it was refused.
      throw new ApiError(ApiErrorCode.Unauthenticated, 'the bearer token is invalid or expired');
    }
  }
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(authorization: string | undefined): string {
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(authorization?.trim() ?? '');
  if (match?.[1] === undefined) {
    throw new ApiError(ApiErrorCode.Unauthenticated, 'send an Authorization: Bearer <token> header');
  }
  return match[1];
}
