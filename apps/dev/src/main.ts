import { readPort } from '@docket/config';
import { startLocalStack, type LocalStack } from '@docket/dev-infra';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { startNodeProcess, stopChild, type ManagedChild } from './child-process';
import { developmentJwtSecret, developmentPayloadKeys, developmentSealKey } from './dev-jwt-secret';
import { seedRegistry } from './seed-registry';
import { SEEDED_AGENCY, SEEDED_USERS } from './seeded-users';

/**
 * `npm start`: PostgreSQL, Temporal (with its Web UI), the worker and the API on one machine,
 * with their data kept under .data/. Ctrl-C stops all of them.
 */
const repoRoot = resolve(__dirname, '../../..');
const log = (message: string): void => console.log(`[docket] ${message}`);

async function waitForHealth(url: string, child: ManagedChild, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let ended = false;
  void child.exited.then(() => (ended = true));
  while (Date.now() < deadline && !ended) {
    const ok = await fetch(url).then((response) => response.ok, () => false);
    if (ok) {
      return;
    }
    await delay(250);
  }
  throw new Error(ended ? `${child.name} exited during start-up` : `${child.name} did not answer ${url} in time`);
}

async function main(): Promise<void> {
  const env = process.env;
  const apiPort = readPort(env, 'API_PORT', 3000);
  const dataDir = env['DOCKET_DATA_DIR'] ?? join(repoRoot, '.data');
  const started = Date.now();

  const stack: LocalStack = await startLocalStack({
    dataDir,
    persistent: true,
    postgresPort: readPort(env, 'DOCKET_POSTGRES_PORT', 55432),
    temporalPort: readPort(env, 'DOCKET_TEMPORAL_PORT', 7233),
    temporalUiPort: readPort(env, 'DOCKET_TEMPORAL_UI_PORT', 8233),
    temporalUi: true,
    log,
  });
  log(`postgres: ${stack.sources.postgres}`);
  log(`temporal: ${stack.sources.temporal} at ${stack.temporalAddress}`);

  const bundle = join(repoRoot, 'apps/worker/dist/workflow-bundle.js');
  const secretPath = join(dataDir, 'dev-jwt-secret');
  // Archived records sealed locally stay checkable across restarts; the key never leaves .data/.
  const sealKeyPath = join(dataDir, 'dev-audit-seal-key');
  // Locally the API trusts tokens signed with this checkout's secret only, never a provider's.
  const { AUTH_JWKS_URL: _ignored, ...inherited } = env;
  const childEnv: NodeJS.ProcessEnv = {
    ...inherited,
    AUTH_JWT_SECRET: developmentJwtSecret(secretPath),
    // The console's sign-in page lists the seeded users; development only, never with a provider.
    AUTH_LOCAL_SIGNIN: 'enabled',
    AUDIT_SEAL_KEY: developmentSealKey(sealKeyPath),
    AUDIT_SEAL_KEY_ID: 'dev-local',
    // Temporal (and its UI at :8233) sees case data only encrypted; the API's /codec endpoint decrypts it.
    PAYLOAD_KEYS: developmentPayloadKeys(join(dataDir, 'dev-payload-key'), 'dev-local'),
    PAYLOAD_KEY_ID: 'dev-local',
    DATABASE_URL: stack.databaseUrl,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    TEMPORAL_NAMESPACE: stack.temporalNamespace,
    API_PORT: String(apiPort),
    ...(existsSync(bundle) ? { WORKFLOW_BUNDLE_PATH: bundle } : {}),
  };
  const children = [
    startNodeProcess('worker', join(repoRoot, 'apps/worker/dist/main.js'), childEnv),
    startNodeProcess('api', join(repoRoot, 'apps/api/dist/main.js'), childEnv),
  ];

  let stopping: Promise<void> | undefined;
  const stop = (reason: string, exitCode: number): Promise<void> => {
    stopping ??= (async () => {
      log(`${reason}: stopping…`);
      process.exitCode = exitCode;
      await Promise.all(children.map((child) => stopChild(child, 15_000)));
      await stack.stop();
      log('stopped');
    })();
    return stopping;
  };
  process.once('SIGINT', () => void stop('interrupted', 0));
  process.once('SIGTERM', () => void stop('terminated', 0));
  for (const child of children) {
    void child.exited.then((how) => stop(`${child.name} ended (${how})`, 1));
  }

  const api = children[1];
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  try {
    await waitForHealth(`${apiUrl}/health`, api, 60_000);
    await seedRegistry(stack.databaseUrl, log);
  } catch (error) {
    await stop(error instanceof Error ? error.message : String(error), 1);
    return;
  }
  console.log(
    [
      '',
      `Docket is running (started in ${((Date.now() - started) / 1000).toFixed(1)} s):`,
      `  Console      ${apiUrl}/app/ (sign in as any seeded user)`,
      `  API          ${apiUrl}`,
      `  OpenAPI      ${apiUrl}/docs`,
      `  Temporal UI  ${stack.temporalUiUrl ?? '(external cluster)'}`,
      `  Temporal     ${stack.temporalAddress}`,
      '',
      'A bearer token for a seeded user (the secret stays in the file):',
      `  TOKEN=$(AUTH_JWT_SECRET=$(cat ${secretPath}) npm run --silent token -- --user handler-li --agency ${SEEDED_AGENCY} --roles handler)`,
      `  curl -H "Authorization: Bearer $TOKEN" ${apiUrl}/cases/<case id>`,
      `Seeded users in ${SEEDED_AGENCY}: ${SEEDED_USERS.map((user) => `${user.userId} (${user.roles.join(', ')})`).join(', ')}`,
      '',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error('[docket] could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
