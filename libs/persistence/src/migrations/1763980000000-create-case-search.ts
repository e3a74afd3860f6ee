import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case numbers (案号) and case search (`GET /cases`).
 *
 * - `case_number_sequences`: one counter per agency and China-time year, advanced by the API in a
 *   single upsert when a head approves filing.
 * - `cases.case_number` and `cases.filed_at`, filled by the case record activity from the state.
 * - Indexes for the search's query shapes; docs/search.md shows the plans at a million cases.
 *
 * Free text uses character bigrams in a GIN array index, not pg_trgm: the cluster runs with
 * LC_CTYPE=C, where pg_trgm treats every Chinese character as a separator and extracts no trigram
 * from 张三 or 上海某某食品有限公司, and even in a Unicode locale a two-character Chinese name yields
 * no trigram to search by. Bigrams serve any query of two characters or more, whatever the locale.
 *
 * Nullable sort keys (decided_at, case_number) are indexed as coalesced expressions, one per
 * direction, so that cases without the key come last both ways and every page is an index range.
 */
export class CreateCaseSearch1763980000000 implements MigrationInterface {
  name = 'CreateCaseSearch1763980000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE case_number_sequences (
        agency_id text NOT NULL,
        year integer NOT NULL,
        last_value integer NOT NULL,
        PRIMARY KEY (agency_id, year)
      )`);
    await queryRunner.query(`ALTER TABLE cases ADD COLUMN case_number text, ADD COLUMN filed_at timestamptz`);
    await queryRunner.query(`
      UPDATE cases SET
        case_number = state ->> 'caseNumber',
        filed_at = CASE WHEN state #>> '{filing,filed}' = 'true' THEN (state #>> '{filing,decidedAt}')::timestamptz END`);
    await queryRunner.query(`CREATE UNIQUE INDEX idx_cases_case_number ON cases (case_number) WHERE case_number IS NOT NULL`);

    // Lower-cased character bigrams of a text; immutable, so an expression index can hold it.
    await queryRunner.query(`
      CREATE FUNCTION docket_search_grams(value text) RETURNS text[]
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(DISTINCT substr(lower(value), i, 2)), '{}'::text[])
        FROM generate_series(1, char_length(value) - 1) AS i
      $$`);
    await queryRunner.query(`
      CREATE INDEX idx_cases_search_grams ON cases
      USING gin (docket_search_grams(coalesce(case_number, '') || E'\\n' || party_name))`);

    await queryRunner.query(`CREATE INDEX idx_cases_search_agency_registered ON cases (agency_id, registered_at, id)`);
    await queryRunner.query(`CREATE INDEX idx_cases_search_agency_stage_registered ON cases (agency_id, stage, registered_at, id)`);
    // Auditors read several agencies at once: the newest cases of all, filtered by agency.
    await queryRunner.query(`CREATE INDEX idx_cases_search_registered ON cases (registered_at, id)`);
    await queryRunner.query(`CREATE INDEX idx_cases_search_agency_overdue ON cases (agency_id, registered_at, id) WHERE overdue`);
    await queryRunner.query(`
      CREATE INDEX idx_cases_search_agency_decided_asc ON cases (agency_id, (coalesce(decided_at, 'infinity'::timestamptz)), id)`);
    await queryRunner.query(`
      CREATE INDEX idx_cases_search_agency_decided_desc ON cases (agency_id, (coalesce(decided_at, '-infinity'::timestamptz)), id)`);
    await queryRunner.query(`
      CREATE INDEX idx_cases_search_agency_number_asc ON cases (agency_id, (coalesce(case_number, '~') COLLATE "C"), id)`);
    await queryRunner.query(`
      CREATE INDEX idx_cases_search_agency_number_desc ON cases (agency_id, (coalesce(case_number, '') COLLATE "C"), id)`);
    // "My cases": the people who currently take part, by person and role.
    await queryRunner.query(`
      CREATE INDEX idx_case_participants_current ON case_participants (user_id, role, case_id) WHERE until IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX idx_case_participants_current`);
    for (const index of [
      'idx_cases_search_agency_number_desc',
      'idx_cases_search_agency_number_asc',
      'idx_cases_search_agency_decided_desc',
      'idx_cases_search_agency_decided_asc',
      'idx_cases_search_agency_overdue',
      'idx_cases_search_registered',
      'idx_cases_search_agency_stage_registered',
      'idx_cases_search_agency_registered',
      'idx_cases_search_grams',
      'idx_cases_case_number',
    ]) {
      await queryRunner.query(`DROP INDEX ${index}`);
    }
    await queryRunner.query(`DROP FUNCTION docket_search_grams(text)`);
    await queryRunner.query(`ALTER TABLE cases DROP COLUMN filed_at, DROP COLUMN case_number`);
    await queryRunner.query(`DROP TABLE case_number_sequences`);
  }
}
