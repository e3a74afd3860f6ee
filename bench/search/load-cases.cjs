// The case-search benchmark's projection load, shared with the Docket benchmark (bench/scenarios/scale.ts):
// load-cases.sql into a migrated database, then VACUUM ANALYZE so the planner sees the new size.
const { readFile } = require('node:fs/promises');
const { join } = require('node:path');

/**
 * Loads `cases` realistic cases (default a million) and their participants through `db` (a connected
 * pg Client, one session: the count travels as the session setting `bench.cases`).
 * @param {{ query: (sql: string, params?: unknown[]) => Promise<unknown> }} db
 * @param {{ cases?: number }} [options]
 * @returns {Promise<{ loadSeconds: number, analyzeSeconds: number }>}
 */
async function loadCases(db, options = {}) {
  const cases = options.cases ?? 1_000_000;
  let started = Date.now();
  await db.query(`SELECT set_config('bench.cases', $1, false)`, [String(cases)]);
  await db.query(await readFile(join(__dirname, 'load-cases.sql'), 'utf8'));
  const loadSeconds = (Date.now() - started) / 1000;
  started = Date.now();
  await db.query('VACUUM ANALYZE cases');
  await db.query('VACUUM ANALYZE case_participants');
  return { loadSeconds, analyzeSeconds: (Date.now() - started) / 1000 };
}

module.exports = { loadCases };
