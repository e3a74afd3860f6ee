import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Docket's own identity registry: agencies (a supervision tree), users, the roles each user holds
 * at each agency, and enforcement certificates (执法证). The identity provider says who a token
 * belongs to; these tables say whether Docket lets that person act, in which role, where.
 */
export class CreateIdentityRegistry1763970000000 implements MigrationInterface {
  name = 'CreateIdentityRegistry1763970000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE agencies (
        id text PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('enforcement', 'supervision', 'discipline_inspection', 'other')),
        supervised_by text REFERENCES agencies (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL,
        CONSTRAINT ck_agencies_not_own_supervisor CHECK (supervised_by IS NULL OR supervised_by <> id)
      )`);
    await queryRunner.query(`CREATE INDEX idx_agencies_supervised_by ON agencies (supervised_by)`);
    await queryRunner.query(`
      CREATE TABLE docket_users (
        id text PRIMARY KEY,
        display_name text NOT NULL,
        active boolean NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE user_agency_roles (
        user_id text NOT NULL REFERENCES docket_users (id),
        agency_id text NOT NULL REFERENCES agencies (id),
        role text NOT NULL,
        granted_at timestamptz NOT NULL DEFAULT now(),
        granted_by text NOT NULL,
        CONSTRAINT pk_user_agency_roles PRIMARY KEY (user_id, agency_id, role)
      )`);
    await queryRunner.query(`CREATE INDEX idx_user_agency_roles_agency ON user_agency_roles (agency_id, role)`);
    await queryRunner.query(`
      CREATE TABLE enforcement_certificates (
        number text PRIMARY KEY,
        holder_id text NOT NULL REFERENCES docket_users (id),
        issuing_authority text NOT NULL,
        issued_on date NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revocation_reason text,
        revoked_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        CONSTRAINT ck_enforcement_certificates_revocation CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX idx_enforcement_certificates_holder ON enforcement_certificates (holder_id)`);
    // A certificate is evidence of who could act on a past case: revoked, expired or renewed, it stays.
    await queryRunner.query(`
      CREATE FUNCTION enforcement_certificates_kept() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'enforcement certificates are never deleted' USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER enforcement_certificates_kept BEFORE DELETE ON enforcement_certificates
      FOR EACH ROW EXECUTE FUNCTION enforcement_certificates_kept()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE enforcement_certificates`);
    await queryRunner.query(`DROP FUNCTION enforcement_certificates_kept()`);
    await queryRunner.query(`DROP TABLE user_agency_roles`);
    await queryRunner.query(`DROP TABLE docket_users`);
    await queryRunner.query(`DROP TABLE agencies`);
  }
}
