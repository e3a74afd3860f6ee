import { api } from './http';

/** GET /auth/config: what sign-in this server offers. */
export interface SignInConfig {
  readonly local: boolean;
  readonly oidc?: {
    readonly issuer: string;
    readonly clientId: string;
    readonly scope: string;
    /** Under this origin, e.g. /app/sign-in/callback. */
    readonly redirectPath: string;
  };
}

export interface LocalUser {
  readonly id: string;
  readonly displayName: string;
  readonly agencies: ReadonlyArray<{ readonly agencyId: string; readonly agencyName: string; readonly roles: readonly string[] }>;
}

export interface LocalSession {
  readonly token: string;
  readonly expiresAt: string;
  readonly userId: string;
  readonly agencyId: string;
  readonly roles: readonly string[];
}

export function signInConfig(signal?: AbortSignal): Promise<SignInConfig> {
  return api<SignInConfig>('/auth/config', signal === undefined ? {} : { signal });
}

export function localUsers(signal?: AbortSignal): Promise<LocalUser[]> {
  return api<LocalUser[]>('/auth/local/users', signal === undefined ? {} : { signal });
}

export function startLocalSession(userId: string, agencyId: string): Promise<LocalSession> {
  return api<LocalSession>('/auth/local/sessions', { method: 'POST', body: { userId, agencyId } });
}
