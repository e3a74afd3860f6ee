import { execFile } from 'node:child_process';
import { cpus, freemem, loadavg, release, totalmem, type as osType } from 'node:os';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { TEMPORAL_CLI_VERSION, resolveTemporalCli } from '@docket/dev-infra';

const run = promisify(execFile);
export const REPO_ROOT = join(__dirname, '../..');

export interface MachineDetails {
  readonly os: string;
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly freeMemoryGiB: number;
  /** 1, 5 and 15 minute load averages when the run began: anything else running shows here. */
  readonly loadAverageAtStart: readonly number[];
  readonly node: string;
  readonly temporalSdk: string;
  readonly temporalCli: string;
  readonly postgres: string;
  readonly gitCommit: string;
  /** Uncommitted changes in the work tree when the run began. */
  readonly gitDirty: boolean;
}

async function output(command: string, args: readonly string[]): Promise<string> {
  try {
    return (await run(command, args, { cwd: REPO_ROOT })).stdout.trim();
  } catch {
    return 'unknown';
  }
}

async function temporalCliVersion(): Promise<string> {
  const cli = await resolveTemporalCli(() => undefined);
  if (cli.executable.type !== 'existing-path') {
    return `downloaded by the SDK (${cli.source})`;
  }
  const reported = (await output(cli.executable.path, ['--version'])).replace(/^temporal version /, '');
  // A CLI built by dev-infra with go install reports itself as 0.0.0-DEV; the tag it was built from is pinned there.
  return reported.startsWith('0.0.0-DEV') && cli.source.startsWith('cache') ? `${TEMPORAL_CLI_VERSION} (${reported})` : reported;
}

async function postgresVersion(databaseUrl: string): Promise<string> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<{ version: string }>('SELECT version()')).rows[0]?.version ?? 'unknown';
  } finally {
    await client.end();
  }
}

export async function machineDetails(databaseUrl: string): Promise<MachineDetails> {
  const processors = cpus();
  const gib = (bytes: number): number => Math.round((bytes / 2 ** 30) * 10) / 10;
  const sdkManifest = join(dirname(require.resolve('@temporalio/worker')), '../package.json');
  const sdk = (JSON.parse(readFileSync(sdkManifest, 'utf8')) as { version: string }).version;
  return {
    os: `${osType()} ${release()}`,
    cpuModel: processors[0]?.model ?? 'unknown',
    cores: processors.length,
    memoryGiB: gib(totalmem()),
    freeMemoryGiB: gib(freemem()),
    loadAverageAtStart: loadavg().map((value) => Math.round(value * 100) / 100),
    node: process.version,
    temporalSdk: sdk,
    temporalCli: await temporalCliVersion(),
    postgres: await postgresVersion(databaseUrl),
    gitCommit: await output('git', ['rev-parse', 'HEAD']),
    gitDirty: (await output('git', ['status', '--porcelain'])) !== '',
  };
}
