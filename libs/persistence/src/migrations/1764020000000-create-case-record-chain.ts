import type { MigrationInterface, QueryRunner } from 'typeorm';
import { GENESIS_HASH, chainHash } from '../case-record-chain';

interface StoredRow {
  id: string;
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
}

const BACKFILL_BATCH = 1_000;

/**
 * Tamper evidence and the auditors' read log (issue 5):
 * - `case_events` becomes a hash chain: `prev_hash` and `hash` per row (libs/persistence/src/case-record-chain.ts);
 * - `case_record_seals`: the keyed digest sealing an archived case's chain head;
 * - `history_reads`: who read which case's history, timeline or verification, and when.
 *
 * Rows written before are chained here, in TypeScript, as the canonical form is TypeScript's. The
 * append-only trigger is disabled for that pass only, inside this migration's transaction.
 */
export class CreateCaseRecordChain1764020000000 implements MigrationInterface {
  name = 'CreateCaseRecordChain1764020000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE case_events ADD COLUMN prev_hash text, ADD COLUMN hash text`);
    await queryRunner.query(`ALTER TABLE case_events DISABLE TRIGGER case_events_append_only`);
    await this.chainExistingRows(queryRunner);
    await queryRunner.query(`ALTER TABLE case_events ENABLE TRIGGER case_events_append_only`);
    await queryRunner.query(`
      ALTER TABLE case_events
        ALTER COLUMN prev_hash SET NOT NULL,
        ALTER COLUMN hash SET NOT NULL,
        ADD CONSTRAINT ck_case_events_prev_hash CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
        ADD CONSTRAINT ck_case_events_hash CHECK (hash ~ '^[0-9a-f]{64}$')`);

    // One seal per case, never replaced: sealing again answers the first seal.
    await queryRunner.query(`
      CREATE TABLE case_record_seals (
        case_id uuid PRIMARY KEY REFERENCES cases (id),
        last_sequence integer NOT NULL CHECK (last_sequence > 0),
        chain_head text NOT NULL CHECK (chain_head ~ '^[0-9a-f]{64}$'),
        digest text NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$'),
        key_id text NOT NULL,
        sealed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE FUNCTION case_record_seals_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_record_seals is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER case_record_seals_append_only BEFORE UPDATE OR DELETE ON case_record_seals
      FOR EACH ROW EXECUTE FUNCTION case_record_seals_append_only()`);

    // No reference to cases: a read of a case the projection lacks (a history handed in) is recorded too.
    await queryRunner.query(`
      CREATE TABLE history_reads (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        case_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('history', 'timeline', 'verify', 'replay')),
        user_id text NOT NULL,
        role text NOT NULL,
        agency_id text NOT NULL,
        read_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX idx_history_reads_case ON history_reads (case_id, read_at)`);
    await queryRunner.query(`CREATE INDEX idx_history_reads_user ON history_reads (user_id, read_at)`);
    await queryRunner.query(`
      CREATE FUNCTION history_reads_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'history_reads is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER history_reads_append_only BEFORE UPDATE OR DELETE ON history_reads
      FOR EACH ROW EXECUTE FUNCTION history_reads_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE history_reads`);
    await queryRunner.query(`DROP FUNCTION history_reads_append_only()`);
    await queryRunner.query(`DROP TABLE case_record_seals`);
    await queryRunner.query(`DROP FUNCTION case_record_seals_append_only()`);
    await queryRunner.query(`
      ALTER TABLE case_events
        DROP CONSTRAINT ck_case_events_hash,
        DROP CONSTRAINT ck_case_events_prev_hash,
        DROP COLUMN hash,
        DROP COLUMN prev_hash`);
  }

  /** Walks every case's rows in sequence order, a batch at a time, chaining each to the one before. */
  private async chainExistingRows(queryRunner: QueryRunner): Promise<void> {
    let after: { caseId: string; sequence: number } | undefined;
    let previous: { caseId: string; hash: string } | undefined;
    for (;;) {
      const rows = (await queryRunner.query(
        `SELECT id, case_id, sequence, workflow_id, type, actor_id, actor_role, stage_before, stage_after, data, occurred_at
         FROM case_events
         WHERE $1::uuid IS NULL OR (case_id, sequence) > ($1::uuid, $2::integer)
         ORDER BY case_id, sequence
         LIMIT ${BACKFILL_BATCH}`,
        [after?.caseId ?? null, after?.sequence ?? 0],
      )) as StoredRow[];
      if (rows.length === 0) {
        return;
      }
      const ids: string[] = [];
      const prevHashes: string[] = [];
      const hashes: string[] = [];
      for (const row of rows) {
        // A gap left by an older bug stays visible: the row chains to whatever row precedes it.
        const prevHash = previous?.caseId === row.case_id ? previous.hash : GENESIS_HASH;
        const hash = chainHash(prevHash, {
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
        });
        ids.push(row.id);
        prevHashes.push(prevHash);
        hashes.push(hash);
        previous = { caseId: row.case_id, hash };
      }
      await queryRunner.query(
        `UPDATE case_events e SET prev_hash = u.prev_hash, hash = u.hash
         FROM unnest($1::bigint[], $2::text[], $3::text[]) AS u(id, prev_hash, hash)
         WHERE e.id = u.id`,
        [ids, prevHashes, hashes],
      );
      const last = rows[rows.length - 1];
      after = { caseId: last.case_id, sequence: last.sequence };
    }
  }
}
