import { ApplicationFailure, type ActivityOptions } from '@temporalio/workflow';
import { DomainError } from '@docket/domain';

/**
 * How the workflows call the activities that record what happened: a step the person was told
 * succeeded must reach Postgres, so it is retried until it does.
 */
export const RECORDING_ACTIVITY_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
};

/** A broken rule becomes a non-retryable failure whose type is the rule's code, so it crosses the wire intact. */
export function asFailure(error: unknown): unknown {
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

/** The workflow's clock: deterministic inside the sandbox (the time of the current workflow task). */
export function nowIso(): string {
  return new Date().toISOString();
}
