import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supervision figures (domain.md §7) count one agency's events, settled clocks and transfers over a
 * period. These indexes reach the rows of a period by type or kind and time instead of scanning
 * every event of every case; the agency is checked on `cases` by its primary key.
 */
export class CreateSupervisionIndexes1764000000040 implements MigrationInterface {
  name = 'CreateSupervisionIndexes1764000000040';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX idx_case_events_type_occurred ON case_events (type, occurred_at)`);
    await queryRunner.query(
      `CREATE INDEX idx_case_deadlines_kind_settled ON case_deadlines (kind, settled_at) WHERE settled_at IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX idx_case_transfers_agency_kind_started ON case_transfers (agency_id, kind, started_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX idx_case_transfers_agency_kind_started`);
    await queryRunner.query(`DROP INDEX idx_case_deadlines_kind_settled`);
    await queryRunner.query(`DROP INDEX idx_case_events_type_occurred`);
  }
}
