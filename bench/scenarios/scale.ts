import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Role, type Actor } from '@docket/domain';
import { caseWorkflowId } from '@docket/contracts';
import { CaseSearchRepository, WorkQueueRepository, type CaseSearchQuery } from '@docket/persistence';
import { AGENCY, actors } from '../../test/support/case-fixtures';
import { asUser } from '../../test/support/http-client';
import { registerUsers } from '../../test/support/identity-registry';
// The case-search benchmark's loader, shared rather than copied.
import { loadCases } from '../search/load-cases.cjs';
import { processMemory, type ProcessMemory } from '../lib/process-memory';
import { waitForProjection, type BenchStack, type Log } from '../lib/stack';
import { elapsedMs, inParallel, round, summarize, type LatencySummary } from '../lib/stats';

export interface QueryTiming {
  readonly name: string;
  readonly request: string;
  readonly actor: string;
  readonly items: number;
  readonly ms: LatencySummary;
  /** EXPLAIN (ANALYZE, BUFFERS) of the statement the repository sends, when the query missed its target. */
  readonly plan?: readonly string[];
}

export interface ScaleResult {
  readonly openCases: number;
  readonly registered: { readonly cases: number; readonly seconds: number; readonly perSecond: number };
  /** Timers still pending in one of the open cases' histories, to show they wait on timers. */
  readonly pendingTimersPerCase: number;
  readonly memory: { readonly worker: ProcessMemory; readonly api: ProcessMemory };
  readonly atOpenCases: readonly QueryTiming[];
  readonly seed?: {
    readonly rows: number;
    readonly projectionRows: number;
    readonly workItems: number;
    readonly loadSeconds: number;
    readonly workItemSeconds: number;
    readonly queries: readonly QueryTiming[];
  };
}

const QUERY_TARGET_MS = 100;
const EventType = temporal.api.enums.v1.EventType;

interface QuerySpec {
  readonly name: string;
  readonly actor: Actor;
  readonly path: string;
  /** The statement the API's repository sends for this request, for EXPLAIN. */
  readonly statement: () => Promise<{ sql: string; params: unknown[] }>;
}

function capture(): { source: { query: (sql: string, params: unknown[]) => Promise<unknown[]> }; taken: () => { sql: string; params: unknown[] } } {
  let captured: { sql: string; params: unknown[] } | undefined;
  return {
    source: {
      query: (sql, params) => {
        captured = { sql, params };
        return Promise.resolve([]);
      },
    },
    taken: () => {
      if (captured === undefined) {
        throw new Error('the repository sent no statement');
      }
      return captured;
    },
  };
}

function searchSpec(name: string, actor: Actor, path: string, filters: Partial<CaseSearchQuery>): QuerySpec {
  return {
    name,
    actor,
    path,
    statement: async () => {
      const probe = capture();
      await new CaseSearchRepository(probe.source as never).search({
        agencyIds: [actor.agencyId],
        sort: { field: 'registeredAt', direction: 'desc' },
        limit: 21,
        ...filters,
      });
      return probe.taken();
    },
  };
}

function inboxSpec(name: string, actor: Actor): QuerySpec {
  return {
    name,
    actor,
    path: '/inbox',
    statement: async () => {
      const probe = capture();
      await new WorkQueueRepository(probe.source as never).listInbox({ actor, supervisedAgencyIds: [], now: new Date(), limit: 51 });
      return probe.taken();
    },
  };
}

