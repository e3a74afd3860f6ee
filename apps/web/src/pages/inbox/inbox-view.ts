import type { InboxItem } from '../../api/inbox';
import { urgencyOf, type Urgency } from '../../ui/urgency';

export interface InboxRow {
  readonly item: InboxItem;
  readonly urgency: Urgency;
  readonly overdue: boolean;
}

/**
 * The rows in the order the user works them: overdue work first, then the rest, each group in the API's
 * order (by due time, then by how long it waited). The API's `overdue` is the clock's own verdict; a
 * clock that ran out since the page loaded counts too.
 */
export function inboxRows(items: readonly InboxItem[], now: number): readonly InboxRow[] {
  const rows = items.map((item): InboxRow => {
    const urgency = item.overdue ? 'overdue' : urgencyOf(item.dueAt, now);
    return { item, urgency, overdue: urgency === 'overdue' };
  });
  return [...rows.filter((row) => row.overdue), ...rows.filter((row) => !row.overdue)];
}

/** Pages appended as loaded; an item a later page repeats (the list moved meanwhile) is shown once. */
export function appendPage(shown: readonly InboxItem[], page: readonly InboxItem[]): readonly InboxItem[] {
  const key = (item: InboxItem) => `${item.caseId}/${item.action}`;
  const seen = new Set(shown.map(key));
  return [...shown, ...page.filter((item) => !seen.has(key(item)))];
}

/** The roles work waits for; an auditor's inbox lists overdue work to supervise, not to take. */
const WORKING_ROLES: ReadonlySet<string> = new Set(['handler', 'reviewer', 'head', 'hearing_officer']);

export type WorkControl = 'claim' | 'release' | 'none';

/**
 * Claim or release, as the API allows them: anyone who works may claim what nobody holds; the holder
 * releases it, and a head may release anyone's claim.
 */
export function workControl(item: InboxItem, session: { readonly userId: string; readonly role: string }): WorkControl {
  if (!WORKING_ROLES.has(session.role)) {
    return 'none';
  }
  if (item.claimedBy === null) {
    return 'claim';
  }
  return item.claimedBy === session.userId || session.role === 'head' ? 'release' : 'none';
}

/** What names the case in a row: its 案号 once filed, else a short form of its id. */
export function caseLabel(item: Pick<InboxItem, 'caseId' | 'caseNumber'>, unnumbered: string): string {
  return item.caseNumber ?? `${unnumbered} · ${item.caseId.slice(0, 8)}`;
}
