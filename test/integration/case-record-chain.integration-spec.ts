import type { DataSource } from 'typeorm';
import { applyCommand, registerCase, type CaseEvent, type CaseState } from '@docket/domain';
import { createCaseSealActivities } from '@docket/activities';
import {
  CaseEventOutOfOrderError,
  CaseRecordRepository,
  CaseSealRepository,
  CaseSealNotReadyError,
  CaseSealRefusedError,
  GENESIS_HASH,
  HistoryReadRepository,
  checkChain,
  createDataSource,
  sealDigestMatches,
  type StoredChainRow,
} from '@docket/persistence';
import { actors, certifiedHandlers, defaultClocks, registration } from '../support/case-fixtures';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database';
import { storedChainRows } from '../support/case-event-rows';

const SEAL_KEY = { id: 'it-seal', secret: 'an-integration-test-seal-key-of-32-bytes' };

type Step = { state: CaseState; event: CaseEvent };

/** Registration (its party named in Chinese, as jsonb stores it), filing, handlers: three events. */
function threeSteps(): Step[] {
  const registered = registerCase(
    registration(),
    actors.handlerLi,
    '2026-03-01T08:00:00.000Z',
    defaultClocks,
  );
  const filed = applyCommand(registered.state, { type: 'approve_filing', reason: 'violation likely' }, {
    ...defaultClocks,
    actor: actors.headWang,
    now: '2026-03-02T08:00:00.000Z',
  });
  const assigned = applyCommand(
    filed.state,
    { type: 'assign_handlers', handlers: certifiedHandlers() },
    { ...defaultClocks, actor: actors.headWang, now: '2026-03-02T09:00:00.000Z' },
  );
  return [registered, filed, assigned];
}


