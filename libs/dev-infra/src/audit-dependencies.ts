import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { auditVerdict, type AuditException } from './dependency-audit';

/**
 * `npm run audit:deps` (CI runs it before the tests): `npm audit` over every installed package, then
 * fails on any high or critical advisory not explained in .ci/audit-exceptions.json.
 *
 * When the registry offers no advisory service (a mirror that answers 405, as on the build machines
 * without internet) the audit cannot run: that is said loudly and, unless DOCKET_AUDIT_REQUIRED=true,
 * does not fail the build, since no code change could make it pass.
 */
const repoRoot = resolve(__dirname, '../../..');
const EXCEPTIONS_FILE = join(repoRoot, '.ci/audit-exceptions.json');

function npmAuditJson(): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('npm', ['audit', '--json'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.resume();
    child.on('error', reject);
    // npm audit exits non-zero when it finds anything; the JSON says what.
    child.on('exit', () => resolvePromise(stdout));
  });
}

/** npm's JSON when the advisory endpoint failed: `{ "message": "405 Method Not Allowed - POST …", … }` or `{ "error": … }`. */
function unavailableReason(parsed: Record<string, unknown>): string | undefined {
  if ('vulnerabilities' in parsed) {
    return undefined;
  }
  const error = parsed['error'] as { summary?: unknown; code?: unknown } | undefined;
  const text = [parsed['message'], error?.summary, error?.code].find((value) => typeof value === 'string');
  return typeof text === 'string' ? text : 'npm audit returned no report';
}

async function main(): Promise<void> {
  const today = new Date().toISOString().slice(0, 10);
  const exceptions = JSON.parse(await readFile(EXCEPTIONS_FILE, 'utf8')) as AuditException[];
  const output = await npmAuditJson();
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(output) as Record<string, unknown>;
  } catch {
    parsed = { message: `npm audit printed no JSON: ${output.slice(0, 200)}` };
  }
  const unavailable = unavailableReason(parsed);
  if (unavailable !== undefined) {
    const required = process.env['DOCKET_AUDIT_REQUIRED'] === 'true';
    console.warn(`[audit] NOT AUDITED: the registry's advisory service is unavailable (${unavailable}).`);
    console.warn('[audit] Run `npm run audit:deps` where registry.npmjs.org is reachable; set DOCKET_AUDIT_REQUIRED=true to fail here instead.');
    process.exitCode = required ? 1 : 0;
    return;
  }
  const verdict = auditVerdict(parsed, exceptions, today);
  for (const finding of verdict.explained) {
    console.log(`[audit] explained ${finding.severity} ${finding.package}: ${finding.title} (${finding.advisory}) — ${finding.reason}`);
  }
  for (const exception of verdict.stale) {
    console.log(`[audit] exception no longer needed, delete it: ${exception.package} ${exception.advisory}`);
  }
  for (const finding of verdict.unexplained) {
    console.error(`[audit] UNEXPLAINED ${finding.severity} ${finding.package}: ${finding.title} (${finding.advisory})`);
  }
  console.log(`[audit] ${verdict.unexplained.length} unexplained, ${verdict.explained.length} explained high/critical advisories`);
  process.exitCode = verdict.unexplained.length === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error('[audit] failed:', error);
  process.exitCode = 1;
});
