import { ATTACHMENT_CONTENT_TYPES } from './attachment-config';
import { ConfigError } from './config-error';
import { loadApiProcessConfig, loadTokenMintingConfig, loadWorkerProcessConfig } from './docket-config';

function configErrorOf(action: () => unknown): ConfigError {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  const DATABASE_URL = 'postgres://u:p@h:5432/d';
  const AUTH_JWT_SECRET = 'a-local-secret-of-at-least-32-bytes!';
  const PAYLOAD_KEY = Buffer.alloc(32, 7).toString('base64');
  // Every process also needs its payload keys; they ride along with the seal key in these cases.
  const SEAL = {
    AUDIT_SEAL_KEY_ID: 'seal-2026',
    AUDIT_SEAL_KEY: 'an-audit-seal-key-of-at-least-32-bytes',
    PAYLOAD_KEYS: `payload-2026:${PAYLOAD_KEY}`,
  };

  it('fills in the local defaults', () => {
    expect(loadApiProcessConfig({ DATABASE_URL, AUTH_JWT_SECRET, ...SEAL })).toEqual({
      api: { host: '127.0.0.1', port: 3000, bodyLimitBytes: 262_144, corsOrigins: [], shutdownTimeoutMs: 10_000 },
      signIn: { local: false },
      temporal: { address: 'localhost:7233', namespace: 'default', taskQueue: 'docket-cases' },
      database: { url: DATABASE_URL },
      auth: { kind: 'secret', secret: AUTH_JWT_SECRET, issuer: 'docket', audience: 'docket-api' },
      logLevel: 'info',
      metrics: {},
      attachments: { maxBytes: 26_214_400, allowedTypes: ATTACHMENT_CONTENT_TYPES },
      auditSeal: { keyId: 'seal-2026', key: SEAL.AUDIT_SEAL_KEY },
      payloadEncryption: { keyId: 'payload-2026', keys: new Map([['payload-2026', Buffer.alloc(32, 7)]]) },
    });
  });

  it('turns local sign-in on only with a secret and never beside a JWKS URL, and offers OIDC sign-in with a client id', () => {
    expect(loadApiProcessConfig({ DATABASE_URL, AUTH_JWT_SECRET, ...SEAL, AUTH_LOCAL_SIGNIN: 'enabled' }).signIn).toEqual({ local: true });
    expect(configErrorOf(() => loadApiProcessConfig({ DATABASE_URL, ...SEAL, AUTH_LOCAL_SIGNIN: 'enabled' })).variable).toBe('AUTH_JWT_SECRET');
    expect(configErrorOf(() => loadApiProcessConfig({ DATABASE_URL, AUTH_JWT_SECRET, ...SEAL, AUTH_LOCAL_SIGNIN: 'yes' })).variable).toBe('AUTH_LOCAL_SIGNIN');
    const oidc = { DATABASE_URL, ...SEAL, AUTH_JWKS_URL: 'https://login.example.gov.cn/jwks.json', AUTH_ISSUER: 'https://login.example.gov.cn/' };
    expect(configErrorOf(() => loadApiProcessConfig({ ...oidc, AUTH_LOCAL_SIGNIN: 'enabled' })).variable).toBe('AUTH_LOCAL_SIGNIN');
    expect(loadApiProcessConfig({ ...oidc, AUTH_OIDC_CLIENT_ID: 'docket-console' }).signIn).toEqual({
      local: false,
      oidc: { issuer: 'https://login.example.gov.cn', clientId: 'docket-console', scope: 'openid' },
    });
    expect(configErrorOf(() => loadApiProcessConfig({ DATABASE_URL, AUTH_JWT_SECRET, ...SEAL, AUTH_OIDC_CLIENT_ID: 'docket-console' })).variable).toBe(
      'AUTH_OIDC_CLIENT_ID',
    );
    expect(configErrorOf(() => loadApiProcessConfig({ ...oidc, AUTH_ISSUER: 'login', AUTH_OIDC_CLIENT_ID: 'docket-console' })).variable).toBe('AUTH_ISSUER');
  });

  it('reads where the built console is from WEB_DIST_DIR, or leaves it to the API', () => {
    expect(loadApiProcessConfig({ DATABASE_URL, AUTH_JWT_SECRET, ...SEAL }).webDistDir).toBeUndefined();
    expect(loadApiProcessConfig({ DATABASE_URL, AUTH_JWT_SECRET, ...SEAL, WEB_DIST_DIR: '/srv/docket/web' }).webDistDir).toBe('/srv/docket/web');
  });

  it('verifies tokens against an OIDC provider when a JWKS URL is set', () => {
    const config = loadApiProcessConfig({
      DATABASE_URL,
      ...SEAL,
      AUTH_JWKS_URL: 'https://login.example.gov.cn/jwks.json',
      AUTH_ISSUER: 'https://login.example.gov.cn',
      AUTH_AUDIENCE: 'docket',
    });
    expect(config.auth).toEqual({
      kind: 'jwks',
      jwksUrl: 'https://login.example.gov.cn/jwks.json',
      issuer: 'https://login.example.gov.cn',
      audience: 'docket',
    });
    expect(configErrorOf(() => loadApiProcessConfig({ DATABASE_URL, AUTH_JWKS_URL: 'http://login.example.gov.cn/jwks.json' })).variable).toBe(
      'AUTH_JWKS_URL',
    );
    expect(
      configErrorOf(() => loadApiProcessConfig({ DATABASE_URL, AUTH_JWKS_URL: 'https://login.example.gov.cn/jwks.json', AUTH_JWT_SECRET })).variable,
    ).toBe('AUTH_JWT_SECRET');
  });

  it('requires a long enough HS256 secret without a JWKS URL, and never echoes it back', () => {
    expect(configErrorOf(() => loadApiProcessConfig({ DATABASE_URL })).message).toBe('AUTH_JWT_SECRET: is required');
    const short = 'short-s3cret';
    const error = configErrorOf(() => loadApiProcessConfig({ DATABASE_URL, AUTH_JWT_SECRET: short }));
    expect(error.variable).toBe('AUTH_JWT_SECRET');
    expect(error.message).not.toContain(short);
    expect(loadTokenMintingConfig({ AUTH_JWT_SECRET, AUTH_ISSUER: 'test-issuer' })).toEqual({
      secret: AUTH_JWT_SECRET,
      issuer: 'test-issuer',
      audience: 'docket-api',
    });
  });

  it('stops on a bad value with a message naming the variable', () => {
    expect(configErrorOf(() => loadApiProcessConfig({ DATABASE_URL, AUTH_JWT_SECRET, ...SEAL, API_PORT: '80a' })).message).toBe(
      'API_PORT: must be a port number from 0 to 65535, got "80a"',
    );
    expect(configErrorOf(() => loadApiProcessConfig({ DATABASE_URL, AUTH_JWT_SECRET, ...SEAL, TEMPORAL_ADDRESS: 'temporal' })).variable).toBe('TEMPORAL_ADDRESS');
    expect(configErrorOf(() => loadApiProcessConfig({ DATABASE_URL, AUTH_JWT_SECRET, ...SEAL, LOG_LEVEL: 'loud' })).variable).toBe('LOG_LEVEL');
  });

  it.each([
    ['worker', loadWorkerProcessConfig],
    ['API', loadApiProcessConfig],
  ])('requires DATABASE_URL for the %s and never echoes it back', (_process, load) => {
    expect(configErrorOf(() => load({})).message).toBe('DATABASE_URL: is required');
    const secretUrl = 'mysql://admin:s3cret@db:3306/docket';
    const error = configErrorOf(() => load({ DATABASE_URL: secretUrl }));
    expect(error.variable).toBe('DATABASE_URL');
    expect(error.message).not.toContain('s3cret');
  });

  it('opens CORS only to the origins listed, and refuses anything that is not an origin', () => {
    const env = { DATABASE_URL, AUTH_JWT_SECRET, ...SEAL };
    expect(loadApiProcessConfig(env).api.corsOrigins).toEqual([]);
    expect(
      loadApiProcessConfig({ ...env, API_CORS_ORIGINS: 'https://console.example.gov.cn, http://localhost:5173' }).api.corsOrigins,
    ).toEqual(['https://console.example.gov.cn', 'http://localhost:5173']);
    expect(configErrorOf(() => loadApiProcessConfig({ ...env, API_CORS_ORIGINS: 'https://console.example.gov.cn/app' })).variable).toBe('API_CORS_ORIGINS');
    expect(configErrorOf(() => loadApiProcessConfig({ ...env, API_CORS_ORIGINS: '*' })).variable).toBe('API_CORS_ORIGINS');
  });

  it('asks scrapers of the API for a bearer token only when one is set, and never echoes it', () => {
    expect(loadApiProcessConfig({ DATABASE_URL, AUTH_JWT_SECRET, ...SEAL, METRICS_BEARER_TOKEN: 'scrape-token-0123456789' }).metrics).toEqual({
      bearerToken: 'scrape-token-0123456789',
    });
    const error = configErrorOf(() => loadApiProcessConfig({ DATABASE_URL, AUTH_JWT_SECRET, ...SEAL, METRICS_BEARER_TOKEN: 'short' }));
    expect(error.message).toBe('METRICS_BEARER_TOKEN: must be at least 16 bytes long');
  });

  it('serves worker metrics on the default address unless the address is set, or set empty to turn them off', () => {
    expect(loadWorkerProcessConfig({ DATABASE_URL, ...SEAL }).metrics).toEqual({ bindAddress: '0.0.0.0:9464' });
    expect(loadWorkerProcessConfig({ DATABASE_URL, ...SEAL, WORKER_METRICS_ADDRESS: '127.0.0.1:9100' }).metrics).toEqual({ bindAddress: '127.0.0.1:9100' });
    expect(loadWorkerProcessConfig({ DATABASE_URL, ...SEAL, WORKER_METRICS_ADDRESS: '' }).metrics).toEqual({});
    expect(configErrorOf(() => loadWorkerProcessConfig({ DATABASE_URL, ...SEAL, WORKER_METRICS_ADDRESS: '9464' })).message).toBe(
      'WORKER_METRICS_ADDRESS: must be host:port, got "9464"',
    );
  });

  it('passes a prebuilt workflow bundle to the worker', () => {
    const config = loadWorkerProcessConfig({ ...SEAL, DATABASE_URL: 'postgres://u:p@h:5432/d', WORKFLOW_BUNDLE_PATH: '/app/bundle.js' });
    expect(config.worker).toEqual({ workflowBundlePath: '/app/bundle.js', shutdownGraceMs: 10_000, maxCachedWorkflows: 500 });
  });

  it('keeps 500 workflows in the worker cache unless WORKER_MAX_CACHED_WORKFLOWS says otherwise', () => {
    const env = { ...SEAL, DATABASE_URL: 'postgres://u:p@h:5432/d' };
    expect(loadWorkerProcessConfig(env).worker.maxCachedWorkflows).toBe(500);
    expect(loadWorkerProcessConfig({ ...env, WORKER_MAX_CACHED_WORKFLOWS: '2000' }).worker.maxCachedWorkflows).toBe(2000);
    expect(configErrorOf(() => loadWorkerProcessConfig({ ...env, WORKER_MAX_CACHED_WORKFLOWS: '0' })).message).toBe(
      'WORKER_MAX_CACHED_WORKFLOWS: must be a positive integer, got "0"',
    );
  });

  it('gives a stopping worker a grace period for activities in flight, 10 s unless WORKER_SHUTDOWN_GRACE_MS says otherwise', () => {
    const env = { ...SEAL, DATABASE_URL: 'postgres://u:p@h:5432/d' };
    expect(loadWorkerProcessConfig(env).worker.shutdownGraceMs).toBe(10_000);
    expect(loadWorkerProcessConfig({ ...env, WORKER_SHUTDOWN_GRACE_MS: '2500' }).worker.shutdownGraceMs).toBe(2500);
    expect(configErrorOf(() => loadWorkerProcessConfig({ ...env, WORKER_SHUTDOWN_GRACE_MS: '-1' })).message).toBe(
      'WORKER_SHUTDOWN_GRACE_MS: must be a positive integer, got "-1"',
    );
  });

  it.each([
    ['worker', loadWorkerProcessConfig],
    ['API', loadApiProcessConfig],
  ])('requires the %s to hold the audit seal key and its id, and never echoes the key', (_process, load) => {
    const env = { DATABASE_URL, AUTH_JWT_SECRET };
    expect(configErrorOf(() => load(env)).message).toBe('AUDIT_SEAL_KEY_ID: is required');
    expect(configErrorOf(() => load({ ...env, AUDIT_SEAL_KEY_ID: 'seal-2026' })).message).toBe('AUDIT_SEAL_KEY: is required');
    const error = configErrorOf(() => load({ ...env, AUDIT_SEAL_KEY_ID: 'seal-2026', AUDIT_SEAL_KEY: 'short-seal-key' }));
    expect(error.message).toBe('AUDIT_SEAL_KEY: must be at least 32 bytes long');
    expect(configErrorOf(() => load({ ...env, ...SEAL, AUDIT_SEAL_KEY_ID: 'seal 2026' })).variable).toBe('AUDIT_SEAL_KEY_ID');
    expect(load({ ...env, ...SEAL }).auditSeal).toEqual({ keyId: 'seal-2026', key: SEAL.AUDIT_SEAL_KEY });
  });
});
