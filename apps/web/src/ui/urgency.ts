/** How pressing a statutory clock is, for colour and ordering; the same everywhere in the console. */
export type Urgency = 'overdue' | 'urgent' | 'soon' | 'ok' | 'none';

const HOUR = 3_600_000;

export function urgencyOf(dueAt: string | null | undefined, now: number): Urgency {
  if (dueAt === null || dueAt === undefined) {
    return 'none';
  }
  const left = Date.parse(dueAt) - now;
  if (Number.isNaN(left)) {
    return 'none';
  }
  if (left < 0) {
    return 'overdue';
  }
  if (left <= 24 * HOUR) {
    return 'urgent';
  }
  if (left <= 72 * HOUR) {
    return 'soon';
  }
  return 'ok';
}

/** Time left (or past) in whole days and hours, e.g. `{ overdue: false, days: 2, hours: 5 }`. */
export function timeLeft(dueAt: string, now: number): { readonly overdue: boolean; readonly days: number; readonly hours: number } {
  const left = Date.parse(dueAt) - now;
  const span = Math.abs(left);
  return { overdue: left < 0, days: Math.floor(span / (24 * HOUR)), hours: Math.floor((span % (24 * HOUR)) / HOUR) };
}
