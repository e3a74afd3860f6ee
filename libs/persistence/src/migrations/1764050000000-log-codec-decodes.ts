import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decryptions through the codec endpoint (the Temporal UI showing case data) go in the read log
 * too. A payload names no case, so such a read has no case id: it records who decrypted how many
 * payloads of which namespace, and when.
 */
export class LogCodecDecodes1764050000000 implements MigrationInterface {
  name = 'LogCodecDecodes1764050000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE history_reads DROP CONSTRAINT history_reads_kind_check`);
    await queryRunner.query(`ALTER TABLE history_reads ALTER COLUMN case_id DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE history_reads ADD COLUMN payload_count integer`);
    await queryRunner.query(`ALTER TABLE history_reads ADD COLUMN namespace text`);
    await queryRunner.query(`
      ALTER TABLE history_reads ADD CONSTRAINT history_reads_kind_check CHECK (
        (kind IN ('history', 'timeline', 'verify', 'replay') AND case_id IS NOT NULL)
        OR (kind = 'codec-decode' AND case_id IS NULL AND payload_count IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX idx_history_reads_codec ON history_reads (read_at) WHERE kind = 'codec-decode'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // history_reads is append-only, so decode rows stay: the old kinds are enforced for new rows only
    // (NOT VALID) and case_id stays nullable, since those rows have none.
    await queryRunner.query(`DROP INDEX idx_history_reads_codec`);
    await queryRunner.query(`ALTER TABLE history_reads DROP CONSTRAINT history_reads_kind_check`);
    await queryRunner.query(`ALTER TABLE history_reads DROP COLUMN namespace`);
    await queryRunner.query(`ALTER TABLE history_reads DROP COLUMN payload_count`);
    await queryRunner.query(
      `ALTER TABLE history_reads ADD CONSTRAINT history_reads_kind_check CHECK (kind IN ('history', 'timeline', 'verify', 'replay')) NOT VALID`,
    );
  }
}
