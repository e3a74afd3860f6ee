import { ApplicationFailure } from '@temporalio/activity';
import { NonRetryableActivityFailure, type RecordTransferEventInput, type TransferActivities } from '@docket/contracts';
import { TransferEventConflictError, type TransferRecordRepository } from '@docket/persistence';

export interface TransferRecordActivityDependencies {
  readonly transferRecords: TransferRecordRepository;
}

/**
 * Activities that persist a transfer's steps. Each write is keyed by (transfer id, sequence), so a
 * retry writes nothing twice; a different event under a taken sequence is a bug, never retried.
 */
export function createTransferRecordActivities({ transferRecords }: TransferRecordActivityDependencies): TransferActivities {
  return {
    async recordTransferEvent({ event, state }: RecordTransferEventInput): Promise<void> {
      try {
        await transferRecords.recordEvent(event, state);
      } catch (error) {
        if (error instanceof TransferEventConflictError) {
          throw ApplicationFailure.nonRetryable(error.message, NonRetryableActivityFailure.EventConflict);
        }
        throw error;
      }
    },
  };
}
