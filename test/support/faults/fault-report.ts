import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ClientTally } from './case-driver';
import type { LedgerTally } from './case-ledger';

/** Where each fault suite appends its line of the closing table (under the git-ignored .data/). */
const REPORT_FILE = join(__dirname, '../../../.data/fault-report.jsonl');

export interface FaultLine {
  readonly fault: string;
  readonly cases: number;
  readonly client: ClientTally;
  readonly ledger: LedgerTally;
}

/** One line per fault for the closing table, in the test output and in .data/fault-report.jsonl. */
export function reportFault(line: FaultLine): void {
  const text = JSON.stringify({
    fault: line.fault,
    cases: line.cases,
    requests: line.client.requests,
    serverErrors: line.client.serverErrors,
    unanswered: line.client.unanswered,
    statuses: line.client.statuses,
    lost: line.ledger.lost,
    duplicated: line.ledger.duplicated,
  });
  console.log(`[fault] ${text}`);
  try {
    mkdirSync(join(REPORT_FILE, '..'), { recursive: true });
    appendFileSync(REPORT_FILE, `${text}\n`);
  } catch {
    // The console line above is the report; the file is a convenience.
  }
}

export function sumTallies(tallies: readonly LedgerTally[]): LedgerTally {
  return tallies.reduce((sum, tally) => ({ lost: sum.lost + tally.lost, duplicated: sum.duplicated + tally.duplicated }), { lost: 0, duplicated: 0 });
}
