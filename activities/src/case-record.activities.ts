import { ApplicationFailure } from '@temporalio/activity';
import { NonRetryableActivityFailure, type CaseActivities, type RecordCaseEventInput } from '@docket/contracts';
import { CaseEventConflictError, type CaseRecordRepository } from '@docket/persistence';

export interface CaseRecordActivityDependencies {
  readonly caseRecords: CaseRecordRepository;
}

/**
 * Activities that persist a case's steps. Built by a factory so the worker (and tests) hand in
 * the repository; each write is keyed by (case, sequence), so a retry writes nothing twice.
 */
export function createCaseRecordActivities({
  caseRecords,
}: CaseRecordActivityDependencies): Pick<CaseActivities, 'recordCaseEvent'> {
  return {
    async recordCaseEvent({ workflowId, event, state }: RecordCaseEventInput): Promise<void> {
      try {
        await caseRecords.recordEvent(workflowId, event, state);
      } catch (error) {
        if (error instanceof CaseEventConflictError) {
          throw ApplicationFailure.nonRetryable(error.message, NonRetryableActivityFailure.EventConflict);
        }
        throw error;
      }
    },
  };
}
