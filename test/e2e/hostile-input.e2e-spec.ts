import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { caseWorkflowId } from '@docket/contracts';
import type { Actor } from '@docket/domain';
import { tokenFor } from '../support/auth-tokens';
import { OTHER_AGENCY, AGENCY, actors, thinPath } from '../support/case-fixtures';
import { connectDatabase } from '../support/database';
import { startDocket, type DocketStack } from '../support/docket-processes';
import {
  INPUT_CLASSES,
  hostileArbitraries,
  operationsOf,
  type HostileContext,
  type HostileRequest,
  type InputClass,
  type OpenApiDocument,
  type Operation,
} from '../support/hostile-requests';
import { asUser } from '../support/http-client';
import { connectTemporal, settledHistoryLength, type TemporalClients } from '../support/temporal-clients';
import { testStack, uniqueTaskQueue } from '../support/test-stack';

/** Fixed, so a failure is reproduced by running the suite again; HOSTILE_SEED overrides it to explore. */
const SEED = Number(process.env['HOSTILE_SEED'] ?? 20_261_123);
/** Requests per input class: eleven classes, a few hundred requests in all. */
const RUNS_PER_CLASS = 45;

interface Snapshot {
  readonly version: unknown;
  readonly stage: unknown;
  readonly historyLength: number;
  readonly eventRows: number;
}

interface Outcome {
  readonly request: HostileRequest;
  readonly status: number;
  readonly contentType: string | null;
  readonly code: unknown;
  readonly field: unknown;
}

/**
 * Hostile input (issue 7, item 2): requests generated with fast-check against every route of the
 * OpenAPI document, each broken in one way. None may be answered with a 5xx; each is refused with
 * problem details carrying a code (and the field, for INVALID_INPUT); and the cases they were aimed
 * at are exactly as they were, in the API, in Temporal's history and in Postgres.
 */
