import { signTestToken } from '../support/auth-tokens';
import { startDocket, type DocketStack } from '../support/docket-processes';
import { testStack, uniqueTaskQueue } from '../support/test-stack';

const AGENCY = 'sh-pudong-amr';

/** Bearer tokens at the real API process: who gets in, and in which role. */
describe('authentication with bearer tokens', () => {
  let docket: DocketStack;

  beforeAll(async () => {
    docket = await startDocket({
      databaseUrl: testStack.databaseUrl(),
      temporalAddress: testStack.temporalAddress(),
      taskQueue: uniqueTaskQueue('e2e-auth'),
    });
  });

  afterAll(async () => {
    await docket?.stop();
  });

  async function calendars(headers: Record<string, string>): Promise<{ status: number; authenticate: string | null; body: Record<string, unknown> }> {
    const response = await fetch(`${docket.apiUrl}/admin/calendars`, { headers });
    return { status: response.status, authenticate: response.headers.get('www-authenticate'), body: (await response.json()) as Record<string, unknown> };
  }

  const bearer = (token: string, role?: string): Record<string, string> => ({
    authorization: `Bearer ${token}`,
    ...(role === undefined ? {} : { 'x-docket-role': role }),
  });
  const admin = { sub: 'admin-root', agency: AGENCY, roles: ['admin'] };

  it('refuses a request without a token with 401, a code and a Bearer challenge', async () => {
    const response = await calendars({});
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(response.authenticate).toMatch(/^Bearer /);
  });

  it('no longer accepts an identity from headers', async () => {
    const response = await calendars({ 'x-docket-user-id': 'admin-root', 'x-docket-role': 'admin', 'x-docket-agency-id': AGENCY });
    expect(response).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
  });

  it.each([
    ['a malformed token', 'not-a-jwt'],
    ['an expired token', signTestToken({ ...admin, expiresIn: -3600 })],
    ['a token signed with another secret', signTestToken({ ...admin, secret: 'some-other-secret-of-at-least-32-bytes' })],
    ['a token for another audience', signTestToken({ ...admin, aud: 'someone-else' })],
    ['a token from another issuer', signTestToken({ ...admin, iss: 'someone-else' })],
  ])('refuses %s with 401', async (_case, token) => {
    const response = await calendars(bearer(token));
    expect(response).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    expect(response.authenticate).toMatch(/^Bearer /);
  });

  it('lets a valid token in, and answers 403 when its role lacks the right', async () => {
    expect((await calendars(bearer(signTestToken(admin)))).status).toBe(200);
    const handler = await calendars(bearer(signTestToken({ sub: 'handler-li', agency: AGENCY, roles: ['handler'] })));
    expect(handler).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_PERMITTED' } });
    expect(handler.authenticate).toBeNull();
  });

  it('acts in the role a multi-role token names with X-Docket-Role, and only in one it grants', async () => {
    const token = signTestToken({ sub: 'head-wang', agency: AGENCY, roles: ['head', 'admin'] });
    expect((await calendars(bearer(token, 'admin'))).status).toBe(200);
    expect(await calendars(bearer(token, 'head'))).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_PERMITTED' } });
    expect(await calendars(bearer(token, 'auditor'))).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_PERMITTED', field: 'x-docket-role' } });
    expect(await calendars(bearer(token))).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_PERMITTED', field: 'x-docket-role' } });
    const single = signTestToken(admin);
    expect(await calendars(bearer(single, 'head'))).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_PERMITTED' } });
  });

  it('keeps health and the API documentation public, and documents bearer authentication', async () => {
    expect((await fetch(`${docket.apiUrl}/health`)).status).toBe(200);
    expect((await fetch(`${docket.apiUrl}/docs`)).status).toBe(200);
    const document = (await (await fetch(`${docket.apiUrl}/docs/openapi.json`)).json()) as {
      components: { securitySchemes?: Record<string, { type: string; scheme?: string }> };
      paths: Record<string, Record<string, { security?: unknown[]; parameters?: { name: string }[] }>>;
    };
    expect(Object.values(document.components.securitySchemes ?? {})).toContainEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
    const getCase = document.paths['/cases/{caseId}']?.['get'];
    expect(getCase?.security).toBeDefined();
    expect(getCase?.parameters?.map((parameter) => parameter.name)).not.toContain('x-docket-user-id');
  });
});
