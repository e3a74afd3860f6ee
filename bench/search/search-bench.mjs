// Case-search benchmark: a million cases in a scratch database, then each representative query of
// GET /cases timed and explained. Run with `npm run bench:search` (builds first). Uses DATABASE_URL's
// server when set, else an embedded PostgreSQL in a temporary directory. Prints Markdown.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URL } from 'node:url';

const require = createRequire(import.meta.url);
const { Client } = require('pg');
const { startEmbeddedPostgres, freePort } = require('@docket/dev-infra');
const { CaseSearchRepository, runMigrations } = require('@docket/persistence');
const { loadCases } = require('./load-cases.cjs');

const RUNS = 5;
const log = (line) => process.stderr.write(`${line}\n`);

async function startServer() {
  if (process.env.DATABASE_URL !== undefined && process.env.DATABASE_URL !== '') {
    return { url: process.env.DATABASE_URL, stop: async () => undefined, source: 'DATABASE_URL' };
  }
  const dir = await mkdtemp(join(tmpdir(), 'docket-search-bench-'));
  const handle = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port: await freePort(), database: 'postgres', ephemeral: true, log });
  return { url: handle.url, source: 'embedded PostgreSQL', stop: async () => { await handle.stop(); await rm(dir, { recursive: true, force: true }); } };
}

function withDatabase(url, name) {
  const next = new URL(url);
  next.pathname = `/${name}`;
  return next.toString();
}

/** The SQL and parameters CaseSearchRepository sends for a query, without running it. */
async function statementOf(query) {
  let captured;
  const repository = new CaseSearchRepository({ query: async (sql, params) => { captured = { sql, params }; return []; } });
  await repository.search(query);
  return captured;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  const server = await startServer();
  const name = `docket_search_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = withDatabase(server.url, name);
  const db = new Client({ connectionString: url, application_name: 'docket-search-bench' });
  try {
    await runMigrations(url);
    await db.connect();
    const version = (await db.query('SHOW server_version')).rows[0].server_version;
    log('loading 1,000,000 cases…');
    const { loadSeconds, analyzeSeconds } = await loadCases(db);
    const counts = (await db.query(`SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM case_participants) AS participants,
                                           pg_size_pretty(pg_total_relation_size('cases')) AS cases_size,
                                           pg_size_pretty(pg_relation_size('idx_cases_search_grams')) AS grams_size`)).rows[0];

    // Representative values picked from the data, so each query has real work to do.
    const agency = 'agency-00';
    const agencyCount = (await db.query('SELECT count(*)::int AS n FROM cases WHERE agency_id = $1', [agency])).rows[0].n;
    const deep = (await db.query(
      `SELECT registered_at::text AS key, id FROM cases WHERE agency_id = $1 AND stage = 'investigation'
       ORDER BY registered_at DESC, id DESC OFFSET 20000 LIMIT 1`, [agency])).rows[0];
    const deepAll = (await db.query(
      `SELECT registered_at::text AS key, id FROM cases WHERE agency_id = $1 ORDER BY registered_at DESC, id DESC OFFSET 100000 LIMIT 1`, [agency])).rows[0];
    const handler = (await db.query(
      `SELECT user_id FROM case_participants WHERE role = 'handler' AND user_id LIKE 'handler-00-%' GROUP BY user_id ORDER BY count(*) DESC LIMIT 1`)).rows[0].user_id;
    const someNumber = (await db.query(`SELECT case_number FROM cases WHERE agency_id = $1 AND case_number IS NOT NULL ORDER BY id LIMIT 1`, [agency])).rows[0].case_number;
    const person = (await db.query(`SELECT party_name FROM cases WHERE agency_id = $1 AND party_type = 'individual' AND char_length(party_name) = 3 ORDER BY id LIMIT 1`, [agency])).rows[0].party_name;
    const auditorAgencies = Array.from({ length: 10 }, (_, index) => `agency-${String(index).padStart(2, '0')}`);
    const base = { agencyIds: [agency], sort: { field: 'registeredAt', direction: 'desc' }, limit: 21 };

    const scenarios = [
      ['agency + stage, page 1', { ...base, stages: ['investigation'] }],
      ['agency + stage, deep cursor page (row 20,000)', { ...base, stages: ['investigation'], after: { key: deep.key, caseId: deep.id } }],
      ['agency, all stages, page 1', base],
      ['agency, all stages, deep cursor page (row 100,000)', { ...base, after: { key: deepAll.key, caseId: deepAll.id } }],
      ['agency + two stages', { ...base, stages: ['legal_review', 'notice'] }],
      [`handler's cases (${handler})`, { ...base, handlerId: handler }],
      ['handler with a dozen cases (handler-00-new)', { ...base, handlerId: 'handler-00-new' }],
      ['reviewer\'s cases (reviewer-00-1)', { ...base, reviewerId: 'reviewer-00-1' }],
      ['overdue list', { ...base, overdue: true }],
      ['free text: party name 食品 (common)', { ...base, text: '食品' }],
      [`free text: person ${person.slice(0, 1)}… (rare, 3 characters)`, { ...base, text: person }],
      [`free text: case number part ${someNumber.slice(-11)}`, { ...base, text: someNumber.slice(-11) }],
      ['registered in one month, oldest first', { ...base, sort: { field: 'registeredAt', direction: 'asc' }, registeredFrom: '2025-03-01T00:00:00+08:00', registeredTo: '2025-04-01T00:00:00+08:00' }],
      ['decided in one quarter, newest decision first', { ...base, sort: { field: 'decidedAt', direction: 'desc' }, decidedFrom: '2025-01-01T00:00:00+08:00', decidedTo: '2025-04-01T00:00:00+08:00' }],
      ['sorted by case number', { ...base, sort: { field: 'caseNumber', direction: 'asc' } }],
      ['auditor over 10 agencies, page 1', { ...base, agencyIds: auditorAgencies }],
      ['auditor over 10 agencies, stage + violation code', { ...base, agencyIds: auditorAgencies, stages: ['execution'], violationCode: 'FSL-7' }],
    ];

    const out = [];
    out.push(`# Case search benchmark`, '');
    out.push(`PostgreSQL ${version} (${server.source}); ${counts.cases} cases, ${counts.participants} participant rows; `
      + `cases with indexes ${counts.cases_size}, bigram index ${counts.grams_size}. ${agency} holds ${agencyCount} cases.`);
    out.push(`Load ${loadSeconds.toFixed(0)} s, vacuum analyze ${analyzeSeconds.toFixed(0)} s. Times: median of ${RUNS} runs, client side, page of 20 (+1 to know there is more).`, '');
    out.push('| query | median ms | rows |', '| --- | ---: | ---: |');
    const plans = [];
    for (const [title, query] of scenarios) {
      const { sql, params } = await statementOf(query);
      const times = [];
      let rows = 0;
      for (let run = 0; run < RUNS; run += 1) {
        const at = process.hrtime.bigint();
        rows = (await db.query(sql, params)).rowCount;
        times.push(Number(process.hrtime.bigint() - at) / 1e6);
      }
      out.push(`| ${title} | ${median(times).toFixed(1)} | ${rows} |`);
      const plan = (await db.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, params)).rows.map((row) => row['QUERY PLAN']);
      plans.push('', `## ${title}`, '', '```', ...plan, '```');
      log(`${title}: ${median(times).toFixed(1)} ms`);
    }
    out.push(...plans);
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await db.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await server.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
