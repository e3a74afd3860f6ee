import { WorkflowFailedError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import {
  CLUE_TRANSFER_WORKFLOW_TYPE,
  JUDICIAL_TRANSFER_WORKFLOW_TYPE,
  clueTransferStateQuery,
  clueTransferUpdates,
  judicialTransferStateQuery,
  judicialTransferUpdates,
  transferWorkflowId,
  type ClueTransferInput,
  type ClueTransferResult,
  type JudicialTransferInput,
  type JudicialTransferResult,
} from '@docket/contracts';
import { actors } from '../support/case-fixtures';
import { startCaseWorker, type RunningWorker } from '../support/case-worker.harness';
import { connectDatabase } from '../support/database';
import { connectTemporal, settledHistoryLength, type TemporalClients } from '../support/temporal-clients';
import { uniqueTaskQueue } from '../support/test-stack';
import {
  clueSteps,
  clueTransferInput,
  judicialSteps,
  judicialTransferInput,
  registerParentCase,
  transferActors,
  transferEventRows,
} from '../support/transfer-fixtures';

describe('transfer child workflows on a real Temporal server and PostgreSQL', () => {
  const taskQueue = uniqueTaskQueue('transfers');
  let temporal: TemporalClients;
  let dataSource: DataSource;
  let worker: RunningWorker;

  beforeAll(async () => {
    [temporal, dataSource] = await Promise.all([connectTemporal(), connectDatabase()]);
    worker = await startCaseWorker({ connection: temporal.nativeConnection, namespace: temporal.namespace, taskQueue, dataSource });
  });

  afterAll(async () => {
    await worker?.stop();
    await temporal?.close();
    await dataSource?.destroy();
  });

  function startClue(input: ClueTransferInput, workflowId = transferWorkflowId(input.parentCaseId, 'clue_transfer')): Promise<WorkflowHandle> {
    return temporal.client.workflow.start(CLUE_TRANSFER_WORKFLOW_TYPE, {
      workflowId,
      taskQueue,
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [input],
    });
  }

  function startJudicial(input: JudicialTransferInput): Promise<WorkflowHandle> {
    return temporal.client.workflow.start(JUDICIAL_TRANSFER_WORKFLOW_TYPE, {
      workflowId: transferWorkflowId(input.parentCaseId, 'judicial_transfer'),
      taskQueue,
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [input],
    });
  }

  async function updateRefusal(promise: Promise<unknown>): Promise<ApplicationFailure> {
    const error: unknown = await promise.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    return cause as ApplicationFailure;
  }

  it('runs a clue transfer from proposal to feedback and records every step once', async () => {
    const caseId = await registerParentCase(dataSource);
    const handle = await startClue(clueTransferInput(caseId, new Date().toISOString()));
    const transferId = handle.workflowId;
    expect(transferId).toBe(`case-${caseId}/clue-transfer`);

    const approved = await handle.executeUpdate(clueTransferUpdates.approve_transfer, {
      args: [{ actor: actors.headWang, payload: clueSteps.approve }],
    });
    expect(approved.status).toBe('approved');
    expect(
      (await handle.executeUpdate(clueTransferUpdates.record_transfer, { args: [{ actor: actors.handlerChen, payload: clueSteps.transfer }] }))
        .status,
    ).toBe('transferred');
    expect(
      (
        await handle.executeUpdate(clueTransferUpdates.acknowledge_receipt, {
          args: [{ actor: transferActors.inspectorZhou, expectedVersion: 3, payload: clueSteps.acknowledge }],
        })
      ).status,
    ).toBe('acknowledged');
    await handle.executeUpdate(clueTransferUpdates.return_feedback, {
      args: [{ actor: transferActors.inspectorZhou, payload: clueSteps.feedback }],
    });

    const report = (await handle.result()) as ClueTransferResult;
    expect(report).toMatchObject({
      transferId,
      kind: 'clue_transfer',
      parentCaseId: caseId,
      outcome: 'feedback_received',
      version: 5,
      misconductKind: 'rent_seeking',
      feedbackOutcome: 'case opened',
      missedDeadlines: [],
    });
    expect(report.clocks.map((clock) => [clock.kind, clock.status])).toEqual([
      ['transfer', 'met'],
      ['acknowledgement', 'met'],
      ['feedback', 'met'],
    ]);

    expect(await transferEventRows(dataSource, transferId)).toEqual([
      { sequence: 1, type: 'clue_transfer_proposed', actor_id: 'handler-li', status_before: null, status_after: 'proposed' },
      { sequence: 2, type: 'clue_transfer_approved', actor_id: 'head-wang', status_before: 'proposed', status_after: 'approved' },
      { sequence: 3, type: 'clue_transferred', actor_id: 'handler-chen', status_before: 'approved', status_after: 'transferred' },
      { sequence: 4, type: 'receipt_acknowledged', actor_id: 'inspector-zhou', status_before: 'transferred', status_after: 'acknowledged' },
      { sequence: 5, type: 'feedback_returned', actor_id: 'inspector-zhou', status_before: 'acknowledged', status_after: 'closed' },
    ]);
    const [row]: unknown[] = await dataSource.query(
      `SELECT case_id, kind, status, version, closed_at IS NOT NULL AS closed, state->'transfer'->'receivingBody'->>'id' AS body
       FROM case_transfers WHERE id = $1`,
      [transferId],
    );
    expect(row).toEqual({ case_id: caseId, kind: 'clue_transfer', status: 'closed', version: 5, closed: true, body: 'sh-pudong-cdi' });
  });

  it('refuses a wrong role, a wrong step, another body’s inspector and bad input in the validator, leaving no trace', async () => {
    const caseId = await registerParentCase(dataSource);
    const handle = await startClue(clueTransferInput(caseId, new Date().toISOString()));
    const before = await settledHistoryLength(handle);

    const wrongRole = await updateRefusal(
      handle.executeUpdate(clueTransferUpdates.approve_transfer, { args: [{ actor: actors.handlerLi, payload: clueSteps.approve }] }),
    );
    expect(wrongRole.type).toBe('ROLE_NOT_PERMITTED');
    const wrongStep = await updateRefusal(
      handle.executeUpdate(clueTransferUpdates.record_transfer, { args: [{ actor: actors.handlerLi, payload: clueSteps.transfer }] }),
    );
    expect(wrongStep.type).toBe('STAGE_TRANSITION_NOT_ALLOWED');
    expect(wrongStep.message).toMatch(/record_transfer is allowed when the transfer is approved; it is proposed/);

    expect(await settledHistoryLength(handle)).toBe(before);
    await handle.executeUpdate(clueTransferUpdates.approve_transfer, { args: [{ actor: actors.headWang, payload: clueSteps.approve }] });
    const noMaterials = await updateRefusal(
      handle.executeUpdate(clueTransferUpdates.record_transfer, {
        args: [{ actor: actors.handlerLi, payload: { ...clueSteps.transfer, materials: [] } }],
      }),
    );
    expect(noMaterials.type).toBe('INVALID_INPUT');
    expect(noMaterials.details).toEqual([{ field: 'materials' }]);
    await handle.executeUpdate(clueTransferUpdates.record_transfer, { args: [{ actor: actors.handlerLi, payload: clueSteps.transfer }] });
    const otherBody = await updateRefusal(
      handle.executeUpdate(clueTransferUpdates.acknowledge_receipt, { args: [{ actor: transferActors.otherInspector, payload: {} }] }),
    );
    expect(otherBody.type).toBe('AGENCY_MISMATCH');

    expect((await handle.query(clueTransferStateQuery)).version).toBe(3);
    expect((await transferEventRows(dataSource, handle.workflowId)).map((row) => row.type)).toEqual([
      'clue_transfer_proposed',
      'clue_transfer_approved',
      'clue_transferred',
    ]);
    await handle.terminate('test done');
  });

  it('starts a case’s transfer of a kind once: never again while it runs, nor after it ended', async () => {
    const caseId = await registerParentCase(dataSource);
    const input = clueTransferInput(caseId, new Date().toISOString());
    const handle = await startClue(input);
    await expect(startClue(input)).rejects.toBeInstanceOf(WorkflowExecutionAlreadyStartedError);

    await handle.executeUpdate(clueTransferUpdates.refuse_transfer, {
      args: [{ actor: actors.headWang, payload: { reason: 'The conduct concerns a private party, not an official' } }],
    });
    expect(await handle.result()).toMatchObject({ outcome: 'refused_by_head', clocks: [{ kind: 'transfer', status: 'cancelled' }] });
    await expect(startClue(input)).rejects.toBeInstanceOf(WorkflowExecutionAlreadyStartedError);
    const rows: unknown[] = await dataSource.query('SELECT status FROM case_transfers WHERE case_id = $1', [caseId]);
    expect(rows).toEqual([{ status: 'closed' }]);
  });

  it('runs a judicial transfer through the police’s refusal to a review request', async () => {
    const caseId = await registerParentCase(dataSource);
    const handle = await startJudicial(judicialTransferInput(caseId));
    const step = <T extends keyof typeof judicialTransferUpdates>(type: T, actor: { userId: string; role: string; agencyId: string }, payload: object) =>
      handle.executeUpdate(judicialTransferUpdates[type], { args: [{ actor, payload } as never] });

    const outsider = await updateRefusal(step('approve_transfer', actors.handlerLi, judicialSteps.approve));
    expect(outsider.type).toBe('ROLE_NOT_PERMITTED');
    expect((await step('approve_transfer', actors.headWang, judicialSteps.approve)).status).toBe('approved');
    const notInTeam = await updateRefusal(step('record_transfer', transferActors.handlerSun, judicialSteps.transfer));
    expect(notInTeam.type).toBe('NOT_CASE_PARTICIPANT');
    expect((await step('record_transfer', actors.handlerChen, judicialSteps.transfer)).status).toBe('transferred');
    const noNumber = await updateRefusal(step('record_police_answer', actors.handlerLi, { answer: 'refused' }));
    expect(noNumber.details).toEqual([{ field: 'documentNumber' }]);
    expect((await step('record_police_answer', actors.handlerLi, judicialSteps.policeRefused)).status).toBe('police_refused');
    expect((await handle.query(judicialTransferStateQuery)).clocks.map((clock) => [clock.kind, clock.status])).toEqual([
      ['head_decision', 'met'],
      ['transfer', 'met'],
      ['police_answer', 'met'],
      ['review_request', 'running'],
    ]);
    await step('request_review', actors.handlerChen, judicialSteps.requestReview);

    const report = (await handle.result()) as JudicialTransferResult;
    expect(report).toMatchObject({
      outcome: 'review_requested',
      version: 5,
      policeOrgan: '上海市公安局浦东分局',
      policeDocumentNumber: judicialSteps.policeRefused.documentNumber,
      missedDeadlines: [],
    });
    expect(await transferEventRows(dataSource, handle.workflowId)).toEqual([
      { sequence: 1, type: 'crime_reported', actor_id: 'handler-li', status_before: null, status_after: 'reported' },
      { sequence: 2, type: 'judicial_transfer_approved', actor_id: 'head-wang', status_before: 'reported', status_after: 'approved' },
      { sequence: 3, type: 'case_transferred_to_police', actor_id: 'handler-chen', status_before: 'approved', status_after: 'transferred' },
      { sequence: 4, type: 'police_answer_recorded', actor_id: 'handler-li', status_before: 'transferred', status_after: 'police_refused' },
      { sequence: 5, type: 'review_requested', actor_id: 'handler-chen', status_before: 'police_refused', status_after: 'closed' },
    ]);
  });

  it('fails a start that breaks a rule with the rule’s code, recording nothing', async () => {
    const caseId = await registerParentCase(dataSource);
    const input = judicialTransferInput(caseId);
    const handle = await startJudicial({ ...input, report: { ...input.report, team: input.report.team.slice(0, 1) } });
    const error: unknown = await handle.result().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(WorkflowFailedError);
    expect(((error as WorkflowFailedError).cause as ApplicationFailure).type).toBe('TWO_CERTIFIED_HANDLERS_REQUIRED');

    const misnamed = await startClue(clueTransferInput(caseId, new Date().toISOString()), `case-${caseId}/some-other-id`);
    const misnamedError: unknown = await misnamed.result().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(((misnamedError as WorkflowFailedError).cause as ApplicationFailure).details).toEqual([{ field: 'parentCaseId' }]);
    expect(await dataSource.query('SELECT id FROM case_transfers WHERE case_id = $1', [caseId])).toEqual([]);
  });
});
