import { randomUUID } from 'node:crypto';
import type { Actor } from '@docket/domain';
import { tokenFor } from '../support/auth-tokens';
import { actors } from '../support/case-fixtures';
import { startDocket, type DocketStack } from '../support/docket-processes';
import { testStack, uniqueTaskQueue } from '../support/test-stack';

type Json = Record<string, unknown>;

interface OpenApiDocument {
  readonly paths: Record<string, Record<string, Json>>;
  readonly components?: Json;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly operation: Json;
}

const adminZhou: Actor = { userId: 'admin-zhou', role: 'admin', agencyId: 'sh-municipal-it' };

/**
 * Requests the test knows the API serves, and the document must therefore describe. Each is
 * answered without ROUTE_NOT_FOUND by the running API (checked below too), so a route added to a
 * controller without being documented, or documented under another path, fails here.
 */
const KNOWN_ROUTES: ReadonlyArray<readonly [method: string, path: string]> = [
  ['get', '/health'],
  ['get', '/public/decisions'],
  ['get', '/auth/config'],
  ['get', '/auth/local/users'],
  ['post', '/auth/local/sessions'],
  ['get', '/metrics'],
  ['get', '/supervision/figures'],
  ['get', '/supervision/agencies'],
  ['post', '/audit/replays'],
  ['get', '/audit/replays'],
  ['get', '/audit/replays/{jobId}'],
  ['post', '/codec/decode'],
  ['post', '/codec/encode'],
  ['post', '/cases'],
  ['get', '/cases'],
  ['get', '/cases/{caseId}'],
  ['get', '/cases/{caseId}/actions'],
  ['get', '/cases/{caseId}/history'],
  ['get', '/cases/{caseId}/timeline'],
  ['get', '/cases/{caseId}/verify'],
  ['get', '/inbox'],
  ['post', '/inbox/{caseId}/{action}/claim'],
  ['post', '/inbox/{caseId}/{action}/release'],
  ['post', '/inbox/{caseId}/{action}/assignment'],
  ['post', '/cases/{caseId}/attachments'],
  ['get', '/cases/{caseId}/attachments'],
  ['get', '/cases/{caseId}/attachments/{attachmentId}'],
  ['post', '/cases/{caseId}/actions/{action}'],
  ['post', '/cases/{caseId}/filing/approve'],
  ['post', '/cases/{caseId}/filing/decline'],
  ['post', '/cases/{caseId}/handlers'],
  ['post', '/cases/{caseId}/investigation-report'],
  ['post', '/cases/{caseId}/legal-review'],
  ['post', '/cases/{caseId}/notice/close'],
  ['post', '/cases/{caseId}/decision'],
  ['post', '/cases/{caseId}/closing'],
  ['get', '/cases/{caseId}/transfers/{kind}'],
  ['post', '/cases/{caseId}/transfers/{kind}/actions/{action}'],
  ['get', '/admin/agencies/{agencyId}/policy'],
  ['put', '/admin/agencies/{agencyId}/policy'],
  ['get', '/admin/agencies/{agencyId}/policy/versions'],
  ['get', '/admin/agencies/{agencyId}/benchmark'],
  ['put', '/admin/agencies/{agencyId}/benchmark'],
  ['get', '/admin/agencies/{agencyId}/benchmark/versions'],
  ['get', '/admin/calendars'],
  ['put', '/admin/calendars/{year}'],
  ['get', '/admin/agencies'],
  ['get', '/admin/agencies/{agencyId}'],
  ['put', '/admin/agencies/{agencyId}'],
  ['get', '/admin/users'],
  ['get', '/admin/users/{userId}'],
  ['put', '/admin/users/{userId}'],
  ['put', '/admin/users/{userId}/agencies/{agencyId}/roles'],
  ['put', '/admin/users/{userId}/certificates/{certificateNumber}'],
  ['post', '/admin/users/{userId}/certificates/{certificateNumber}/revocation'],
];

function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => item[method] !== undefined).map((method) => ({ method, path, operation: item[method] })),
  );
}

/** Follows a local `$ref` (`#/components/...`) to what it names. */
function resolve(document: OpenApiDocument, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && typeof (value as Json)['$ref'] === 'string') {
    const ref = (value as Json)['$ref'] as string;
    return ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Json)[key] : undefined), document);
  }
  return value;
}

/** Whether an example is given anywhere in the value, following `$ref`s (an example on a property of a referenced schema counts). */
function hasExample(document: OpenApiDocument, value: unknown, seen = new Set<unknown>()): boolean {
  const node = resolve(document, value);
  if (typeof node !== 'object' || node === null || seen.has(node)) {
    return false;
  }
  seen.add(node);
  if (!Array.isArray(node) && (('example' in node && (node as Json)['example'] !== undefined) || 'examples' in node)) {
    return true;
  }
  return Object.values(node).some((child) => hasExample(document, child, seen));
}

