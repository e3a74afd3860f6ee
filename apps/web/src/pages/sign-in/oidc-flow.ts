/**
 * The browser's half of the OIDC authorization-code flow with PKCE (RFC 7636): the console is a
 * public client, so a one-time code_verifier, kept in session storage with the state, proves that the
 * code coming back was asked for by this tab.
 */
export interface PendingSignIn {
  readonly state: string;
  readonly codeVerifier: string;
  readonly tokenEndpoint: string;
  readonly clientId: string;
  readonly redirectUri: string;
  /** The console path the user wanted before signing in. */
  readonly from: string | undefined;
}

export interface DiscoveryDocument {
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
}

export const PENDING_KEY = 'docket.oidc.pending';

export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 32 random bytes, base64url: 43 characters, as RFC 7636 asks for a verifier. */
export function randomToken(random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  return base64Url(random(new Uint8Array(32)));
}

export async function codeChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

export function readDiscovery(value: unknown): DiscoveryDocument {
  const doc = value as Partial<DiscoveryDocument> | null;
  if (typeof doc?.authorization_endpoint !== 'string' || typeof doc.token_endpoint !== 'string') {
    throw new Error('the provider’s discovery document names no authorization or token endpoint');
  }
  return { authorization_endpoint: doc.authorization_endpoint, token_endpoint: doc.token_endpoint };
}

export function authorizationUrl(
  endpoint: string,
  request: { clientId: string; redirectUri: string; scope: string; state: string; challenge: string },
): string {
  const url = new URL(endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', request.clientId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('scope', request.scope);
  url.searchParams.set('state', request.state);
  url.searchParams.set('code_challenge', request.challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

export type CallbackResult =
  | { readonly kind: 'code'; readonly code: string }
  | { readonly kind: 'error'; readonly reason: 'provider' | 'state' | 'missing'; readonly detail?: string };

/** What came back on the callback URL, checked against the sign-in this tab started. */
export function readCallback(search: string, pending: PendingSignIn | undefined): CallbackResult {
  const params = new URLSearchParams(search);
  const error = params.get('error');
  if (error !== null) {
    return { kind: 'error', reason: 'provider', detail: params.get('error_description') ?? error };
  }
  if (pending === undefined) {
    return { kind: 'error', reason: 'missing' };
  }
  // A state this tab did not send: a forged or replayed callback, never exchanged.
  if (params.get('state') !== pending.state) {
    return { kind: 'error', reason: 'state' };
  }
  const code = params.get('code');
  return code === null || code === '' ? { kind: 'error', reason: 'missing' } : { kind: 'code', code };
}

export function tokenRequestBody(pending: PendingSignIn, code: string): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: pending.redirectUri,
    client_id: pending.clientId,
    code_verifier: pending.codeVerifier,
  });
}

export function parsePending(raw: string | null): PendingSignIn | undefined {
  if (raw === null) {
    return undefined;
  }
  try {
    const value = JSON.parse(raw) as Partial<PendingSignIn>;
    return typeof value.state === 'string' &&
      typeof value.codeVerifier === 'string' &&
      typeof value.tokenEndpoint === 'string' &&
      typeof value.clientId === 'string' &&
      typeof value.redirectUri === 'string'
      ? (value as PendingSignIn)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Only a path of the console may be returned to after sign-in: never another site. */
export function safeReturnPath(from: unknown): string | undefined {
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/sign-in') ? from : undefined;
}
