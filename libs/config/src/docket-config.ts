import { DEFAULT_CASE_TASK_QUEUE } from '@docket/contracts';
import { loadAttachmentConfig, type AttachmentConfig } from './attachment-config';
import { loadPayloadEncryptionConfig, type PayloadEncryptionConfig } from './payload-encryption-config';
import { ConfigError } from './config-error';
import {
  readDatabaseUrl,
  readEnum,
  readHostPort,
  readOptionalHttpsUrl,
  readOptionalString,
  readPort,
  readOrigins,
  readPositiveInteger,
  readSecret,
  readString,
  type Env,
} from './env-readers';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface DatabaseConfig {
  readonly url: string;
}

export interface TemporalConfig {
  readonly address: string;
  readonly namespace: string;
  readonly taskQueue: string;
}

export interface ApiConfig {
  readonly host: string;
  readonly port: number;
  /** Largest request body accepted, in bytes. */
  readonly bodyLimitBytes: number;
  /**
   * Browser origins allowed to call the API (the web console's); empty: no CORS headers at all,
   * so browsers refuse every cross-origin call.
   */
  readonly corsOrigins: readonly string[];
  /** How long a stopping API waits for requests in flight before closing their connections. */
  readonly shutdownTimeoutMs: number;
}

/**
 * How the API verifies bearer tokens: an HS256 secret shared with the local mint command, or the
 * JWKS of an OIDC provider in production. Issuer and audience are checked either way.
 */
export type AuthConfig =
  | { readonly kind: 'secret'; readonly secret: string; readonly issuer: string; readonly audience: string }
  | { readonly kind: 'jwks'; readonly jwksUrl: string; readonly issuer: string; readonly audience: string };

/** What the local mint command needs: the HS256 secret and the claims the API checks. */
export interface TokenMintingConfig {
  readonly secret: string;
  readonly issuer: string;
  readonly audience: string;
}

export const DEFAULT_AUTH_ISSUER = 'docket';
export const DEFAULT_AUTH_AUDIENCE = 'docket-api';

export interface WorkerConfig {
  /** A prebuilt workflow bundle; without it the worker bundles the workflow code at start-up. */
  readonly workflowBundlePath?: string;
  /**
   * How long a stopping worker lets activities in flight finish before cancelling them; what is
   * still unfinished then is retried by another worker, never lost.
   */
  readonly shutdownGraceMs: number;
  /**
   * Workflows kept in the worker's memory between tasks (Temporal's sticky cache). A case spends
   * most of its life waiting on a timer or a person; one evicted is rebuilt from its history when
   * its next task comes. The SDK's default grows with the heap (about 2,300 at a 4 GiB heap,
   * 1.25 GiB resident at 10,000 open cases in docs/benchmarks.md).
   */
  readonly maxCachedWorkflows: number;
}

export const DEFAULT_WORKER_SHUTDOWN_GRACE_MS = 10_000;
export const DEFAULT_WORKER_MAX_CACHED_WORKFLOWS = 500;

/** The API's `/metrics`: open to any scraper, or only to one presenting this bearer token when it is set. */
export interface ApiMetricsConfig {
  readonly bearerToken?: string;
}

/** Where the worker's Temporal runtime serves Prometheus metrics (host:port); undefined turns them off. */
export interface WorkerMetricsConfig {
  readonly bindAddress?: string;
}

export const DEFAULT_WORKER_METRICS_ADDRESS = '0.0.0.0:9464';

export function loadApiMetricsConfig(env: Env): ApiMetricsConfig {
  if (readOptionalString(env, 'METRICS_BEARER_TOKEN') === undefined) {
    return {};
  }
  return { bearerToken: readSecret(env, 'METRICS_BEARER_TOKEN', 16) };
}

/** Unset means the default address; set but empty means no metrics server at all. */
export function loadWorkerMetricsConfig(env: Env): WorkerMetricsConfig {
  if (env['WORKER_METRICS_ADDRESS'] !== undefined && env['WORKER_METRICS_ADDRESS'].trim() === '') {
    return {};
  }
  return { bindAddress: readHostPort(env, 'WORKER_METRICS_ADDRESS', DEFAULT_WORKER_METRICS_ADDRESS) };
}

