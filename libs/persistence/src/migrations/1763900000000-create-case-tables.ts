import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCaseTables1763900000000 implements MigrationInterface {
  name = 'CreateCaseTables1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY,
        workflow_id text NOT NULL,
        agency_id text NOT NULL,
        stage text NOT NULL,
        version integer NOT NULL,
        violation_code text,
        party_type text NOT NULL,
        party_name text NOT NULL,
        registered_at timestamptz NOT NULL,
        decision_due_at timestamptz,
        updated_at timestamptz NOT NULL,
        state jsonb NOT NULL,
        CONSTRAINT uq_cases_workflow_id UNIQUE (workflow_id)
      )`);
    await queryRunner.query(`CREATE INDEX idx_cases_agency_stage ON cases (agency_id, stage)`);
    await queryRunner.query(`
      CREATE TABLE case_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id),
        sequence integer NOT NULL CHECK (sequence > 0),
        workflow_id text NOT NULL,
        type text NOT NULL,
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        stage_before text,
        stage_after text NOT NULL,
        data jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_case_events_case_sequence UNIQUE (case_id, sequence)
      )`);
    await queryRunner.query(`CREATE INDEX idx_case_events_case ON case_events (case_id)`);
    // The record of what happened is append-only: corrections are new events, never edits.
    await queryRunner.query(`
      CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
      FOR EACH ROW EXECUTE FUNCTION case_events_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE case_events`);
    await queryRunner.query(`DROP FUNCTION case_events_append_only()`);
    await queryRunner.query(`DROP TABLE cases`);
  }
}
