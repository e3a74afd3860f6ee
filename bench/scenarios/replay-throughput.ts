import { join } from 'node:path';
import { historyFile, replayHistories, replayWorkflowBundle, type HistoryToReplay } from '@docket/worker-runtime';
import { testPayloadCodec } from '../../test/support/payload-keys';
import { REPO_ROOT } from '../lib/machine';
import type { Log } from '../lib/stack';
import { elapsedMs, round } from '../lib/stats';

export interface ReplayResult {
  readonly history: string;
  readonly eventsPerHistory: number;
  readonly histories: number;
  readonly replayWorkers: number;
  readonly seconds: number;
  readonly historiesPerSecond: number;
  readonly eventsPerSecond: number;
}

/**
 * The committed full-lifecycle golden history as cases record it now: filing to archiving and the
 * seal, ten human steps, each event recorded without a copy of the case (record-event-without-state).
 */
const FULL_LIFECYCLE_FILE = 'test/replay/histories/thin-path-event-only.json';
const FULL_LIFECYCLE = join(REPO_ROOT, FULL_LIFECYCLE_FILE);
const PREBUILT_BUNDLE = join(REPO_ROOT, 'apps/worker/dist/workflow-bundle.js');

function* repeated(history: HistoryToReplay, times: number): Generator<HistoryToReplay> {
  for (let index = 0; index < times; index += 1) {
    yield { ...history, label: `${history.label}#${index}` };
  }
}

/**
 * The full-lifecycle golden history replayed `histories` times against the production workflow
 * bundle with `workers` replay workers side by side (@docket/worker-runtime replayHistories, as
 * `npm run replay` and the replay jobs do); a warm-up round first, not counted.
 */
export async function replayThroughput(histories: number, workers: number, log: Log): Promise<ReplayResult> {
  const history = await historyFile(FULL_LIFECYCLE);
  const workflowBundle = await replayWorkflowBundle({ workflowBundlePath: PREBUILT_BUNDLE });
  const options = { workflowBundle, concurrency: workers, payloadCodec: testPayloadCodec };
  await replayHistories(repeated(history, workers * 2), options);
  log(`replay: ${histories} histories with ${workers} replay workers…`);
  const startedAt = process.hrtime.bigint();
  const verdicts = await replayHistories(repeated(history, histories), options);
  const seconds = elapsedMs(startedAt) / 1000;
  const failed = verdicts.filter((verdict) => verdict.outcome !== 'deterministic');
  if (failed.length > 0) {
    throw new Error(`replay: ${failed.length} of ${verdicts.length} replays were not deterministic: ${JSON.stringify(failed[0])}`);
  }
  const events = (history.history.events ?? []).length;
  log(`replay: ${round(histories / seconds)} histories/s`);
  return {
    history: FULL_LIFECYCLE_FILE,
    eventsPerHistory: events,
    histories,
    replayWorkers: workers,
    seconds: round(seconds),
    historiesPerSecond: round(histories / seconds),
    eventsPerSecond: round((histories * events) / seconds),
  };
}
