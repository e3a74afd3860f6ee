import { createHash } from 'node:crypto';
import {
  authorizationUrl,
  base64Url,
  codeChallenge,
  discoveryUrl,
  parsePending,
  readCallback,
  readDiscovery,
  safeReturnPath,
  tokenRequestBody,
  type PendingSignIn,
} from './oidc-flow';

const pending: PendingSignIn = {
  state: 'state-1',
  codeVerifier: 'verifier-1',
  tokenEndpoint: 'https://login.example.gov.cn/token',
  clientId: 'docket-console',
  redirectUri: 'https://docket.example.gov.cn/app/sign-in/callback',
  from: '/cases/c-1',
};

describe('the OIDC authorization-code flow with PKCE', () => {
  it('derives the S256 challenge the provider checks the verifier against', async () => {
    const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    // RFC 7636 appendix B.
    await expect(codeChallenge(verifier)).resolves.toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    expect(base64Url(createHash('sha256').update(verifier).digest())).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('sends the browser to the provider with the client, the callback, the state and the challenge', () => {
    const url = new URL(
      authorizationUrl('https://login.example.gov.cn/authorize?tenant=sh', {
        clientId: 'docket-console',
        redirectUri: pending.redirectUri,
        scope: 'openid',
        state: 'state-1',
        challenge: 'challenge-1',
      }),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      tenant: 'sh',
      response_type: 'code',
      client_id: 'docket-console',
      redirect_uri: pending.redirectUri,
      scope: 'openid',
      state: 'state-1',
      code_challenge: 'challenge-1',
      code_challenge_method: 'S256',
    });
    expect(discoveryUrl('https://login.example.gov.cn/')).toBe('https://login.example.gov.cn/.well-known/openid-configuration');
  });

  it('exchanges only a code that comes back with the state this tab sent', () => {
    expect(readCallback('?code=abc&state=state-1', pending)).toEqual({ kind: 'code', code: 'abc' });
    expect(readCallback('?code=abc&state=forged', pending)).toEqual({ kind: 'error', reason: 'state' });
    expect(readCallback('?code=abc&state=state-1', undefined)).toEqual({ kind: 'error', reason: 'missing' });
    expect(readCallback('?error=access_denied&error_description=cancelled', pending)).toEqual({ kind: 'error', reason: 'provider', detail: 'cancelled' });
    expect(Object.fromEntries(tokenRequestBody(pending, 'abc'))).toEqual({
      grant_type: 'authorization_code',
      code: 'abc',
      redirect_uri: pending.redirectUri,
      client_id: 'docket-console',
      code_verifier: 'verifier-1',
    });
  });

  it('refuses a discovery document without endpoints and a stored sign-in that is not one', () => {
    expect(() => readDiscovery({ issuer: 'x' })).toThrow(/endpoint/);
    expect(parsePending('{"state":1}')).toBeUndefined();
    expect(parsePending('not json')).toBeUndefined();
    expect(parsePending(JSON.stringify(pending))).toEqual(pending);
  });

  it('returns after sign-in only to a page of the console', () => {
    expect(safeReturnPath('/cases/c-1?tab=evidence')).toBe('/cases/c-1?tab=evidence');
    expect(safeReturnPath('//evil.example.com/')).toBeUndefined();
    expect(safeReturnPath('https://evil.example.com/')).toBeUndefined();
    expect(safeReturnPath('/sign-in')).toBeUndefined();
    expect(safeReturnPath(undefined)).toBeUndefined();
  });
});
