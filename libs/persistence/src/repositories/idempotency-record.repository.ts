import type { DataSource } from 'typeorm';
import { processAlive } from '../process-liveness-lock';

/** Records are answered again for 24 hours. */
const RETENTION = '24 hours';
/**
 * A pending row this old belongs to a process that died mid-request; the key may be used again. A
 * row that names its owner's liveness lock is given up as soon as that lock is gone.
 */
const ABANDONED_AFTER = '5 minutes';

export interface IdempotentRequest {
  readonly actorId: string;
  readonly key: string;
  readonly method: string;
  readonly path: string;
  readonly requestHash: string;
}

export interface StoredAnswer {
  readonly status: number;
  /** The exact body text sent, or null for an empty body. */
  readonly body: string | null;
  readonly contentType: string | null;
}

/** What is already stored under an actor's key. */
export type ExistingRecord =
  | { readonly state: 'pending'; readonly requestHash: string }
  | { readonly state: 'completed'; readonly requestHash: string; readonly answer: StoredAnswer };

interface RecordRow {
  request_hash: string;
  status: number | null;
  response: string | null;
  response_content_type: string | null;
  completed_at: Date | null;
}

/** Idempotency records: a pending row claims a key, the first answer completes it. */
export class IdempotencyRecordRepository {
  /** `ownerLock`: this process's liveness lock id (ProcessLivenessLock), stamped on its claims. */
  constructor(
    private readonly dataSource: DataSource,
    private readonly ownerLock: number | null = null,
  ) {}

  /**
   * Claims the key for this request: undefined when the row was inserted (the caller handles the
   * request), otherwise what is stored under the key already.
   */
  async claim(request: IdempotentRequest): Promise<ExistingRecord | undefined> {
    await this.dataSource.query(
      `DELETE FROM idempotency_records
        WHERE created_at < now() - interval '${RETENTION}'
           OR (completed_at IS NULL AND created_at < now() - interval '${ABANDONED_AFTER}')
           OR (completed_at IS NULL AND actor_id = $1 AND key = $2 AND owner_lock IS NOT NULL AND NOT ${processAlive('owner_lock')})`,
      [request.actorId, request.key],
    );
    // A row released between the insert and the read is claimed on the next round.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const inserted: unknown[] = await this.dataSource.query(
        `INSERT INTO idempotency_records (actor_id, key, method, path, request_hash, owner_lock)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (actor_id, key) DO NOTHING
         RETURNING key`,
        [request.actorId, request.key, request.method, request.path, request.requestHash, this.ownerLock],
      );
      if (inserted.length === 1) {
        return undefined;
      }
      const [row]: RecordRow[] = await this.dataSource.query(
        `SELECT request_hash, status, response::text AS response, response_content_type, completed_at
           FROM idempotency_records WHERE actor_id = $1 AND key = $2`,
        [request.actorId, request.key],
      );
      if (row !== undefined) {
        return row.completed_at === null || row.status === null
          ? { state: 'pending', requestHash: row.request_hash }
          : {
              state: 'completed',
              requestHash: row.request_hash,
              answer: { status: row.status, body: row.response, contentType: row.response_content_type },
            };
      }
    }
    return { state: 'pending', requestHash: request.requestHash };
  }

  /** Stores the first answer under a key this process claimed. */
  async complete(actorId: string, key: string, answer: StoredAnswer): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_records
          SET status = $3, response = $4::json, response_content_type = $5, completed_at = now()
        WHERE actor_id = $1 AND key = $2 AND completed_at IS NULL`,
      [actorId, key, answer.status, answer.body, answer.contentType],
    );
  }

  /** Gives a claimed key up (the request failed in a way worth retrying). */
  async release(actorId: string, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_records WHERE actor_id = $1 AND key = $2 AND completed_at IS NULL`, [actorId, key]);
  }
}
