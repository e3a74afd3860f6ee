import {
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  workflowInfo,
  type defineQuery,
  type defineUpdate,
} from '@temporalio/workflow';
import {
  DomainError,
  DomainErrorCode,
  createWorkingCalendar,
  nextTransferClockDueAt,
  type AnyTransferEvent,
  type AnyTransferReport,
  type AnyTransferState,
  type TransferCommandContext,
  type TransferKind,
  type WorkingCalendar,
  type WorkingCalendarYear,
} from '@docket/domain';
import {
  caseWorkflowId,
  transferClosedSignal,
  transferWorkflowId,
  type TransferActionRequest,
  type TransferActivities,
} from '@docket/contracts';
import { RECORDING_ACTIVITY_OPTIONS, asFailure, nowIso } from './workflow-support';

const { recordTransferEvent } = proxyActivities<TransferActivities>(RECORDING_ACTIVITY_OPTIONS);


export type TransferUpdate<S extends AnyTransferState> = ReturnType<typeof defineUpdate<S, [TransferActionRequest<object>]>>;

/** One kind of transfer as the runner drives it: its pure model and its messages. */
/**
 * Tells the case that started the transfer that it has closed. The case may have ended (archived)
 * or the transfer may have been started on its own: then nobody is listening, and that is fine.
 */
export async function reportToCase(parentCaseId: string, report: AnyTransferReport): Promise<void> {
  try {
    await getExternalWorkflowHandle(caseWorkflowId(parentCaseId)).signal(transferClosedSignal, report);
  } catch {
    // The report stays in this workflow's result and in transfer_events either way.
  }
}

export interface TransferDefinition<S extends AnyTransferState, E extends AnyTransferEvent, T extends string> {
  readonly kind: TransferKind;
  readonly parentCaseId: string;
  readonly calendarYears: readonly WorkingCalendarYear[];
  readonly commandTypes: readonly T[];
  readonly update: (type: T) => TransferUpdate<S>;
  readonly stateQuery: ReturnType<typeof defineQuery<S>>;
  start(transferId: string, now: string, calendar: WorkingCalendar): { readonly state: S; readonly event: E };
  decide(state: S, command: { readonly type: T }, context: TransferCommandContext): E;
  evolve(state: S, event: E): S;
  catchUp(state: S, now: string, calendar: WorkingCalendar): { readonly state: S; readonly events: readonly E[] };
}

/**
 * Runs a transfer from its first event to its closing. Steps arrive as updates whose validators
 * run the pure model; every deadline and reminder is a durable timer whose passing is recorded
 * through the activity. Returns the closed state once every handler has finished.
 */
export async function runTransfer<S extends AnyTransferState, E extends AnyTransferEvent, T extends string>(
  definition: TransferDefinition<S, E, T>,
): Promise<S> {
  const { workflowId } = workflowInfo();
  let calendar: WorkingCalendar;
  let started: { readonly state: S; readonly event: E };
  try {
    // The id is the transfer's key in the record and what keeps a case to one transfer of each kind.
    if (workflowId !== transferWorkflowId(definition.parentCaseId, definition.kind)) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        `parentCaseId: a ${definition.kind} of case ${String(definition.parentCaseId)} runs as ${transferWorkflowId(definition.parentCaseId, definition.kind)}, not ${workflowId}`,
        'parentCaseId',
      );
    }
    calendar = createWorkingCalendar(definition.calendarYears);
    started = definition.start(workflowId, nowIso(), calendar);
  } catch (error) {
    throw asFailure(error);
  }
  let state = started.state;

  async function record(events: readonly E[], after: S): Promise<void> {
    for (const event of events) {
      await recordTransferEvent({ event, state: after });
    }
  }

  const toCommand = (type: T, request: TransferActionRequest<object>): { readonly type: T } => ({ ...request.payload, type });
  const contextOf = (request: TransferActionRequest<object>, now: string): TransferCommandContext => ({
    actor: request.actor,
    now,
    calendar,
    ...(request.expectedVersion === undefined ? {} : { expectedVersion: request.expectedVersion }),
  });

  setHandler(definition.stateQuery, () => state);

  for (const type of definition.commandTypes) {
    setHandler(
      definition.update(type),
      async (request: TransferActionRequest<object>) => {
        const now = nowIso();
        // A clock that passed before this step is recorded first, and the step judged after it.
        const caughtUp = definition.catchUp(state, now, calendar);
        state = caughtUp.state;
        let event: E;
        try {
          event = definition.decide(state, toCommand(type, request), contextOf(request, now));
        } catch (error) {
          await record(caughtUp.events, caughtUp.state);
          throw asFailure(error);
        }
        // The state moves before the writes, so a concurrent update is validated against it.
        state = definition.evolve(state, event);
        await record([...caughtUp.events, event], state);
        return state;
      },
      {
        validator: (request: TransferActionRequest<object>) => {
          try {
            const now = nowIso();
            definition.decide(definition.catchUp(state, now, calendar).state, toCommand(type, request), contextOf(request, now));
          } catch (error) {
            throw asFailure(error);
          }
        },
      },
    );
  }

  await record([started.event], state);

  while (state.status !== 'closed') {
    const dueAt = nextTransferClockDueAt(state.clocks);
    const versionBefore = state.version;
    if (dueAt === undefined) {
      await condition(() => state.version !== versionBefore);
      continue;
    }
    // dueAt is the last instant still on time: the clock has passed a millisecond later.
    const remainingMs = Date.parse(dueAt) + 1 - Date.now();
    const changed = remainingMs > 0 && (await condition(() => state.version !== versionBefore, remainingMs));
    if (!changed) {
      const caughtUp = definition.catchUp(state, nowIso(), calendar);
      state = caughtUp.state;
      await record(caughtUp.events, state);
    }
  }

  await condition(allHandlersFinished);
  return state;
}