describe('hostile input against every documented route', () => {
  let docket: DocketStack;
  let dataSource: DataSource;
  let temporal: TemporalClients;
  let context: HostileContext;
  /** Ours at registration, at filing and at investigation, so each step's route meets a case it applies to; and one of another agency. */
  const targets = { registered: randomUUID(), filed: randomUUID(), investigating: randomUUID(), otherAgency: randomUUID() };
  /** Registry and policy records the admin routes aim at, read whole before and after. */
  const adminTargets = [
    `/admin/agencies/${AGENCY}`,
    `/admin/agencies/${AGENCY}/policy`,
    `/admin/agencies/${AGENCY}/benchmark`,
    '/admin/users/handler-li',
    '/admin/users/head-wang',
    '/admin/calendars',
  ];

  async function caseSnapshot(caseId: string): Promise<Snapshot> {
    const reader = caseId === targets.otherAgency ? actors.otherAgencyHead : actors.headWang;
    const state = await asUser(docket.apiUrl, reader).get(`/cases/${caseId}`);
    expect(state.status).toBe(200);
    const historyLength = await settledHistoryLength(temporal.client.workflow.getHandle(caseWorkflowId(caseId)));
    const [{ count }] = await dataSource.query<[{ count: number }]>('SELECT count(*)::int AS count FROM case_events WHERE case_id = $1', [caseId]);
    return { version: state.body['version'], stage: state.body['stage'], historyLength, eventRows: count };
  }

  async function snapshotAll(): Promise<Record<string, unknown>> {
    const admin = asUser(docket.apiUrl, actors.adminZhou);
    const cases = await Promise.all(Object.values(targets).map(async (caseId) => [caseId, await caseSnapshot(caseId)] as const));
    const records = await Promise.all(adminTargets.map(async (path) => [path, (await admin.get(path)).text] as const));
    return Object.fromEntries<unknown>([...cases, ...records]);
  }

  beforeAll(async () => {
    [docket, dataSource, temporal] = await Promise.all([
      startDocket({
        databaseUrl: testStack.databaseUrl(),
        temporalAddress: testStack.temporalAddress(),
        taskQueue: uniqueTaskQueue('e2e-hostile'),
        // Above Temporal's 2 MiB payload limit, so that the API's own check before sending is what answers.
        env: { API_BODY_LIMIT_BYTES: String(6 * 1024 * 1024) },
      }),
      connectDatabase(),
      connectTemporal(),
    ]);
    const handler = asUser(docket.apiUrl, actors.handlerLi);
    const head = asUser(docket.apiUrl, actors.headWang);
    const register = async (user: ReturnType<typeof asUser>, caseId: string) => {
      const registered = await user.post('/cases', { caseId, source: 'complaint', summary: 'Expired food on sale', party: { type: 'organization', name: '上海某某食品有限公司' } });
      expect(registered.status).toBe(201);
    };
    await Promise.all([
      register(handler, targets.registered),
      register(handler, targets.filed),
      register(handler, targets.investigating),
      register(asUser(docket.apiUrl, actors.otherAgencyHandler), targets.otherAgency),
    ]);
    for (const caseId of [targets.filed, targets.investigating]) {
      expect((await head.post(`/cases/${caseId}/filing/approve`, thinPath.approveFiling)).status).toBe(200);
    }
    expect((await head.post(`/cases/${targets.investigating}/handlers`, { handlers: [{ userId: 'handler-li' }, { userId: 'handler-chen' }] })).status).toBe(200);

    const response = await fetch(`${docket.apiUrl}/docs/openapi.json`);
    const document = (await response.json()) as OpenApiDocument;
    const operations = operationsOf(document);

    // Which fixture user each route serves, found by asking: a request nobody may make is refused before its input is read.
    const candidates: Actor[] = [actors.headWang, actors.handlerLi, actors.reviewerZhao, actors.hearingOfficerZhou, actors.auditorQian, actors.adminZhou];
    const actorByRoute = new Map<string, Actor | undefined>();
    const protectedRoutes = new Set<string>();
    for (const operation of operations) {
      const key = `${operation.method} ${operation.path}`;
      const path = operation.path.replace(/\{[^}]+\}/g, () => randomUUID());
      const probe = (actor?: Actor) =>
        fetch(`${docket.apiUrl}${path}`, {
          method: operation.method.toUpperCase(),
          headers: { ...(actor === undefined ? {} : { authorization: `Bearer ${tokenFor(actor)}` }), 'content-type': 'application/json' },
          ...(operation.method === 'get' ? {} : { body: '{}' }),
        }).then(async (answer) => ({ status: answer.status, code: ((await answer.json().catch(() => ({}))) as { code?: unknown }).code }));
      if ((await probe()).status === 401) {
        protectedRoutes.add(key);
        for (const actor of candidates) {
          const answer = await probe(actor);
          if (answer.status !== 403 && answer.status !== 401) {
            actorByRoute.set(key, actor);
            break;
          }
        }
        if (!actorByRoute.has(key)) {
          actorByRoute.set(key, actors.headWang);
        }
      }
    }
    context = {
      document,
      operations,
      actorFor: (operation: Operation) => actorByRoute.get(`${operation.method} ${operation.path}`),
      isProtected: (operation: Operation) => protectedRoutes.has(`${operation.method} ${operation.path}`),
      ownCaseIds: [targets.registered, targets.filed, targets.investigating],
      otherAgencyCaseId: targets.otherAgency,
      otherAgencyActors: [actors.otherAgencyHead, actors.otherAgencyHandler, actors.otherAgencyReviewer],
      otherAgencyUserId: actors.otherAgencyHandler.userId,
      ownAgencyId: AGENCY,
      ownAgencyActor: actors.headWang,
      otherAgencyId: OTHER_AGENCY,
    };
  }, 180_000);

  afterAll(async () => {
    await docket?.stop();
    await dataSource?.destroy();
    await temporal?.close();
  });

  async function send(request: HostileRequest): Promise<Outcome> {
    const response = await fetch(`${docket.apiUrl}${request.path}`, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
    });
    const text = await response.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // Judged below: an answer that is not problem details is itself a fault.
    }
    return { request, status: response.status, contentType: response.headers.get('content-type'), code: parsed['code'], field: parsed['field'] };
  }

  function faultsOf(outcome: Outcome): string[] {
    const faults: string[] = [];
    if (outcome.status >= 500) {
      faults.push(`answered ${outcome.status} ${String(outcome.code)}`);
    }
    if (outcome.request.mustRefuse && outcome.status < 400) {
      faults.push(`accepted with ${outcome.status}`);
    }
    if (outcome.status >= 400) {
      if (!/^application\/problem\+json/.test(outcome.contentType ?? '')) {
        faults.push(`answered ${outcome.status} as ${outcome.contentType ?? 'no content type'}, not problem+json`);
      }
      if (typeof outcome.code !== 'string') {
        faults.push(`answered ${outcome.status} without a code`);
      }
      if (outcome.code === 'INVALID_INPUT' && (typeof outcome.field !== 'string' || outcome.field === '')) {
        faults.push('INVALID_INPUT without the field at fault');
      }
    }
    return faults;
  }

  it('answers every generated request with a clear refusal, never a 5xx, and changes no case', async () => {
    const arbitraries = hostileArbitraries(context);
    const before = await snapshotAll();
    const table: Array<{ inputClass: InputClass; requests: number; fiveHundreds: number; accepted: number; faults: number; changedCases: number }> = [];
    const faults: string[] = [];
    let previous = before;
    for (const inputClass of INPUT_CLASSES) {
      const requests = fc.sample(arbitraries[inputClass], { seed: SEED + INPUT_CLASSES.indexOf(inputClass), numRuns: RUNS_PER_CLASS });
      let fiveHundreds = 0;
      let accepted = 0;
      let faulty = 0;
      for (const request of requests) {
        const outcome = await send(request);
        const found = faultsOf(outcome);
        fiveHundreds += outcome.status >= 500 ? 1 : 0;
        accepted += outcome.status < 400 ? 1 : 0;
        if (found.length > 0) {
          faulty += 1;
          faults.push(`[${inputClass}] ${request.method} ${request.path.slice(0, 120)} — ${request.description}: ${found.join('; ')} (${JSON.stringify(outcome.code)}${outcome.field === undefined ? '' : ` field ${JSON.stringify(outcome.field)}`})`);
        }
      }
      const after = await snapshotAll();
      const changed = Object.keys(after).filter((key) => JSON.stringify(after[key]) !== JSON.stringify(previous[key]));
      faults.push(...changed.map((key) => `[${inputClass}] changed ${key}: ${JSON.stringify(previous[key]).slice(0, 200)} → ${JSON.stringify(after[key]).slice(0, 200)}`));
      table.push({ inputClass, requests: requests.length, fiveHundreds, accepted, faults: faulty, changedCases: changed.length });
      previous = after;
    }
    // The closing note's table; printed on success too.
    process.stdout.write(
      `\nhostile input, seed ${SEED}\n${['class | requests | 5xx | accepted | faults | changed targets', ...table.map((row) => `${row.inputClass} | ${row.requests} | ${row.fiveHundreds} | ${row.accepted} | ${row.faults} | ${row.changedCases}`)].join('\n')}\n`,
    );
    expect({ seed: SEED, faults }).toEqual({ seed: SEED, faults: [] });
    expect(await snapshotAll()).toEqual(before);
  }, 600_000);

  it('refuses a step too large for Temporal with 413 naming the field, before anything reaches the workflow', async () => {
    const head = asUser(docket.apiUrl, actors.headWang);
    const before = await caseSnapshot(targets.registered);
    const answer = await head.post(`/cases/${targets.registered}/actions/decline-filing`, { reason: '字'.repeat(1_000_000) });
    expect({ status: answer.status, code: answer.body['code'], field: answer.body['field'] }).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE', field: 'reason' });
    expect(answer.contentType).toMatch(/^application\/problem\+json/);
    expect(await caseSnapshot(targets.registered)).toEqual(before);
  });

  it('keeps writing that is not hostile: CJK, emoji, combining marks and line breaks are stored as sent', async () => {
    const handler = asUser(docket.apiUrl, actors.handlerLi);
    const summary = '举报：过期食品 😀👩🏽‍⚖️ café e\u0301 — عربى\nsecond line\tend';
    const caseId = randomUUID();
    const registered = await handler.post('/cases', { caseId, source: 'complaint', summary, party: { type: 'individual', name: '张三\u0301' } });
    expect(registered.status).toBe(201);
    const read = await asUser(docket.apiUrl, actors.headWang).get<{ clue: { summary: string; party: { name: string } } }>(`/cases/${caseId}`);
    expect(read.body.clue.summary).toBe(summary);
    expect(read.body.clue.party.name).toBe('张三\u0301');
  });
});
