import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { IdempotencyRecordRepository, ProcessLivenessLock } from '@docket/persistence';
import { connectDatabase } from '../support/database';

/**
 * Two API processes share the idempotency records. A claim made by a process that is still alive
 * holds its key; once that process is gone (its connection closed, as on a crash), the key's next
 * request is handled at once instead of being told for five minutes that the first is in progress.
 */
describe('idempotency claims of a process that died', () => {
  let survivor: DataSource;
  let survivorLock: ProcessLivenessLock;

  beforeAll(async () => {
    survivor = await connectDatabase();
    survivorLock = await ProcessLivenessLock.acquire(survivor);
  });

  afterAll(async () => {
    await survivorLock?.release();
    await survivor?.destroy();
  });

  /** Claims until the claim is no longer answered "pending" (or 10 s pass, and the caller's assertion fails). */
  async function claimOnceReleased(repository: IdempotencyRecordRepository, wanted: ReturnType<typeof request>) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const existing = await repository.claim(wanted);
      if (existing?.state !== 'pending' || Date.now() > deadline) {
        return existing;
      }
      await delay(50);
    }
  }

  const request = (key: string) => ({ actorId: 'handler-li', key, method: 'POST', path: '/cases', requestHash: 'hash-of-the-body' });

  it('holds the key while its owner lives and frees it the moment the owner is gone', async () => {
    const crashed = await connectDatabase();
    const crashedLock = await ProcessLivenessLock.acquire(crashed);
    const key = `key-${randomUUID()}`;
    expect(await new IdempotencyRecordRepository(crashed, crashedLock.id).claim(request(key))).toBeUndefined();

    const repository = new IdempotencyRecordRepository(survivor, survivorLock.id);
    // The owner is alive: its request may still answer, so the retry is told to wait.
    expect(await repository.claim(request(key))).toEqual({ state: 'pending', requestHash: 'hash-of-the-body' });

    // The owner's connections close, as when its process is killed. Postgres releases the lock when
    // the backend behind the closed connection exits, a moment later: the retry is taken over then.
    await crashed.destroy();
    expect(await claimOnceReleased(repository, request(key))).toBeUndefined();
    const [row]: Array<{ owner_lock: number }> = await survivor.query(
      `SELECT owner_lock FROM idempotency_records WHERE actor_id = 'handler-li' AND key = $1`,
      [key],
    );
    expect(row?.owner_lock).toBe(survivorLock.id);
  });

  it('never takes over a completed answer, whoever stored it', async () => {
    const other = await connectDatabase();
    const otherLock = await ProcessLivenessLock.acquire(other);
    const key = `key-${randomUUID()}`;
    const first = new IdempotencyRecordRepository(other, otherLock.id);
    expect(await first.claim(request(key))).toBeUndefined();
    await first.complete('handler-li', key, { status: 201, body: '{"caseId":"c-1"}', contentType: 'application/json' });
    await other.destroy();

    expect(await new IdempotencyRecordRepository(survivor, survivorLock.id).claim(request(key))).toMatchObject({
      state: 'completed',
      answer: { status: 201, body: '{"caseId":"c-1"}' },
    });
  });
});
