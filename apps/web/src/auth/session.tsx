import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setCredentials } from '../api/http';

/** The signed-in user as the token says; the API checks the token and the registry on every request. */
export interface Session {
  readonly token: string;
  readonly userId: string;
  readonly agencyId: string;
  readonly roles: readonly string[];
  /** The role the user acts in now (sent as X-Docket-Role). */
  readonly role: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

interface SessionContextValue {
  readonly session: Session | undefined;
  readonly signIn: (token: string) => Session;
  readonly signOut: () => void;
  readonly switchRole: (role: string) => void;
}

const STORAGE_KEY = 'docket.session';
const SessionContext = createContext<SessionContextValue | undefined>(undefined);

function base64UrlDecode(segment: string): string {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** Reads the claims Docket uses for display; the signature is the API's business, not the browser's. */
export function sessionFromToken(token: string, role?: string): Session {
  const [, payload] = token.split('.');
  if (payload === undefined) {
    throw new Error('not a JWT');
  }
  const claims = JSON.parse(base64UrlDecode(payload)) as {
    sub?: unknown;
    agency?: unknown;
    roles?: unknown;
    exp?: unknown;
  };
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [];
  if (typeof claims.sub !== 'string' || typeof claims.agency !== 'string' || roles.length === 0) {
    throw new Error('the token does not name a user, an agency and roles');
  }
  return {
    token,
    userId: claims.sub,
    agencyId: claims.agency,
    roles,
    role: role !== undefined && roles.includes(role) ? role : roles[0],
    expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : Number.POSITIVE_INFINITY,
  };
}

function storedSession(): Session | undefined {
  // Session storage: a closed tab forgets the token; nothing about the user outlives the browser session.
  const raw = window.sessionStorage.getItem(STORAGE_KEY);
  if (raw === null) {
    return undefined;
  }
  try {
    const { token, role } = JSON.parse(raw) as { token: string; role: string };
    const session = sessionFromToken(token, role);
    return session.expiresAt > Date.now() ? session : undefined;
  } catch {
    return undefined;
  }
}

export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const [session, setSession] = useState<Session | undefined>(storedSession);

  const signOut = useCallback(() => {
    window.sessionStorage.removeItem(STORAGE_KEY);
    setSession(undefined);
  }, []);

  const remember = useCallback((next: Session) => {
    window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ token: next.token, role: next.role }));
    setSession(next);
  }, []);

  const signIn = useCallback(
    (token: string) => {
      const next = sessionFromToken(token);
      remember(next);
      return next;
    },
    [remember],
  );

  const switchRole = useCallback(
    (role: string) => {
      if (session !== undefined && session.roles.includes(role)) {
        remember({ ...session, role });
      }
    },
    [session, remember],
  );

  // Set synchronously during render so that the first requests of a freshly signed-in page carry the token.
  setCredentials(session === undefined ? undefined : { token: session.token, role: session.role }, signOut);
  useEffect(() => {
    if (session === undefined || !Number.isFinite(session.expiresAt)) {
      return undefined;
    }
    const timer = window.setTimeout(signOut, Math.max(0, session.expiresAt - Date.now()));
    return () => window.clearTimeout(timer);
  }, [session, signOut]);

  const value = useMemo(() => ({ session, signIn, signOut, switchRole }), [session, signIn, signOut, switchRole]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const context = useContext(SessionContext);
  if (context === undefined) {
    throw new Error('useSession outside <SessionProvider>');
  }
  return context;
}
