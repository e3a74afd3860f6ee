/** ApplicationFailure types the activities raise that no retry can mend. */
export const NonRetryableActivityFailure = {
  /** An event whose sequence is already recorded with different content: a bug, never a retry. */
  EventConflict: 'CASE_EVENT_CONFLICT',
} as const;
