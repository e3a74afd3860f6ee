import { loadDatabaseConfig } from '@docket/config';
import { createDataSource } from './data-source';

/**
 * `node libs/persistence/dist/cli.js migrate|revert|reset` against DATABASE_URL.
 * reset drops every table and re-applies all migrations: for development databases only.
 */
async function main(command: string | undefined): Promise<void> {
  const { url } = loadDatabaseConfig(process.env);
  const dataSource = createDataSource({ url, poolSize: 1, applicationName: 'docket-migrate' });
  await dataSource.initialize();
  try {
    switch (command ?? '') {
      case 'migrate': {
        const applied = await dataSource.runMigrations();
        console.log(applied.length === 0 ? 'database is up to date' : `applied: ${applied.map((m) => m.name).join(', ')}`);
        break;
      }
      case 'revert':
        await dataSource.undoLastMigration();
        console.log('reverted the last migration');
        break;
      case 'reset':
        await dataSource.query('DROP SCHEMA public CASCADE');
        await dataSource.query('CREATE SCHEMA public');
        await dataSource.runMigrations();
        console.log('dropped every table and re-applied all migrations');
        break;
      default:
        throw new Error(`unknown command "${command ?? ''}": use migrate, revert or reset`);
    }
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
