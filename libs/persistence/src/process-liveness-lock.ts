import { randomInt } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';

/** The first key of Docket's two-key advisory locks that mark a live API process ('DKT'). */
export const PROCESS_LOCK_CLASS = 0x444b54;

/**
 * A session advisory lock held for the life of a process on a connection of its own. Other
 * processes tell whether this one is alive by whether the lock is still granted: Postgres releases
 * it the moment the process's connection closes, a crash included.
 */
export class ProcessLivenessLock {
  private constructor(
    readonly id: number,
    private readonly runner: QueryRunner,
  ) {}

  static async acquire(dataSource: DataSource): Promise<ProcessLivenessLock> {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const id = randomInt(1, 2 ** 31 - 1);
      const rows = (await runner.query(`SELECT pg_try_advisory_lock($1, $2) AS locked`, [PROCESS_LOCK_CLASS, id])) as Array<{ locked: boolean }>;
      const [row] = rows;
      if (row?.locked === true) {
        return new ProcessLivenessLock(id, runner);
      }
    }
    await runner.release();
    throw new Error('could not take a process liveness lock');
  }

  async release(): Promise<void> {
    if (this.runner.isReleased) {
      return;
    }
    try {
      await this.runner.query(`SELECT pg_advisory_unlock($1, $2)`, [PROCESS_LOCK_CLASS, this.id]);
      await this.runner.release();
    } catch {
      // The connection is already gone (the pool was closed first), and the lock went with it.
    }
  }
}

/** SQL: the process whose lock id is in `column` is alive. */
export function processAlive(column: string): string {
  return `EXISTS (SELECT 1 FROM pg_locks l
                  WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                    AND l.classid = ${PROCESS_LOCK_CLASS}::oid AND l.objid = ${column}::oid)`;
}
