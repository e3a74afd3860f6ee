import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { actors, thinPath } from '../../test/support/case-fixtures';
import { asUser } from '../../test/support/http-client';
import { BARE_WORKFLOW_TYPE, bareStepUpdate } from '../bare-temporal/bare-messages';
import { waitForProjection, type BenchStack, type Log } from '../lib/stack';
import { elapsedMs, inParallel, summarize, type LatencySummary } from '../lib/stats';

export interface LatencyLevel {
  readonly users: number;
  readonly docket: LatencySummary;
  readonly raw: LatencySummary;
}

export interface LatencyResult {
  readonly action: string;
  readonly levels: readonly LatencyLevel[];
}

const clue = () => ({
  caseId: randomUUID(),
  source: 'complaint',
  summary: 'Complaint: expired food on sale at the Xinhua Road shop',
  violationCode: 'FSL-124-1-3',
  party: { type: 'organization', name: '上海某某食品有限公司' },
});

/** `users` clients each taking the next item until none is left; every request timed alone. */
async function timedByUsers<T>(items: readonly T[], users: number, request: (item: T) => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  await inParallel(items, users, async (item) => {
    const startedAt = process.hrtime.bigint();
    await request(item);
    times.push(elapsedMs(startedAt));
  });
  return times;
}

/** Registered cases, waiting for filing approval, recorded by the worker before any is timed. */
async function registeredCases(stack: BenchStack, count: number): Promise<string[]> {
  const handler = asUser(stack.docket.apiUrl, actors.handlerLi);
  const ids = await inParallel(Array.from({ length: count }), 10, async () => {
    const response = await handler.post('/cases', clue());
    if (response.status !== 201) {
      throw new Error(`registering a case answered ${response.status}: ${response.text}`);
    }
    return response.body['caseId'] as string;
  });
  await waitForProjection(stack.db, ids);
  return ids;
}

/** Bare workflows that expect one update whose handler awaits one activity, started before any is timed. */
async function bareWorkflows(client: Client, taskQueue: string, count: number): Promise<string[]> {
  const plan = { activitiesAtStart: 0, activitiesPerUpdate: [1], activitiesAtEnd: 0 };
  return inParallel(Array.from({ length: count }), 10, async () => {
    const workflowId = `bare-latency-${randomUUID()}`;
    await client.workflow.start(BARE_WORKFLOW_TYPE, { taskQueue, workflowId, args: [plan] });
    return workflowId;
  });
}

/**
 * The head's filing approval (POST /cases/:id/filing/approve: token, registry, a query to the case,
 * a case number, the update and its validator, the recording activity, the answer) at each level of
 * concurrent users, one fresh case per request; against the raw client's executeUpdate on a bare
 * workflow whose handler awaits one empty activity, at the same levels.
 */
export async function actionLatency(stack: BenchStack, levels: readonly number[], samples: number, log: Log): Promise<LatencyResult> {
  const head = asUser(stack.docket.apiUrl, actors.headWang);
  const results: LatencyLevel[] = [];
  for (const users of levels) {
    const count = Math.max(samples, users);
    const warmUp = Math.min(users, 10);
    log(`latency: ${users} users, preparing ${count + warmUp} cases and as many bare workflows…`);
    const cases = await registeredCases(stack, count + warmUp);
    const approve = async (caseId: string): Promise<void> => {
      const response = await head.post(`/cases/${caseId}/filing/approve`, thinPath.approveFiling);
      if (response.status !== 200) {
        throw new Error(`approving filing of ${caseId} answered ${response.status}: ${response.text}`);
      }
    };
    await timedByUsers(cases.slice(0, warmUp), users, approve);
    const docket = summarize(await timedByUsers(cases.slice(warmUp), users, approve));

    const workflows = await bareWorkflows(stack.bareClient, stack.bare.taskQueue, count + warmUp);
    const update = async (workflowId: string): Promise<void> => {
      await stack.bareClient.workflow.getHandle(workflowId).executeUpdate(bareStepUpdate);
    };
    await timedByUsers(workflows.slice(0, warmUp), users, update);
    const raw = summarize(await timedByUsers(workflows.slice(warmUp), users, update));
    log(`latency: ${users} users: Docket p50 ${docket.p50} p99 ${docket.p99} ms; raw update p50 ${raw.p50} p99 ${raw.p99} ms`);
    results.push({ users, docket, raw });
  }
  return { action: 'POST /cases/:id/filing/approve (approve_filing update)', levels: results };
}
