import { Context } from '@temporalio/activity';
import type { PayloadCodec } from '@temporalio/common';
import type { WorkflowBundleOption } from '@temporalio/worker';
import type { ReplayBatchInput, ReplayBatchResult, ReplayJobActivities } from '@docket/contracts';
import { replayHistories, type HistoryToReplay, type ReplayVerdict } from './replay-histories';

/** One case's verdict over all its recorded runs: the first run that did not replay names why. */
export interface CaseReplayVerdict {
  readonly status: 'deterministic' | 'diverged' | 'failed' | 'missing';
  readonly histories: number;
  readonly events: number;
  readonly workflowId?: string;
  readonly runId?: string;
  readonly divergentEventId?: number;
  readonly reason?: string;
}

/** Where a replay job's cases wait and their verdicts go (the `replay_jobs` tables, in the worker app). */
export interface ReplayJobStore {
  pendingCaseIds(jobId: string, limit: number): Promise<string[]>;
  countPending(jobId: string): Promise<number>;
  recordVerdict(jobId: string, caseId: string, verdict: CaseReplayVerdict): Promise<void>;
  finish(jobId: string): Promise<void>;
}

export interface ReplayJobActivityDependencies {
  readonly store: ReplayJobStore;
  /** A case's recorded runs, its own and its transfers' (caseHistories on the worker's client). */
  readonly caseHistories: (caseId: string) => Promise<HistoryToReplay[]>;
  /** The workflow code this worker runs, bundled once for all batches. */
  readonly workflowBundle: () => Promise<WorkflowBundleOption>;
  /** Replay workers side by side within a batch. */
  readonly concurrency: number;
  /** Decrypts the recorded payloads, with the keys the worker encrypts them with. */
  readonly payloadCodec: PayloadCodec;
}

/** Sums one case's run verdicts into its verdict: deterministic only when every run is. */
export function caseVerdictOf(verdicts: readonly ReplayVerdict[]): CaseReplayVerdict {
  const totals = { histories: verdicts.length, events: verdicts.reduce((sum, verdict) => sum + verdict.events, 0) };
  const first = [...verdicts.filter((verdict) => verdict.outcome === 'diverged'), ...verdicts.filter((verdict) => verdict.outcome === 'failed')][0];
  if (first === undefined) {
    return { status: 'deterministic', ...totals };
  }
  return {
    status: first.outcome,
    ...totals,
    workflowId: first.workflowId,
    runId: first.runId,
    reason: first.reason,
    ...(first.outcome === 'diverged' && first.divergentEventId !== undefined ? { divergentEventId: first.divergentEventId } : {}),
  };
}

/**
 * The replay job's activities. A batch fetches its cases' histories, replays them against the
 * worker's own workflow code, stores each case's verdict as soon as all its runs are in and
 * heartbeats the count; a retried batch starts from the cases still waiting.
 */
export function createReplayJobActivities(dependencies: ReplayJobActivityDependencies): ReplayJobActivities {
  const { store } = dependencies;
  return {
    async replayNextCases({ jobId, batchSize }: ReplayBatchInput): Promise<ReplayBatchResult> {
      const caseIds = await store.pendingCaseIds(jobId, batchSize);
      const expected = new Map<string, number>();
      const collected = new Map<string, ReplayVerdict[]>();
      const toReplay: HistoryToReplay[] = [];
      let done = 0;
      const heartbeat = (): void => Context.current().heartbeat({ jobId, done, of: caseIds.length });

      for (const caseId of caseIds) {
        const histories = await dependencies.caseHistories(caseId).catch((error: unknown) => error as Error);
        if (histories instanceof Error || histories.length === 0) {
          const reason = histories instanceof Error ? histories.message : 'no recorded history';
          await store.recordVerdict(jobId, caseId, { status: 'missing', histories: 0, events: 0, reason });
          done += 1;
          heartbeat();
          continue;
        }
        expected.set(caseId, histories.length);
        collected.set(caseId, []);
        toReplay.push(...histories);
      }

      await replayHistories(toReplay, {
        workflowBundle: await dependencies.workflowBundle(),
        concurrency: dependencies.concurrency,
        payloadCodec: dependencies.payloadCodec,
        onVerdict: async (verdict) => {
          const verdicts = collected.get(verdict.label) ?? [];
          verdicts.push(verdict);
          collected.set(verdict.label, verdicts);
          if (verdicts.length === expected.get(verdict.label)) {
            await store.recordVerdict(jobId, verdict.label, caseVerdictOf(verdicts));
            done += 1;
            heartbeat();
          }
        },
      });
      return { replayed: caseIds.length, remaining: await store.countPending(jobId) };
    },

    async finishReplayJob({ jobId }: { jobId: string }): Promise<void> {
      await store.finish(jobId);
    },
  };
}
