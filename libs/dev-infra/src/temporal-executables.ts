import type { EphemeralServerExecutable } from '@temporalio/testing';
import { mkdir, rename, rm, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { docketCacheDir } from './cache-dir';
import { findOnPath, isExecutable, runCommand } from './run-command';

/** The Temporal CLI release built from source; later tags carry a `replace` directive `go install` refuses. */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
/** The Java time-skipping test server from Maven Central. */
export const TEMPORAL_TEST_SERVER_VERSION = '1.35.0';

export type Log = (message: string) => void;

export interface ResolvedExecutable {
  readonly executable: EphemeralServerExecutable;
  /** Where it came from, for the start-up banner. */
  readonly source: string;
}

const sdkDownload: ResolvedExecutable = {
  executable: { type: 'cached-download' },
  source: 'downloaded by the Temporal SDK',
};

/**
 * The Temporal CLI (dev server with Web UI and SQLite persistence), in this order: the path in
 * TEMPORAL_CLI_PATH; `temporal` on PATH; a cached `go install` build; a new `go install` build
 * into the cache; the SDK's own download, for machines with internet and no Go.
 */
export async function resolveTemporalCli(log: Log, env: NodeJS.ProcessEnv = process.env): Promise<ResolvedExecutable> {
  const explicit = env['TEMPORAL_CLI_PATH'];
  if (explicit !== undefined && explicit !== '') {
    if (!(await isExecutable(explicit))) {
      throw new Error(`TEMPORAL_CLI_PATH: ${explicit} is not an executable file`);
    }
    return { executable: { type: 'existing-path', path: explicit }, source: 'TEMPORAL_CLI_PATH' };
  }
  const onPath = await findOnPath('temporal', env);
  if (onPath !== undefined) {
    return { executable: { type: 'existing-path', path: onPath }, source: `PATH (${onPath})` };
  }
  const dir = join(docketCacheDir(env), 'temporal-cli', TEMPORAL_CLI_VERSION);
  const cached = join(dir, 'temporal');
  if (await isExecutable(cached)) {
    return { executable: { type: 'existing-path', path: cached }, source: `cache (${cached})` };
  }
  const go = await findOnPath('go', env);
  if (go === undefined) {
    log('no Temporal CLI and no Go toolchain: falling back to the SDK download');
    return sdkDownload;
  }
  log(`building the Temporal CLI ${TEMPORAL_CLI_VERSION} with go install (once; a few minutes)…`);
  // Build into a scratch directory, then move: an interrupted build never leaves a half binary.
  const scratch = `${dir}.partial-${process.pid}`;
  await mkdir(scratch, { recursive: true });
  try {
    await runCommand(go, ['install', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`], {
      env: { ...env, GOBIN: scratch, GOFLAGS: `${env['GOFLAGS'] ?? ''} -buildvcs=false`.trim() },
    });
    await mkdir(dir, { recursive: true });
    await rename(join(scratch, 'temporal'), cached);
  } catch (error) {
    log(`go install failed, falling back to the SDK download: ${error instanceof Error ? error.message : String(error)}`);
    return sdkDownload;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return { executable: { type: 'existing-path', path: cached }, source: `built with go install (${cached})` };
}

function testServerPom(version: string): string {
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.docket</groupId>
  <artifactId>temporal-test-server-launcher</artifactId>
  <version>1</version>
  <dependencies>
    <dependency>
      <groupId>io.temporal</groupId>
      <artifactId>temporal-test-server</artifactId>
      <version>${version}</version>
    </dependency>
  </dependencies>
</project>
`;
}

/**
 * The time-skipping test server, in this order: TEMPORAL_TEST_SERVER_PATH; a cached launcher;
 * the Maven artifact and its dependencies fetched into the cache with a launcher script; the
 * SDK's own download.
 */
export async function resolveTimeSkippingServer(
  log: Log,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ResolvedExecutable> {
  const explicit = env['TEMPORAL_TEST_SERVER_PATH'];
  if (explicit !== undefined && explicit !== '') {
    if (!(await isExecutable(explicit))) {
      throw new Error(`TEMPORAL_TEST_SERVER_PATH: ${explicit} is not an executable file`);
    }
    return { executable: { type: 'existing-path', path: explicit }, source: 'TEMPORAL_TEST_SERVER_PATH' };
  }
  const dir = join(docketCacheDir(env), 'temporal-test-server', TEMPORAL_TEST_SERVER_VERSION);
  const launcher = join(dir, 'temporal-test-server');
  if (await isExecutable(launcher)) {
    return { executable: { type: 'existing-path', path: launcher }, source: `cache (${launcher})` };
  }
  const mvn = await findOnPath('mvn', env);
  const java = await findOnPath('java', env);
  if (mvn === undefined || java === undefined) {
    log('no Maven or Java for the time-skipping test server: falling back to the SDK download');
    return sdkDownload;
  }
  log(`fetching the Temporal test server ${TEMPORAL_TEST_SERVER_VERSION} from Maven Central (once)…`);
  const scratch = `${dir}.partial-${process.pid}`;
  await mkdir(scratch, { recursive: true });
  try {
    await writeFile(join(scratch, 'pom.xml'), testServerPom(TEMPORAL_TEST_SERVER_VERSION));
    await runCommand(mvn, ['-B', '-q', 'dependency:copy-dependencies', '-DoutputDirectory=lib'], { cwd: scratch });
    // The SDK runs the launcher with `<port> --enable-time-skipping [extra args]`.
    const script = `#!/bin/sh\nexec "${java}" -cp "$(dirname "$0")/lib/*" io.temporal.testserver.TestServer "$@"\n`;
    await writeFile(join(scratch, 'temporal-test-server'), script);
    await chmod(join(scratch, 'temporal-test-server'), 0o755);
    await rm(dir, { recursive: true, force: true });
    await rename(scratch, dir);
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    log(`Maven fetch failed, falling back to the SDK download: ${error instanceof Error ? error.message : String(error)}`);
    return sdkDownload;
  }
  return { executable: { type: 'existing-path', path: launcher }, source: `fetched with Maven (${launcher})` };
}
