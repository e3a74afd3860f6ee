import type { DataSource } from 'typeorm';
import type { StoredChainRow } from '@docket/persistence';

interface CaseEventRow {
  case_id: string;
  sequence: number;
  workflow_id: string;
  type: string;
  actor_id: string;
  actor_role: string;
  stage_before: string | null;
  stage_after: string;
  data: unknown;
  occurred_at: Date;
  prev_hash: string;
  hash: string;
}

/**
 * A case's `case_events` rows as the hash chain sees them, read straight from Postgres (through
 * whichever connection is given: a test's attacker connection included), in sequence order.
 */
export async function storedChainRows(runner: { query: DataSource['query'] }, caseId: string): Promise<StoredChainRow[]> {
  const rows: CaseEventRow[] = await runner.query(
    `SELECT case_id, sequence, workflow_id, type, actor_id, actor_role, stage_before, stage_after, data, occurred_at, prev_hash, hash
       FROM case_events WHERE case_id = $1 ORDER BY sequence, id`,
    [caseId],
  );
  return rows.map((row) => ({
    caseId: row.case_id,
    sequence: row.sequence,
    workflowId: row.workflow_id,
    type: row.type,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    stageBefore: row.stage_before,
    stageAfter: row.stage_after,
    data: row.data,
    occurredAt: row.occurred_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  }));
}
