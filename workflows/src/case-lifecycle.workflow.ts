import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import {
  CASE_COMMAND_TYPES,
  CaseStage,
  applyCommand,
  availableCommands,
  clockAlarmEvent,
  decide,
  evolve,
  isFinalStage,
  nextClockAlarm,
  policyAppliedEvent,
  registerCase,
  transferClosedEvent,
  type AnyTransferReport,
  type CaseCommand,
  type CaseCommandType,
  type CaseEvent,
  type CaseState,
} from '@docket/domain';
import {
  availableActionsQuery,
  caseClocks,
  caseActionUpdates,
  casePolicyChangedSignal,
  caseStateQuery,
  transferChildOptions,
  transferClosedSignal,
  TRANSFER_WORKFLOW_TYPES,
  type CaseActionRequest,
  type CaseActivities,
  type CaseLifecycleInput,
  type CaseSealActivities,
  type CasePolicySnapshot,
  type ClueTransferInput,
  type JudicialTransferInput,
} from '@docket/contracts';
import { RECORDING_ACTIVITY_OPTIONS, asFailure, nowIso } from './workflow-support';

const { recordCaseEvent } = proxyActivities<CaseActivities>(RECORDING_ACTIVITY_OPTIONS);
const { sealCaseRecord } = proxyActivities<CaseSealActivities>(RECORDING_ACTIVITY_OPTIONS);

/**
 * Sealing the record of an archived case came after cases had been archived without it: histories
 * recorded before it carry no marker and replay without the seal (test/replay/).
 */
export const SEAL_ARCHIVED_CASE_RECORD_PATCH = 'seal-archived-case-record';

/**
 * Each recording sent the whole case beside its event, a third of a history's bytes (issue 6).
 * Since this patch the activity derives the case from the projection and the event; histories
 * recorded before it keep sending the state when they replay.
 */
export const RECORD_EVENT_WITHOUT_STATE_PATCH = 'record-event-without-state';

function toCommand<T extends CaseCommandType>(type: T, request: CaseActionRequest<T>): CaseCommand {
  return { ...request.payload, type } as unknown as CaseCommand;
}

/** Well inside Temporal's limits (50K events, 50 MB): a case with many returns continues as new long before. */
const DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS = 2_000;

/**
 * One case's life, from the registered clue to its archiving. Human steps arrive as updates whose
 * validators run the pure domain model against the current state; every deadline runs as a
 * durable timer, warned before and recorded as missed after; a new agency policy reaches the case
 * as a signal and recomputes its running clocks.
 */