/** A path with every `{param}` filled with something no case, agency, kind or step is called: nothing is found, nothing changes. */
function concretePath(path: string): string {
  return path.replace(/\{[^}]+\}/g, () => randomUUID());
}

describe('the OpenAPI document and the routes the API serves', () => {
  let docket: DocketStack;
  let document: OpenApiDocument;

  beforeAll(async () => {
    docket = await startDocket({
      databaseUrl: testStack.databaseUrl(),
      temporalAddress: testStack.temporalAddress(),
      taskQueue: uniqueTaskQueue('e2e-openapi'),
    });
    const response = await fetch(`${docket.apiUrl}/docs/openapi.json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as OpenApiDocument;
  });

  afterAll(async () => {
    await docket?.stop();
  });

  /** The answer to a request with an empty body, as a user who may use the route (admin under /admin, head elsewhere). */
  async function probe(method: string, path: string): Promise<{ status: number; code: unknown }> {
    const actor = path.startsWith('/admin') ? adminZhou : actors.headWang;
    const withBody = method === 'post' || method === 'put' || method === 'patch';
    const response = await fetch(`${docket.apiUrl}${path}`, {
      method: method.toUpperCase(),
      headers: { authorization: `Bearer ${tokenFor(actor)}`, ...(withBody ? { 'content-type': 'application/json' } : {}) },
      ...(withBody ? { body: '{}' } : {}),
    });
    const text = await response.text();
    let code: unknown;
    try {
      code = (JSON.parse(text) as Json)['code'];
    } catch {
      code = undefined;
    }
    return { status: response.status, code };
  }

  const routeNotFound = (answer: { status: number; code: unknown }) => answer.status === 404 && answer.code === 'ROUTE_NOT_FOUND';

  it('tells a route that is not served by ROUTE_NOT_FOUND, which the checks below rely on', async () => {
    expect(await probe('get', `/no-such-route/${randomUUID()}`)).toEqual({ status: 404, code: 'ROUTE_NOT_FOUND' });
    expect(await probe('delete', `/cases/${randomUUID()}`)).toEqual({ status: 404, code: 'ROUTE_NOT_FOUND' });
  });

  it('serves the interactive documentation page', async () => {
    const response = await fetch(`${docket.apiUrl}/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toMatch(/swagger-ui/i);
  });

  it('documents only routes the running API serves', async () => {
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThanOrEqual(KNOWN_ROUTES.length);
    const unserved: string[] = [];
    for (const { method, path } of operations) {
      const answer = await probe(method, concretePath(path));
      if (routeNotFound(answer)) {
        unserved.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(unserved).toEqual([]);
  });

  it('documents every route the test knows the API serves, and the API serves each of them', async () => {
    const documented = new Set(operationsOf(document).map(({ method, path }) => `${method.toUpperCase()} ${path}`));
    const known = KNOWN_ROUTES.map(([method, path]) => `${method.toUpperCase()} ${path}`);
    expect(known.filter((route) => !documented.has(route))).toEqual([]);

    const unserved: string[] = [];
    for (const [method, path] of KNOWN_ROUTES) {
      if (routeNotFound(await probe(method, concretePath(path)))) {
        unserved.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(unserved).toEqual([]);
  });

  it('gives every operation a summary and an example of its answer, and every POST and PUT a documented body with an example', () => {
    const faults: string[] = [];
    for (const { method, path, operation } of operationsOf(document)) {
      const name = `${method.toUpperCase()} ${path}`;
      if (typeof operation['summary'] !== 'string' || operation['summary'].trim() === '') {
        faults.push(`${name}: no summary`);
      }
      const responses = (operation['responses'] ?? {}) as Record<string, unknown>;
      const success = Object.entries(responses).filter(([status]) => /^2\d\d$/.test(status));
      if (success.length === 0) {
        faults.push(`${name}: no 2xx response`);
      } else if (!success.some(([, response]) => hasExample(document, response))) {
        faults.push(`${name}: no example of its 2xx answer`);
      }
      if (method === 'post' || method === 'put' || method === 'patch') {
        const body = resolve(document, operation['requestBody']) as Json | undefined;
        if (body === undefined || body['content'] === undefined) {
          faults.push(`${name}: no request body documented`);
        } else if (!hasExample(document, body)) {
          faults.push(`${name}: no example of its request body`);
        }
      }
    }
    expect(faults).toEqual([]);
  });
});
