import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { caseWorkflowId } from '@docket/contracts';
import { payloadCodecFor, payloadsToJson } from '@docket/payload-codec';
import { caseHistories, replayHistories } from '@docket/worker-runtime';
import { actors, thinPath } from '../support/case-fixtures';
import { startDocket, type DocketStack } from '../support/docket-processes';
import { testPayloadCodec } from '../support/payload-keys';
import { connectDatabase } from '../support/database';
import { asUser } from '../support/http-client';
import { connectTemporal, type TemporalClients } from '../support/temporal-clients';
import { testStack, uniqueTaskQueue } from '../support/test-stack';

type History = temporal.api.history.v1.IHistory;

const PREBUILT_BUNDLE = join(__dirname, '../../apps/worker/dist/workflow-bundle.js');

/** Every payload anywhere in a history: inputs, results, update requests, markers. */
function payloadsIn(node: unknown, found: Payload[] = []): Payload[] {
  if (typeof node !== 'object' || node === null || node instanceof Uint8Array) {
    return found;
  }
  const metadata = (node as { metadata?: unknown }).metadata;
  if (typeof metadata === 'object' && metadata !== null && (metadata as Record<string, unknown>)['encoding'] instanceof Uint8Array) {
    found.push(node);
    return found;
  }
  for (const value of Object.values(node)) {
    payloadsIn(value, found);
  }
  return found;
}

const encodingOf = (payload: Payload): string => Buffer.from(payload.metadata?.['encoding'] ?? []).toString('utf8');

/**
 * Issue 7 item 3: the Temporal server holds case data only as ciphertext. A case is run through the
 * API; its history is then read with a client that holds no key, as the server's operators would.
 */
