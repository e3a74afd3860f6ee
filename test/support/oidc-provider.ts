import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';

/** The person the provider signs in: it asks nothing, as if they had typed their password. */
export interface OidcTestUser {
  readonly sub: string;
  readonly agency: string;
  readonly roles: readonly string[];
}

interface Grant {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge: string;
  readonly user: OidcTestUser;
}

export interface OidcTestProvider {
  readonly issuer: string;
  readonly jwksUrl: string;
  /** Each token request: what the provider checked, for the test to see the console did PKCE. */
  readonly exchanges: ReadonlyArray<{ readonly verifierMatched: boolean; readonly clientId: string }>;
  stop(): Promise<void>;
}

/**
 * A small but real OpenID provider for the tests: discovery, an authorization endpoint that signs in
 * `user` at once and sends the browser back with a one-time code, a token endpoint that checks the
 * PKCE verifier (S256), the client and the redirect URI and answers RS256 access tokens with Docket's
 * `agency` and `roles` claims, and the JWKS the API verifies them with.
 */
export async function startOidcTestProvider(options: { clientId: string; audience: string; user: OidcTestUser }): Promise<OidcTestProvider> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const kid = randomUUID();
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const grants = new Map<string, Grant>();
  const exchanges: Array<{ verifierMatched: boolean; clientId: string }> = [];
  let issuer = '';

  const json = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      // The console calls discovery and the token endpoint from its own origin.
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'content-type, accept',
    });
    response.end(JSON.stringify(body));
  };

  const sign = (key: KeyLike, user: OidcTestUser, audience: string) =>
    new SignJWT({ agency: user.agency, roles: [...user.roles] })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setSubject(user.sub)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key);

  const readBody = (request: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => resolve(body));
      request.on('error', reject);
    });

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', issuer);
    if (request.method === 'OPTIONS') {
      json(response, 204, {});
      return;
    }
    if (request.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      json(response, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code'],
        code_challenge_methods_supported: ['S256'],
        id_token_signing_alg_values_supported: ['RS256'],
        subject_types_supported: ['public'],
        token_endpoint_auth_methods_supported: ['none'],
      });
      return;
    }
    if (request.method === 'GET' && url.pathname === '/jwks') {
      json(response, 200, { keys: [jwk] });
      return;
    }
    if (request.method === 'GET' && url.pathname === '/authorize') {
      const params = url.searchParams;
      const redirectUri = params.get('redirect_uri');
      if (
        params.get('response_type') !== 'code' ||
        params.get('client_id') !== options.clientId ||
        redirectUri === null ||
        params.get('code_challenge_method') !== 'S256' ||
        params.get('code_challenge') === null
      ) {
        json(response, 400, { error: 'invalid_request' });
        return;
      }
      const code = randomBytes(24).toString('base64url');
      grants.set(code, { clientId: options.clientId, redirectUri, challenge: params.get('code_challenge') ?? '', user: options.user });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', params.get('state') ?? '');
      response.writeHead(302, { location: back.toString() });
      response.end();
      return;
    }
    if (request.method === 'POST' && url.pathname === '/token') {
      const form = new URLSearchParams(await readBody(request));
      const code = form.get('code') ?? '';
      const grant = grants.get(code);
      grants.delete(code);
      const verifier = form.get('code_verifier') ?? '';
      const verifierMatched = grant !== undefined && createHash('sha256').update(verifier).digest('base64url') === grant.challenge;
      exchanges.push({ verifierMatched, clientId: form.get('client_id') ?? '' });
      if (
        form.get('grant_type') !== 'authorization_code' ||
        grant === undefined ||
        !verifierMatched ||
        form.get('client_id') !== grant.clientId ||
        form.get('redirect_uri') !== grant.redirectUri
      ) {
        json(response, 400, { error: 'invalid_grant', error_description: 'the code, verifier, client or redirect URI does not match' });
        return;
      }
      json(response, 200, {
        token_type: 'Bearer',
        expires_in: 3600,
        access_token: await sign(privateKey, grant.user, options.audience),
        id_token: await sign(privateKey, grant.user, grant.clientId),
      });
      return;
    }
    json(response, 404, { error: 'not_found' });
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => json(response, 500, { error: 'server_error', error_description: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    exchanges,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}
