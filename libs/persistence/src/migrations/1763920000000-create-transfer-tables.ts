import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Transfers (domain.md §3): clue transfers to discipline inspection and judicial transfers, the
 * child processes a case starts. `case_transfers` is the projection, one row per transfer;
 * `transfer_events` the append-only record of its steps, like `case_events`.
 */
export class CreateTransferTables1763920000000 implements MigrationInterface {
  name = 'CreateTransferTables1763920000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The id is the child workflow id (case-<caseId>/clue-transfer). The parent case's row always exists
    // before a transfer starts: the case records its registration first, and a write that races it is retried.
    await queryRunner.query(`
      CREATE TABLE case_transfers (
        id text PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id),
        kind text NOT NULL CHECK (kind IN ('clue_transfer', 'judicial_transfer')),
        agency_id text NOT NULL,
        status text NOT NULL,
        version integer NOT NULL,
        started_at timestamptz NOT NULL,
        closed_at timestamptz,
        updated_at timestamptz NOT NULL,
        state jsonb NOT NULL,
        CONSTRAINT uq_case_transfers_case_kind UNIQUE (case_id, kind)
      )`);
    await queryRunner.query(`CREATE INDEX idx_case_transfers_agency_status ON case_transfers (agency_id, status)`);
    await queryRunner.query(`
      CREATE TABLE transfer_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transfer_id text NOT NULL REFERENCES case_transfers (id),
        sequence integer NOT NULL CHECK (sequence > 0),
        type text NOT NULL,
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        status_before text,
        status_after text NOT NULL,
        data jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_transfer_events_transfer_sequence UNIQUE (transfer_id, sequence)
      )`);
    // As with case_events: corrections are new events, never edits.
    await queryRunner.query(`
      CREATE FUNCTION transfer_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'transfer_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER transfer_events_append_only BEFORE UPDATE OR DELETE ON transfer_events
      FOR EACH ROW EXECUTE FUNCTION transfer_events_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE transfer_events`);
    await queryRunner.query(`DROP FUNCTION transfer_events_append_only()`);
    await queryRunner.query(`DROP TABLE case_transfers`);
  }
}
