import { api } from './http';

/** One step waiting for the caller (apps/api/src/inbox/dtos/inbox.dtos.ts InboxItemDto). */
export interface InboxItem {
  readonly caseId: string;
  /** The step expected, as the action routes name it, e.g. `decide-legal-review`. */
  readonly action: string;
  readonly role: string;
  readonly stage: string;
  /** 案号; null until filing is approved. */
  readonly caseNumber: string | null;
  readonly partyName: string;
  readonly violationCode: string | null;
  readonly deadlineKind: string | null;
  readonly dueAt: string | null;
  readonly overdue: boolean;
  readonly waitingSince: string;
  readonly claimedBy: string | null;
  readonly claimedAt: string | null;
  readonly assignedBy: string | null;
}

export interface InboxPage {
  readonly items: readonly InboxItem[];
  readonly nextCursor: string | null;
}

export const INBOX_PAGE_SIZE = 50;

export function getInbox(cursor: string | undefined, signal?: AbortSignal): Promise<InboxPage> {
  return api<InboxPage>('/inbox', { query: { limit: INBOX_PAGE_SIZE, cursor }, ...(signal === undefined ? {} : { signal }) });
}

function workPath(item: Pick<InboxItem, 'caseId' | 'action'>, verb: 'claim' | 'release'): string {
  return `/inbox/${encodeURIComponent(item.caseId)}/${encodeURIComponent(item.action)}/${verb}`;
}

/** Takes the step on (认领): it leaves colleagues' inboxes. */
export function claimWork(item: Pick<InboxItem, 'caseId' | 'action'>, idempotencyKey: string): Promise<InboxItem> {
  return api<InboxItem>(workPath(item, 'claim'), { method: 'POST', body: {}, idempotencyKey });
}

export function releaseWork(item: Pick<InboxItem, 'caseId' | 'action'>, idempotencyKey: string): Promise<InboxItem> {
  return api<InboxItem>(workPath(item, 'release'), { method: 'POST', body: {}, idempotencyKey });
}
