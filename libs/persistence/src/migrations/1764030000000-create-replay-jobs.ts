import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Auditors' replay jobs (issue 5, item 2): `replay_jobs`, one per request, and `replay_results`,
 * one row per case of the job, waiting (`pending`) until the worker has replayed it. The rows are
 * the job's queue as well as its report, so the job's workflow carries no case list.
 */
export class CreateReplayJobs1764030000000 implements MigrationInterface {
  name = 'CreateReplayJobs1764030000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE replay_jobs (
        id uuid PRIMARY KEY,
        requested_by text NOT NULL,
        requested_role text NOT NULL,
        requested_agency_id text NOT NULL,
        selection jsonb NOT NULL,
        status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed')),
        total integer NOT NULL CHECK (total >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX idx_replay_jobs_requested_by ON replay_jobs (requested_by, created_at)`);
    await queryRunner.query(`
      CREATE TABLE replay_results (
        job_id uuid NOT NULL REFERENCES replay_jobs (id) ON DELETE CASCADE,
        position integer NOT NULL,
        case_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'deterministic', 'diverged', 'failed', 'missing')),
        histories integer,
        events integer,
        workflow_id text,
        run_id text,
        divergent_event_id integer,
        reason text,
        replayed_at timestamptz,
        PRIMARY KEY (job_id, position),
        UNIQUE (job_id, case_id)
      )`);
    await queryRunner.query(`CREATE INDEX idx_replay_results_pending ON replay_results (job_id, position) WHERE status = 'pending'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE replay_results`);
    await queryRunner.query(`DROP TABLE replay_jobs`);
  }
}
