import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Discretion benchmarks (行政裁量权基准, domain.md §5), data loaded by admins per agency, kept as
 * versions like agency policies: a case records the benchmark its proposed fine was checked against.
 */
export class CreateDiscretionBenchmarkTables1763940000000 implements MigrationInterface {
  name = 'CreateDiscretionBenchmarkTables1763940000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One row per version. `revision` orders versions totally: created_at can tie within a transaction.
    // published_at repeats the benchmark's publication date (APL 34) so it can be queried without the jsonb.
    await queryRunner.query(`
      CREATE TABLE discretion_benchmarks (
        agency_id text NOT NULL,
        version text NOT NULL,
        revision bigint GENERATED ALWAYS AS IDENTITY,
        benchmark jsonb NOT NULL,
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        CONSTRAINT pk_discretion_benchmarks PRIMARY KEY (agency_id, version),
        CONSTRAINT uq_discretion_benchmarks_revision UNIQUE (revision),
        CONSTRAINT ck_discretion_benchmarks_identity CHECK (benchmark ->> 'agencyId' = agency_id AND benchmark ->> 'version' = version),
        CONSTRAINT ck_discretion_benchmarks_published_at CHECK ((published_at IS NULL) = (benchmark ->> 'publishedAt' IS NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX idx_discretion_benchmarks_agency_revision ON discretion_benchmarks (agency_id, revision DESC)`,
    );
    // A stored version names what a case's fine was checked against, so it is never changed or removed.
    await queryRunner.query(`
      CREATE FUNCTION discretion_benchmarks_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'discretion_benchmarks is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER discretion_benchmarks_append_only BEFORE UPDATE OR DELETE ON discretion_benchmarks
      FOR EACH ROW EXECUTE FUNCTION discretion_benchmarks_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE discretion_benchmarks`);
    await queryRunner.query(`DROP FUNCTION discretion_benchmarks_append_only()`);
  }
}
