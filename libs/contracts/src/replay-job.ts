/** The workflow type of an auditor's replay job, run on the case task queue. */
export const REPLAY_JOB_WORKFLOW_TYPE = 'replayCases';

/** A replay job's workflow id, derived from the job id so a retried start finds the first. */
export function replayJobWorkflowId(jobId: string): string {
  return `replay-job-${jobId}`;
}

export interface ReplayJobInput {
  readonly jobId: string;
  /** How many cases one activity replays before it reports back: what bounds an attempt's work. */
  readonly batchSize: number;
}

export interface ReplayBatchInput {
  readonly jobId: string;
  readonly batchSize: number;
}

export interface ReplayBatchResult {
  /** Cases replayed by this batch. */
  readonly replayed: number;
  /** Cases of the job still waiting. */
  readonly remaining: number;
}

/**
 * What the replay job's workflow asks of the worker: replay the next cases of the job against the
 * worker's own workflow code and store each verdict, then mark the job done. The cases wait in
 * Postgres, so the workflow's history stays a few events per batch however many cases there are.
 */
export interface ReplayJobActivities {
  replayNextCases(input: ReplayBatchInput): Promise<ReplayBatchResult>;
  finishReplayJob(input: { readonly jobId: string }): Promise<void>;
}
