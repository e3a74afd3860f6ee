import { ConfigError } from './config-error';

export type Env = Readonly<Record<string, string | undefined>>;

export function readString(env: Env, name: string, fallback?: string): string {
  const value = env[name]?.trim();
  if (value !== undefined && value !== '') {
    return value;
  }
  if (fallback !== undefined) {
    return fallback;
  }
  throw new ConfigError(name, 'is required');
}

export function readOptionalString(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

export function readPort(env: Env, name: string, fallback: number): number {
  const raw = readOptionalString(env, name);
  if (raw === undefined) {
    return fallback;
  }
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError(name, `must be a port number from 0 to 65535, got "${raw}"`);
  }
  return port;
}

export function readPositiveInteger(env: Env, name: string, fallback: number): number {
  const raw = readOptionalString(env, name);
  if (raw === undefined) {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new ConfigError(name, `must be a positive integer, got "${raw}"`);
  }
  return value;
}

export function readEnum<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = readOptionalString(env, name);
  if (raw === undefined) {
    return fallback;
  }
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

/** A postgres:// URL; the message never repeats the value, which may hold a password. */
export function readDatabaseUrl(env: Env, name: string): string {
  const raw = readString(env, name);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'must be a URL such as postgres://user:password@host:5432/database');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(name, `must use the postgres: scheme, not ${url.protocol}`);
  }
  return raw;
}

/** host:port of a Temporal frontend. */
export function readHostPort(env: Env, name: string, fallback: string): string {
  const value = readString(env, name, fallback);
  if (!/^[^\s:]+:\d{1,5}$/.test(value)) {
    throw new ConfigError(name, `must be host:port, got "${value}"`);
  }
  return value;
}

/** A secret of at least `minBytes` bytes (UTF-8); no message ever repeats it, nor its length. */
export function readSecret(env: Env, name: string, minBytes: number): string {
  const value = env[name]?.trim();
  if (value === undefined || value === '') {
    throw new ConfigError(name, 'is required');
  }
  if (Buffer.byteLength(value, 'utf8') < minBytes) {
    throw new ConfigError(name, `must be at least ${minBytes} bytes long`);
  }
  return value;
}

/** An https: URL; plain http: only for a provider on this machine. */
export function readOptionalHttpsUrl(env: Env, name: string): string | undefined {
  const raw = readOptionalString(env, name);
  if (raw === undefined) {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'must be a URL such as https://login.example.gov.cn/.well-known/jwks.json');
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new ConfigError(name, `must use the https: scheme, not ${url.protocol}`);
  }
  return raw;
}

/** A comma-separated list of web origins (`https://console.example.gov.cn`); absent or empty: none. */
export function readOrigins(env: Env, name: string): string[] {
  const raw = readOptionalString(env, name);
  if (raw === undefined) {
    return [];
  }
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      let url: URL;
      try {
        url = new URL(entry);
      } catch {
        throw new ConfigError(name, `${entry} is not an origin such as https://console.example.gov.cn`);
      }
      if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== entry.replace(/\/$/, '')) {
        throw new ConfigError(name, `${entry} is not an origin (scheme, host and port only, such as https://console.example.gov.cn)`);
      }
      return url.origin;
    });
}
