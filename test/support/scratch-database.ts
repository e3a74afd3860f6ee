import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { runMigrations } from '@docket/persistence';
import { testStack } from './test-stack';

export interface ScratchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

async function onServer(statement: string): Promise<void> {
  const client = new Client({ connectionString: testStack.databaseUrl(), application_name: 'docket-test-scratch' });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A migrated database of the test's own on the suite's Postgres server, for tests whose writes reach
 * beyond themselves: a calendar year is read by every case, and a calendar change signals every
 * running case in the `cases` table, which other test files would otherwise share.
 */
export async function createScratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix.replace(/[^a-z0-9]/g, '_')}_${randomBytes(6).toString('hex')}`;
  await onServer(`CREATE DATABASE "${name}"`);
  const url = new URL(testStack.databaseUrl());
  url.pathname = `/${name}`;
  await runMigrations(url.toString());
  return {
    url: url.toString(),
    drop: () => onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
