import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { actors, thinPath } from '../support/case-fixtures';
import { connectDatabase, eventRows } from '../support/database';
import { startDocket, type DocketStack } from '../support/docket-processes';
import { asUser } from '../support/http-client';
import { testStack, uniqueTaskQueue } from '../support/test-stack';

/** Idempotency-Key on POST: a retried request is answered again and changes nothing. */
describe('Idempotency-Key over HTTP', () => {
  let docket: DocketStack;
  let dataSource: DataSource;
  let handler: ReturnType<typeof asUser>;
  let handlerChen: ReturnType<typeof asUser>;
  let head: ReturnType<typeof asUser>;

  beforeAll(async () => {
    [docket, dataSource] = await Promise.all([
      startDocket({
        databaseUrl: testStack.databaseUrl(),
        temporalAddress: testStack.temporalAddress(),
        taskQueue: uniqueTaskQueue('e2e-idempotency'),
      }),
      connectDatabase(),
    ]);
    handler = asUser(docket.apiUrl, actors.handlerLi);
    handlerChen = asUser(docket.apiUrl, actors.handlerChen);
    head = asUser(docket.apiUrl, actors.headWang);
  });

  afterAll(async () => {
    await docket?.stop();
    await dataSource?.destroy();
  });

  const newCase = (caseId = randomUUID()) => ({
    caseId,
    source: 'complaint',
    summary: 'Complaint: expired food on sale at the Xinhua Road shop',
    violationCode: 'FSL-124-1-3',
    party: { type: 'organization', name: '上海某某食品有限公司' },
  });
  const withKey = (key: string) => ({ 'Idempotency-Key': key });

  it('answers a repeated step with the first answer, byte for byte, and takes the step once', async () => {
    const registrationKey = `register-${randomUUID()}`;
    const body = newCase();
    const registered = await handler.post('/cases', body, withKey(registrationKey));
    const registeredAgain = await handler.post('/cases', body, withKey(registrationKey));
    expect(registered.status).toBe(201);
    expect(registered.headers.get('idempotency-replayed')).toBeNull();
    // Without the key a repeated registration is a 200; with it, the first answer itself.
    expect({ status: registeredAgain.status, text: registeredAgain.text, contentType: registeredAgain.contentType }).toEqual({
      status: 201,
      text: registered.text,
      contentType: registered.contentType,
    });
    expect(registeredAgain.headers.get('idempotency-replayed')).toBe('true');

    const key = `approve-${randomUUID()}`;
    const first = await head.post(`/cases/${body.caseId}/filing/approve`, thinPath.approveFiling, withKey(key));
    const second = await head.post(`/cases/${body.caseId}/filing/approve`, thinPath.approveFiling, withKey(key));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ stage: 'filed', version: 2 });
    expect(first.headers.get('idempotency-replayed')).toBeNull();
    expect({ status: second.status, contentType: second.contentType, text: second.text }).toEqual({
      status: first.status,
      contentType: first.contentType,
      text: first.text,
    });
    expect(second.headers.get('idempotency-replayed')).toBe('true');

    expect((await head.get(`/cases/${body.caseId}`)).body).toMatchObject({ stage: 'filed', version: 2 });
    const approvals = (await eventRows(dataSource, body.caseId)).filter((row) => row.type === 'filing_approved');
    expect(approvals.map((row) => [row.sequence, row.actor_id])).toEqual([[2, 'head-wang']]);
  });

  it('refuses the same key with another request with 422 IDEMPOTENCY_KEY_REUSED, changing nothing', async () => {
    const key = `reuse-${randomUUID()}`;
    const body = newCase();
    expect((await handler.post('/cases', body, withKey(key))).status).toBe(201);

    const other = newCase();
    const reused = await handler.post('/cases', other, withKey(key));
    expect(reused.status).toBe(422);
    expect(reused.contentType).toMatch(/^application\/problem\+json/);
    expect(reused.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' });
    expect((await handler.get(`/cases/${other.caseId}`)).status).toBe(404);

    // Refused before the step is looked at: the same key on another route is another request too.
    // (The generic action route is open to handlers, so the route's role gate lets it through to the key check.)
    const otherPath = await handler.post(`/cases/${body.caseId}/actions/approve-filing`, thinPath.approveFiling, withKey(key));
    expect(otherPath.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect((await handler.get(`/cases/${body.caseId}`)).body).toMatchObject({ stage: 'clue', version: 1 });
  });

  it('keeps keys apart per user: another user with the same key is handled on its own', async () => {
    const key = `shared-${randomUUID()}`;
    const mine = newCase();
    const theirs = newCase();
    const first = await handler.post('/cases', mine, withKey(key));
    const second = await handlerChen.post('/cases', theirs, withKey(key));
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers.get('idempotency-replayed')).toBeNull();
    expect(second.body).toMatchObject({ caseId: theirs.caseId });
    expect((await handlerChen.get(`/cases/${theirs.caseId}`)).body).toMatchObject({ registeredBy: { userId: 'handler-chen' } });

    // The same request by another user is not answered from the first user's record either.
    const sameBody = await handlerChen.post('/cases', mine, withKey(`${key}-again`));
    expect(sameBody.headers.get('idempotency-replayed')).toBeNull();
  });

  it('replays a domain refusal (409) as it was first answered', async () => {
    const { body } = await handler.post('/cases', newCase());
    const caseId = body['caseId'] as string;
    const key = `decide-${randomUUID()}`;

    const first = await head.post(`/cases/${caseId}/decision`, thinPath.decide, withKey(key));
    expect(first.status).toBe(409);
    expect(first.body).toMatchObject({ code: 'STAGE_TRANSITION_NOT_ALLOWED' });
    const second = await head.post(`/cases/${caseId}/decision`, thinPath.decide, withKey(key));
    expect({ status: second.status, contentType: second.contentType, text: second.text }).toEqual({
      status: 409,
      contentType: first.contentType,
      text: first.text,
    });
    expect(second.headers.get('idempotency-replayed')).toBe('true');
    expect((await head.get(`/cases/${caseId}`)).body).toMatchObject({ stage: 'clue', version: 1 });
  });

  it('takes a step once when the same request arrives twice at the same time', async () => {
    const { body } = await handler.post('/cases', newCase());
    const caseId = body['caseId'] as string;
    const key = `concurrent-${randomUUID()}`;
    const answers = await Promise.all([1, 2].map(() => head.post(`/cases/${caseId}/filing/approve`, thinPath.approveFiling, withKey(key))));

    // One is handled; the other either waits its turn (409 in progress) or is answered with the first answer.
    const handled = answers.filter((answer) => answer.headers.get('idempotency-replayed') === null && answer.status === 200);
    expect(handled).toHaveLength(1);
    for (const other of answers.filter((answer) => !handled.includes(answer))) {
      expect(other.status === 409 ? other.body['code'] : other.text).toBe(other.status === 409 ? 'IDEMPOTENCY_REQUEST_IN_PROGRESS' : handled[0]?.text);
    }
    const retried = await head.post(`/cases/${caseId}/filing/approve`, thinPath.approveFiling, withKey(key));
    expect(retried.text).toBe(handled[0]?.text);
    expect((await head.get(`/cases/${caseId}`)).body).toMatchObject({ stage: 'filed', version: 2 });
  });

  it('answers a malformed key with 400 naming the header, and changes nothing', async () => {
    for (const key of ['has spaces', 'ü-not-ascii', 'x'.repeat(201)]) {
      const body = newCase();
      const response = await handler.post('/cases', body, withKey(key));
      expect({ key, status: response.status }).toEqual({ key, status: 400 });
      expect(response.body).toMatchObject({ code: 'INVALID_INPUT', field: 'Idempotency-Key' });
      expect((await handler.get(`/cases/${body.caseId}`)).status).toBe(404);
    }
    expect((await handler.post('/cases', newCase(), withKey('x'.repeat(200)))).status).toBe(201);
  });

  it('documents the header on every POST in the OpenAPI document', async () => {
    const response = await fetch(`${docket.apiUrl}/docs/openapi.json`);
    const document = (await response.json()) as {
      paths: Record<string, Record<string, { parameters?: Array<{ $ref?: string }> }>>;
      components: { parameters: Record<string, { name: string; in: string; required: boolean }> };
    };
    expect(document.components.parameters['IdempotencyKey']).toMatchObject({ name: 'Idempotency-Key', in: 'header', required: false });
    const casePosts = Object.entries(document.paths).filter(([path, item]) => path.startsWith('/cases') && item['post'] !== undefined);
    expect(casePosts.length).toBeGreaterThan(5);
    const undocumented = casePosts
      .filter(([, item]) => !(item['post']?.parameters ?? []).some((parameter) => parameter.$ref === '#/components/parameters/IdempotencyKey'))
      .map(([path]) => path);
    expect(undocumented).toEqual([]);
  });
});
