import { TestWorkflowEnvironment } from '@temporalio/testing';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runMigrations } from '@docket/persistence';
import { startEmbeddedPostgres, type PostgresHandle } from './embedded-postgres';
import { freePort } from './free-port';
import { resolveTemporalCli, type Log } from './temporal-executables';

export interface LocalStackOptions {
  /** Git-ignored directory for Postgres data and the Temporal SQLite file. */
  readonly dataDir: string;
  /** Keep data between runs (development) or throw it away (tests, benchmarks). */
  readonly persistent: boolean;
  /** Fixed ports for development; free ports when absent. */
  readonly postgresPort?: number;
  readonly temporalPort?: number;
  readonly temporalUiPort?: number;
  readonly temporalUi: boolean;
  readonly log: Log;
  readonly env?: NodeJS.ProcessEnv;
}

export interface LocalStack {
  readonly databaseUrl: string;
  readonly temporalAddress: string;
  readonly temporalNamespace: string;
  readonly temporalUiUrl?: string;
  readonly sources: { readonly postgres: string; readonly temporal: string };
  stop(): Promise<void>;
}

/**
 * PostgreSQL and Temporal for development, tests and benchmarks. DATABASE_URL and
 * TEMPORAL_ADDRESS, when set, name servers that are already running and nothing is started for
 * them; otherwise an embedded Postgres and a Temporal dev server are started here. Migrations run
 * either way.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const env = options.env ?? process.env;
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) {
      await stop().catch((error: unknown) => options.log(`while stopping: ${String(error)}`));
    }
  };
  try {
    await mkdir(options.dataDir, { recursive: true });

    let postgres: PostgresHandle;
    const externalDatabase = env['DATABASE_URL'];
    if (externalDatabase !== undefined && externalDatabase !== '') {
      postgres = { url: externalDatabase, source: 'DATABASE_URL', stop: () => Promise.resolve() };
    } else {
      const dataDir = join(options.dataDir, 'postgres');
      postgres = await startEmbeddedPostgres({
        dataDir,
        port: options.postgresPort ?? (await freePort()),
        database: 'docket',
        ephemeral: !options.persistent,
        log: options.log,
      });
      stops.push(async () => {
        await postgres.stop();
        if (!options.persistent) {
          await rm(dataDir, { recursive: true, force: true });
        }
      });
    }
    await runMigrations(postgres.url);

    const externalTemporal = env['TEMPORAL_ADDRESS'];
    if (externalTemporal !== undefined && externalTemporal !== '') {
      return {
        databaseUrl: postgres.url,
        temporalAddress: externalTemporal,
        temporalNamespace: env['TEMPORAL_NAMESPACE'] ?? 'default',
        sources: { postgres: postgres.source, temporal: 'TEMPORAL_ADDRESS' },
        stop: stopAll,
      };
    }
    const cli = await resolveTemporalCli(options.log, env);
    const temporalPort = options.temporalPort ?? (await freePort());
    const uiPort = options.temporalUi ? (options.temporalUiPort ?? (await freePort())) : undefined;
    const temporal = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: cli.executable,
        ip: '127.0.0.1',
        port: temporalPort,
        ui: options.temporalUi,
        ...(uiPort === undefined ? {} : { uiPort }),
        ...(options.persistent ? { dbFilename: join(options.dataDir, 'temporal.sqlite') } : {}),
        namespace: 'default',
        log: { format: 'pretty', level: 'error' },
      },
    });
    stops.push(() => temporal.teardown());
    return {
      databaseUrl: postgres.url,
      temporalAddress: temporal.address,
      temporalNamespace: 'default',
      ...(uiPort === undefined ? {} : { temporalUiUrl: `http://127.0.0.1:${uiPort}` }),
      sources: { postgres: postgres.source, temporal: `Temporal dev server from ${cli.source}` },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
