import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@docket/domain';
import { freePort } from '@docket/dev-infra';
import { tokenFor } from '../support/auth-tokens';
import { actors } from '../support/case-fixtures';
import { startDocket, startDocketProcess, type DocketProcess, type DocketStack } from '../support/docket-processes';
import { registerUsers } from '../support/identity-registry';
import { testStack, uniqueTaskQueue } from '../support/test-stack';

type Json = Record<string, unknown>;

async function call(url: string, init: RequestInit = {}): Promise<{ status: number; body: Json; headers: Headers; text: string }> {
  const response = await fetch(url, { redirect: 'manual', ...init });
  const text = await response.text();
  let body: Json = {};
  try {
    body = text === '' ? {} : (JSON.parse(text) as Json);
  } catch {
    body = {};
  }
  return { status: response.status, body, headers: response.headers, text };
}

const postJson = (url: string, body: unknown) => call(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/**
 * The console's sign-in endpoints and the console itself, served by the API process: local sign-in
 * on (as `npm start` runs it) and off (as production runs it).
 */
describe('signing in to the console and serving it', () => {
  let docket: DocketStack;
  let withoutLocal: DocketProcess;
  let withoutLocalUrl: string;
  let noConsoleDir: string;
  let withoutConsole: DocketProcess;
  let withoutConsoleUrl: string;

  beforeAll(async () => {
    docket = await startDocket({
      databaseUrl: testStack.databaseUrl(),
      temporalAddress: testStack.temporalAddress(),
      taskQueue: uniqueTaskQueue('e2e-sign-in'),
      env: { AUTH_LOCAL_SIGNIN: 'enabled' },
    });
    const offPort = await freePort();
    withoutLocal = await startDocketProcess('api', { ...docket.env, API_PORT: String(offPort), AUTH_LOCAL_SIGNIN: 'disabled' });
    withoutLocalUrl = `http://127.0.0.1:${offPort}`;
    noConsoleDir = await mkdtemp(join(tmpdir(), 'docket-no-console-'));
    const bareport = await freePort();
    withoutConsole = await startDocketProcess('api', { ...docket.env, API_PORT: String(bareport), WEB_DIST_DIR: noConsoleDir });
    withoutConsoleUrl = `http://127.0.0.1:${bareport}`;
  });

  afterAll(async () => {
    await withoutConsole?.stop();
    await withoutLocal?.stop();
    await docket?.stop();
    if (noConsoleDir !== undefined) {
      await rm(noConsoleDir, { recursive: true, force: true });
    }
  });

  it('tells the console which sign-in exists, and warns at start that local sign-in is for development', async () => {
    expect((await call(`${docket.apiUrl}/auth/config`)).body).toEqual({ local: true });
    expect((await call(`${withoutLocalUrl}/auth/config`)).body).toEqual({ local: false });
    expect(docket.api.output()).toMatch(/local sign-in is enabled.*development and tests only/);
    expect(withoutLocal.output()).not.toMatch(/local sign-in is enabled/);
  });

  it('lists the registry’s active users with their agencies and roles, and only when local sign-in is on', async () => {
    const listed = await call(`${docket.apiUrl}/auth/local/users`);
    expect(listed.status).toBe(200);
    const users = listed.body as unknown as Array<{ id: string; agencies: Array<{ agencyId: string; agencyName: string; roles: string[] }> }>;
    // The registry is shared with the other suites, which grant the fixture users roles elsewhere too.
    expect(users.find((user) => user.id === actors.handlerLi.userId)?.agencies).toEqual(
      expect.arrayContaining([{ agencyId: actors.handlerLi.agencyId, agencyName: '浦东新区市场监督管理局', roles: ['handler'] }]),
    );
    expect(users.find((user) => user.id === actors.auditorQian.userId)?.agencies).toEqual(
      expect.arrayContaining([expect.objectContaining({ agencyId: actors.auditorQian.agencyId, roles: ['auditor'] })]),
    );
    const disabled = await call(`${withoutLocalUrl}/auth/local/users`);
    expect({ status: disabled.status, code: disabled.body['code'] }).toEqual({ status: 404, code: 'LOCAL_SIGN_IN_DISABLED' });
    const refused = await postJson(`${withoutLocalUrl}/auth/local/sessions`, { userId: actors.handlerLi.userId, agencyId: actors.handlerLi.agencyId });
    expect({ status: refused.status, code: refused.body['code'] }).toEqual({ status: 404, code: 'LOCAL_SIGN_IN_DISABLED' });
  });

  it('mints an 8-hour token with the roles the registry grants at that agency, which works on the inbox', async () => {
    const before = Date.now();
    const session = await postJson(`${docket.apiUrl}/auth/local/sessions`, { userId: actors.handlerLi.userId, agencyId: actors.handlerLi.agencyId });
    expect(session.status).toBe(200);
    expect(session.body).toEqual({
      token: expect.any(String) as unknown,
      expiresAt: expect.any(String) as unknown,
      userId: actors.handlerLi.userId,
      agencyId: actors.handlerLi.agencyId,
      roles: ['handler'],
    });
    const hours = (Date.parse(session.body['expiresAt'] as string) - before) / 3_600_000;
    expect(Math.round(hours)).toBe(8);
    const inbox = await call(`${docket.apiUrl}/inbox`, { headers: { authorization: `Bearer ${session.body['token'] as string}` } });
    expect({ status: inbox.status, code: inbox.body['code'] }).toEqual({ status: 200, code: undefined });
  });

  it('refuses an unknown user (404), a bad body (400 naming the field), an agency where the user holds no role and a deactivated user (403)', async () => {
    const unknown = await postJson(`${docket.apiUrl}/auth/local/sessions`, { userId: 'nobody-here', agencyId: actors.handlerLi.agencyId });
    expect({ status: unknown.status, code: unknown.body['code'], field: unknown.body['field'] }).toEqual({ status: 404, code: 'USER_NOT_FOUND', field: 'userId' });
    const bad = await postJson(`${docket.apiUrl}/auth/local/sessions`, { userId: 'handler li', agencyId: actors.handlerLi.agencyId });
    expect({ status: bad.status, code: bad.body['code'], field: bad.body['field'] }).toEqual({ status: 400, code: 'INVALID_INPUT', field: 'userId' });
    const missing = await postJson(`${docket.apiUrl}/auth/local/sessions`, { userId: actors.handlerLi.userId });
    expect({ status: missing.status, field: missing.body['field'] }).toEqual({ status: 400, field: 'agencyId' });
    const elsewhere = await postJson(`${docket.apiUrl}/auth/local/sessions`, { userId: actors.handlerLi.userId, agencyId: actors.otherAgencyHead.agencyId });
    expect({ status: elsewhere.status, code: elsewhere.body['code'], field: elsewhere.body['field'] }).toEqual({ status: 403, code: 'ROLE_NOT_GRANTED', field: 'agencyId' });

    const leaver: Actor = { userId: 'reviewer-leaving', role: 'reviewer', agencyId: actors.reviewerZhao.agencyId };
    await registerUsers(docket.apiUrl, [leaver]);
    expect((await postJson(`${docket.apiUrl}/auth/local/sessions`, { userId: leaver.userId, agencyId: leaver.agencyId })).status).toBe(200);
    const deactivated = await call(`${docket.apiUrl}/admin/users/${leaver.userId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenFor(actors.adminZhou)}` },
      body: JSON.stringify({ displayName: leaver.userId, active: false }),
    });
    expect(deactivated.status).toBe(200);
    const refused = await postJson(`${docket.apiUrl}/auth/local/sessions`, { userId: leaver.userId, agencyId: leaver.agencyId });
    expect({ status: refused.status, code: refused.body['code'] }).toEqual({ status: 403, code: 'USER_DEACTIVATED' });
    const listed = (await call(`${docket.apiUrl}/auth/local/users`)).body as unknown as Array<{ id: string }>;
    expect(listed.map((user) => user.id)).not.toContain(leaver.userId);
  });

  it('serves the console at /app with cached assets, answers its routes with index.html and sends / there', async () => {
    const root = await call(`${docket.apiUrl}/`);
    expect({ status: root.status, location: root.headers.get('location') }).toEqual({ status: 302, location: '/app/' });
    const index = await call(`${docket.apiUrl}/app/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const deepLink = await call(`${docket.apiUrl}/app/cases/some-case?tab=evidence`);
    expect({ status: deepLink.status, same: deepLink.text === index.text }).toEqual({ status: 200, same: true });
    const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(index.text)?.[1];
    expect(script).toBeDefined();
    const asset = await call(`${docket.apiUrl}${script ?? ''}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const missingAsset = await call(`${docket.apiUrl}/app/assets/index-gone.js`);
    expect({ status: missingAsset.status, code: missingAsset.body['code'] }).toEqual({ status: 404, code: 'ROUTE_NOT_FOUND' });
    // Not API routes: absent from the OpenAPI document.
    const document = (await call(`${docket.apiUrl}/docs/openapi.json`)).body as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths).filter((path) => path === '/' || path.startsWith('/app'))).toEqual([]);
  });

  it('still runs without a console build, and says at /app that the console was not built', async () => {
    const answer = await call(`${withoutConsoleUrl}/app/inbox`);
    expect({ status: answer.status, code: answer.body['code'], type: answer.headers.get('content-type') }).toEqual({
      status: 404,
      code: 'CONSOLE_NOT_BUILT',
      type: 'application/problem+json; charset=utf-8',
    });
    expect(answer.body['detail']).toMatch(/npm run build:web/);
    expect((await call(`${withoutConsoleUrl}/health`)).status).toBe(200);
  });
});
