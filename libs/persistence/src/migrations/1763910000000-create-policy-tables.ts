import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agency policies and working-day calendar years, both data loaded by admins (domain.md §4).
 *
 * Nothing is seeded. The PRC 2025 and 2026 calendars already ship in libs/domain and are served for
 * every year with no stored row; a copy written here would shadow any later correction of those
 * constants, and a stored year is meant to be an admin's deliberate act, with who and when.
 */
export class CreatePolicyTables1763910000000 implements MigrationInterface {
  name = 'CreatePolicyTables1763910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One row per version. `revision` orders versions totally: created_at can tie within a transaction.
    await queryRunner.query(`
      CREATE TABLE agency_policies (
        agency_id text NOT NULL,
        version text NOT NULL,
        revision bigint GENERATED ALWAYS AS IDENTITY,
        policy jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        CONSTRAINT pk_agency_policies PRIMARY KEY (agency_id, version),
        CONSTRAINT uq_agency_policies_revision UNIQUE (revision),
        CONSTRAINT ck_agency_policies_identity CHECK (policy ->> 'agencyId' = agency_id AND policy ->> 'version' = version)
      )`);
    await queryRunner.query(`CREATE INDEX idx_agency_policies_agency_revision ON agency_policies (agency_id, revision DESC)`);
    // Cases record the version they ran under, so a stored version is never changed or removed.
    await queryRunner.query(`
      CREATE FUNCTION agency_policies_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'agency_policies is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER agency_policies_append_only BEFORE UPDATE OR DELETE ON agency_policies
      FOR EACH ROW EXECUTE FUNCTION agency_policies_append_only()`);
    await queryRunner.query(`
      CREATE TABLE working_calendar_years (
        year integer PRIMARY KEY CHECK (year BETWEEN 1900 AND 9999),
        holidays date[] NOT NULL,
        make_up_workdays date[] NOT NULL,
        source text,
        loaded_at timestamptz NOT NULL,
        loaded_by text NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE working_calendar_years`);
    await queryRunner.query(`DROP TABLE agency_policies`);
    await queryRunner.query(`DROP FUNCTION agency_policies_append_only()`);
  }
}
