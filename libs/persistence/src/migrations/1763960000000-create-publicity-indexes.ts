import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The publicity portal lists published decisions newest first, by keyset on (publication time, id),
 * for all agencies or one. Expression indexes on the state's `publicity.publishedAt` rather than a
 * generated column: text-to-timestamptz is not immutable, so a generated timestamptz column is not
 * allowed, and a text column would only copy the expression. Partial: most cases are never published.
 */
export class CreatePublicityIndexes1763960000000 implements MigrationInterface {
  name = 'CreatePublicityIndexes1763960000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX idx_cases_published ON cases ((state #>> '{publicity,publishedAt}') DESC, id DESC)
      WHERE state #>> '{publicity,publishedAt}' IS NOT NULL`);
    await queryRunner.query(`
      CREATE INDEX idx_cases_agency_published ON cases (agency_id, (state #>> '{publicity,publishedAt}') DESC, id DESC)
      WHERE state #>> '{publicity,publishedAt}' IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX idx_cases_agency_published`);
    await queryRunner.query(`DROP INDEX idx_cases_published`);
  }
}
