import 'reflect-metadata';
import type { Server } from 'node:http';
import { ConfigError, loadApiProcessConfig } from '@docket/config';
import { createApiApp } from './create-api-app';

async function main(): Promise<void> {
  const config = loadApiProcessConfig(process.env);
  const app = await createApiApp(config);
  await app.listen(config.api.port, config.api.host);
  console.log(`Docket API listening on ${await app.getUrl()}`);
  // On SIGTERM or SIGINT, Nest's shutdown hooks stop accepting connections and wait for the
  // requests in flight before closing the database and Temporal connections. The wait is bounded:
  // a request still open after the timeout has its connection closed.
  const server: Server = app.getHttpServer();
  const bound = (signal: NodeJS.Signals): void => {
    console.log(`${signal}: finishing requests in flight (at most ${config.api.shutdownTimeoutMs} ms)`);
    setTimeout(() => {
      console.warn('shutdown timeout: closing the connections still open');
      server.closeAllConnections();
    }, config.api.shutdownTimeoutMs).unref();
  };
  process.once('SIGTERM', bound);
  process.once('SIGINT', bound);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `configuration: ${error.message}` : error);
  process.exitCode = 1;
});
