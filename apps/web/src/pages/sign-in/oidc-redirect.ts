import type { SignInConfig } from '../../api/auth';
import { authorizationUrl, codeChallenge, discoveryUrl, PENDING_KEY, randomToken, readDiscovery, type PendingSignIn } from './oidc-flow';

/** Reads the provider's discovery document, remembers state and verifier for this tab, and returns where to send the browser. */
export async function startOidcSignIn(oidc: NonNullable<SignInConfig['oidc']>, from: string | undefined): Promise<string> {
  const response = await fetch(discoveryUrl(oidc.issuer), { headers: { accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`${discoveryUrl(oidc.issuer)}: ${response.status}`);
  }
  const discovery = readDiscovery(await response.json());
  const pending: PendingSignIn = {
    state: randomToken(),
    codeVerifier: randomToken(),
    tokenEndpoint: discovery.token_endpoint,
    clientId: oidc.clientId,
    redirectUri: `${window.location.origin}${oidc.redirectPath}`,
    from,
  };
  window.sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  return authorizationUrl(discovery.authorization_endpoint, {
    clientId: oidc.clientId,
    redirectUri: pending.redirectUri,
    scope: oidc.scope,
    state: pending.state,
    challenge: await codeChallenge(pending.codeVerifier),
  });
}
