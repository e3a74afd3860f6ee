import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataSource } from 'typeorm';
import {
  CASE_LIFECYCLE_WORKFLOW_TYPE,
  caseActionUpdates,
  casePolicyChangedSignal,
  caseStateQuery,
  caseWorkflowId,
  type CaseLifecycleInput,
  type CasePolicySnapshot,
} from '@docket/contracts';
import {
  mergePolicy,
  type Actor,
  type AgencyPolicyOverrides,
  type CaseCommandPayload,
  type CaseCommandType,
  type CaseState,
  type Deadline,
  type DeadlineKind,
  type IsoTimestamp,
} from '@docket/domain';
import { AGENCY, actors, defaultPolicySnapshot, lifecycleInput, thinPath } from './case-fixtures';
import { startCaseWorker, type RunningWorker } from './case-worker.harness';
import { connectDatabase } from './database';
import { settledHistoryLength } from './temporal-clients';
import { testStack, uniqueTaskQueue } from './test-stack';
import { testDataConverter } from './payload-keys';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** The hearing officer the head appoints (听证主持人): neither a handler nor the reviewer of the cases. */
export const hearingOfficerLiu: Actor = { userId: 'officer-liu', role: 'hearing_officer', agencyId: AGENCY };

/** A row of `case_events`, with the event's data as stored. */
export interface RecordedCaseEvent {
  readonly sequence: number;
  readonly type: string;
  readonly actorId: string;
  readonly actorRole: string;
  readonly stageBefore: string | null;
  readonly stageAfter: string;
  readonly data: Record<string, unknown>;
  readonly occurredAt: IsoTimestamp;
}

interface CaseEventRow {
  sequence: number;
  type: string;
  actor_id: string;
  actor_role: string;
  stage_before: string | null;
  stage_after: string;
  data: Record<string, unknown>;
  occurred_at: Date;
}

/** The default policy with an agency's changes, under a new version, as the API signals it to running cases. */
export function changedPolicySnapshot(version: string, overrides: AgencyPolicyOverrides): CasePolicySnapshot {
  const current = defaultPolicySnapshot();
  return { ...current, policy: mergePolicy(current.policy, { ...overrides, version }) };
}

/** Epoch milliseconds of a timestamp the test expects to be set. */
export function msOf(at: IsoTimestamp | undefined): number {
  if (at === undefined) {
    throw new Error('expected a timestamp, found none');
  }
  return Date.parse(at);
}

/** The case's clock of that kind, which the test expects to exist. */
export function clockIn(state: CaseState, kind: DeadlineKind): Deadline {
  const clock = state.deadlines.find((deadline) => deadline.kind === kind);
  if (clock === undefined) {
    throw new Error(`case ${state.caseId} has no ${kind} clock`);
  }
  return clock;
}

/** A failed update as the refusal its validator gave: a coded ApplicationFailure, or the test fails. */
export function asRefusal(error: unknown): ApplicationFailure {
  if (!(error instanceof WorkflowUpdateFailedError) || !(error.cause instanceof ApplicationFailure)) {
    throw new Error(`expected the update to be refused with an ApplicationFailure, got ${String(error)}`);
  }
  return error.cause;
}

/** The refusal an update's validator gave, as the client sees it. */
export async function refusalOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const error: unknown = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  return asRefusal(error);
}

/** One case's workflow on the time-skipping server, driven step by step as its people would. */
export class DeadlineCase {
  constructor(
    private readonly lab: DeadlineLab,
    readonly caseId: string,
    readonly handle: WorkflowHandle,
  ) {}

  act<T extends CaseCommandType>(type: T, actor: Actor, payload: CaseCommandPayload<T>): Promise<CaseState> {
    return this.handle.executeUpdate(caseActionUpdates[type], { args: [{ actor, payload }] });
  }

  state(): Promise<CaseState> {
    return this.handle.query(caseStateQuery);
  }

  async clock(kind: DeadlineKind): Promise<Deadline> {
    return clockIn(await this.state(), kind);
  }

  /** Sends a new policy snapshot, as the API does when an admin stores one, and waits until the case has taken it in. */
  async changePolicy(snapshot: CasePolicySnapshot): Promise<CaseState> {
    await this.handle.signal(casePolicyChangedSignal, snapshot);
    await this.settle();
    return this.state();
  }

