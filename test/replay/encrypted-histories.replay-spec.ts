import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { replayHistories } from '@docket/worker-runtime';
import { testPayloadCodec } from '../support/payload-keys';
import { readGoldenHistory, readManifest } from './golden-histories';

const PREBUILT_BUNDLE = join(__dirname, '../../apps/worker/dist/workflow-bundle.js');
const currentCode = existsSync(PREBUILT_BUNDLE) ? { workflowBundlePath: PREBUILT_BUNDLE } : {};

/**
 * Replay now decrypts (payload-codec) as the workers do. The committed goldens were recorded before
 * encryption and stay in clear: the codec passes their payloads through, so they replay with it.
 */
describe('golden histories replayed through the payload codec', () => {
  it('replays every plaintext golden history deterministically with the codec in place', async () => {
    const { histories } = readManifest();
    const verdicts = await replayHistories(
      histories.map((entry) => ({ label: entry.file, workflowId: entry.workflowId, history: readGoldenHistory(entry.file) })),
      { ...currentCode, payloadCodec: testPayloadCodec },
    );
    expect(Object.fromEntries(verdicts.map((verdict) => [verdict.label, verdict.outcome]))).toEqual(
      Object.fromEntries(histories.map((entry) => [entry.file, 'deterministic'])),
    );
  });
});
