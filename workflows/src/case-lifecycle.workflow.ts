import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  CASE_COMMAND_TYPES,
  DomainError,
  applyCommand,
  decide,
  evolve,
  isFinalStage,
  missedDeadlineEvent,
  nextRunningDeadline,
  registerCase,
  type CaseCommand,
  type CaseCommandType,
  type CaseEvent,
  type CaseState,
} from '@docket/domain';
import {
  caseActionUpdates,
  caseStateQuery,
  type CaseActionRequest,
  type CaseActivities,
  type CaseLifecycleInput,
} from '@docket/contracts';

const { recordCaseEvent } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  // A step the person was told succeeded must reach Postgres: retry until it does.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** A broken rule becomes a non-retryable failure whose type is the rule's code. */
function asFailure(error: unknown): unknown {
  if (error instanceof DomainError) {
    return ApplicationFailure.create({
      type: error.code,
      message: error.message,
      nonRetryable: true,
      details: error.field === undefined ? [] : [{ field: error.field }],
    });
  }
  return error;
}

function nowIso(): string {
  return new Date().toISOString();
}

function toCommand<T extends CaseCommandType>(type: T, request: CaseActionRequest<T>): CaseCommand {
  return { ...request.payload, type } as unknown as CaseCommand;
}

/**
 * One case's life, from the registered clue to its closing. Human steps arrive as updates whose
 * validators run the pure domain model against the current state; statutory deadlines run as
 * durable timers and a missed one is recorded as a fact of the case.
 */
export async function caseLifecycle(input: CaseLifecycleInput): Promise<CaseState> {
  const { workflowId } = workflowInfo();
  let registered: { state: CaseState; event: CaseEvent };
  try {
    registered = registerCase(input.registration, input.registeredBy, nowIso());
  } catch (error) {
    throw asFailure(error);
  }
  let state = registered.state;

  async function record(event: CaseEvent, after: CaseState): Promise<void> {
    await recordCaseEvent({ workflowId, event, state: after });
  }

  setHandler(caseStateQuery, () => state);

  for (const type of CASE_COMMAND_TYPES) {
    setHandler(
      caseActionUpdates[type],
      async (request: CaseActionRequest<typeof type>) => {
        let step: { state: CaseState; event: CaseEvent };
        try {
          step = applyCommand(state, toCommand(type, request), {
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
        return step.state;
      },
      {
        validator: (request: CaseActionRequest<typeof type>) => {
          try {
            decide(state, toCommand(type, request), {
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

  await record(registered.event, state);

  while (!isFinalStage(state.stage)) {
    const due = nextRunningDeadline(state);
    const versionBefore = state.version;
    if (due === undefined) {
      await condition(() => state.version !== versionBefore);
      continue;
    }
    const remainingMs = Date.parse(due.dueAt) - Date.now();
    const changed = remainingMs > 0 && (await condition(() => state.version !== versionBefore, remainingMs));
    if (!changed) {
      const missed = missedDeadlineEvent(state, nowIso());
      if (missed !== undefined) {
        state = evolve(state, missed);
        await record(missed, state);
      }
    }
  }

  await condition(allHandlersFinished);
  return state;
}