/** Each request timed through the API (a few untimed first), and explained when its p95 misses the target. */
async function timeQueries(stack: BenchStack, specs: readonly QuerySpec[], samples: number, log: Log): Promise<QueryTiming[]> {
  const timings: QueryTiming[] = [];
  for (const spec of specs) {
    const user = asUser(stack.docket.apiUrl, spec.actor);
    const times: number[] = [];
    let items = 0;
    for (let run = 0; run < samples + 3; run += 1) {
      const startedAt = process.hrtime.bigint();
      const response = await user.get(spec.path);
      const ms = elapsedMs(startedAt);
      if (response.status !== 200) {
        throw new Error(`${spec.name}: GET ${spec.path} answered ${response.status}: ${response.text}`);
      }
      items = (response.body['items'] as unknown[]).length;
      if (run >= 3) {
        times.push(ms);
      }
    }
    const ms = summarize(times);
    let plan: string[] | undefined;
    if (ms.p95 > QUERY_TARGET_MS) {
      const { sql, params } = await spec.statement();
      const explained = await stack.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      plan = explained.rows.map((row) => row['QUERY PLAN']);
    }
    log(`scale: ${spec.name}: p50 ${ms.p50} ms, p95 ${ms.p95} ms, ${items} items${plan === undefined ? '' : ' (missed: explained)'}`);
    timings.push({ name: spec.name, request: `GET ${spec.path}`, actor: `${spec.actor.role} ${spec.actor.userId}`, items, ms, ...(plan === undefined ? {} : { plan }) });
  }
  return timings;
}

async function count(stack: BenchStack, sql: string, params: unknown[] = []): Promise<number> {
  return (await stack.db.query<{ n: number }>(sql, params)).rows[0]?.n ?? 0;
}

async function pendingTimers(stack: BenchStack, caseId: string): Promise<number> {
  const history = await stack.docketClient.workflow.getHandle(caseWorkflowId(caseId)).fetchHistory();
  let pending = 0;
  for (const event of history.events ?? []) {
    if (event.eventType === EventType.EVENT_TYPE_TIMER_STARTED) {
      pending += 1;
    } else if (event.eventType === EventType.EVENT_TYPE_TIMER_FIRED || event.eventType === EventType.EVENT_TYPE_TIMER_CANCELED) {
      pending -= 1;
    }
  }
  return pending;
}

const OPEN = `stage NOT IN ('not_filed', 'closed', 'archived')`;

/**
 * Registers cases over HTTP until `openCases` of them are open (each waiting on its filing-decision
 * timer), reads the worker's and the API's resident memory, and times the inbox and search through
 * the API; then, with `seedRows` > 0, loads that many projection rows directly (bench/search's loader
 * and their inbox rows) and times them again at that size.
 */
