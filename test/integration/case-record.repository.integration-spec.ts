import type { DataSource } from 'typeorm';
import { applyCommand, registerCase, type CaseEvent, type CaseState } from '@docket/domain';
import { CaseEventConflictError, CaseEventOutOfOrderError, CaseRecordRepository } from '@docket/persistence';
import { createCaseRecordActivities } from '@docket/activities';
import { actors, defaultClocks, registration } from '../support/case-fixtures';
import { connectDatabase, eventRows } from '../support/database';

describe('case record in PostgreSQL', () => {
  let dataSource: DataSource;
  let repository: CaseRecordRepository;

  beforeAll(async () => {
    dataSource = await connectDatabase();
    repository = new CaseRecordRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  function registeredAndFiled(): { first: { state: CaseState; event: CaseEvent }; second: { state: CaseState; event: CaseEvent } } {
    const first = registerCase(registration(), actors.handlerLi, '2026-03-01T08:00:00.000Z', defaultClocks);
    const second = applyCommand(first.state, { type: 'approve_filing', reason: 'violation likely' }, {
      ...defaultClocks,
      actor: actors.headWang,
      now: '2026-03-02T08:00:00.000Z',
    });
    return { first, second };
  }

  it('a retried activity writes its event once', async () => {
    const { first } = registeredAndFiled();
    const activities = createCaseRecordActivities({ caseRecords: repository });
    const input = { workflowId: `case-${first.state.caseId}`, event: first.event, state: first.state };
    await activities.recordCaseEvent(input);
    await activities.recordCaseEvent(input);
    await expect(repository.recordEvent(input.workflowId, first.event, first.state)).resolves.toBe('already-recorded');
    expect(await eventRows(dataSource, first.state.caseId)).toHaveLength(1);
  });

  it('a late retry of an older step never rolls the projection back', async () => {
    const { first, second } = registeredAndFiled();
    const workflowId = `case-${first.state.caseId}`;
    await repository.recordEvent(workflowId, first.event, first.state);
    await repository.recordEvent(workflowId, second.event, second.state);
    await repository.recordEvent(workflowId, first.event, first.state);
    const row = await repository.findCase(first.state.caseId);
    expect(row).toMatchObject({ stage: 'filed', version: 2 });
    // 90 days from 2026-03-02 (China time) end on Sunday 2026-05-31: due at the end of Monday 2026-06-01.
    expect(row?.decisionDueAt?.toISOString()).toBe('2026-06-01T15:59:59.999Z');
  });

  it('derives the case from the projection when the workflow sends only the event', async () => {
    const { first, second } = registeredAndFiled();
    const workflowId = `case-${first.state.caseId}`;
    const activities = createCaseRecordActivities({ caseRecords: repository });
    await activities.recordCaseEvent({ workflowId, event: first.event });
    await activities.recordCaseEvent({ workflowId, event: second.event });
    const row = await repository.findCase(first.state.caseId);
    // The same case the workflow holds, as the old inputs that carried it would have written it.
    expect(row?.state).toEqual(JSON.parse(JSON.stringify(second.state)));
    expect(row).toMatchObject({ stage: 'filed', version: 2, caseNumber: second.state.caseNumber ?? null });
    expect(row?.decisionDueAt?.toISOString()).toBe('2026-06-01T15:59:59.999Z');
    const kinds = (await repository.listDeadlines(first.state.caseId)).map((deadline) => [deadline.kind, deadline.status]);
    expect(kinds).toEqual(second.state.deadlines.map((deadline) => [deadline.kind, deadline.status]));
  });

  it('without the state, a late retry of an older step leaves the newer projection alone', async () => {
    const { first, second } = registeredAndFiled();
    const workflowId = `case-${first.state.caseId}`;
    await repository.recordEvent(workflowId, first.event);
    await repository.recordEvent(workflowId, second.event);
    await expect(repository.recordEvent(workflowId, first.event)).resolves.toBe('already-recorded');
    await expect(repository.recordEvent(workflowId, second.event)).resolves.toBe('already-recorded');
    expect(await repository.findCase(first.state.caseId)).toMatchObject({ stage: 'filed', version: 2 });
    expect(await eventRows(dataSource, first.state.caseId)).toHaveLength(2);
  });

  it('without the state, an event that arrives before the one it follows waits for its retry', async () => {
    const { first, second } = registeredAndFiled();
    const workflowId = `case-${first.state.caseId}`;
    await expect(repository.recordEvent(workflowId, second.event)).rejects.toBeInstanceOf(CaseEventOutOfOrderError);
    expect(await repository.findCase(first.state.caseId)).toBeNull();
    await repository.recordEvent(workflowId, first.event);
    await expect(repository.recordEvent(workflowId, second.event)).resolves.toBe('recorded');
  });

  it('records a step once when its retries race each other, and derives the same projection', async () => {
    const { first, second } = registeredAndFiled();
    const workflowId = `case-${first.state.caseId}`;
    const firstOutcomes = await Promise.all(Array.from({ length: 4 }, () => repository.recordEvent(workflowId, first.event)));
    const secondOutcomes = await Promise.all(Array.from({ length: 4 }, () => repository.recordEvent(workflowId, second.event)));
    expect([...firstOutcomes].sort()).toEqual(['already-recorded', 'already-recorded', 'already-recorded', 'recorded']);
    expect([...secondOutcomes].sort()).toEqual(['already-recorded', 'already-recorded', 'already-recorded', 'recorded']);
    expect(await eventRows(dataSource, first.state.caseId)).toHaveLength(2);
    expect((await repository.findCase(first.state.caseId))?.state).toEqual(JSON.parse(JSON.stringify(second.state)));
    const deadlines = await repository.listDeadlines(first.state.caseId);
    expect(deadlines.map((deadline) => deadline.kind).sort()).toEqual(second.state.deadlines.map((deadline) => deadline.kind).sort());
  });

  it('refuses a different event under a sequence already taken', async () => {
    const { first, second } = registeredAndFiled();
    const workflowId = `case-${first.state.caseId}`;
    await repository.recordEvent(workflowId, first.event, first.state);
    const impostor = { ...second.event, sequence: 1 };
    await expect(repository.recordEvent(workflowId, impostor, second.state)).rejects.toBeInstanceOf(CaseEventConflictError);
  });

  it('keeps case_events append-only: updates and deletes are refused by the database', async () => {
    const { first } = registeredAndFiled();
    await repository.recordEvent(`case-${first.state.caseId}`, first.event, first.state);
    await expect(
      dataSource.query(`UPDATE case_events SET actor_id = 'someone-else' WHERE case_id = $1`, [first.state.caseId]),
    ).rejects.toThrow(/append-only/);
    await expect(dataSource.query('DELETE FROM case_events WHERE case_id = $1', [first.state.caseId])).rejects.toThrow(
      /append-only/,
    );
    expect(await eventRows(dataSource, first.state.caseId)).toEqual([
      expect.objectContaining({ sequence: 1, type: 'case_registered', actor_id: 'handler-li' }),
    ]);
  });

  it('has run the migrations into their own table', async () => {
    const rows: Array<{ name: string }> = await dataSource.query('SELECT name FROM docket_migrations ORDER BY id');
    expect(rows.map((row) => row.name)).toContain('CreateCaseTables1763900000000');
  });
});
