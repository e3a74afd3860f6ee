import type { DataSource } from 'typeorm';
import { createDataSource } from '@docket/persistence';
import { testStack } from './test-stack';

/** A DataSource on the suite's migrated Postgres. */
export function connectDatabase(): Promise<DataSource> {
  return createDataSource({ url: testStack.databaseUrl(), poolSize: 4, applicationName: 'docket-test' }).initialize();
}

export interface EventRow {
  sequence: number;
  type: string;
  actor_id: string;
  stage_before: string | null;
  stage_after: string;
}

export function eventRows(dataSource: DataSource, caseId: string): Promise<EventRow[]> {
  return dataSource.query(
    'SELECT sequence, type, actor_id, stage_before, stage_after FROM case_events WHERE case_id = $1 ORDER BY sequence',
    [caseId],
  );
}
