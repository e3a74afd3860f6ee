import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import {
  CASE_LIFECYCLE_WORKFLOW_TYPE,
  caseActionUpdates,
  caseStateQuery,
  caseWorkflowId,
  type CaseLifecycleInput,
} from '@docket/contracts';
import type { CaseState } from '@docket/domain';
import { actors, lifecycleInput, thinPath } from '../support/case-fixtures';
import { startCaseWorker, type RunningWorker } from '../support/case-worker.harness';
import { connectDatabase, eventRows } from '../support/database';
import { connectTemporal, settledHistoryLength, type TemporalClients } from '../support/temporal-clients';
import { uniqueTaskQueue } from '../support/test-stack';

describe('case lifecycle workflow with real activities on a real Temporal server and PostgreSQL', () => {
  const taskQueue = uniqueTaskQueue('lifecycle');
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

  async function startCase(options: Partial<CaseLifecycleInput> = {}): Promise<{ caseId: string; handle: WorkflowHandle }> {
    const input: CaseLifecycleInput = { ...lifecycleInput(), ...options };
    const handle = await temporal.client.workflow.start(CASE_LIFECYCLE_WORKFLOW_TYPE, {
      workflowId: caseWorkflowId(input.registration.caseId),
      taskQueue,
      args: [input],
    });
    return { caseId: input.registration.caseId, handle };
  }

  async function refusal(promise: Promise<unknown>): Promise<ApplicationFailure> {
    const error: unknown = await promise.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    return cause as ApplicationFailure;
  }

  it('runs filing → investigation → review → notice → decision → service → payment → closing → archiving and records every step once', async () => {
    const { caseId, handle } = await startCase();
    const step = <T extends keyof typeof caseActionUpdates>(type: T, actor: (typeof actors)[keyof typeof actors], payload: object) =>
      handle.executeUpdate(caseActionUpdates[type], { args: [{ actor, payload } as never] });

    expect((await step('approve_filing', actors.headWang, thinPath.approveFiling)).stage).toBe('filed');
    expect((await step('assign_handlers', actors.headWang, thinPath.assignHandlers)).stage).toBe('investigation');
    expect((await step('submit_investigation_report', actors.handlerLi, thinPath.report)).stage).toBe('legal_review');
    expect((await step('decide_legal_review', actors.reviewerZhao, thinPath.approveReview)).stage).toBe('notice');
    expect((await step('close_notice', actors.handlerChen, thinPath.closeNotice)).stage).toBe('notice');
    expect((await step('decide_case', actors.headWang, thinPath.decide)).stage).toBe('decided');
    expect((await step('record_service', actors.handlerLi, thinPath.serve)).stage).toBe('execution');
    expect((await step('record_payment', actors.handlerChen, thinPath.pay)).execution).toMatchObject({ completion: 'paid' });
    expect((await step('close_case', actors.headWang, thinPath.close)).stage).toBe('closed');
    expect((await step('archive_case', actors.headWang, thinPath.archive)).stage).toBe('archived');

    const final = (await handle.result()) as CaseState;
    expect(final).toMatchObject({ stage: 'archived', version: 11, decision: { outcome: 'penalty', fine: 50_000 } });

    expect(await eventRows(dataSource, caseId)).toEqual([
      { sequence: 1, type: 'case_registered', actor_id: 'handler-li', stage_before: null, stage_after: 'clue' },
      { sequence: 2, type: 'filing_approved', actor_id: 'head-wang', stage_before: 'clue', stage_after: 'filed' },
      { sequence: 3, type: 'handlers_assigned', actor_id: 'head-wang', stage_before: 'filed', stage_after: 'investigation' },
      { sequence: 4, type: 'investigation_report_submitted', actor_id: 'handler-li', stage_before: 'investigation', stage_after: 'legal_review' },
      { sequence: 5, type: 'legal_review_decided', actor_id: 'reviewer-zhao', stage_before: 'legal_review', stage_after: 'notice' },
      { sequence: 6, type: 'notice_closed', actor_id: 'handler-chen', stage_before: 'notice', stage_after: 'notice' },
      { sequence: 7, type: 'case_decided', actor_id: 'head-wang', stage_before: 'notice', stage_after: 'decided' },
      { sequence: 8, type: 'service_recorded', actor_id: 'handler-li', stage_before: 'decided', stage_after: 'execution' },
      { sequence: 9, type: 'payment_recorded', actor_id: 'handler-chen', stage_before: 'execution', stage_after: 'execution' },
      { sequence: 10, type: 'case_closed', actor_id: 'head-wang', stage_before: 'execution', stage_after: 'closed' },
      { sequence: 11, type: 'case_archived', actor_id: 'head-wang', stage_before: 'closed', stage_after: 'archived' },
    ]);
    const [projection]: unknown[] = await dataSource.query('SELECT stage, version FROM cases WHERE id = $1', [caseId]);
    expect(projection).toEqual({ stage: 'archived', version: 11 });
  });

  it('refuses a wrong-stage step in the validator: a coded failure and no new event in the history', async () => {
    const { handle } = await startCase();
    const before = await settledHistoryLength(handle);

    const failure = await refusal(
      handle.executeUpdate(caseActionUpdates.close_case, { args: [{ actor: actors.headWang, payload: thinPath.close }] }),
    );
    expect(failure.type).toBe('STAGE_TRANSITION_NOT_ALLOWED');
    expect(failure.message).toMatch(/close_case is allowed in stage service or publicity or execution; the case is in stage clue/);

    expect(await settledHistoryLength(handle)).toBe(before);
    expect((await handle.query(caseStateQuery)).version).toBe(1);
  });

  it('refuses a wrong role with ROLE_NOT_PERMITTED and names the field of bad input', async () => {
    const { handle } = await startCase();
    const wrongRole = await refusal(
      handle.executeUpdate(caseActionUpdates.approve_filing, { args: [{ actor: actors.handlerLi, payload: thinPath.approveFiling }] }),
    );
    expect(wrongRole.type).toBe('ROLE_NOT_PERMITTED');

    const badInput = await refusal(
      handle.executeUpdate(caseActionUpdates.approve_filing, { args: [{ actor: actors.headWang, payload: { reason: '' } }] }),
    );
    expect(badInput.type).toBe('INVALID_INPUT');
    expect(badInput.details).toEqual([{ field: 'reason' }]);
  });

  it('lets only one of two concurrent decisions on the same version through', async () => {
    const { caseId, handle } = await startCase();
    const attempt = (reason: string) =>
      handle.executeUpdate(caseActionUpdates.approve_filing, {
        args: [{ actor: actors.headWang, expectedVersion: 1, payload: { reason } }],
      });
    const results = await Promise.allSettled([attempt('first head'), attempt('second head')]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(((rejected?.reason as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe('VERSION_CONFLICT');
    expect((await eventRows(dataSource, caseId)).map((row) => row.type)).toEqual(['case_registered', 'filing_approved']);
  });

  it('continues a long-lived case as new without losing or repeating a step', async () => {
    const { caseId, handle } = await startCase({ continueAsNewAfterEvents: 25 });
    const firstRunId = (await handle.describe()).runId;
    const step = <T extends keyof typeof caseActionUpdates>(type: T, actor: (typeof actors)[keyof typeof actors], payload: object) =>
      handle.executeUpdate(caseActionUpdates[type], { args: [{ actor, payload } as never] });

    await step('approve_filing', actors.headWang, thinPath.approveFiling);
    await step('assign_handlers', actors.headWang, thinPath.assignHandlers);
    // Returned twice: the report goes round the review loop, as long cases do.
    for (let round = 0; round < 2; round += 1) {
      await step('submit_investigation_report', actors.handlerLi, thinPath.report);
      await step('decide_legal_review', actors.reviewerZhao, { verdict: 'return_for_investigation', opinion: `round ${round}: more evidence` });
    }
    await step('submit_investigation_report', actors.handlerLi, thinPath.report);
    await step('decide_legal_review', actors.reviewerZhao, thinPath.approveReview);
    await step('close_notice', actors.handlerChen, thinPath.closeNotice);
    await step('decide_case', actors.headWang, thinPath.decide);
    await step('record_service', actors.handlerLi, thinPath.serve);
    await step('record_payment', actors.handlerChen, thinPath.pay);
    await step('close_case', actors.headWang, thinPath.close);
    await step('archive_case', actors.headWang, thinPath.archive);

    const final = (await handle.result()) as CaseState;
    expect(final).toMatchObject({ stage: 'archived', version: 15 });
    expect(final.reviews.map((review) => review.outcome)).toEqual(['returned', 'returned', 'approved']);
    expect((await handle.describe()).runId).not.toBe(firstRunId);
    const rows = await eventRows(dataSource, caseId);
    expect(rows.map((row) => row.sequence)).toEqual(Array.from({ length: 15 }, (_, index) => index + 1));
  });
});
