import type { CaseVerification, HistoryEvent, ReplayJob, RecordedWorkflow } from '../../api/audit';

/** Pure helpers of the auditor's screens: lookups, history rows, points in time, verification and replay views. */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A case id goes straight to the case; anything else is searched as part of a case number or party name. */
export function lookupOf(text: string): { readonly caseId: string } | { readonly q: string } | undefined {
  const trimmed = text.trim();
  if (trimmed === '') {
    return undefined;
  }
  return UUID.test(trimmed) ? { caseId: trimmed.toLowerCase() } : { q: trimmed };
}

export function isCaseId(text: string): boolean {
  return UUID.test(text.trim());
}

export interface HistoryRow {
  readonly eventId: number;
  readonly time: string;
  /** `EVENT_TYPE_ACTIVITY_TASK_SCHEDULED` → `ActivityTaskScheduled`. */
  readonly type: string;
  /** What the event is about: the activity, signal, update, timer or workflow it names. */
  readonly detail: string;
}

function attributes(event: HistoryEvent, name: string): Record<string, unknown> | undefined {
  const value = event[name];
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

function path(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function eventTypeName(eventType: string): string {
  return eventType
    .replace(/^EVENT_TYPE_/, '')
    .toLowerCase()
    .split('_')
    .map((word) => (word === '' ? '' : word[0]?.toUpperCase() + word.slice(1)))
    .join('');
}

/** The Temporal events of one run as table rows, in recorded order. Payloads stay encoded: never shown. */
export function historyRows(workflow: Pick<RecordedWorkflow, 'history'>): readonly HistoryRow[] {
  return workflow.history.events.map((event) => {
    const detail =
      text(path(attributes(event, 'workflowExecutionStartedEventAttributes'), 'workflowType', 'name')) ??
      text(path(attributes(event, 'activityTaskScheduledEventAttributes'), 'activityType', 'name')) ??
      text(path(attributes(event, 'workflowExecutionSignaledEventAttributes'), 'signalName')) ??
      text(path(attributes(event, 'workflowExecutionUpdateAcceptedEventAttributes'), 'acceptedRequest', 'input', 'name')) ??
      text(path(attributes(event, 'workflowExecutionUpdateCompletedEventAttributes'), 'meta', 'updateId')) ??
      text(path(attributes(event, 'timerStartedEventAttributes'), 'startToFireTimeout')) ??
      text(path(attributes(event, 'startChildWorkflowExecutionInitiatedEventAttributes'), 'workflowType', 'name')) ??
      text(path(attributes(event, 'activityTaskFailedEventAttributes'), 'failure', 'message')) ??
      text(path(attributes(event, 'workflowExecutionContinuedAsNewEventAttributes'), 'newExecutionRunId')) ??
      '';
    return { eventId: Number(event.eventId), time: event.eventTime, type: eventTypeName(event.eventType), detail };
  });
}

/** The history of one run as the downloadable file the API would give for ?workflow=&runId=. */
export function historyFileName(workflow: Pick<RecordedWorkflow, 'workflowId' | 'runId'>): string {
  return `${workflow.workflowId.replace(/[^A-Za-z0-9._-]/g, '_')}_${workflow.runId}.json`;
}

/** `<input type="datetime-local">` in Beijing time → an instant with its offset, as the API's `at` wants. */
export function instantFromBeijingLocal(local: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/.exec(local);
  if (match === null) {
    return undefined;
  }
  return `${match[1]}T${match[2]}${match[3] ?? ':00'}+08:00`;
}

/** An instant shown in a datetime-local input as Beijing wall time (China keeps UTC+8 all year). */
export function beijingLocalOf(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) {
    return '';
  }
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19);
}

export type ChainVerdict = 'verified' | 'broken' | 'seal_invalid';
export type SealVerdict = 'valid' | 'invalid' | 'missing' | 'unknown_key' | 'not_expected';

export interface VerificationView {
  readonly chain: ChainVerdict;
  /** The first sequence a problem was found at. */
  readonly firstBrokenAt?: number;
  readonly seal: SealVerdict;
}

export function verificationView(verification: CaseVerification): VerificationView {
  const [first] = verification.problems;
  const { seal } = verification;
  const sealVerdict: SealVerdict = !seal.present
    ? seal.expected
      ? 'missing'
      : 'not_expected'
    : seal.valid === null
      ? 'unknown_key'
      : seal.valid
        ? 'valid'
        : 'invalid';
  const chain: ChainVerdict = verification.verified ? 'verified' : first !== undefined ? 'broken' : 'seal_invalid';
  return { chain, ...(first === undefined ? {} : { firstBrokenAt: first.sequence }), seal: sealVerdict };
}

export function replayFinished(job: Pick<ReplayJob, 'status'>): boolean {
  return job.status === 'completed';
}

/** Share of a replay job's cases judged so far, 0–100. */
export function replayProgress(job: Pick<ReplayJob, 'total' | 'counts'>): number {
  return job.total === 0 ? 100 : Math.round(((job.total - job.counts.pending) / job.total) * 100);
}

/** What a job covered, as a message key and its values: a case id, several, a period or all. */
export function replaySelectionLabel(selection: Readonly<Record<string, unknown>>): { readonly key: string; readonly values?: Record<string, string | number> } {
  const caseIds = selection['caseIds'];
  if (Array.isArray(caseIds)) {
    const [only] = caseIds as unknown[];
    return caseIds.length === 1 && typeof only === 'string'
      ? { key: 'audit.replay.label.case', values: { caseId: only } }
      : { key: 'audit.replay.label.cases', values: { count: caseIds.length } };
  }
  const from = selection['closedFrom'];
  const to = selection['closedTo'];
  if (typeof from === 'string' && typeof to === 'string') {
    return { key: 'audit.replay.label.period', values: { from, to } };
  }
  return { key: 'audit.replay.label.all' };
}

/** Case ids typed one per line or separated by commas; the invalid ones are returned apart so the field can name them. */
export function parseCaseIds(input: string): { readonly ids: readonly string[]; readonly invalid: readonly string[] } {
  const parts = input
    .split(/[\s,，]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const ids = [...new Set(parts.filter(isCaseId).map((part) => part.toLowerCase()))];
  return { ids, invalid: parts.filter((part) => !isCaseId(part)) };
}
