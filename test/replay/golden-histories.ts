import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyFromJSON, historyToJSON, type History } from '@temporalio/common/lib/proto-utils';

/** Where the golden histories and their manifest are committed. */
export const GOLDEN_DIR = join(__dirname, 'histories');
export const MANIFEST_PATH = join(GOLDEN_DIR, 'manifest.json');

/** One recorded workflow run: a file `temporal workflow show --output json` could have written. */
export interface GoldenHistory {
  /** The file in GOLDEN_DIR. */
  readonly file: string;
  /** The scenario the run belongs to; a case's own runs and its child transfers share one. */
  readonly scenario: string;
  /** What the run shows, in a sentence. */
  readonly covers: string;
  readonly workflowType: string;
  readonly workflowId: string;
  readonly runId: string;
  readonly events: number;
  /** The `patched()` ids whose markers the history carries. */
  readonly patches: readonly string[];
  readonly recordedAt: string;
  /** The commit of the workflow code that made the history, with `+dirty` when workflows/src had changes. */
  readonly recordedWith: string;
}

export interface GoldenManifest {
  readonly histories: readonly GoldenHistory[];
}

export function readManifest(): GoldenManifest {
  return JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as GoldenManifest;
}

export function readGoldenHistory(file: string): History {
  return historyFromJSON(JSON.parse(readFileSync(join(GOLDEN_DIR, file), 'utf8')));
}

/** The commit the workflow code is at, as the manifest names it. */
export function workflowCodeRevision(): string {
  const repo = join(__dirname, '../..');
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
  const commit = git('rev-parse', 'HEAD');
  return git('status', '--porcelain', '--', 'workflows/src') === '' ? commit : `${commit}+dirty`;
}

/** The ids of the `patched()` markers in a history. */
export function patchesIn(history: History): string[] {
  const ids = new Set<string>();
  for (const event of history.events ?? []) {
    const details = event.markerRecordedEventAttributes?.details;
    const payload = details?.['patch-data']?.payloads?.[0]?.data;
    if (event.markerRecordedEventAttributes?.markerName === 'core_patch' && payload) {
      const data = JSON.parse(Buffer.from(payload).toString('utf8')) as { id?: string };
      if (data.id !== undefined) {
        ids.add(data.id);
      }
    }
  }
  return [...ids];
}

/** Writes one finished run as a golden file and returns its manifest entry. */
export async function saveGoldenHistory(
  handle: WorkflowHandle,
  entry: { file: string; scenario: string; covers: string; workflowType: string },
): Promise<GoldenHistory> {
  const history = await handle.fetchHistory();
  const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
  writeFileSync(join(GOLDEN_DIR, entry.file), `${historyToJSON(history)}\n`);
  return {
    ...entry,
    workflowId: handle.workflowId,
    runId: started?.originalExecutionRunId ?? '',
    events: (history.events ?? []).length,
    patches: patchesIn(history),
    recordedAt: new Date().toISOString(),
    recordedWith: workflowCodeRevision(),
  };
}

/** Replaces the manifest entries of the scenarios just recorded, keeping the others. */
export function updateManifest(recorded: readonly GoldenHistory[]): void {
  const scenarios = new Set(recorded.map((entry) => entry.scenario));
  let existing: readonly GoldenHistory[] = [];
  try {
    existing = readManifest().histories;
  } catch {
    existing = [];
  }
  const histories = [...existing.filter((entry) => !scenarios.has(entry.scenario)), ...recorded].sort((a, b) =>
    a.file.localeCompare(b.file),
  );
  writeFileSync(MANIFEST_PATH, `${JSON.stringify({ histories }, null, 2)}\n`);
}
