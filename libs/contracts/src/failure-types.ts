/** ApplicationFailure types the activities raise that no retry can mend. */
export const NonRetryableActivityFailure = {
  /** An event whose sequence is already recorded with different content: a bug, never a retry. */
  EventConflict: 'CASE_EVENT_CONFLICT',
  /** A seal asked for at an event that is not the case's last: a bug, never a retry. */
  SealRefused: 'CASE_SEAL_REFUSED',
} as const;