export function loadDatabaseConfig(env: Env): DatabaseConfig {
  return { url: readDatabaseUrl(env, 'DATABASE_URL') };
}

export function loadTemporalConfig(env: Env): TemporalConfig {
  return {
    address: readHostPort(env, 'TEMPORAL_ADDRESS', 'localhost:7233'),
    namespace: readString(env, 'TEMPORAL_NAMESPACE', 'default'),
    taskQueue: readString(env, 'TEMPORAL_TASK_QUEUE', DEFAULT_CASE_TASK_QUEUE),
  };
}

export function loadLogLevel(env: Env): LogLevel {
  return readEnum(env, 'LOG_LEVEL', LOG_LEVELS, 'info');
}

export function loadTokenMintingConfig(env: Env): TokenMintingConfig {
  return {
    secret: readSecret(env, 'AUTH_JWT_SECRET', 32),
    issuer: readString(env, 'AUTH_ISSUER', DEFAULT_AUTH_ISSUER),
    audience: readString(env, 'AUTH_AUDIENCE', DEFAULT_AUTH_AUDIENCE),
  };
}

export function loadAuthConfig(env: Env): AuthConfig {
  const jwksUrl = readOptionalHttpsUrl(env, 'AUTH_JWKS_URL');
  if (jwksUrl === undefined) {
    return { kind: 'secret', ...loadTokenMintingConfig(env) };
  }
  if (readOptionalString(env, 'AUTH_JWT_SECRET') !== undefined) {
    throw new ConfigError('AUTH_JWT_SECRET', 'must not be set together with AUTH_JWKS_URL; tokens are verified one way only');
  }
  return {
    kind: 'jwks',
    jwksUrl,
    issuer: readString(env, 'AUTH_ISSUER', DEFAULT_AUTH_ISSUER),
    audience: readString(env, 'AUTH_AUDIENCE', DEFAULT_AUTH_AUDIENCE),
  };
}

/**
 * The key archived case records are sealed with (HMAC-SHA256, issue 5) and its id, stored beside
 * each seal. The worker seals with it and the API checks seals with it, so both hold the same one.
 */
export interface AuditSealConfig {
  readonly keyId: string;
  readonly key: string;
}

export function loadAuditSealConfig(env: Env): AuditSealConfig {
  const keyId = readString(env, 'AUDIT_SEAL_KEY_ID');
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(keyId)) {
    throw new ConfigError('AUDIT_SEAL_KEY_ID', 'must be 1 to 64 letters, digits, dots, dashes or underscores');
  }
  return { keyId, key: readSecret(env, 'AUDIT_SEAL_KEY', 32) };
}

/**
 * What the web console offers to sign in with. Local sign-in (pick a registered user, get a token signed
 * with AUTH_JWT_SECRET) is for development and tests only; production signs in through the OIDC provider
 * whose tokens the API verifies with AUTH_JWKS_URL (authorization code with PKCE, in the browser).
 */
export interface SignInConfig {
  readonly local: boolean;
  readonly oidc?: {
    /** The provider's issuer URL: the console reads `<issuer>/.well-known/openid-configuration`. */
    readonly issuer: string;
    readonly clientId: string;
    readonly scope: string;
  };
}

export function loadSignInConfig(env: Env): SignInConfig {
  const local = readEnum(env, 'AUTH_LOCAL_SIGNIN', ['enabled', 'disabled'] as const, 'disabled') === 'enabled';
  const jwks = readOptionalString(env, 'AUTH_JWKS_URL') !== undefined;
  if (local && jwks) {
    throw new ConfigError('AUTH_LOCAL_SIGNIN', 'must not be enabled together with AUTH_JWKS_URL; local sign-in mints tokens with AUTH_JWT_SECRET');
  }
  if (local) {
    readSecret(env, 'AUTH_JWT_SECRET', 32);
  }
  const clientId = readOptionalString(env, 'AUTH_OIDC_CLIENT_ID');
  if (clientId === undefined) {
    return { local };
  }
  if (!jwks) {
    throw new ConfigError('AUTH_OIDC_CLIENT_ID', 'needs AUTH_JWKS_URL: the API verifies the provider’s tokens with its keys');
  }
  const issuer = readOptionalHttpsUrl(env, 'AUTH_ISSUER');
  if (issuer === undefined) {
    throw new ConfigError('AUTH_ISSUER', 'is required with AUTH_OIDC_CLIENT_ID: the provider’s issuer URL');
  }
  return { local, oidc: { issuer: issuer.replace(/\/+$/, ''), clientId, scope: readString(env, 'AUTH_OIDC_SCOPE', 'openid') } };
}

