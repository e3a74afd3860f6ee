import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type KeyLike } from 'jose';
import { TokenVerifier } from './token-verifier';

/**
 * Production verifies tokens against the identity provider's JWKS (AUTH_JWKS_URL). Here a real
 * HTTP server publishes the keys, as an OIDC provider does, and tokens are signed with the private
 * halves: the verifier must fetch the keys, pick one by `kid`, and check issuer, audience and expiry.
 */
describe('bearer tokens verified against an identity provider’s JWKS', () => {
  let server: Server;
  let jwksUrl: string;
  let rsa: { privateKey: KeyLike; publicKey: KeyLike };
  let ec: { privateKey: KeyLike; publicKey: KeyLike };
  let stranger: { privateKey: KeyLike; publicKey: KeyLike };
  let keysServed = 0;

  beforeAll(async () => {
    [rsa, ec, stranger] = await Promise.all([generateKeyPair('RS256'), generateKeyPair('ES256'), generateKeyPair('RS256')]);
    const keys = [
      { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-2026', alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(ec.publicKey)), kid: 'ec-2026', alg: 'ES256', use: 'sig' },
    ];
    server = createServer((request, response) => {
      if (request.url === '/.well-known/jwks.json') {
        keysServed += 1;
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
        return;
      }
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const verifier = () => new TokenVerifier({ kind: 'jwks', jwksUrl, issuer: 'https://idp.example.gov.cn', audience: 'docket-api' });

  function token(key: KeyLike, alg: string, kid: string, claims: { iss?: string; aud?: string; expiresIn?: string } = {}): Promise<string> {
    return new SignJWT({ agency: 'sh-pudong-amr', roles: ['reviewer'] })
      .setProtectedHeader({ alg, kid })
      .setSubject('reviewer-zhao')
      .setIssuer(claims.iss ?? 'https://idp.example.gov.cn')
      .setAudience(claims.aud ?? 'docket-api')
      .setIssuedAt()
      .setExpirationTime(claims.expiresIn ?? '10m')
      .sign(key);
  }

  it('accepts RS256 and ES256 tokens signed with the published keys, fetching the key set from the provider', async () => {
    const tokens = verifier();
    const before = keysServed;
    expect(await tokens.verify(await token(rsa.privateKey, 'RS256', 'rsa-2026'))).toMatchObject({ sub: 'reviewer-zhao', agency: 'sh-pudong-amr', roles: ['reviewer'] });
    expect(await tokens.verify(await token(ec.privateKey, 'ES256', 'ec-2026'))).toMatchObject({ sub: 'reviewer-zhao' });
    expect(keysServed).toBeGreaterThan(before);
  });

  it('refuses a token signed by a key the provider does not publish, even under a published kid', async () => {
    const tokens = verifier();
    await expect(tokens.verify(await token(stranger.privateKey, 'RS256', 'rsa-2026'))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(tokens.verify(await token(stranger.privateKey, 'RS256', 'unknown-kid'))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses another issuer, another audience and an expired token', async () => {
    const tokens = verifier();
    await expect(tokens.verify(await token(rsa.privateKey, 'RS256', 'rsa-2026', { iss: 'https://elsewhere.example' }))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(tokens.verify(await token(rsa.privateKey, 'RS256', 'rsa-2026', { aud: 'another-api' }))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(tokens.verify(await token(rsa.privateKey, 'RS256', 'rsa-2026', { expiresIn: '-5m' }))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses an HS256 token in JWKS mode, whatever secret signed it', async () => {
    const secret = new TextEncoder().encode('a-shared-secret-that-production-does-not-use');
    const hs = await new SignJWT({ agency: 'sh-pudong-amr', roles: ['head'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('head-wang')
      .setIssuer('https://idp.example.gov.cn')
      .setAudience('docket-api')
      .setExpirationTime('10m')
      .sign(secret);
    await expect(verifier().verify(hs)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
