import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ReplayJobActivities, ReplayJobInput } from '@docket/contracts';

/**
 * A batch replays its cases one after another, heartbeating after each: a worker that dies is
 * noticed within the heartbeat timeout and the batch retried, its finished cases not replayed twice.
 */
const { replayNextCases, finishReplayJob } = proxyActivities<ReplayJobActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Well under Temporal's limits; a job over millions of cases continues as new instead. */
const CONTINUE_AS_NEW_AFTER_EVENTS = 5_000;

/** An auditor's replay job: the waiting cases replayed batch by batch on the worker until none is left. */
export async function replayCases(input: ReplayJobInput): Promise<void> {
  for (;;) {
    const { remaining } = await replayNextCases({ jobId: input.jobId, batchSize: input.batchSize });
    if (remaining === 0) {
      break;
    }
    if (workflowInfo().historyLength >= CONTINUE_AS_NEW_AFTER_EVENTS) {
      return continueAsNew<typeof replayCases>(input);
    }
  }
  await finishReplayJob({ jobId: input.jobId });
}
