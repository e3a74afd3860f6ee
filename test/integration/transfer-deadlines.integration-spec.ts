import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import {
  CLUE_TRANSFER_WORKFLOW_TYPE,
  JUDICIAL_TRANSFER_WORKFLOW_TYPE,
  clueTransferStateQuery,
  clueTransferUpdates,
  judicialTransferStateQuery,
  judicialTransferUpdates,
  transferWorkflowId,
  type ClueTransferResult,
  type JudicialTransferResult,
} from '@docket/contracts';
import { actors } from '../support/case-fixtures';
import { startCaseWorker, type RunningWorker } from '../support/case-worker.harness';
import { connectDatabase } from '../support/database';
import { settledHistoryLength } from '../support/temporal-clients';
import { testStack, uniqueTaskQueue } from '../support/test-stack';
import {
  clueSteps,
  clueTransferInput,
  judicialTransferInput,
  registerParentCase,
  transferActors,
  transferEventRows,
} from '../support/transfer-fixtures';
import { testDataConverter } from '../support/payload-keys';

const MINUTE_MS = 60_000;

/** Transfer clocks on the time-skipping test server: days pass in seconds, and each passing is recorded. */
describe('transfer deadlines and reminders as durable timers', () => {
  const taskQueue = uniqueTaskQueue('transfer-deadlines');
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  let worker: RunningWorker;

  beforeAll(async () => {
    [env, dataSource] = await Promise.all([
      TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: testStack.timeSkippingExecutable() },
        client: { dataConverter: testDataConverter },
      }),
      connectDatabase(),
    ]);
    worker = await startCaseWorker({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, dataSource });
  });

  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
    await dataSource?.destroy();
  });

  /** Sleeps the test server until `minutes` after the given instant. */
  async function sleepPast(dueAt: string, minutes = 1): Promise<void> {
    await env.sleep(Date.parse(dueAt) + minutes * MINUTE_MS - (await env.currentTimeMs()));
  }

  it('records a judicial transfer whose head missed the 3 days, and a decision taken late', async () => {
    const caseId = await registerParentCase(dataSource, new Date(await env.currentTimeMs()).toISOString());
    const handle = await env.client.workflow.start(JUDICIAL_TRANSFER_WORKFLOW_TYPE, {
      workflowId: transferWorkflowId(caseId, 'judicial_transfer'),
      taskQueue,
      args: [judicialTransferInput(caseId)],
    });
    const [headClock] = (await handle.query(judicialTransferStateQuery)).clocks;
    expect(headClock).toMatchObject({ kind: 'head_decision', status: 'running' });

    await sleepPast(headClock?.dueAt ?? '', -60);
    expect((await handle.query(judicialTransferStateQuery)).clocks[0]?.status).toBe('running');
    await sleepPast(headClock?.dueAt ?? '');
    const state = await handle.query(judicialTransferStateQuery);
    expect(state.status).toBe('reported');
    expect(state.clocks[0]).toMatchObject({ kind: 'head_decision', status: 'missed' });
    // Recorded when the timer fired: just after the due instant, not a day later.
    const lateByMs = Date.parse(state.clocks[0]?.settledAt ?? '') - Date.parse(headClock?.dueAt ?? '');
    expect(lateByMs).toBeGreaterThan(0);
    expect(lateByMs).toBeLessThan(MINUTE_MS);
    await settledHistoryLength(handle);
    expect(await transferEventRows(dataSource, handle.workflowId)).toEqual([
      { sequence: 1, type: 'crime_reported', actor_id: 'handler-li', status_before: null, status_after: 'reported' },
      { sequence: 2, type: 'deadline_missed', actor_id: 'system', status_before: 'reported', status_after: 'reported' },
    ]);

    await handle.executeUpdate(judicialTransferUpdates.refuse_transfer, {
      args: [{ actor: actors.headWang, payload: { reason: 'The amount is below the prosecution threshold' } }],
    });
    const report = (await handle.result()) as JudicialTransferResult;
    expect(report).toMatchObject({ outcome: 'refused_by_head', missedDeadlines: ['head_decision'] });
    expect(report.clocks[0]).toMatchObject({ kind: 'head_decision', status: 'missed' });
    expect(Date.parse(report.clocks[0]?.doneLateAt ?? '')).toBeGreaterThan(Date.parse(report.clocks[0]?.dueAt ?? ''));
  });

  it('reminds when a clue transfer is not acknowledged in time, then chases feedback every period', async () => {
    const caseId = await registerParentCase(dataSource, new Date(await env.currentTimeMs()).toISOString());
    const discoveredAt = new Date(await env.currentTimeMs()).toISOString();
    const handle = await env.client.workflow.start(CLUE_TRANSFER_WORKFLOW_TYPE, {
      workflowId: transferWorkflowId(caseId, 'clue_transfer'),
      taskQueue,
      args: [clueTransferInput(caseId, discoveredAt)],
    });
    await handle.executeUpdate(clueTransferUpdates.approve_transfer, { args: [{ actor: actors.headWang, payload: clueSteps.approve }] });
    const transferred = await handle.executeUpdate(clueTransferUpdates.record_transfer, {
      args: [{ actor: actors.handlerLi, payload: clueSteps.transfer }],
    });
    const acknowledgement = transferred.clocks.find((clock) => clock.kind === 'acknowledgement');
    expect(acknowledgement).toMatchObject({ nature: 'reminder', status: 'running' });

    await sleepPast(acknowledgement?.dueAt ?? '');
    const reminded = await handle.query(clueTransferStateQuery);
    expect(reminded.status).toBe('transferred');
    expect(reminded.clocks.find((clock) => clock.kind === 'acknowledgement')).toMatchObject({ status: 'missed', reminders: 1 });
    await settledHistoryLength(handle);
    expect((await transferEventRows(dataSource, handle.workflowId)).slice(-1)).toEqual([
      { sequence: 4, type: 'reminder_due', actor_id: 'system', status_before: 'transferred', status_after: 'transferred' },
    ]);

    const acknowledged = await handle.executeUpdate(clueTransferUpdates.acknowledge_receipt, {
      args: [{ actor: transferActors.inspectorZhou, payload: clueSteps.acknowledge }],
    });
    const feedback = acknowledged.clocks.find((clock) => clock.kind === 'feedback');
    expect(feedback).toMatchObject({ recurring: true, status: 'running' });
    await sleepPast(feedback?.dueAt ?? '');
    const chasedOnce = (await handle.query(clueTransferStateQuery)).clocks.find((clock) => clock.kind === 'feedback');
    expect(chasedOnce).toMatchObject({ status: 'missed', reminders: 1 });
    await sleepPast(chasedOnce?.nextDueAt ?? '');

    await handle.executeUpdate(clueTransferUpdates.return_feedback, {
      args: [{ actor: transferActors.inspectorZhou, payload: clueSteps.feedback }],
    });
    const report = (await handle.result()) as ClueTransferResult;
    expect(report).toMatchObject({ outcome: 'feedback_received', missedDeadlines: [] });
    expect(report.clocks.map((clock) => [clock.kind, clock.status, clock.reminders])).toEqual([
      ['transfer', 'met', 0],
      ['acknowledgement', 'missed', 1],
      ['feedback', 'missed', 2],
    ]);
    expect((await transferEventRows(dataSource, handle.workflowId)).map((row) => [row.type, row.actor_id])).toEqual([
      ['clue_transfer_proposed', 'handler-li'],
      ['clue_transfer_approved', 'head-wang'],
      ['clue_transferred', 'handler-li'],
      ['reminder_due', 'system'],
      ['receipt_acknowledged', 'inspector-zhou'],
      ['reminder_due', 'system'],
      ['reminder_due', 'system'],
      ['feedback_returned', 'inspector-zhou'],
    ]);
  });
});
