import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What lists and reports read without opening a case's state: its clocks (`case_deadlines`), who
 * takes part in it (`case_participants`) and the outcome columns of `cases`. Like `cases`, they are
 * written only by the case record activity, in the transaction that records the event.
 *
 * Cases recorded before this migration are filled in from their stored state, the way the
 * repository derives them; a handler's `since` comes from the recorded handlers_assigned event.
 */
export class CreateCaseProjectionTables1763930000000 implements MigrationInterface {
  name = 'CreateCaseProjectionTables1763930000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // overdue: a deadline was missed and the case's workflow still runs (督办 supervision listing).
    await queryRunner.query(`
      ALTER TABLE cases
        ADD COLUMN policy_version text,
        ADD COLUMN decided_at timestamptz,
        ADD COLUMN decision_outcome text,
        ADD COLUMN fine numeric(14, 2),
        ADD COLUMN closed_at timestamptz,
        ADD COLUMN archived_at timestamptz,
        ADD COLUMN overdue boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`CREATE INDEX idx_cases_agency_overdue ON cases (agency_id, overdue)`);
    // Kinds and statuses are the domain's vocabulary, which grows: no CHECK that would refuse a new one.
    await queryRunner.query(`
      CREATE TABLE case_deadlines (
        case_id uuid NOT NULL REFERENCES cases (id),
        kind text NOT NULL,
        status text NOT NULL,
        started_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        warn_at timestamptz NOT NULL,
        warned_at timestamptz,
        settled_at timestamptz,
        fallback_years integer[] NOT NULL DEFAULT '{}',
        extensions integer NOT NULL DEFAULT 0,
        paused boolean NOT NULL DEFAULT false,
        updated_version integer NOT NULL,
        CONSTRAINT pk_case_deadlines PRIMARY KEY (case_id, kind)
      )`);
    // The inbox (clocks running out soonest) and the search for overdue clocks.
    await queryRunner.query(`CREATE INDEX idx_case_deadlines_status_due ON case_deadlines (status, due_at)`);
    // Supervision: a case's missed clocks, reached from the overdue cases of an agency.
    await queryRunner.query(
      `CREATE INDEX idx_case_deadlines_missed ON case_deadlines (case_id, due_at) WHERE status = 'missed'`,
    );
    await queryRunner.query(`
      CREATE TABLE case_participants (
        case_id uuid NOT NULL REFERENCES cases (id),
        user_id text NOT NULL,
        role text NOT NULL CHECK (role IN ('handler', 'reviewer', 'hearing_officer', 'head')),
        since timestamptz NOT NULL,
        until timestamptz,
        CONSTRAINT pk_case_participants PRIMARY KEY (case_id, user_id, role)
      )`);
    await queryRunner.query(`CREATE INDEX idx_case_participants_user_role ON case_participants (user_id, role)`);
    await this.fillFromState(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE case_participants`);
    await queryRunner.query(`DROP TABLE case_deadlines`);
    await queryRunner.query(`DROP INDEX idx_cases_agency_overdue`);
    await queryRunner.query(`
      ALTER TABLE cases
        DROP COLUMN policy_version,
        DROP COLUMN decided_at,
        DROP COLUMN decision_outcome,
        DROP COLUMN fine,
        DROP COLUMN closed_at,
        DROP COLUMN archived_at,
        DROP COLUMN overdue`);
  }

  private async fillFromState(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      INSERT INTO case_deadlines (case_id, kind, status, started_at, due_at, warn_at, warned_at, settled_at,
                                  fallback_years, extensions, paused, updated_version)
      SELECT c.id, d ->> 'kind', d ->> 'status', (d ->> 'startedAt')::timestamptz, (d ->> 'dueAt')::timestamptz,
             -- States recorded before clocks had warning times are warned at their due time.
             COALESCE((d ->> 'warnAt')::timestamptz, (d ->> 'dueAt')::timestamptz), (d ->> 'warnedAt')::timestamptz,
             (d ->> 'settledAt')::timestamptz,
             ARRAY(SELECT year::integer FROM jsonb_array_elements_text(COALESCE(d -> 'fallbackYears', '[]')) AS year),
             jsonb_array_length(COALESCE(d -> 'extensions', '[]')), d ->> 'status' = 'paused', c.version
      FROM cases c CROSS JOIN LATERAL jsonb_array_elements(COALESCE(c.state -> 'deadlines', '[]')) AS d`);
    await queryRunner.query(`
      UPDATE cases c SET
        policy_version = c.state ->> 'policyVersion',
        decided_at = (c.state #>> '{decision,decidedAt}')::timestamptz,
        decision_outcome = c.state #>> '{decision,outcome}',
        fine = (c.state #>> '{decision,fine}')::numeric,
        closed_at = (c.state #>> '{closing,closedAt}')::timestamptz,
        archived_at = (c.state #>> '{archive,archivedAt}')::timestamptz,
        overdue = c.stage NOT IN ('not_filed', 'archived')
                  AND EXISTS (SELECT 1 FROM case_deadlines d WHERE d.case_id = c.id AND d.status = 'missed')`);
    // A handler replaced on recusal leaves with the recusal's decision; a replacement joins with it.
    await queryRunner.query(`
      WITH assigned AS (
        SELECT c.id AS case_id, c.state, COALESCE(
                 (SELECT max(e.occurred_at) FROM case_events e WHERE e.case_id = c.id AND e.type = 'handlers_assigned'),
                 c.updated_at) AS at
        FROM cases c
      ),
      granted AS (
        SELECT a.case_id, r ->> 'handlerId' AS left_id, r #>> '{replacement,userId}' AS joined_id,
               (r ->> 'decidedAt')::timestamptz AS at
        FROM assigned a CROSS JOIN LATERAL jsonb_array_elements(COALESCE(a.state -> 'recusals', '[]')) AS r
        WHERE r ->> 'decision' = 'granted' AND r -> 'replacement' IS NOT NULL
      ),
      current_handlers AS (
        SELECT a.case_id, h ->> 'userId' AS user_id,
               COALESCE((SELECT max(g.at) FROM granted g WHERE g.case_id = a.case_id AND g.joined_id = h ->> 'userId'), a.at) AS since
        FROM assigned a CROSS JOIN LATERAL jsonb_array_elements(COALESCE(a.state -> 'handlers', '[]')) AS h
      ),
      past_handlers AS (
        SELECT g.case_id, g.left_id AS user_id, max(g.at) AS until
        FROM granted g
        WHERE NOT EXISTS (SELECT 1 FROM current_handlers h WHERE h.case_id = g.case_id AND h.user_id = g.left_id)
        GROUP BY g.case_id, g.left_id
      )
      INSERT INTO case_participants (case_id, user_id, role, since, until)
      SELECT case_id, user_id, 'handler', since, NULL FROM current_handlers
      UNION ALL
      SELECT p.case_id, p.user_id, 'handler',
             LEAST(p.until, COALESCE((SELECT min(g.at) FROM granted g WHERE g.case_id = p.case_id AND g.joined_id = p.user_id), a.at)),
             p.until
      FROM past_handlers p JOIN assigned a ON a.case_id = p.case_id
      UNION ALL
      SELECT a.case_id, r ->> 'reviewerId', 'reviewer', min((r ->> 'decidedAt')::timestamptz), NULL
      FROM assigned a CROSS JOIN LATERAL jsonb_array_elements(COALESCE(a.state -> 'reviews', '[]')) AS r
      GROUP BY a.case_id, r ->> 'reviewerId'
      UNION ALL
      SELECT a.case_id, a.state #>> '{hearing,officerId}', 'hearing_officer', (a.state #>> '{hearing,scheduledAt}')::timestamptz, NULL
      FROM assigned a WHERE a.state #>> '{hearing,officerId}' IS NOT NULL
      UNION ALL
      SELECT a.case_id, a.state #>> '{decision,decidedBy}', 'head', (a.state #>> '{decision,decidedAt}')::timestamptz, NULL
      FROM assigned a WHERE a.state #>> '{decision,decidedBy}' IS NOT NULL`);
  }
}
