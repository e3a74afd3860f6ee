import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence and documents uploaded to a case: metadata in `attachments`, bytes in
 * `attachment_contents`, written in one transaction. Both are append-only: an attachment is part of
 * the case record (执法全过程记录) and is never edited or removed.
 */
export class CreateAttachments1763990000000 implements MigrationInterface {
  name = 'CreateAttachments1763990000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // No foreign key to cases: that row is a projection the worker writes after the workflow's
    // first step, and an upload may arrive before it.
    await queryRunner.query(`
      CREATE TABLE attachments (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL,
        agency_id text NOT NULL,
        filename text NOT NULL,
        content_type text NOT NULL,
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        category text NOT NULL,
        description text,
        uploaded_by_user_id text NOT NULL,
        uploaded_by_role text NOT NULL,
        uploaded_by_agency_id text NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX idx_attachments_case ON attachments (case_id, uploaded_at)`);
    // The database checks the digest and size itself, so a row can never disagree with its bytes.
    await queryRunner.query(`
      CREATE TABLE attachment_contents (
        attachment_id uuid PRIMARY KEY REFERENCES attachments (id),
        sha256 char(64) NOT NULL,
        content bytea NOT NULL,
        CONSTRAINT ck_attachment_contents_sha256 CHECK (encode(sha256(content), 'hex') = sha256)
      )`);
    for (const table of ['attachments', 'attachment_contents']) {
      await queryRunner.query(`
        CREATE FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION '${table} is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END
        $$`);
      await queryRunner.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE attachment_contents`);
    await queryRunner.query(`DROP FUNCTION attachment_contents_append_only()`);
    await queryRunner.query(`DROP TABLE attachments`);
    await queryRunner.query(`DROP FUNCTION attachments_append_only()`);
  }
}
