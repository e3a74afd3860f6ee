import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { Connection } from '@temporalio/client';
import { resolveTemporalCli } from '@docket/dev-infra';

/**
 * A Temporal dev server of a fault suite's own, run as a plain child process so that it can be
 * killed with SIGKILL (the SDK's ephemeral server only stops gracefully) and started again on the
 * same SQLite file and port, which is what an operator's restart after a crash looks like.
 */
export interface TemporalProcess {
  readonly address: string;
  /** SIGKILL: no shutdown, no flush; whatever the server had not committed to SQLite is gone. */
  kill(): Promise<void>;
  /** SIGTERM, for the end of the suite. */
  stop(): Promise<void>;
}

/** The CLI that `npm run provision` built or found; a fault suite cannot SIGKILL the SDK's download. */
export async function temporalCliPath(): Promise<string> {
  const cli = await resolveTemporalCli(() => undefined);
  if (cli.executable.type !== 'existing-path') {
    throw new Error(
      `the Temporal fault suite needs the Temporal CLI on disk (TEMPORAL_CLI_PATH, PATH or the provisioned cache); found only ${cli.source}`,
    );
  }
  return cli.executable.path;
}

async function waitUntilServing(address: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the Temporal dev server exited before it served:\n${output()}`);
    }
    const connection = await Connection.connect({ address, connectTimeout: 1_000 }).catch(() => undefined);
    if (connection !== undefined) {
      try {
        await connection.workflowService.describeNamespace({ namespace: 'default' });
        return;
      } catch {
        // Listening, but the namespace is not registered yet.
      } finally {
        await connection.close();
      }
    }
    await delay(200);
  }
  throw new Error(`the Temporal dev server did not serve ${address} in time:\n${output()}`);
}

export async function startTemporalProcess(cliPath: string, dbFile: string, port: number): Promise<TemporalProcess> {
  const child = spawn(
    cliPath,
    [
      'server',
      'start-dev',
      '--headless',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--db-filename',
      dbFile,
      '--namespace',
      'default',
      '--log-level',
      'error',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const address = `127.0.0.1:${port}`;
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      await exited;
    }
  };
  try {
    await waitUntilServing(address, child, () => output);
  } catch (error) {
    await end('SIGKILL');
    throw error;
  }
  return { address, kill: () => end('SIGKILL'), stop: () => end('SIGTERM') };
}
