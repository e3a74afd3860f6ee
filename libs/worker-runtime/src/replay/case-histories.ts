import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Client } from '@temporalio/client';
import { historyFromJSON, type History } from '@temporalio/common/lib/proto-utils';
import { CASE_LIFECYCLE_WORKFLOW_TYPE, caseWorkflowId } from '@docket/contracts';
import type { HistoryToReplay } from './replay-histories';

/**
 * Every run of one workflow id, oldest first: the latest run's start names the run it continued
 * (continue-as-new), and so back to the first. Walking the chain needs no visibility store.
 */
export async function workflowRunHistories(client: Client, workflowId: string, label: string): Promise<HistoryToReplay[]> {
  const runs: HistoryToReplay[] = [];
  let runId: string | undefined;
  for (;;) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    runs.unshift({ label, workflowId, history });
    const previous = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId;
    if (previous === undefined || previous === null || previous === '') {
      return runs;
    }
    runId = previous;
  }
}

/** The workflow ids of the children a history started (a case's transfers). */
export function childWorkflowIds(history: History): string[] {
  const ids = new Set<string>();
  for (const event of history.events ?? []) {
    const id = event.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId;
    if (id !== undefined && id !== null && id !== '') {
      ids.add(id);
    }
  }
  return [...ids];
}

/**
 * A case's whole recorded life in Temporal: every run of its lifecycle workflow and of each
 * transfer it started, each labelled with the case id.
 */
export async function caseHistories(client: Client, caseId: string): Promise<HistoryToReplay[]> {
  const runs = await workflowRunHistories(client, caseWorkflowId(caseId), caseId);
  const children = [...new Set(runs.flatMap((run) => childWorkflowIds(run.history)))];
  const childRuns = await Promise.all(children.map((childId) => workflowRunHistories(client, childId, caseId)));
  return [...runs, ...childRuns.flat()];
}

/**
 * The case ids of the lifecycle workflows Temporal's visibility store lists for a query (one per
 * case, whatever its number of runs): `--all`, or the cases whose workflow closed in a period.
 */
export async function listCaseIds(client: Client, filter: { closedFrom?: Date; closedTo?: Date } = {}): Promise<string[]> {
  const clauses = [`WorkflowType = '${CASE_LIFECYCLE_WORKFLOW_TYPE}'`];
  if (filter.closedFrom !== undefined || filter.closedTo !== undefined) {
    clauses.push(`ExecutionStatus = 'Completed'`);
  }
  if (filter.closedFrom !== undefined) {
    clauses.push(`CloseTime >= '${filter.closedFrom.toISOString()}'`);
  }
  if (filter.closedTo !== undefined) {
    clauses.push(`CloseTime < '${filter.closedTo.toISOString()}'`);
  }
  const prefix = caseWorkflowId('');
  const ids = new Set<string>();
  for await (const execution of client.workflow.list({ query: clauses.join(' AND ') })) {
    if (execution.workflowId.startsWith(prefix)) {
      ids.add(execution.workflowId.slice(prefix.length));
    }
  }
  return [...ids].sort();
}

/**
 * A history file as `temporal workflow show --output json` or the golden recorder writes it. The
 * workflow id is the one the start event carries, or the file's name when it carries none.
 */
export async function historyFile(path: string): Promise<HistoryToReplay> {
  const history = historyFromJSON(JSON.parse(await readFile(path, 'utf8')));
  const recordedId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowId;
  return {
    label: path,
    workflowId: recordedId === undefined || recordedId === null || recordedId === '' ? basename(path, '.json') : recordedId,
    history,
  };
}