  /** Waits until nothing is in flight, so that every event the workflow decided on has reached Postgres. */
  async settle(): Promise<void> {
    await settledHistoryLength(this.handle);
  }

  /**
   * The workflow's status once it has settled. Used instead of `handle.result()`, which on the
   * time-skipping server lets time run freely until the result arrives.
   */
  async status(): Promise<string> {
    await this.settle();
    return (await this.handle.describe()).status.name;
  }

  /** The case's `case_events`, once the workflow has settled. */
  async recordedEvents(): Promise<RecordedCaseEvent[]> {
    await this.settle();
    const rows: CaseEventRow[] = await this.lab.dataSource.query(
      `SELECT sequence, type, actor_id, actor_role, stage_before, stage_after, data, occurred_at
       FROM case_events WHERE case_id = $1 ORDER BY sequence`,
      [this.caseId],
    );
    return rows.map((row) => ({
      sequence: row.sequence,
      type: row.type,
      actorId: row.actor_id,
      actorRole: row.actor_role,
      stageBefore: row.stage_before,
      stageAfter: row.stage_after,
      data: row.data,
      occurredAt: row.occurred_at.toISOString(),
    }));
  }

  /** The warnings and misses recorded for one clock, in order. */
  async clockEvents(kind: DeadlineKind): Promise<RecordedCaseEvent[]> {
    return (await this.recordedEvents()).filter(
      (event) => (event.type === 'deadline_warned' || event.type === 'deadline_missed') && event.data['kind'] === kind,
    );
  }

  // ── the thin path (thinPath in case-fixtures), one step per method ──────────────────────────

  fileCase(): Promise<CaseState> {
    return this.act('approve_filing', actors.headWang, thinPath.approveFiling);
  }

  async investigate(): Promise<CaseState> {
    await this.fileCase();
    return this.act('assign_handlers', actors.headWang, thinPath.assignHandlers);
  }

  /** The report proposes a ¥50,000 fine on an organization: legal review is required, and a hearing may be asked for. */
  async toLegalReview(): Promise<CaseState> {
    await this.investigate();
    return this.act('submit_investigation_report', actors.handlerLi, thinPath.report);
  }

  async toNotice(): Promise<CaseState> {
    await this.toLegalReview();
    return this.act('decide_legal_review', actors.reviewerZhao, thinPath.approveReview);
  }

  async decide(options: { publish?: boolean } = {}): Promise<CaseState> {
    await this.toNotice();
    await this.act('close_notice', actors.handlerLi, thinPath.closeNotice);
    return this.act('decide_case', actors.headWang, { ...thinPath.decide, publish: options.publish ?? false });
  }

  async serve(options: { publish?: boolean } = {}): Promise<CaseState> {
    await this.decide(options);
    return this.act('record_service', actors.handlerLi, thinPath.serve);
  }

  /** Decided with publicity, served and published: the stage is execution and the fine is due. */
  async publish(): Promise<CaseState> {
    await this.serve({ publish: true });
    return this.act('publish_decision', actors.handlerChen, {});
  }

  async close(): Promise<CaseState> {
    await this.serve();
    await this.act('record_payment', actors.handlerChen, thinPath.pay);
    return this.act('close_case', actors.headWang, thinPath.close);
  }
}

/**
 * One time-skipping test server, a real case worker with real activities and the suite's Postgres:
 * what each deadline test file starts once, in beforeAll. Months pass in seconds, and only when a
 * test sleeps.
 */
export class DeadlineLab {
  private readonly started: DeadlineCase[] = [];

  private constructor(
    readonly env: TestWorkflowEnvironment,
    readonly dataSource: DataSource,
    private readonly worker: RunningWorker,
    private readonly taskQueue: string,
  ) {}

