import 'reflect-metadata';
import { ConfigError, loadApiProcessConfig } from '@docket/config';
import { createApiApp } from './create-api-app';

async function main(): Promise<void> {
  const config = loadApiProcessConfig(process.env);
  const app = await createApiApp(config);
  await app.listen(config.api.port, config.api.host);
  console.log(`Docket API listening on ${await app.getUrl()}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `configuration: ${error.message}` : error);
  process.exitCode = 1;
});
