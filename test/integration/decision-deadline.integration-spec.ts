import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
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
import { testStack, uniqueTaskQueue } from '../support/test-stack';
import { testDataConverter } from '../support/payload-keys';

/** The 90-day decision clock (APL 60) on the time-skipping test server: months pass in seconds. */
describe('decision deadline as a durable timer', () => {
  const taskQueue = uniqueTaskQueue('deadline');
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

  async function filedCase(): Promise<{ caseId: string; handle: WorkflowHandle }> {
    const input: CaseLifecycleInput = lifecycleInput();
    const handle = await env.client.workflow.start(CASE_LIFECYCLE_WORKFLOW_TYPE, {
      workflowId: caseWorkflowId(input.registration.caseId),
      taskQueue,
      args: [input],
    });
    await handle.executeUpdate(caseActionUpdates.approve_filing, {
      args: [{ actor: actors.headWang, payload: thinPath.approveFiling }],
    });
    return { caseId: input.registration.caseId, handle };
  }

  it('records a missed decision deadline as a fact, in the case and in Postgres', async () => {
    const { caseId, handle } = await filedCase();
    await env.sleep('89 days');
    const decisionClock = (state: CaseState) => state.deadlines.find((deadline) => deadline.kind === 'decision');
    expect(decisionClock(await handle.query(caseStateQuery))).toMatchObject({ status: 'running' });

    await env.sleep('4 days');
    const state = await handle.query(caseStateQuery);
    const deadline = decisionClock(state);
    expect(deadline).toMatchObject({ status: 'missed' });
    // Recorded when the timer fired: at the due time, not a day later.
    const lateByMs = Date.parse(deadline?.settledAt ?? '') - Date.parse(deadline?.dueAt ?? '');
    expect(lateByMs).toBeGreaterThanOrEqual(0);
    expect(lateByMs).toBeLessThan(60_000);
    expect(state.stage).toBe('filed');
    const rows = await eventRows(dataSource, caseId);
    // The filing decision came in time; the decision clock was warned about, then missed and escalated.
    expect(rows.map((row) => [row.type, row.actor_id])).toEqual([
      ['case_registered', 'handler-li'],
      ['filing_approved', 'head-wang'],
      ['deadline_warned', 'system'],
      ['deadline_missed', 'system'],
    ]);
  });

  it('records nothing missed when the decision comes in time', async () => {
    const { caseId, handle } = await filedCase();
    const act = <T extends keyof typeof caseActionUpdates>(type: T, actor: (typeof actors)[keyof typeof actors], payload: object) =>
      handle.executeUpdate(caseActionUpdates[type], { args: [{ actor, payload } as never] });
    await act('assign_handlers', actors.headWang, thinPath.assignHandlers);
    await env.sleep('60 days');
    await act('submit_investigation_report', actors.handlerLi, thinPath.report);
    await act('decide_legal_review', actors.reviewerZhao, thinPath.approveReview);
    await act('close_notice', actors.handlerLi, thinPath.closeNotice);
    await act('decide_case', actors.headWang, thinPath.decide);
    await env.sleep('60 days');

    const state = await handle.query(caseStateQuery);
    expect(state.deadlines.find((deadline) => deadline.kind === 'decision')).toMatchObject({ status: 'met' });
    const missed: Array<{ kind: string }> = await dataSource.query(
      `SELECT data->>'kind' AS kind FROM case_events WHERE case_id = $1 AND type = 'deadline_missed'`,
      [caseId],
    );
    // The decision came in time; nobody recorded serving it, so that clock is the one missed.
    expect(missed.map((row) => row.kind)).toEqual(['service']);
  });
});
