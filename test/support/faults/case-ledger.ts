import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import type { DataSource } from 'typeorm';
import { caseWorkflowId, type CaseActivities, type RecordCaseEventInput } from '@docket/contracts';
import { checkChain } from '@docket/persistence';
import { testPayloadCodec } from '../payload-keys';
import { decodedHistory } from '../temporal-clients';
import { storedChainRows } from '../case-event-rows';

type History = temporal.api.history.v1.IHistory;

const RECORDING_ACTIVITY: keyof CaseActivities = 'recordCaseEvent';

/** What a case's record holds after a fault: the rows in Postgres beside what the history asked to record. */
export interface CaseLedger {
  readonly caseId: string;
  /** `case_events` sequences in order, with their types. */
  readonly rows: ReadonlyArray<{ sequence: number; type: string }>;
  /** The sequences of every recordCaseEvent the history scheduled, in order, one entry per scheduling. */
  readonly scheduled: readonly number[];
  /** Scheduled sequences whose activity has not completed (yet). */
  readonly uncompleted: readonly number[];
  /** The hash chain's problems (checkChain); none for an intact record. */
  readonly chainProblems: readonly string[];
}



/** Every run of the case workflow (continue-as-new chains them), newest first. */
async function recordedInHistory(client: Client, caseId: string): Promise<{ scheduled: number[]; uncompleted: number[] }> {
  const workflowId = caseWorkflowId(caseId);
  const scheduled: number[] = [];
  const uncompleted: number[] = [];
  let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
  while (runId !== undefined) {
    // Payloads are stored encrypted (payload-codec): decrypted with the suites' test key first.
    const history: History = await decodedHistory(await client.workflow.getHandle(workflowId, runId).fetchHistory());
    const events = history.events ?? [];
    const completed = new Set<string>();
    for (const event of events) {
      const scheduledId = event.activityTaskCompletedEventAttributes?.scheduledEventId;
      if (scheduledId !== undefined && scheduledId !== null) {
        completed.add(scheduledId.toString());
      }
    }
    const run: number[] = [];
    for (const event of events) {
      const attributes = event.activityTaskScheduledEventAttributes;
      const payload = attributes?.input?.payloads?.[0];
      if (attributes?.activityType?.name !== RECORDING_ACTIVITY || payload === undefined || payload === null) {
        continue;
      }
      // The processes encrypt payloads (issue 7); the codec passes plain ones through.
      const [decoded] = await testPayloadCodec.decode([payload]);
      const { event: recorded } = defaultPayloadConverter.fromPayload<RecordCaseEventInput>(decoded ?? payload);
      run.push(recorded.sequence);
      if (!completed.has(String(event.eventId?.toString()))) {
        uncompleted.push(recorded.sequence);
      }
    }
    scheduled.unshift(...run);
    const previous = events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId;
    runId = previous === undefined || previous === null || previous === '' ? undefined : previous;
  }
  return { scheduled, uncompleted };
}

/** Reads a case's record from both sides. */
export async function readCaseLedger(dataSource: DataSource, client: Client, caseId: string): Promise<CaseLedger> {
  const [rows, history] = await Promise.all([storedChainRows(dataSource, caseId), recordedInHistory(client, caseId)]);
  return {
    caseId,
    rows: rows.map((row) => ({ sequence: row.sequence, type: row.type })),
    scheduled: history.scheduled,
    uncompleted: history.uncompleted,
    chainProblems: checkChain(rows).map((problem) => `${problem.sequence} ${problem.kind}: ${problem.detail}`),
  };
}

/** What was lost and what was duplicated, counted as the closing table reports them. */
export interface LedgerTally {
  /** Events the history recorded with no row, plus gaps in the row sequence. */
  readonly lost: number;
  /** Rows or scheduled recordings beyond one per sequence, plus rows the history never asked for. */
  readonly duplicated: number;
}

export function tallyLedger(ledger: CaseLedger): LedgerTally {
  const rowSequences = ledger.rows.map((row) => row.sequence);
  const distinctRows = new Set(rowSequences);
  const distinctScheduled = new Set(ledger.scheduled);
  const highest = Math.max(0, ...rowSequences, ...ledger.scheduled);
  let lost = 0;
  for (let sequence = 1; sequence <= highest; sequence += 1) {
    if (!distinctRows.has(sequence)) {
      lost += 1;
    }
  }
  const extraRows = [...distinctRows].filter((sequence) => !distinctScheduled.has(sequence)).length;
  const duplicated = rowSequences.length - distinctRows.size + (ledger.scheduled.length - distinctScheduled.size) + extraRows;
  return { lost, duplicated };
}

/**
 * The record is whole: rows 1..n, each once, the chain intact, and the history scheduled exactly
 * one recording per row, each completed. Returns the row types for the caller's own expectations.
 */
export function expectExactlyOnce(ledger: CaseLedger): string[] {
  const sequences = ledger.rows.map((row) => row.sequence);
  expect({ caseId: ledger.caseId, sequences }).toEqual({ caseId: ledger.caseId, sequences: sequences.map((_, index) => index + 1) });
  expect({ caseId: ledger.caseId, scheduled: ledger.scheduled }).toEqual({ caseId: ledger.caseId, scheduled: sequences });
  expect({ caseId: ledger.caseId, uncompleted: ledger.uncompleted, chainProblems: ledger.chainProblems }).toEqual({
    caseId: ledger.caseId,
    uncompleted: [],
    chainProblems: [],
  });
  return ledger.rows.map((row) => row.type);
}

/**
 * After a fault: each case's record holds the thin path's events exactly once, in Postgres and in
 * the history (asserted case by case, naming the case), and the lost/duplicated tally over all of them.
 */
export async function expectThinPathsRecordedOnce(
  dataSource: DataSource,
  client: Client,
  caseIds: readonly string[],
  events: number,
): Promise<LedgerTally> {
  const total = { lost: 0, duplicated: 0 };
  for (const caseId of caseIds) {
    const ledger = await readCaseLedger(dataSource, client, caseId);
    expect(expectExactlyOnce(ledger)).toHaveLength(events);
    const tally = tallyLedger(ledger);
    total.lost += tally.lost;
    total.duplicated += tally.duplicated;
  }
  return total;
}
