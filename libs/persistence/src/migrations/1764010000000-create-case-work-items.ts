import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox (待办): `case_work_items` holds what each case waits for now, rewritten with the case's
 * projection on every step; `case_work_claims` holds who took a piece of work on (claimed it or was
 * assigned it). A claim leaves with its work item, so a case returned to review comes back unclaimed.
 */
export class CreateCaseWorkItems1764010000000 implements MigrationInterface {
  name = 'CreateCaseWorkItems1764010000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE case_work_items (
        case_id uuid NOT NULL REFERENCES cases (id),
        action text NOT NULL,
        agency_id text NOT NULL,
        role text NOT NULL,
        scope text NOT NULL CHECK (scope IN ('case_handlers', 'named_person', 'agency')),
        assignee text,
        deadline_kind text,
        due_at timestamptz,
        since timestamptz NOT NULL,
        CONSTRAINT pk_case_work_items PRIMARY KEY (case_id, action)
      )`);
    // An agency's work for a role, most urgent first: what GET /inbox reads for reviewers and heads.
    await queryRunner.query(
      `CREATE INDEX idx_case_work_items_agency_role_due ON case_work_items (agency_id, role, due_at NULLS LAST, since, case_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE case_work_claims (
        case_id uuid NOT NULL,
        action text NOT NULL,
        claimed_by text NOT NULL,
        claimed_at timestamptz NOT NULL DEFAULT now(),
        assigned_by text,
        CONSTRAINT pk_case_work_claims PRIMARY KEY (case_id, action),
        CONSTRAINT fk_case_work_claims_item FOREIGN KEY (case_id, action) REFERENCES case_work_items (case_id, action) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX idx_case_work_claims_claimed_by ON case_work_claims (claimed_by)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE case_work_claims`);
    await queryRunner.query(`DROP TABLE case_work_items`);
  }
}