export async function caseLifecycle(input: CaseLifecycleInput): Promise<CaseState> {
  const { workflowId } = workflowInfo();
  let policy = input.continued?.policy ?? input.policy;
  let clocks = caseClocks(policy);
  let pendingPolicy: CasePolicySnapshot | undefined;

  let registered: { state: CaseState; event: CaseEvent } | undefined;
  if (input.continued === undefined) {
    try {
      registered = registerCase(input.registration, input.registeredBy, input.registeredAt ?? nowIso(), clocks);
    } catch (error) {
      throw asFailure(error);
    }
  }
  let state = input.continued?.state ?? (registered as { state: CaseState }).state;

  let lastRecordedSequence = state.version;
  async function record(event: CaseEvent, after: CaseState): Promise<void> {
    await recordCaseEvent(patched(RECORD_EVENT_WITHOUT_STATE_PATCH) ? { workflowId, event } : { workflowId, event, state: after });
    lastRecordedSequence = Math.max(lastRecordedSequence, event.sequence);
  }

  setHandler(caseStateQuery, () => state);
  setHandler(availableActionsQuery, (actor) => availableCommands(state, actor, clocks, nowIso()));
  setHandler(casePolicyChangedSignal, (snapshot) => {
    pendingPolicy = snapshot;
  });
  const closedTransfers: AnyTransferReport[] = [];
  setHandler(transferClosedSignal, (report) => {
    closedTransfers.push(report);
  });

  /** Starts the transfer's child workflow with what the case knows: its agency, policy and calendar. */
  async function startTransfer(command: CaseCommand, actor: CaseActionRequest<CaseCommandType>['actor']): Promise<void> {
    const base = { parentCaseId: state.caseId, agencyId: state.agencyId, policy: policy.policy, calendarYears: policy.calendarYears };
    if (command.type === 'start_clue_transfer') {
      const input = { ...base, proposedBy: actor, proposal: command.proposal } as ClueTransferInput;
      await startChild(TRANSFER_WORKFLOW_TYPES.clue_transfer, { ...transferChildOptions(state.caseId, 'clue_transfer'), args: [input] });
    } else if (command.type === 'start_judicial_transfer') {
      const input = { ...base, reportedBy: actor, report: command.report } as JudicialTransferInput;
      await startChild(TRANSFER_WORKFLOW_TYPES.judicial_transfer, { ...transferChildOptions(state.caseId, 'judicial_transfer'), args: [input] });
    }
  }

  for (const type of CASE_COMMAND_TYPES) {
    setHandler(
      caseActionUpdates[type],
      async (request: CaseActionRequest<typeof type>) => {
        let step: { state: CaseState; event: CaseEvent };
        try {
          step = applyCommand(state, toCommand(type, request), {
            ...clocks,
            actor: request.actor,
            now: nowIso(),
            expectedVersion: request.expectedVersion,
          });
        } catch (error) {
          throw asFailure(error);
        }
        // The state moves before the write, so a concurrent update is validated against it.
        state = step.state;
        await record(step.event, step.state);
        // The child was judged by the same model in the validator, so its start does not fail on input.
        await startTransfer(toCommand(type, request), request.actor);
        return step.state;
      },
      {
        validator: (request: CaseActionRequest<typeof type>) => {
          try {
            decide(state, toCommand(type, request), {
              ...clocks,
              actor: request.actor,
              now: nowIso(),
              expectedVersion: request.expectedVersion,
            });
          } catch (error) {
            throw asFailure(error);
          }
        },
      },
    );
  }

  if (registered !== undefined) {
    await record(registered.event, state);
  }

  const continueAfter = input.continueAsNewAfterEvents ?? DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS;
  while (!isFinalStage(state.stage)) {
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength >= continueAfter) {
      // Every update in flight finishes and is answered in this run; the next run starts from the state.
      await condition(allHandlersFinished);
      if (pendingPolicy === undefined && closedTransfers.length === 0) {
        return continueAsNew<typeof caseLifecycle>({ ...input, continued: { state, policy } });
      }
    }
    const closedTransfer = closedTransfers.shift();
    if (closedTransfer !== undefined) {
      const event = transferClosedEvent(state, closedTransfer, nowIso());
      if (event !== undefined) {
        state = evolve(state, event);
        await record(event, state);
      }
      continue;
    }
    if (pendingPolicy !== undefined) {
      policy = pendingPolicy;
      const next = caseClocks(pendingPolicy);
      pendingPolicy = undefined;
      const applied = policyAppliedEvent(state, next, nowIso());
      clocks = next;
      if (applied !== undefined) {
        state = evolve(state, applied);
        await record(applied, state);
      }
      continue;
    }
    const alarm = nextClockAlarm(state);
    const versionBefore = state.version;
    const woken = () => state.version !== versionBefore || pendingPolicy !== undefined || closedTransfers.length > 0;
    if (alarm === undefined) {
      await condition(woken);
      continue;
    }
    // A deadline is missed only once its last instant has passed.
    const waitMs = Date.parse(alarm.at) - Date.now() + (alarm.alarm === 'miss' ? 1 : 0);
    const changed = waitMs > 0 && (await condition(woken, waitMs));
    if (!changed) {
      const event = clockAlarmEvent(state, nowIso());
      if (event !== undefined) {
        state = evolve(state, event);
        await record(event, state);
      }
    }
  }

  await condition(allHandlersFinished);
  // The archiving event is recorded by now (its handler has finished): the seal covers the whole chain.
  if (state.stage === CaseStage.Archived && patched(SEAL_ARCHIVED_CASE_RECORD_PATCH)) {
    await sealCaseRecord({ workflowId, caseId: state.caseId, lastSequence: lastRecordedSequence });
  }
  return state;
}
