/** The bare workflow's activity: it does nothing, so what is measured is Temporal's cost of one activity. */
export interface BareActivities {
  emptyActivity(): Promise<void>;
}

export function createBareActivities(): BareActivities {
  return { emptyActivity: () => Promise.resolve() };
}
