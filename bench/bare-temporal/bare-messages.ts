import { defineUpdate } from '@temporalio/workflow';

/**
 * What a bare workflow does, copied from a Docket case's history: the activities it runs before any
 * update, the activities each update's handler runs before it answers, and the activities after the
 * last update. Every activity and update has an empty body.
 */
export interface BarePlan {
  readonly activitiesAtStart: number;
  readonly activitiesPerUpdate: readonly number[];
  readonly activitiesAtEnd: number;
}

/** The one update of the bare workflow: no argument, no answer. */
export const bareStepUpdate = defineUpdate<void>('bareStep');

export const BARE_WORKFLOW_TYPE = 'bareLifecycle';
