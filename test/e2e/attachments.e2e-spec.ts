import { createHash, randomUUID } from 'node:crypto';
import { temporal } from '@temporalio/proto';
import type { DataSource } from 'typeorm';
import { caseWorkflowId } from '@docket/contracts';
import type { Actor } from '@docket/domain';
import { tokenFor } from '../support/auth-tokens';
import { actors, thinPath } from '../support/case-fixtures';
import { connectDatabase } from '../support/database';
import { startDocket, type DocketStack } from '../support/docket-processes';
import { asUser, type HttpResult } from '../support/http-client';
import { connectTemporal, settledHistoryLength, type TemporalClients } from '../support/temporal-clients';
import { testStack, uniqueTaskQueue } from '../support/test-stack';

/** Small enough to exceed cheaply in a test. */
const MAX_BYTES = 1024 * 1024;

interface FilePart {
  readonly bytes: Buffer;
  readonly type: string;
  readonly name: string;
}

/** A PDF by its signature, padded to size, carrying a marker that must never turn up in a workflow history. */
function pdfWith(marker: string, size = 64 * 1024): Buffer {
  const head = Buffer.from(`%PDF-1.7\n% ${marker}\n`);
  return Buffer.concat([head, Buffer.alloc(size - head.length, 0x20)]);
}

