import { api } from './http';
import type { CaseState } from './cases';

/**
 * Auditors' calls (执法监督): the case's recorded history, its timeline and state at any point, the
 * hash-chain verification and replay jobs. Types by hand from apps/api/src/audit/*\/dtos.
 */

export interface TimelineStep {
  readonly sequence: number;
  readonly type: string;
  readonly occurredAt: string;
  readonly actor: { readonly userId: string; readonly role: string };
  readonly stageBefore: string | null;
  readonly stageAfter: string;
  readonly deadlines: readonly { readonly kind: string; readonly status: string; readonly dueAt: string }[];
}

export interface CaseTimeline {
  readonly caseId: string;
  readonly steps: readonly TimelineStep[];
}

/** One Temporal history event in proto3 JSON; only what the console reads is typed. */
export interface HistoryEvent {
  readonly eventId: string;
  readonly eventTime: string;
  readonly eventType: string;
  readonly [attributes: string]: unknown;
}

export interface RecordedWorkflow {
  readonly workflowId: string;
  readonly runId: string;
  readonly kind: string;
  readonly history: { readonly events: readonly HistoryEvent[] };
}

export interface CaseHistory {
  readonly caseId: string;
  readonly workflows: readonly RecordedWorkflow[];
}

export interface CaseVerification {
  readonly caseId: string;
  readonly verified: boolean;
  readonly rows: number;
  readonly problems: readonly { readonly sequence: number; readonly kind: 'changed' | 'missing' | 'extra' | 'broken_link'; readonly detail: string }[];
  readonly history: { readonly checked: boolean; readonly runs: number; readonly pending: readonly number[]; readonly detail?: string };
  readonly seal: {
    readonly present: boolean;
    readonly valid: boolean | null;
    readonly expected: boolean;
    readonly keyId?: string;
    readonly sealedAt?: string;
    readonly lastSequence?: number;
    readonly detail?: string;
  };
}

export type ReplayStatus = 'pending' | 'deterministic' | 'diverged' | 'failed' | 'missing';

export interface ReplayCaseResult {
  readonly caseId: string;
  readonly status: ReplayStatus;
  readonly histories?: number;
  readonly events?: number;
  readonly workflowId?: string;
  readonly runId?: string;
  readonly divergentEventId?: number;
  readonly reason?: string;
  readonly replayedAt?: string;
}

export interface ReplayJob {
  readonly jobId: string;
  readonly status: 'running' | 'completed';
  readonly requestedBy: { readonly userId: string; readonly role: string; readonly agencyId: string };
  readonly selection: Record<string, unknown>;
  readonly createdAt: string;
  readonly finishedAt?: string;
  readonly total: number;
  readonly counts: Readonly<Record<ReplayStatus, number>>;
  readonly results: readonly ReplayCaseResult[];
}

export type ReplaySelection =
  | { readonly caseIds: readonly string[] }
  | { readonly closedFrom: string; readonly closedTo: string }
  | { readonly all: true };


const caseBase = (caseId: string) => `/cases/${encodeURIComponent(caseId)}`;
const withSignal = (signal: AbortSignal | undefined) => (signal === undefined ? {} : { signal });


export function getTimeline(caseId: string, signal?: AbortSignal): Promise<CaseTimeline> {
  return api<CaseTimeline>(`${caseBase(caseId)}/timeline`, withSignal(signal));
}

/** The case as it stood after step `at` (a sequence number) or at an instant with offset. */
export function getStateAt(caseId: string, at: string, signal?: AbortSignal): Promise<CaseState> {
  return api<CaseState>(`${caseBase(caseId)}/timeline`, { query: { at }, ...withSignal(signal) });
}

export function getHistory(caseId: string, signal?: AbortSignal): Promise<CaseHistory> {
  return api<CaseHistory>(`${caseBase(caseId)}/history`, withSignal(signal));
}

export function verifyCase(caseId: string, signal?: AbortSignal): Promise<CaseVerification> {
  return api<CaseVerification>(`${caseBase(caseId)}/verify`, withSignal(signal));
}

export function startReplay(selection: ReplaySelection, idempotencyKey?: string): Promise<ReplayJob> {
  return api<ReplayJob>('/audit/replays', { method: 'POST', body: selection, ...(idempotencyKey === undefined ? {} : { idempotencyKey }) });
}

/** A job as GET /audit/replays lists it: its progress, not its per-case rows. */
export type ReplayJobSummary = Omit<ReplayJob, 'results'>;

export interface ReplayJobPage {
  readonly items: readonly ReplayJobSummary[];
  readonly nextCursor: string | null;
}

/** The caller's own replay jobs, newest first (GET /audit/replays). */
export function listReplays(cursor: string | undefined, signal?: AbortSignal, limit = 10): Promise<ReplayJobPage> {
  return api<ReplayJobPage>('/audit/replays', { query: { limit, cursor }, ...withSignal(signal) });
}

export function getReplay(jobId: string, signal?: AbortSignal): Promise<ReplayJob> {
  return api<ReplayJob>(`/audit/replays/${encodeURIComponent(jobId)}`, withSignal(signal));
}
