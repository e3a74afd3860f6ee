import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadWorkerProcessConfig } from '@docket/config';
import { DataSource } from 'typeorm';
import { CaseWorkerService } from './case-worker.service';
import { installWorkerTelemetry } from './worker-telemetry';
import { WorkerModule } from './worker.module';

/** The worker process: a Nest application context (no HTTP port) that runs the Temporal worker. */
async function main(): Promise<void> {
  const config = loadWorkerProcessConfig(process.env);
  installWorkerTelemetry(config.metrics);
  const app = await NestFactory.createApplicationContext(WorkerModule.forConfig(config), {
    logger: config.logLevel === 'debug' ? ['debug', 'log', 'warn', 'error'] : ['log', 'warn', 'error'],
  });
  try {
    await app.get(CaseWorkerService).run();
  } finally {
    await app.get(DataSource).destroy();
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `configuration: ${error.message}` : error);
  process.exitCode = 1;
});
