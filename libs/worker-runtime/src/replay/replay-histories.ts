import { bundleWorkflowCode, Worker, type ReplayResult, type WorkflowBundleOption } from '@temporalio/worker';
import type { PayloadCodec } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils';
import { docketDataConverter, failureConverterPath } from '@docket/payload-codec';
import { workflowsPath } from '../case-worker';

/** One workflow run's history to replay, with what the report calls it (a case id, a file name). */
export interface HistoryToReplay {
  readonly label: string;
  readonly workflowId: string;
  readonly history: History;
}

/** Whether the current workflow code reproduces one recorded run. */
export type ReplayVerdict =
  | (ReplayedRun & { readonly outcome: 'deterministic' })
  | (ReplayedRun & {
      /** The code issued other commands than the history recorded (the history no longer replays). */
      readonly outcome: 'diverged';
      /** The first history event the code disagreed with, when the replayer names it. */
      readonly divergentEventId?: number;
      readonly reason: string;
    })
  | (ReplayedRun & {
      /** The replay failed for another cause: a workflow task that throws, a history that cannot be read. */
      readonly outcome: 'failed';
      readonly reason: string;
    });

interface ReplayedRun {
  readonly label: string;
  readonly workflowId: string;
  readonly runId: string;
  readonly events: number;
}

export interface ReplayOptions {
  /** Workflow code already bundled (replayWorkflowBundle), reused from one call to the next. */
  readonly workflowBundle?: WorkflowBundleOption;
  /** A prebuilt bundle, as production workers load; without one, the workflow code is bundled once here. */
  readonly workflowBundlePath?: string;
  /** Another workflow module than Docket's (tests that show an altered workflow fails). */
  readonly workflowsPath?: string;
  /** How many replay workers run side by side; each replays its histories one after another. */
  readonly concurrency?: number;
  /**
   * Decrypts the histories' payloads (payload-codec), as the workers that wrote them encrypted them.
   * Payloads it did not encrypt pass through, so plaintext histories replay with it or without it.
   */
  readonly payloadCodec?: PayloadCodec;
  /** Called as each verdict comes in, for progress. */
  readonly onVerdict?: (verdict: ReplayVerdict) => void | Promise<void>;
}

/** The workflow code the replay workers run: the prebuilt bundle, or one bundle made for all of them. */
export async function replayWorkflowBundle(options: Pick<ReplayOptions, 'workflowBundlePath' | 'workflowsPath'>): Promise<WorkflowBundleOption> {
  if (options.workflowBundlePath !== undefined) {
    return { codePath: options.workflowBundlePath };
  }
  const { code } = await bundleWorkflowCode({
    workflowsPath: options.workflowsPath ?? workflowsPath(),
    failureConverterPath: failureConverterPath(),
    logger: quietBundlerLogger,
  });
  return { code };
}

const noop = (): void => undefined;
const quietBundlerLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };

/**
 * The first divergent event, as far as the core's nondeterminism message lets it be found: the
 * event it names by id, or the first scheduled activity whose type or id it quotes. The wording is
 * the core's, not an API: what cannot be matched stays in the reason alone.
 */
export function divergentEventIdOf(message: string, history: History): number | undefined {
  const byId = /HistoryEvent\(id: (\d+)/.exec(message) ?? /\bevent id:? (\d+)/i.exec(message);
  if (byId?.[1] !== undefined) {
    return Number(byId[1]);
  }
  const quoted = /(?:type|id) of scheduled event '([^']+)'/.exec(message)?.[1];
  if (quoted !== undefined) {
    const event = (history.events ?? []).find(({ activityTaskScheduledEventAttributes: scheduled }) =>
      scheduled?.activityType?.name === quoted || scheduled?.activityId === quoted,
    );
    return event?.eventId === undefined || event.eventId === null ? undefined : Number(event.eventId);
  }
  return undefined;
}

function verdictOf(item: HistoryToReplay, result: ReplayResult): ReplayVerdict {
  const run: ReplayedRun = {
    label: item.label,
    workflowId: item.workflowId,
    runId: result.runId,
    events: (item.history.events ?? []).length,
  };
  if (result.error === undefined) {
    return { ...run, outcome: 'deterministic' };
  }
  if (result.error.name === 'DeterminismViolationError') {
    const divergentEventId = divergentEventIdOf(result.error.message, item.history);
    return { ...run, outcome: 'diverged', reason: result.error.message, ...(divergentEventId === undefined ? {} : { divergentEventId }) };
  }
  return { ...run, outcome: 'failed', reason: result.error.message };
}

/**
 * Replays every history against the current workflow code and reports each run's verdict, in the
 * order the verdicts arrive. At most `concurrency` replay workers run at once, so a large set costs
 * time, not memory: histories are pulled from the source only as a worker is free.
 */
export async function replayHistories(
  source: Iterable<HistoryToReplay> | AsyncIterable<HistoryToReplay>,
  options: ReplayOptions = {},
): Promise<ReplayVerdict[]> {
  const workflowBundle = options.workflowBundle ?? (await replayWorkflowBundle(options));
  const iterator = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : toAsync(source[Symbol.iterator]());
  const verdicts: ReplayVerdict[] = [];
  const concurrency = Math.max(1, options.concurrency ?? 2);

  async function lane(index: number): Promise<void> {
    // One replay worker replays one history at a time, in the order given, so its results match this queue.
    const inFlight: HistoryToReplay[] = [];
    async function* pull(): AsyncGenerator<{ workflowId: string; history: History }> {
      for (;;) {
        const next = await iterator.next();
        if (next.done === true) {
          return;
        }
        inFlight.push(next.value);
        yield { workflowId: next.value.workflowId, history: next.value.history };
      }
    }
    const replayed = Worker.runReplayHistories(
      {
        workflowBundle,
        replayName: `docket-replay-${index}`,
        ...(options.payloadCodec === undefined ? {} : { dataConverter: docketDataConverter(options.payloadCodec) }),
      },
      pull(),
    );
    for await (const result of replayed) {
      const item = inFlight.shift();
      if (item === undefined) {
        throw new Error(`replay result for ${result.workflowId} without a history`);
      }
      const verdict = verdictOf(item, result);
      verdicts.push(verdict);
      await options.onVerdict?.(verdict);
    }
  }

  await Promise.all(Array.from({ length: concurrency }, (_, index) => lane(index)));
  return verdicts;
}

function toAsync<T>(iterator: Iterator<T>): AsyncIterator<T> {
  return { next: () => Promise.resolve(iterator.next()) };
}
