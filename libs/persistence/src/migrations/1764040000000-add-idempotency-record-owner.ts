import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who holds a pending idempotency claim: the advisory-lock id of the API process that made it.
 * Postgres drops the lock when that process's connection goes, so a claim left by a crashed API is
 * recognised at once instead of after the five-minute timeout.
 */
export class AddIdempotencyRecordOwner1764040000000 implements MigrationInterface {
  name = 'AddIdempotencyRecordOwner1764040000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE idempotency_records ADD COLUMN owner_lock integer`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE idempotency_records DROP COLUMN owner_lock`);
  }
}
