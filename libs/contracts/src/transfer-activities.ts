import type { AnyTransferEvent, AnyTransferState } from '@docket/domain';

export interface RecordTransferEventInput {
  readonly event: AnyTransferEvent;
  /** The transfer after the event, for the `case_transfers` projection. */
  readonly state: AnyTransferState;
}

/** What the transfer workflows ask of the outside world. Workflows import this type only. */
export interface TransferActivities {
  /**
   * Appends the event to `transfer_events` and updates the `case_transfers` row; idempotent per
   * (transfer id, sequence), so a retry writes nothing twice.
   */
  recordTransferEvent(input: RecordTransferEventInput): Promise<void>;
}