export interface ApiProcessConfig {
  readonly api: ApiConfig;
  /** How the console signs people in (GET /auth/config). */
  readonly signIn: SignInConfig;
  /** The built console (apps/web/dist) served under /app; undefined: found next to the API build. */
  readonly webDistDir?: string;
  readonly temporal: TemporalConfig;
  /** Policies and calendars are managed through the API, and it finds a policy's running cases there. */
  readonly database: DatabaseConfig;
  readonly auth: AuthConfig;
  readonly logLevel: LogLevel;
  readonly metrics: ApiMetricsConfig;
  /** Uploaded evidence and documents: accepted content types and the size limit. */
  readonly attachments: AttachmentConfig;
  /** Checks the seals of archived case records (GET /cases/:id/verify). */
  readonly auditSeal: AuditSealConfig;
  /** Encrypts what the API sends to Temporal and decrypts what it reads back (and the codec endpoint). */
  readonly payloadEncryption: PayloadEncryptionConfig;
}

export function loadApiProcessConfig(env: Env): ApiProcessConfig {
  return {
    api: {
      host: readString(env, 'API_HOST', '127.0.0.1'),
      port: readPort(env, 'API_PORT', 3000),
      bodyLimitBytes: readPositiveInteger(env, 'API_BODY_LIMIT_BYTES', 256 * 1024),
      corsOrigins: readOrigins(env, 'API_CORS_ORIGINS'),
      shutdownTimeoutMs: readPositiveInteger(env, 'API_SHUTDOWN_TIMEOUT_MS', 10_000),
    },
    signIn: loadSignInConfig(env),
    ...(readOptionalString(env, 'WEB_DIST_DIR') === undefined ? {} : { webDistDir: readString(env, 'WEB_DIST_DIR') }),
    temporal: loadTemporalConfig(env),
    database: loadDatabaseConfig(env),
    auth: loadAuthConfig(env),
    logLevel: loadLogLevel(env),
    metrics: loadApiMetricsConfig(env),
    attachments: loadAttachmentConfig(env),
    auditSeal: loadAuditSealConfig(env),
    payloadEncryption: loadPayloadEncryptionConfig(env),
  };
}

export interface WorkerProcessConfig {
  readonly database: DatabaseConfig;
  readonly temporal: TemporalConfig;
  readonly worker: WorkerConfig;
  readonly logLevel: LogLevel;
  readonly metrics: WorkerMetricsConfig;
  /** Seals archived case records. */
  readonly auditSeal: AuditSealConfig;
  /** Encrypts every payload the worker hands Temporal; the replayer decrypts with the same ring. */
  readonly payloadEncryption: PayloadEncryptionConfig;
}

export function loadWorkerProcessConfig(env: Env): WorkerProcessConfig {
  const workflowBundlePath = readOptionalString(env, 'WORKFLOW_BUNDLE_PATH');
  return {
    database: loadDatabaseConfig(env),
    temporal: loadTemporalConfig(env),
    worker: {
      ...(workflowBundlePath === undefined ? {} : { workflowBundlePath }),
      shutdownGraceMs: readPositiveInteger(env, 'WORKER_SHUTDOWN_GRACE_MS', DEFAULT_WORKER_SHUTDOWN_GRACE_MS),
      maxCachedWorkflows: readPositiveInteger(env, 'WORKER_MAX_CACHED_WORKFLOWS', DEFAULT_WORKER_MAX_CACHED_WORKFLOWS),
    },
    logLevel: loadLogLevel(env),
    metrics: loadWorkerMetricsConfig(env),
    auditSeal: loadAuditSealConfig(env),
    payloadEncryption: loadPayloadEncryptionConfig(env),
  };
}
