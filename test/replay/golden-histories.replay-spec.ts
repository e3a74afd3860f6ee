import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { historyFile, replayHistories, workflowsPath, type HistoryToReplay, type ReplayVerdict } from '@docket/worker-runtime';
import { GOLDEN_DIR, readGoldenHistory, readManifest } from './golden-histories';

/** The bundle `npm run build` writes, which production workers load; the sources when it is absent. */
const PREBUILT_BUNDLE = join(__dirname, '../../apps/worker/dist/workflow-bundle.js');
const currentCode = existsSync(PREBUILT_BUNDLE) ? { workflowBundlePath: PREBUILT_BUNDLE } : {};
/** The same code as replay worker options, for the SDK's own replay call. */
const currentWorkerCode = existsSync(PREBUILT_BUNDLE) ? { workflowBundle: { codePath: PREBUILT_BUNDLE } } : { workflowsPath: workflowsPath() };
const SEAL_PATCH = 'seal-archived-case-record';
const EVENT_ONLY_PATCH = 'record-event-without-state';

/** The decoded inputs of a plaintext golden history's recordCaseEvent activities, in order. */
function recordingInputs(file: string): Array<Record<string, unknown>> {
  return (readGoldenHistory(file).events ?? []).flatMap((event) => {
    const scheduled = event.activityTaskScheduledEventAttributes;
    const data = scheduled?.input?.payloads?.[0]?.data;
    if (scheduled?.activityType?.name !== 'recordCaseEvent' || data === undefined || data === null) {
      return [];
    }
    return [JSON.parse(Buffer.from(data).toString('utf8')) as Record<string, unknown>];
  });
}

const manifest = readManifest();

function golden(file: string): HistoryToReplay {
  const entry = manifest.histories.find((history) => history.file === file);
  if (entry === undefined) {
    throw new Error(`${file} is not in the manifest`);
  }
  return { label: file, workflowId: entry.workflowId, history: readGoldenHistory(file) };
}

function summary(verdicts: readonly ReplayVerdict[]): Record<string, string> {
  return Object.fromEntries(verdicts.map((verdict) => [verdict.label, verdict.outcome === 'deterministic' ? 'ok' : `${verdict.outcome}: ${verdict.reason}`]));
}

describe('golden histories replayed against the current workflow code', () => {
  it('lists every committed history in the manifest, and only those', () => {
    const files = readdirSync(GOLDEN_DIR).filter((file) => file.endsWith('.json') && file !== 'manifest.json');
    expect(manifest.histories.map((entry) => entry.file).sort()).toEqual(files.sort());
    for (const entry of manifest.histories) {
      expect((readGoldenHistory(entry.file).events ?? []).length).toBe(entry.events);
    }
  });

  it('replays every golden history deterministically', async () => {
    const verdicts = await replayHistories(
      manifest.histories.map((entry) => golden(entry.file)),
      currentCode,
    );
    expect(summary(verdicts)).toEqual(Object.fromEntries(manifest.histories.map((entry) => [entry.file, 'ok'])));
  });

  it('covers the scenarios the set promises: thin path, decline, contest with a child transfer, suspension, missed deadline, continue-as-new', () => {
    const scenarios = new Set(manifest.histories.map((entry) => entry.scenario));
    for (const scenario of ['thin-path', 'declined', 'contested', 'suspended', 'deadline-missed', 'continued-as-new']) {
      expect(scenarios).toContain(scenario);
    }
    expect(manifest.histories.filter((entry) => entry.workflowType === 'clueTransfer')).not.toHaveLength(0);
    expect(manifest.histories.filter((entry) => entry.scenario === 'continued-as-new').length).toBeGreaterThan(1);
  });

  it('replays archived cases recorded before the seal patch and after it alike', () => {
    const archived = manifest.histories.filter((entry) => ['thin-path', 'thin-path-sealed', 'contested', 'suspended'].includes(entry.scenario));
    const withPatch = archived.filter((entry) => entry.patches.includes(SEAL_PATCH));
    const withoutPatch = archived.filter((entry) => !entry.patches.includes(SEAL_PATCH) && entry.workflowType === 'caseLifecycle');
    // Both kinds are in the set, so the replay above proved the patched code reproduces each.
    expect(withPatch.map((entry) => entry.file)).toContain('thin-path-sealed.json');
    expect(withoutPatch.map((entry) => entry.file)).toContain('thin-path.json');
    const sealed = readGoldenHistory('thin-path-sealed.json');
    const activityTypes = (sealed.events ?? []).flatMap((event) => event.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
    expect(activityTypes[activityTypes.length - 1]).toBe('sealCaseRecord');
  });

  it('replays cases that sent the whole case with each recording and cases that send the event alone', () => {
    const withPatch = manifest.histories.filter((entry) => entry.patches.includes(EVENT_ONLY_PATCH));
    expect(withPatch.map((entry) => entry.file)).toEqual(['thin-path-event-only.json']);
    // Before the patch every recording carried the case after its event; since, the event alone.
    const before = recordingInputs('thin-path-sealed.json');
    const since = recordingInputs('thin-path-event-only.json');
    expect(before).toHaveLength(11);
    expect(since).toHaveLength(11);
    expect(before.every((input) => 'event' in input && 'state' in input)).toBe(true);
    expect(since.every((input) => 'event' in input && !('state' in input))).toBe(true);
  });
});

describe('a replay that must fail', () => {
  it('fails a golden history against a deliberately altered workflow with DeterminismViolationError', async () => {
    const altered = { workflowsPath: require.resolve('./fixtures/altered-case-lifecycle.workflow') };
    const thin = golden('thin-path.json');
    await expect(Worker.runReplayHistory(altered, thin.history, thin.workflowId)).rejects.toThrow(DeterminismViolationError);

    const [verdict] = await replayHistories([thin], altered);
    expect(verdict).toMatchObject({ label: 'thin-path.json', outcome: 'diverged', divergentEventId: 5 });
    expect(verdict?.outcome === 'diverged' ? verdict.reason : '').toMatch(/nondeterminism/i);
  });

  it('fails a history file altered by hand (an activity renamed) against the current code, naming the event', async () => {
    const text = readFileSync(join(GOLDEN_DIR, 'thin-path.json'), 'utf8');
    const json = JSON.parse(text) as { events: Array<{ eventId: string; activityTaskScheduledEventAttributes?: { activityType: { name: string } } }> };
    const scheduled = json.events.find((event) => event.activityTaskScheduledEventAttributes !== undefined);
    if (scheduled?.activityTaskScheduledEventAttributes === undefined) {
      throw new Error('the thin path records no activity');
    }
    scheduled.activityTaskScheduledEventAttributes.activityType.name = 'eraseCaseEvent';
    const path = join(await mkdtemp(join(tmpdir(), 'docket-replay-')), 'thin-path.tampered.json');
    await writeFile(path, JSON.stringify(json));

    const tampered = await historyFile(path);
    await expect(Worker.runReplayHistory(currentWorkerCode, tampered.history, tampered.workflowId)).rejects.toThrow(DeterminismViolationError);
    const [verdict] = await replayHistories([tampered], currentCode);
    expect(verdict).toMatchObject({ outcome: 'diverged', divergentEventId: Number(scheduled.eventId) });
  });
});
