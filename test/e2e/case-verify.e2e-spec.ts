import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { CaseSealRepository, GENESIS_HASH, chainHash } from '@docket/persistence';
import { actors } from '../support/case-fixtures';
import { connectDatabase } from '../support/database';
import { TEST_AUDIT_SEAL_KEY, startDocket, type DocketStack } from '../support/docket-processes';
import { asUser } from '../support/http-client';
import { testStack, uniqueTaskQueue } from '../support/test-stack';
import { archivedCaseOverHttp } from '../support/http-cases';

interface Verification {
  caseId: string;
  verified: boolean;
  rows: number;
  problems: Array<{ sequence: number; kind: string; detail: string }>;
  history: { checked: boolean; runs: number; pending: number[]; detail?: string };
  seal: { present: boolean; valid: boolean | null; expected: boolean; lastSequence?: number; detail?: string };
}

/**
 * Tamper evidence (issue 5, item 4): an auditor verifies an archived case's record, then someone
 * with rights on the database goes around the append-only trigger, as an attacker would, and the
 * verification names each row changed, removed or slipped in, and a tampered seal.
 */
describe('GET /cases/:caseId/verify', () => {
  let docket: DocketStack;
  let dataSource: DataSource;
  let head: ReturnType<typeof asUser>;
  let auditor: ReturnType<typeof asUser>;

  beforeAll(async () => {
    [docket, dataSource] = await Promise.all([
      startDocket({ databaseUrl: testStack.databaseUrl(), temporalAddress: testStack.temporalAddress(), taskQueue: uniqueTaskQueue('verify') }),
      connectDatabase(),
    ]);
    head = asUser(docket.apiUrl, actors.headWang);
    auditor = asUser(docket.apiUrl, actors.auditorQian);
  });

  afterAll(async () => {
    await docket?.stop();
    await dataSource?.destroy();
  });

  /** A case registered and taken, over HTTP, to archiving: eleven events. */
  const archivedCase = (): Promise<string> => archivedCaseOverHttp(docket.apiUrl);

  async function verify(caseId: string): Promise<Verification> {
    const response = await auditor.get<Verification>(`/cases/${caseId}/verify`);
    expect(response.status).toBe(200);
    return response.body;
  }

  /** What someone with rights on the database does: goes around the trigger that keeps the table append-only. */
  async function asAttacker(table: 'case_events' | 'case_record_seals', statement: string, parameters: unknown[]): Promise<void> {
    await dataSource.transaction(async (manager) => {
      await manager.query(`ALTER TABLE ${table} DISABLE TRIGGER ${table}_append_only`);
      await manager.query(statement, parameters);
      await manager.query(`ALTER TABLE ${table} ENABLE TRIGGER ${table}_append_only`);
    });
  }

  it('verifies an untouched archived record against its history and its seal, and logs who checked', async () => {
    const caseId = await archivedCase();
    const before = await verify(caseId);
    expect(before).toMatchObject({ caseId, verified: true, rows: 11, problems: [], history: { checked: true, runs: 1, pending: [] } });
    expect(before.seal).toMatchObject({ expected: true });

    const seal = await new CaseSealRepository(dataSource).seal(caseId, 11, TEST_AUDIT_SEAL_KEY);
    expect(await verify(caseId)).toMatchObject({
      verified: true,
      problems: [],
      seal: { present: true, valid: true, expected: true, lastSequence: 11, keyId: seal.keyId },
    });

    const reads: Array<{ user_id: string; role: string; agency_id: string; kind: string }> = await dataSource.query(
      'SELECT user_id, role, agency_id, kind FROM history_reads WHERE case_id = $1 ORDER BY id',
      [caseId],
    );
    expect(reads).toEqual([
      { user_id: 'auditor-qian', role: 'auditor', agency_id: actors.auditorQian.agencyId, kind: 'verify' },
      { user_id: 'auditor-qian', role: 'auditor', agency_id: actors.auditorQian.agencyId, kind: 'verify' },
    ]);
  });

  it('names a changed row, a deleted row and a forged row by sequence and kind, and a seal that no longer holds', async () => {
    const caseId = await archivedCase();
    await new CaseSealRepository(dataSource).seal(caseId, 11, TEST_AUDIT_SEAL_KEY);

    // The fine decided (event 7) lowered in the record.
    await asAttacker('case_events', `UPDATE case_events SET data = jsonb_set(data, '{fine}', '5000') WHERE case_id = $1 AND sequence = 7`, [caseId]);
    const changed = await verify(caseId);
    expect(changed.verified).toBe(false);
    expect(changed.problems).toEqual([{ sequence: 7, kind: 'changed', detail: expect.stringContaining('differs from the history in data') as unknown }]);

    // The legal review (event 5) removed.
    await asAttacker('case_events', 'DELETE FROM case_events WHERE case_id = $1 AND sequence = 5', [caseId]);
    const deleted = await verify(caseId);
    expect(deleted.rows).toBe(10);
    expect(deleted.problems.map(({ sequence, kind }) => ({ sequence, kind }))).toEqual([
      { sequence: 5, kind: 'missing' },
      { sequence: 7, kind: 'changed' },
    ]);

    // A resumption slipped in after the archiving, chained correctly to the last row so the chain alone would pass.
    const [last] = await dataSource.query<Array<{ hash: string }>>('SELECT hash FROM case_events WHERE case_id = $1 AND sequence = 11', [caseId]);
    const forged = {
      caseId,
      sequence: 12,
      workflowId: `case-${caseId}`,
      type: 'case_closed',
      actorId: 'head-wang',
      actorRole: 'head',
      stageBefore: 'archived',
      stageAfter: 'closed',
      data: { type: 'case_closed', summary: 'reopened' },
      occurredAt: new Date().toISOString(),
    };
    await dataSource.query(
      `INSERT INTO case_events (case_id, sequence, workflow_id, type, actor_id, actor_role, stage_before, stage_after, data, occurred_at, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [caseId, 12, forged.workflowId, forged.type, forged.actorId, forged.actorRole, forged.stageBefore, forged.stageAfter,
        JSON.stringify(forged.data), forged.occurredAt, last?.hash, chainHash(last?.hash ?? GENESIS_HASH, forged)],
    );
    const inserted = await verify(caseId);
    expect(inserted.problems.map(({ sequence, kind }) => ({ sequence, kind }))).toEqual([
      { sequence: 5, kind: 'missing' },
      { sequence: 7, kind: 'changed' },
      { sequence: 12, kind: 'extra' },
    ]);
    expect(inserted.problems[2]?.detail).toContain('the history never recorded');
    expect(inserted.seal).toMatchObject({ present: true, valid: false, detail: expect.stringContaining('follow the sealed head') as unknown });

    // The seal re-made for the forged head, without the key.
    await asAttacker(
      'case_record_seals',
      `UPDATE case_record_seals SET last_sequence = 12, chain_head = (SELECT hash FROM case_events WHERE case_id = $1 AND sequence = 12) WHERE case_id = $1`,
      [caseId],
    );
    const resealed = await verify(caseId);
    expect(resealed.verified).toBe(false);
    expect(resealed.seal).toMatchObject({ present: true, valid: false, lastSequence: 12, detail: expect.stringContaining('altered or forged') as unknown });
  });

  it('names a row re-hashed after a change, by the link it breaks, and by the history', async () => {
    const caseId = await archivedCase();
    const rows: Array<Record<string, unknown>> = await dataSource.query('SELECT * FROM case_events WHERE case_id = $1 AND sequence = 3', [caseId]);
    const stored = rows[0];
    const replacement = {
      caseId,
      sequence: 3,
      workflowId: stored['workflow_id'] as string,
      type: stored['type'] as string,
      actorId: 'head-zhao',
      actorRole: 'head',
      stageBefore: stored['stage_before'] as string,
      stageAfter: stored['stage_after'] as string,
      data: stored['data'],
      occurredAt: stored['occurred_at'] as Date,
    };
    await asAttacker('case_events', `UPDATE case_events SET actor_id = 'head-zhao', hash = $2 WHERE case_id = $1 AND sequence = 3`, [
      caseId,
      chainHash(stored['prev_hash'] as string, replacement),
    ]);
    const result = await verify(caseId);
    expect(result.problems.map(({ sequence, kind }) => ({ sequence, kind }))).toEqual([
      { sequence: 3, kind: 'changed' },
      { sequence: 4, kind: 'broken_link' },
    ]);
    expect(result.problems[0]?.detail).toBe('differs from the history in actorId');
  });

  it('is for auditors: others are refused, a bad id names caseId, an unknown case is not found', async () => {
    const caseId = randomUUID();
    expect((await head.get(`/cases/${caseId}/verify`)).status).toBe(403);
    const bad = await auditor.get('/cases/not-a-uuid/verify');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'INVALID_INPUT', field: 'caseId' });
    const unknown = await auditor.get(`/cases/${caseId}/verify`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'CASE_NOT_FOUND' });
  });
});