  static async start(prefix: string): Promise<DeadlineLab> {
    const taskQueue = uniqueTaskQueue(prefix);
    const [env, dataSource] = await Promise.all([
      TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: testStack.timeSkippingExecutable() },
        client: { dataConverter: testDataConverter },
      }),
      connectDatabase(),
    ]);
    const worker = await startCaseWorker({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, dataSource });
    return new DeadlineLab(env, dataSource, worker, taskQueue);
  }

  async stop(): Promise<void> {
    await this.worker.stop();
    await this.env.teardown();
    await this.dataSource.destroy();
  }

  /** Registers a new case under the agency's default policy: the filing clock starts. */
  async registerCase(options: Partial<CaseLifecycleInput> = {}): Promise<DeadlineCase> {
    const input: CaseLifecycleInput = { ...lifecycleInput(), ...options };
    const handle = await this.env.client.workflow.start(CASE_LIFECYCLE_WORKFLOW_TYPE, {
      workflowId: caseWorkflowId(input.registration.caseId),
      taskQueue: this.taskQueue,
      args: [input],
    });
    const started = new DeadlineCase(this, input.registration.caseId, handle);
    this.started.push(started);
    await started.settle();
    return started;
  }

  /**
   * Ends the cases a test left running, so that their clocks do not fire while later tests make
   * time pass. Their records stay in Postgres.
   */
  async endRunningCases(): Promise<void> {
    const cases = this.started.splice(0);
    await Promise.all(
      cases.map(async ({ handle }) => {
        const { status } = await handle.describe();
        if (status.name === 'RUNNING') {
          await handle.terminate('the test is over');
        }
      }),
    );
  }

  now(): Promise<number> {
    return this.env.currentTimeMs();
  }

  async nowIso(): Promise<IsoTimestamp> {
    return new Date(await this.now()).toISOString();
  }

  /** Lets the test server's time run until `offsetMs` after the instant (before it, if negative). */
  async sleepUntil(at: IsoTimestamp, offsetMs = MINUTE_MS): Promise<void> {
    const ms = Date.parse(at) + offsetMs - (await this.now());
    if (ms > 0) {
      await this.env.sleep(ms);
    }
  }

  sleep(ms: number): Promise<void> {
    return this.env.sleep(ms);
  }
}

/**
 * domain.md §4: a missed deadline is a fact in the record. The clock is missed in the queried state,
 * recorded just after its due instant; in `case_events` the system warned about that due time and
 * then recorded the miss, escalated to the head and listed for supervision (督办), with the stage
 * unchanged. Returns the clock and the two events for further checks.
 */
export async function expectMissedAsRecorded(
  subject: DeadlineCase,
  kind: DeadlineKind,
): Promise<{ clock: Deadline; warned: RecordedCaseEvent; missed: RecordedCaseEvent }> {
  const clock = await subject.clock(kind);
  expect(clock).toMatchObject({ kind, status: 'missed' });
  const lateByMs = msOf(clock.settledAt) - msOf(clock.dueAt);
  expect(lateByMs).toBeGreaterThan(0);
  expect(lateByMs).toBeLessThan(MINUTE_MS);

  const events = await subject.clockEvents(kind);
  const missed = events[events.length - 1];
  const warned = events[events.length - 2];
  if (missed === undefined || warned === undefined) {
    throw new Error(`expected a warning and a miss of ${kind}; recorded: ${JSON.stringify(events)}`);
  }
  expect(events.filter((event) => event.type === 'deadline_missed')).toHaveLength(1);
  expect(missed).toMatchObject({
    type: 'deadline_missed',
    actorId: 'system',
    actorRole: 'system',
    occurredAt: clock.settledAt,
    data: { type: 'deadline_missed', kind, dueAt: clock.dueAt, escalatedTo: 'head', supervisionListed: true },
  });
  expect(missed.stageAfter).toBe(missed.stageBefore);
  // The warning named the due time that was then missed, and came before it.
  expect(warned).toMatchObject({
    type: 'deadline_warned',
    actorId: 'system',
    actorRole: 'system',
    data: { type: 'deadline_warned', kind, dueAt: clock.dueAt },
  });
  expect(warned.stageAfter).toBe(warned.stageBefore);
  expect(warned.sequence).toBeLessThan(missed.sequence);
  expect(Date.parse(warned.occurredAt)).toBeLessThan(Date.parse(clock.dueAt));
  return { clock, warned, missed };
}

/** The clock was met no later than its due time, and nothing was recorded as missed about it. */
export async function expectMet(subject: DeadlineCase, kind: DeadlineKind): Promise<Deadline> {
  const clock = await subject.clock(kind);
  expect(clock).toMatchObject({ kind, status: 'met' });
  expect(msOf(clock.settledAt)).toBeLessThanOrEqual(msOf(clock.dueAt));
  expect((await subject.clockEvents(kind)).map((event) => event.type)).not.toContain('deadline_missed');
  return clock;
}