describe('the case_events hash chain in PostgreSQL', () => {
  let scratch: ScratchDatabase;
  let dataSource: DataSource;
  let records: CaseRecordRepository;
  let seals: CaseSealRepository;

  beforeAll(async () => {
    // The migration test below rewrites case_events' columns: a database of this file's own.
    scratch = await createScratchDatabase('record_chain_it');
    dataSource = await createDataSource({ url: scratch.url, poolSize: 4, applicationName: 'docket-test' }).initialize();
    records = new CaseRecordRepository(dataSource);
    seals = new CaseSealRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await scratch?.drop();
  });

  async function record(steps: readonly Step[]): Promise<string> {
    for (const { event, state } of steps) {
      await records.recordEvent(`case-${state.caseId}`, event, state);
    }
    return (steps[0]).state.caseId;
  }

  const storedRows = (caseId: string, runner: { query: DataSource['query'] } = dataSource): Promise<StoredChainRow[]> =>
    storedChainRows(runner, caseId);


  it('chains each recorded event to the one before, and the chain recomputes from what Postgres gives back', async () => {
    const caseId = await record(threeSteps());
    const rows = await storedRows(caseId);
    expect(rows.map((row) => row.sequence)).toEqual([1, 2, 3]);
    expect(rows[0]?.prevHash).toBe(GENESIS_HASH);
    expect(rows[1]?.prevHash).toBe(rows[0]?.hash);
    expect(rows[2]?.prevHash).toBe(rows[1]?.hash);
    expect(new Set(rows.map((row) => row.hash)).size).toBe(3);
    // jsonb reorders the keys of `data`; the canonical form does not care.
    expect(checkChain(rows)).toEqual([]);
  });

  it('waits for the earlier event when two arrive out of order, then chains both', async () => {
    const steps = threeSteps();
    const caseId = await record(steps.slice(0, 1));
    const [, filed, assigned] = steps as [Step, Step, Step];
    await expect(records.recordEvent(`case-${caseId}`, assigned.event, assigned.state)).rejects.toBeInstanceOf(CaseEventOutOfOrderError);
    expect((await storedRows(caseId)).map((row) => row.sequence)).toEqual([1]);
    await record([filed, assigned]);
    expect(checkChain(await storedRows(caseId))).toEqual([]);
    // The projection was not moved by the refused attempt before its turn.
    expect(await records.findCase(caseId)).toMatchObject({ version: 3 });
  });

  it('names a row changed, deleted or slipped in behind the append-only trigger', async () => {
    const caseId = await record(threeSteps());
    const attacker = dataSource.createQueryRunner();
    await attacker.startTransaction();
    try {
      await attacker.query('ALTER TABLE case_events DISABLE TRIGGER case_events_append_only');
      await attacker.query(`UPDATE case_events SET data = jsonb_set(data, '{reason}', '"no violation"') WHERE case_id = $1 AND sequence = 2`, [caseId]);
      expect(checkChain(await storedRows(caseId, attacker))).toEqual([
        { sequence: 2, kind: 'changed', detail: 'the row’s content does not give its stored hash' },
      ]);
      await attacker.query('DELETE FROM case_events WHERE case_id = $1 AND sequence = 2', [caseId]);
      expect(checkChain(await storedRows(caseId, attacker))).toEqual([
        { sequence: 2, kind: 'missing', detail: 'no row for sequence 2 between 1 and 3' },
      ]);
    } finally {
      await attacker.rollbackTransaction();
      await attacker.release();
    }
    expect(checkChain(await storedRows(caseId))).toEqual([]);
  });

  it('seals the chain head of a case once, under the key it names, and refuses a head that is not the last', async () => {
    const caseId = await record(threeSteps());
    await expect(seals.seal(caseId, 4, SEAL_KEY)).rejects.toBeInstanceOf(CaseSealNotReadyError);
    await expect(seals.seal(caseId, 2, SEAL_KEY)).rejects.toBeInstanceOf(CaseSealRefusedError);
    const activities = createCaseSealActivities({ caseSeals: seals, sealKey: SEAL_KEY });
    const seal = await activities.sealCaseRecord({ workflowId: `case-${caseId}`, caseId, lastSequence: 3 });
    const rows = await storedRows(caseId);
    expect(seal).toMatchObject({ caseId, lastSequence: 3, chainHead: rows[2]?.hash, keyId: 'it-seal' });
    expect(sealDigestMatches(SEAL_KEY, seal, seal.digest)).toBe(true);
    // Sealing again, even under another key, answers the first seal.
    await expect(seals.seal(caseId, 3, { id: 'other', secret: 'another-seal-key-that-is-32-bytes-long' })).resolves.toEqual(seal);
    await expect(seals.find(caseId)).resolves.toEqual(seal);
    await expect(dataSource.query(`UPDATE case_record_seals SET digest = repeat('a', 64) WHERE case_id = $1`, [caseId])).rejects.toThrow(/append-only/);
    await expect(dataSource.query('DELETE FROM case_record_seals WHERE case_id = $1', [caseId])).rejects.toThrow(/append-only/);
  });

  it('keeps the read log append-only', async () => {
    const reads = new HistoryReadRepository(dataSource);
    const caseId = await record(threeSteps().slice(0, 1));
    const read = await reads.record({ caseId, kind: 'verify', userId: 'auditor-qian', role: 'auditor', agencyId: 'sh-supervision' });
    expect(await reads.listForCase(caseId)).toEqual([read]);
    await expect(dataSource.query(`UPDATE history_reads SET user_id = 'nobody' WHERE case_id = $1`, [caseId])).rejects.toThrow(/append-only/);
    await expect(dataSource.query('DELETE FROM history_reads WHERE case_id = $1', [caseId])).rejects.toThrow(/append-only/);
    await expect(reads.record({ caseId, kind: 'peek' as never, userId: 'u', role: 'auditor', agencyId: 'a' })).rejects.toThrow(/check/);
  });

  it('chains the rows written before the migration exactly as recording them chains them, and its down removes the chain', async () => {
    const caseIds = [await record(threeSteps()), await record(threeSteps())];
    const migration = dataSource.migrations.find((candidate) => candidate.name === 'CreateCaseRecordChain1764020000000');
    expect(migration).toBeDefined();
    const hashes = async (runner: { query: DataSource['query'] }): Promise<unknown> =>
      runner.query('SELECT case_id, sequence, prev_hash, hash FROM case_events WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, sequence', [caseIds]);
    const recorded = await hashes(dataSource);
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await migration?.down(runner);
      const columns = (await runner.query(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'case_events' AND column_name IN ('prev_hash', 'hash')`,
      )) as Array<{ column_name: string }>;
      expect(columns).toEqual([]);
      await migration?.up(runner);
      expect(await hashes(runner)).toEqual(recorded);
      // The trigger is back on after the backfill.
      await expect(runner.query('DELETE FROM case_events WHERE case_id = $1', [caseIds[0]])).rejects.toThrow(/append-only/);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
