import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first answer to each request sent with an Idempotency-Key, per actor, so that a client's
 * retry is answered again instead of taking the step twice. Rows are kept 24 hours.
 */
export class CreateIdempotencyRecords1763950000000 implements MigrationInterface {
  name = 'CreateIdempotencyRecords1763950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // `response` is json, not jsonb: json keeps the text as sent, so a replay is byte-for-byte the first answer.
    // A row with completed_at null is a first request still in flight.
    await queryRunner.query(`
      CREATE TABLE idempotency_records (
        key text NOT NULL,
        actor_id text NOT NULL,
        method text NOT NULL,
        path text NOT NULL,
        request_hash text NOT NULL,
        status integer,
        response json,
        response_content_type text,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        CONSTRAINT pk_idempotency_records PRIMARY KEY (actor_id, key),
        CONSTRAINT ck_idempotency_records_completed CHECK ((completed_at IS NULL) = (status IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX idx_idempotency_records_created_at ON idempotency_records (created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotency_records`);
  }
}