describe('case data encrypted in Temporal', () => {
  let docket: DocketStack;
  let keyless: TemporalClients;

  beforeAll(async () => {
    [docket, keyless] = await Promise.all([
      startDocket({ databaseUrl: testStack.databaseUrl(), temporalAddress: testStack.temporalAddress(), taskQueue: uniqueTaskQueue('e2e-encrypt') }),
      connectTemporal({ payloads: 'plaintext' }),
    ]);
  });

  afterAll(async () => {
    await docket?.stop();
    await keyless?.close();
  });

  const marker = randomBytes(6).toString('hex');
  const party = { type: 'individual', name: `欧阳测试${marker}`, idNumber: `11010119900307${marker.slice(0, 4)}` };
  const summary = `Complaint ${marker}: expired infant formula sold at the Nanjing Road shop`;

  async function runCase(): Promise<string> {
    const handler = asUser(docket.apiUrl, actors.handlerLi);
    const head = asUser(docket.apiUrl, actors.headWang);
    const registered = await handler.post('/cases', { caseId: randomUUID(), source: 'complaint', summary, violationCode: 'FSL-124-1-3', party });
    expect(registered.status).toBe(201);
    const caseId = registered.body['caseId'] as string;
    for (const [user, path, body] of [
      [head, 'filing/approve', thinPath.approveFiling],
      [head, 'handlers', thinPath.assignHandlers],
      [handler, 'investigation-report', thinPath.report],
    ] as const) {
      const response = await user.post(`/cases/${caseId}/${path}`, body);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
    }
    return caseId;
  }

  it('stores no payload in clear: the party’s name, ID number and the summary appear nowhere in the raw history', async () => {
    const caseId = await runCase();
    const history: History = await keyless.client.workflow.getHandle(caseWorkflowId(caseId)).fetchHistory();
    const payloads = payloadsIn(history);
    expect(payloads.length).toBeGreaterThan(10);
    // Core's own markers (patch ids) are written by the SDK core, not by Docket, and carry no case
    // data; nor does the TemporalChangeVersion search attribute listing the same patch ids, which the
    // server must read to index it.
    const patchIds = new Set(['record-event-without-state', 'seal-archived-case-record']);
    const isPatchList = (text: string): boolean => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return false; // encrypted bytes
      }
      return Array.isArray(parsed) && parsed.length > 0 && parsed.every((id) => typeof id === 'string' && patchIds.has(id));
    };
    const ours = payloads.filter((payload) => {
      const text = Buffer.from(payload.data ?? []).toString('utf8');
      return !/^\{"id":"[^"]+","deprecated":(true|false)\}$/.test(text) && !isPatchList(text);
    });
    expect(ours.map(encodingOf).filter((encoding) => encoding !== 'binary/encrypted')).toEqual([]);

    // The whole history, every byte of it, not only the payloads: nothing readable anywhere.
    const raw = Buffer.from(temporal.api.history.v1.History.encode(history).finish());
    for (const secret of [party.name, party.idNumber, summary, marker]) {
      expect({ secret, found: raw.includes(Buffer.from(secret, 'utf8')) }).toEqual({ secret, found: false });
    }
  });

  it('still serves the case, its timeline and its verification, decrypting what it reads from Temporal', async () => {
    const caseId = await runCase();
    const reviewer = asUser(docket.apiUrl, actors.reviewerZhao);
    const auditor = asUser(docket.apiUrl, actors.auditorQian);
    const live = await reviewer.get(`/cases/${caseId}`);
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ stage: 'legal_review', version: 4 });
    expect(JSON.stringify(live.body['clue'])).toContain(party.name);

    const timeline = await auditor.get<{ steps: Array<{ sequence: number }> }>(`/cases/${caseId}/timeline`);
    expect(timeline.status).toBe(200);
    expect(timeline.body.steps.map((step) => step.sequence)).toEqual([1, 2, 3, 4]);

    const verified = await auditor.get(`/cases/${caseId}/verify`);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ verified: true });
  });

  it('replays an encrypted history with the workers’ keys, and cannot without them', async () => {
    const caseId = await runCase();
    const recorded = await caseHistories(keyless.client, caseId);
    const withKeys = await replayHistories(recorded, { workflowBundlePath: PREBUILT_BUNDLE, payloadCodec: testPayloadCodec });
    expect(withKeys.map((verdict) => verdict.outcome)).toEqual(recorded.map(() => 'deterministic'));
    const withoutKeys = await replayHistories(recorded, { workflowBundlePath: PREBUILT_BUNDLE });
    expect(withoutKeys.map((verdict) => verdict.outcome)).not.toContain('deterministic');
  });

  it('decrypts for the Temporal UI through /codec/decode, for auditors only', async () => {
    const caseId = await runCase();
    const history = await keyless.client.workflow.getHandle(caseWorkflowId(caseId)).fetchHistory();
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
    const body = payloadsToJson(started);

    const auditor = asUser(docket.apiUrl, actors.auditorQian);
    const decoded = await auditor.post<{ payloads: Array<{ metadata: Record<string, string>; data: string }> }>('/codec/decode', body, {
      'x-namespace': keyless.namespace,
    });
    expect(decoded.status).toBe(200);
    const [input] = decoded.body.payloads;
    expect(Buffer.from(input?.metadata['encoding'] ?? '', 'base64').toString()).toBe('json/plain');
    const value = defaultPayloadConverter.fromPayload<{ registration: { party: { name: string } } }>({
      metadata: { encoding: Buffer.from(input?.metadata['encoding'] ?? '', 'base64') },
      data: Buffer.from(input?.data ?? '', 'base64'),
    });
    expect(value.registration.party.name).toBe(party.name);

    // Encoding round-trips through decoding, and the ciphertext names the current key.
    const plain = payloadsToJson([defaultPayloadConverter.toPayload({ note: marker })]);
    const encoded = await auditor.post<{ payloads: Array<{ metadata: Record<string, string>; data: string }> }>('/codec/encode', plain);
    expect(encoded.status).toBe(200);
    expect(Buffer.from(encoded.body.payloads[0]?.metadata['encoding'] ?? '', 'base64').toString()).toBe('binary/encrypted');
    expect(Buffer.from(encoded.body.payloads[0]?.data ?? '', 'base64').includes(Buffer.from(marker))).toBe(false);
    expect((await auditor.post('/codec/decode', encoded.body)).body).toEqual(plain);

    // Case staff read their cases through the API, never raw payloads of every agency.
    for (const actor of [actors.handlerLi, actors.headWang, actors.reviewerZhao]) {
      const refused = await asUser(docket.apiUrl, actor).post('/codec/decode', body);
      expect({ actor: actor.userId, status: refused.status, code: refused.body['code'] }).toEqual({ actor: actor.userId, status: 403, code: 'ROLE_NOT_PERMITTED' });
    }
    const anonymous = await fetch(`${docket.apiUrl}/codec/decode`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(anonymous.status).toBe(401);
  });

  it('puts every answered decryption in the read log: who, how many payloads, which namespace; refusals log nothing', async () => {
    const namespace = `ui-${randomBytes(4).toString('hex')}`;
    const payloads = payloadsToJson(await testPayloadCodec.encode([defaultPayloadConverter.toPayload('a'), defaultPayloadConverter.toPayload('b')]));
    const auditor = asUser(docket.apiUrl, actors.auditorQian);
    expect((await auditor.post('/codec/decode', payloads, { 'x-namespace': namespace })).status).toBe(200);
    expect((await asUser(docket.apiUrl, actors.headWang).post('/codec/decode', payloads, { 'x-namespace': namespace })).status).toBe(403);
    const undecryptable = payloadsToJson(await payloadCodecFor({ keyId: 'other', keys: new Map([['other', randomBytes(32)]]) }).encode([defaultPayloadConverter.toPayload('c')]));
    expect((await auditor.post('/codec/decode', undecryptable, { 'x-namespace': namespace })).status).toBe(422);

    const dataSource = await connectDatabase();
    try {
      const rows: unknown[] = await dataSource.query(
        `SELECT case_id, kind, user_id, role, agency_id, payload_count FROM history_reads WHERE namespace = $1 ORDER BY id`,
        [namespace],
      );
      expect(rows).toEqual([
        {
          case_id: null,
          kind: 'codec-decode',
          user_id: actors.auditorQian.userId,
          role: 'auditor',
          agency_id: actors.auditorQian.agencyId,
          payload_count: 2,
        },
      ]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('answers a malformed or undecryptable codec request with a clear error', async () => {
    const auditor = asUser(docket.apiUrl, actors.auditorQian);
    const notBase64 = await auditor.post('/codec/decode', { payloads: [{ metadata: { encoding: 'json/plain' }, data: 'e30=' }] });
    expect(notBase64.status).toBe(400);
    expect(notBase64.body).toMatchObject({ code: 'INVALID_INPUT', field: 'payloads[0].metadata.encoding' });
    expect((await auditor.post('/codec/decode', { items: [] })).body).toMatchObject({ code: 'INVALID_INPUT', field: 'payloads' });

    const foreign = payloadCodecFor({ keyId: 'other-office', keys: new Map([['other-office', randomBytes(32)]]) });
    const underForeignKey = await auditor.post('/codec/decode', payloadsToJson(await foreign.encode([defaultPayloadConverter.toPayload('x')])));
    expect(underForeignKey.status).toBe(422);
    expect(underForeignKey.body).toMatchObject({ code: 'PAYLOAD_NOT_DECRYPTABLE' });
    expect(underForeignKey.body['detail']).toMatch(/payload key "other-office" is not held here/);
  });
});