export async function scale(stack: BenchStack, openCases: number, seedRows: number, samples: number, log: Log): Promise<ScaleResult> {
  const open = await count(stack, `SELECT count(*)::int AS n FROM cases WHERE agency_id = $1 AND ${OPEN}`, [AGENCY]);
  const toRegister = Math.max(0, openCases - open);
  log(`scale: ${open} cases open; registering ${toRegister} more…`);
  const handler = asUser(stack.docket.apiUrl, actors.handlerLi);
  const startedAt = process.hrtime.bigint();
  const ids = await inParallel(Array.from({ length: toRegister }), 20, async (_, index) => {
    const response = await handler.post('/cases', {
      caseId: randomUUID(),
      source: 'complaint',
      summary: `Complaint ${index}: expired food on sale`,
      violationCode: 'FSL-124-1-3',
      party: { type: 'organization', name: index % 10 === 0 ? '上海某某食品有限公司' : `上海第${index}贸易有限公司` },
    });
    if (response.status !== 201) {
      throw new Error(`registering a case answered ${response.status}: ${response.text}`);
    }
    if (index > 0 && index % 1000 === 0) {
      log(`scale: ${index} registered`);
    }
    return response.body['caseId'] as string;
  });
  await waitForProjection(stack.db, ids);
  const registeredSeconds = elapsedMs(startedAt) / 1000;
  const openNow = await count(stack, `SELECT count(*)::int AS n FROM cases WHERE agency_id = $1 AND ${OPEN}`, [AGENCY]);
  const lastCase = ids[ids.length - 1];
  const timers = lastCase === undefined ? 0 : await pendingTimers(stack, lastCase);

  // Let the worker finish what it had queued before reading memory.
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const workerPid = stack.docket.worker.pid;
  const apiPid = stack.docket.api.pid;
  if (workerPid === undefined || apiPid === undefined) {
    throw new Error('the Docket processes have no pid');
  }
  const memory = { worker: await processMemory(workerPid), api: await processMemory(apiPid) };
  log(`scale: ${openNow} open cases; worker ${memory.worker.rssMiB} MiB, API ${memory.api.rssMiB} MiB resident`);

  const atOpenCases = await timeQueries(
    stack,
    [
      inboxSpec('inbox: head, approvals of the agency', actors.headWang),
      inboxSpec('inbox: handler, own cases', actors.handlerLi),
      searchSpec('search: newest cases of the agency', actors.handlerLi, '/cases', {}),
      searchSpec('search: stage clue', actors.handlerLi, '/cases?stage=clue', { stages: ['clue'] }),
      searchSpec('search: party name 食品', actors.handlerLi, `/cases?q=${encodeURIComponent('食品')}`, { text: '食品' }),
    ],
    samples,
    log,
  );
  const result: ScaleResult = {
    openCases: openNow,
    registered: { cases: ids.length, seconds: round(registeredSeconds), perSecond: round(ids.length / Math.max(registeredSeconds, 0.001)) },
    pendingTimersPerCase: timers,
    memory,
    atOpenCases,
  };
  if (seedRows === 0) {
    return result;
  }

  log(`scale: seeding ${seedRows} projection rows (bench/search/load-cases.sql)…`);
  const { loadSeconds, analyzeSeconds } = await loadCases(stack.db, { cases: seedRows });
  let seededAt = process.hrtime.bigint();
  await stack.db.query(await readFile(join(__dirname, 'seed-work-items.sql'), 'utf8'));
  await stack.db.query('VACUUM ANALYZE case_work_items');
  const workItemSeconds = elapsedMs(seededAt) / 1000;
  const projectionRows = await count(stack, 'SELECT count(*)::int AS n FROM cases');
  const workItems = await count(stack, 'SELECT count(*)::int AS n FROM case_work_items');
  log(`scale: ${projectionRows} projection rows, ${workItems} work items (load ${round(loadSeconds + analyzeSeconds)} s, work items ${round(workItemSeconds)} s)`);

  // The busiest handler of the largest agency, and people of that agency registered so they may act.
  const agency = 'agency-00';
  const busiest = (
    await stack.db.query<{ userId: string }>(
      `SELECT user_id AS "userId" FROM case_participants WHERE role = 'handler' AND until IS NULL AND user_id LIKE 'handler-00-%'
       GROUP BY user_id ORDER BY count(*) DESC LIMIT 1`,
    )
  ).rows[0]?.userId ?? 'handler-00-0';
  const head: Actor = { userId: 'head-00', role: Role.Head, agencyId: agency };
  const handler00: Actor = { userId: busiest, role: Role.Handler, agencyId: agency };
  const reviewer: Actor = { userId: 'reviewer-00-1', role: Role.Reviewer, agencyId: agency };
  await registerUsers(stack.docket.apiUrl, [head, handler00, reviewer]);
  seededAt = process.hrtime.bigint();
  const queries = await timeQueries(
    stack,
    [
      inboxSpec('inbox: head of the largest agency', head),
      inboxSpec(`inbox: busiest handler (${busiest})`, handler00),
      inboxSpec('inbox: reviewer', reviewer),
      searchSpec('search: newest cases of the agency', handler00, '/cases', {}),
      searchSpec('search: stage investigation', handler00, '/cases?stage=investigation', { stages: ['investigation'] }),
      searchSpec('search: party name 食品', handler00, `/cases?q=${encodeURIComponent('食品')}`, { text: '食品' }),
      searchSpec(`search: cases of ${busiest}`, handler00, `/cases?handler=${busiest}`, { handlerId: busiest }),
      searchSpec('search: overdue', handler00, '/cases?overdue=true', { overdue: true }),
    ],
    samples,
    log,
  );
  log(`scale: queries at ${projectionRows} rows took ${round(elapsedMs(seededAt) / 1000)} s`);
  return {
    ...result,
    seed: { rows: seedRows, projectionRows, workItems, loadSeconds: round(loadSeconds + analyzeSeconds), workItemSeconds: round(workItemSeconds), queries },
  };
}
