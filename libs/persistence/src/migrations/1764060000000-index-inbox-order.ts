import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox in its own order, read from an index: most urgent clock first (work without a clock
 * last), then the longest waiting. With it a page of the inbox stops after its rows instead of
 * sorting every piece of work of the agency (189 ms at a million cases in docs/benchmarks.md).
 */
export class IndexInboxOrder1764060000000 implements MigrationInterface {
  name = 'IndexInboxOrder1764060000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX idx_case_work_items_inbox_order ON case_work_items
         (agency_id, role, (COALESCE(due_at, 'infinity'::timestamptz)), since, case_id, action)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX idx_case_work_items_inbox_order`);
  }
}