const jpeg = (): Buffer => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(randomUUID())]);
const sha256 = (bytes: Buffer | Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Evidence and documents uploaded to a case over HTTP, as a browser form would send them. */
describe('case attachments over HTTP', () => {
  let docket: DocketStack;
  let temporalClients: TemporalClients;
  let dataSource: DataSource;

  beforeAll(async () => {
    [docket, temporalClients, dataSource] = await Promise.all([
      startDocket({
        databaseUrl: testStack.databaseUrl(),
        temporalAddress: testStack.temporalAddress(),
        taskQueue: uniqueTaskQueue('e2e-attachments'),
        env: { ATTACHMENT_MAX_BYTES: String(MAX_BYTES) },
      }),
      connectTemporal(),
      connectDatabase(),
    ]);
  });

  afterAll(async () => {
    await docket?.stop();
    await temporalClients?.close();
    await dataSource?.destroy();
  });

  async function send(actor: Actor, method: string, path: string, body?: FormData | string, headers: Record<string, string> = {}): Promise<HttpResult & { bytes: Buffer }> {
    const response = await fetch(`${docket.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokenFor(actor)}`, ...headers },
      ...(body === undefined ? {} : { body }),
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    const contentType = response.headers.get('content-type');
    const text = bytes.toString('utf8');
    const json = contentType !== null && /json/.test(contentType) && text !== '';
    return { status: response.status, contentType, body: (json ? JSON.parse(text) : {}) as Record<string, unknown>, text, headers: response.headers, bytes };
  }

  function form(file: FilePart | undefined, fields: Record<string, string> = {}): FormData {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) {
      data.append(name, value);
    }
    if (file !== undefined) {
      data.append('file', new Blob([file.bytes], { type: file.type }), file.name);
    }
    return data;
  }

  const upload = (actor: Actor, caseId: string, file: FilePart | undefined, fields?: Record<string, string>, headers?: Record<string, string>) =>
    send(actor, 'POST', `/cases/${caseId}/attachments`, form(file, fields), headers);
  const list = (actor: Actor, caseId: string) => send(actor, 'GET', `/cases/${caseId}/attachments`);
  const download = (actor: Actor, caseId: string, attachmentId: string) => send(actor, 'GET', `/cases/${caseId}/attachments/${attachmentId}`);

  /** A case registered by handler Li; with its handlers assigned (Li and Chen) unless asked not to. */
  async function newCase(options: { assigned: boolean } = { assigned: true }): Promise<string> {
    const handler = asUser(docket.apiUrl, actors.handlerLi);
    const head = asUser(docket.apiUrl, actors.headWang);
    const registered = await handler.post('/cases', {
      source: 'complaint',
      summary: 'Complaint: expired food on sale at the Xinhua Road shop',
      party: { type: 'organization', name: '上海某某食品有限公司' },
    });
    expect(registered.status).toBe(201);
    const caseId = registered.body['caseId'] as string;
    if (options.assigned) {
      expect((await head.post(`/cases/${caseId}/filing/approve`, thinPath.approveFiling)).status).toBe(200);
      expect((await head.post(`/cases/${caseId}/handlers`, thinPath.assignHandlers)).status).toBe(200);
    }
    return caseId;
  }

  it('stores an upload with its SHA-256 and gives back the same bytes to anyone who may read the case', async () => {
    const caseId = await newCase();
    const bytes = pdfWith(`round-trip-${randomUUID()}`);
    const uploaded = await upload(actors.handlerChen, caseId, { bytes, type: 'application/pdf', name: '现场检查笔录.pdf' }, {
      category: 'evidence',
      description: 'On-site inspection record, pages 1-3',
    });
    expect(uploaded.status).toBe(201);
    const attachmentId = uploaded.body['attachmentId'] as string;
    expect(uploaded.headers.get('location')).toBe(`/cases/${caseId}/attachments/${attachmentId}`);
    expect(attachmentId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(uploaded.body['uploadedAt'] as string)).not.toBeNaN();
    expect(uploaded.body).toEqual({
      attachmentId,
      caseId,
      filename: '现场检查笔录.pdf',
      contentType: 'application/pdf',
      sizeBytes: bytes.length,
      sha256: sha256(bytes),
      category: 'evidence',
      description: 'On-site inspection record, pages 1-3',
      uploadedBy: actors.handlerChen,
      uploadedAt: uploaded.body['uploadedAt'],
    });

    const listed = await list(actors.headWang, caseId);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([uploaded.body]);

    for (const reader of [actors.headWang, actors.reviewerZhao, actors.auditorQian]) {
      const downloaded = await download(reader, caseId, attachmentId);
      expect(downloaded.status).toBe(200);
      expect(downloaded.bytes.equals(bytes)).toBe(true);
      expect(sha256(downloaded.bytes)).toBe(uploaded.body['sha256']);
      expect(downloaded.headers.get('content-type')).toBe('application/pdf');
      expect(downloaded.headers.get('x-content-type-options')).toBe('nosniff');
      expect(downloaded.headers.get('etag')).toBe(`"${sha256(bytes)}"`);
      expect(downloaded.headers.get('repr-digest')).toBe(`sha-256=:${createHash('sha256').update(bytes).digest('base64')}:`);
      expect(downloaded.headers.get('content-disposition')).toBe(
        `attachment; filename="______.pdf"; filename*=UTF-8''${encodeURIComponent('现场检查笔录.pdf')}`,
      );
    }
  });

  it('keeps a Chinese file name with quotes exactly, and strips the directories a browser may send', async () => {
    const caseId = await newCase();
    const name = '现场 "照片" 1.jpg';
    const uploaded = await upload(actors.handlerLi, caseId, { bytes: jpeg(), type: 'image/jpeg', name }, { category: 'photo' });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ filename: name, contentType: 'image/jpeg', category: 'photo' });
    const downloaded = await download(actors.handlerLi, caseId, uploaded.body['attachmentId'] as string);
    const disposition = downloaded.headers.get('content-disposition') ?? '';
    const encoded = /filename\*=UTF-8''(.+)$/.exec(disposition)?.[1] ?? '';
    expect(decodeURIComponent(encoded)).toBe(name);
    expect(disposition).toMatch(/^attachment; filename="[ -~]*";/);
    expect(disposition.split('"')).toHaveLength(3);

    const pathed = await upload(actors.handlerLi, caseId, { bytes: jpeg(), type: 'image/jpeg', name: '..\\..\\evil\\a.jpg' });
    expect(pathed.body).toMatchObject({ filename: 'a.jpg' });
  });

  it('refuses a type not on the allow-list, and a program dressed as a PDF, with 415 naming file; nothing is stored', async () => {
    const caseId = await newCase();
    const text = await upload(actors.handlerLi, caseId, { bytes: Buffer.from('plain notes'), type: 'text/plain', name: 'notes.txt' });
    expect(text.status).toBe(415);
    expect(text.contentType).toMatch(/^application\/problem\+json/);
    expect(text.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'file' });

    const program = Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(1024)]);
    const spoofed = await upload(actors.handlerLi, caseId, { bytes: program, type: 'application/pdf', name: 'invoice.pdf' });
    expect(spoofed.status).toBe(415);
    expect(spoofed.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'file' });

    expect((await list(actors.handlerLi, caseId)).body).toEqual([]);
  });

  it('refuses a file over the size limit with 413 naming file, and a request without a file with 400 naming file', async () => {
    const caseId = await newCase();
    const large = await upload(actors.handlerLi, caseId, { bytes: pdfWith('too-large', MAX_BYTES + 1), type: 'application/pdf', name: 'big.pdf' });
    expect(large.status).toBe(413);
    expect(large.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'file' });

    // Exactly at the limit is accepted: the limit is the attachment's, not the JSON body limit's.
    const atLimit = await upload(actors.handlerLi, caseId, { bytes: pdfWith('at-limit', MAX_BYTES), type: 'application/pdf', name: 'limit.pdf' });
    expect(atLimit.status).toBe(201);

    const missing = await upload(actors.handlerLi, caseId, undefined, { description: 'forgot the file' });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'INVALID_INPUT', field: 'file' });
    const json = await send(actors.handlerLi, 'POST', `/cases/${caseId}/attachments`, '{"description":"x"}', { 'content-type': 'application/json' });
    expect(json.status).toBe(400);
    expect(json.body).toMatchObject({ code: 'INVALID_INPUT', field: 'file' });
    const badCategory = await upload(actors.handlerLi, caseId, { bytes: jpeg(), type: 'image/jpeg', name: 'a.jpg' }, { category: 'gossip' });
    expect(badCategory.status).toBe(400);
    expect(badCategory.body).toMatchObject({ code: 'INVALID_INPUT', field: 'category' });

    expect(((await list(actors.handlerLi, caseId)).body as unknown as unknown[]).length).toBe(1);
  });

  it('answers another agency with 404 on upload, list and download, never revealing the case or its attachments', async () => {
    const caseId = await newCase();
    const mine = await upload(actors.handlerLi, caseId, { bytes: jpeg(), type: 'image/jpeg', name: 'a.jpg' });
    const attachmentId = mine.body['attachmentId'] as string;
    const stranger = actors.otherAgencyHandler;
    const answers = [
      await upload(stranger, caseId, { bytes: jpeg(), type: 'image/jpeg', name: 'b.jpg' }),
      await list(stranger, caseId),
      await download(stranger, caseId, attachmentId),
      await download(actors.otherAgencyHead, caseId, attachmentId),
    ];
    expect(answers.map((answer) => [answer.status, answer.body['code']])).toEqual(Array(4).fill([404, 'CASE_NOT_FOUND']));
    expect(answers.every((answer) => !answer.text.includes('a.jpg'))).toBe(true);
    expect((await list(actors.handlerLi, caseId)).body).toHaveLength(1);

    const unknown = await download(actors.handlerLi, caseId, randomUUID());
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'ATTACHMENT_NOT_FOUND' });
  });

  it('lets only the case’s handlers and the head upload: 403 for another role or a handler not on the case', async () => {
    const caseId = await newCase({ assigned: false });
    const reviewer = await upload(actors.reviewerZhao, caseId, { bytes: jpeg(), type: 'image/jpeg', name: 'a.jpg' });
    expect(reviewer.status).toBe(403);
    expect(reviewer.body).toMatchObject({ code: 'ROLE_NOT_PERMITTED' });
    const auditor = await upload(actors.auditorQian, caseId, { bytes: jpeg(), type: 'image/jpeg', name: 'a.jpg' });
    expect(auditor.status).toBe(403);

    // Chen is not assigned yet; Li registered the clue, and the head runs the agency.
    const notOnCase = await upload(actors.handlerChen, caseId, { bytes: jpeg(), type: 'image/jpeg', name: 'a.jpg' });
    expect(notOnCase.status).toBe(403);
    expect(notOnCase.body).toMatchObject({ code: 'NOT_CASE_PARTICIPANT' });
    expect((await upload(actors.handlerLi, caseId, { bytes: jpeg(), type: 'image/jpeg', name: 'clue.jpg' })).status).toBe(201);
    expect((await upload(actors.headWang, caseId, { bytes: jpeg(), type: 'image/jpeg', name: 'head.jpg' })).status).toBe(201);
    expect(((await list(actors.reviewerZhao, caseId)).body as unknown as { filename: string }[]).map((item) => item.filename)).toEqual([
      'clue.jpg',
      'head.jpg',
    ]);
  });

  it('replays a multipart upload sent again with the same Idempotency-Key, and refuses the key with another file', async () => {
    const caseId = await newCase();
    const key = `upload-${randomUUID()}`;
    const file = { bytes: jpeg(), type: 'image/jpeg', name: 'scene.jpg' };
    const first = await upload(actors.handlerLi, caseId, file, { category: 'photo' }, { 'Idempotency-Key': key });
    const again = await upload(actors.handlerLi, caseId, file, { category: 'photo' }, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    expect({ status: again.status, text: again.text }).toEqual({ status: 201, text: first.text });
    expect(again.headers.get('idempotency-replayed')).toBe('true');

    const other = await upload(actors.handlerLi, caseId, { ...file, bytes: jpeg() }, { category: 'photo' }, { 'Idempotency-Key': key });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect((await list(actors.handlerLi, caseId)).body).toHaveLength(1);
  });

  it('keeps the bytes out of the case’s workflow history, and the stored record unchangeable', async () => {
    const caseId = await newCase();
    const handle = temporalClients.client.workflow.getHandle(caseWorkflowId(caseId));
    const before = await settledHistoryLength(handle);
    const marker = `never-in-history-${randomUUID()}`;
    const bytes = pdfWith(marker, 256 * 1024);
    const uploaded = await upload(actors.handlerLi, caseId, { bytes, type: 'application/pdf', name: 'evidence.pdf' });
    expect(uploaded.status).toBe(201);

    expect(await settledHistoryLength(handle)).toBe(before);
    const history = Buffer.from(temporal.api.history.v1.History.encode(await handle.fetchHistory()).finish());
    expect(history.includes(marker)).toBe(false);
    expect(history.length).toBeLessThan(bytes.length);

    const attachmentId = uploaded.body['attachmentId'] as string;
    await expect(dataSource.query(`UPDATE attachments SET filename = 'other.pdf' WHERE id = $1`, [attachmentId])).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM attachment_contents WHERE attachment_id = $1`, [attachmentId])).rejects.toThrow(/append-only/);
    const [row] = await dataSource.query<{ digest: string }[]>(
      `SELECT encode(sha256(content), 'hex') AS digest FROM attachment_contents WHERE attachment_id = $1`,
      [attachmentId],
    );
    expect(row?.digest).toBe(sha256(bytes));
  });
});
