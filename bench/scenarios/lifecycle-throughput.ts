import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { caseWorkflowId } from '@docket/contracts';
import { archivedCaseOverHttp } from '../../test/support/http-cases';
import { BARE_WORKFLOW_TYPE, bareStepUpdate, type BarePlan } from '../bare-temporal/bare-messages';
import { cpuPer, cpuSnapshot, type CpuSeconds } from '../lib/process-cpu';
import type { BenchStack, Log } from '../lib/stack';
import { elapsedMs, inParallel, round, summarize, type LatencySummary } from '../lib/stats';

export interface ThroughputSide {
  readonly cases: number;
  readonly seconds: number;
  readonly casesPerSecond: number;
  /** Each case from its first request to its workflow's completion. */
  readonly perCaseMs: LatencySummary;
  /** CPU seconds per case by process (api, worker, bench driver, temporal, postgres) and for the machine. */
  readonly cpuPerCase?: CpuSeconds;
}

export interface LifecycleResult {
  readonly concurrentCases: number;
  /** What each bare workflow did, read from a Docket case's history. */
  readonly plan: BarePlan & { readonly updates: number; readonly activities: number };
  readonly docket: ThroughputSide;
  readonly bare: ThroughputSide;
  /** Docket's cases per second over bare Temporal's. */
  readonly ratio: number;
}

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const EventType = {
  activityScheduled: 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED',
  updateAccepted: 'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED',
  updateCompleted: 'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED',
} as const;

/** The SDK gives event types as enum numbers; their names are what the history's JSON form uses. */
function typeName(event: HistoryEvent, names: Record<number, string>): string {
  return typeof event.eventType === 'number' ? (names[event.eventType] ?? '') : String(event.eventType ?? '');
}

/**
 * The bare plan of a finished case: activities scheduled before the first update was accepted, during
 * each update (between its acceptance and its completion), and after the last update completed.
 */
export function planFromHistory(events: readonly HistoryEvent[], names: Record<number, string>): BarePlan {
  let atStart = 0;
  let atEnd = 0;
  const perUpdate: number[] = [];
  let openUpdates = 0;
  for (const event of events) {
    const type = typeName(event, names);
    if (type === EventType.updateAccepted) {
      perUpdate.push(0);
      openUpdates += 1;
    } else if (type === EventType.updateCompleted) {
      openUpdates -= 1;
    } else if (type === EventType.activityScheduled) {
      if (perUpdate.length === 0) {
        atStart += 1;
      } else if (openUpdates > 0) {
        perUpdate[perUpdate.length - 1] = (perUpdate[perUpdate.length - 1] ?? 0) + 1;
      } else {
        atEnd += 1;
      }
    }
  }
  return { activitiesAtStart: atStart, activitiesPerUpdate: perUpdate, activitiesAtEnd: atEnd };
}

// protobufjs enums map numbers back to names through their prototype.
const EVENT_TYPE_NAMES = temporal.api.enums.v1.EventType as unknown as Record<number, string>;

/** One Docket case: the thin path over HTTP (registration to archiving), then its workflow's end. */
async function docketCase(apiUrl: string, client: Client): Promise<{ caseId: string; ms: number }> {
  const startedAt = process.hrtime.bigint();
  const caseId = await archivedCaseOverHttp(apiUrl);
  await client.workflow.getHandle(caseWorkflowId(caseId)).result();
  return { caseId, ms: elapsedMs(startedAt) };
}

/** One bare workflow: started, the plan's updates sent one after another with the raw client, then its end. */
async function bareCase(client: Client, taskQueue: string, plan: BarePlan): Promise<number> {
  const startedAt = process.hrtime.bigint();
  const handle = await client.workflow.start(BARE_WORKFLOW_TYPE, { taskQueue, workflowId: `bare-${randomUUID()}`, args: [plan] });
  for (let step = 0; step < plan.activitiesPerUpdate.length; step += 1) {
    await handle.executeUpdate(bareStepUpdate);
  }
  await handle.result();
  return elapsedMs(startedAt);
}

function side(durations: readonly number[], seconds: number, cpuPerCase: CpuSeconds): ThroughputSide {
  return {
    cases: durations.length,
    seconds: round(seconds),
    casesPerSecond: round(durations.length / seconds),
    perCaseMs: summarize(durations),
    cpuPerCase,
  };
}

/**
 * N full cases at once through Docket's HTTP API, then N bare workflows at once through the raw
 * client on the same server; a few of each first as warm-up, not counted.
 */
export async function lifecycleThroughput(stack: BenchStack, cases: number, log: Log): Promise<LifecycleResult> {
  const warmUp = Math.min(3, cases);
  const warm = await inParallel(Array.from({ length: warmUp }), warmUp, () => docketCase(stack.docket.apiUrl, stack.docketClient));
  const first = warm[0];
  if (first === undefined) {
    throw new Error('no warm-up case');
  }
  const history = await stack.docketClient.workflow.getHandle(caseWorkflowId(first.caseId)).fetchHistory();
  const plan = planFromHistory(history.events ?? [], EVENT_TYPE_NAMES);
  const updates = plan.activitiesPerUpdate.length;
  const activities = plan.activitiesAtStart + plan.activitiesPerUpdate.reduce((sum, count) => sum + count, 0) + plan.activitiesAtEnd;
  log(`lifecycle: a Docket case made ${updates} updates and ${activities} activities; bare plan ${JSON.stringify(plan)}`);

  const parts = { api: stack.docket.api.pid, worker: stack.docket.worker.pid };
  log(`lifecycle: ${cases} Docket cases at once…`);
  let cpuBefore = await cpuSnapshot(parts);
  let startedAt = process.hrtime.bigint();
  const docketDurations = await inParallel(Array.from({ length: cases }), cases, async () => (await docketCase(stack.docket.apiUrl, stack.docketClient)).ms);
  const docket = side(docketDurations, elapsedMs(startedAt) / 1000, cpuPer(cpuBefore, await cpuSnapshot(parts), cases));
  log(`lifecycle: Docket ${docket.casesPerSecond} cases/s; CPU s per case ${JSON.stringify(docket.cpuPerCase)}`);

  await inParallel(Array.from({ length: warmUp }), warmUp, () => bareCase(stack.bareClient, stack.bare.taskQueue, plan));
  log(`lifecycle: ${cases} bare workflows at once…`);
  cpuBefore = await cpuSnapshot(parts);
  startedAt = process.hrtime.bigint();
  const bareDurations = await inParallel(Array.from({ length: cases }), cases, () => bareCase(stack.bareClient, stack.bare.taskQueue, plan));
  const bare = side(bareDurations, elapsedMs(startedAt) / 1000, cpuPer(cpuBefore, await cpuSnapshot(parts), cases));
  log(`lifecycle: bare ${bare.casesPerSecond} workflows/s; CPU s per case ${JSON.stringify(bare.cpuPerCase)}`);
  return { concurrentCases: cases, plan: { ...plan, updates, activities }, docket, bare, ratio: round(docket.casesPerSecond / bare.casesPerSecond, 3) };
}
