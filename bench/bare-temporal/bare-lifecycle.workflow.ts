import { allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { BareActivities } from './bare.activities';
import { bareStepUpdate, type BarePlan } from './bare-messages';

// The same activity options shape as Docket's recording activity: a timeout and the default retries.
const { emptyActivity } = proxyActivities<BareActivities>({ startToCloseTimeout: '1 minute' });

async function activities(count: number): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    await emptyActivity();
  }
}

/**
 * Bare Temporal doing what a Docket case does, minus Docket: the same number of updates, each with a
 * validator and a handler that awaits the same number of activities before answering, and the same
 * activities before the first update and after the last, all with empty bodies. No timers, queries,
 * search attributes or payload encryption.
 */
export async function bareLifecycle(plan: BarePlan): Promise<void> {
  let accepted = 0;
  let answered = 0;
  setHandler(
    bareStepUpdate,
    async () => {
      const step = accepted;
      accepted += 1;
      await activities(plan.activitiesPerUpdate[step] ?? 0);
      answered += 1;
    },
    {
      // Docket's validators refuse a step the case does not expect; this one refuses a step past the plan.
      validator: () => {
        if (accepted >= plan.activitiesPerUpdate.length) {
          throw new Error('every planned update has been accepted');
        }
      },
    },
  );
  await activities(plan.activitiesAtStart);
  await condition(() => answered === plan.activitiesPerUpdate.length);
  await activities(plan.activitiesAtEnd);
  await condition(allHandlersFinished);
}
