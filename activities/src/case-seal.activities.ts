import { ApplicationFailure } from '@temporalio/activity';
import { NonRetryableActivityFailure, type CaseRecordSeal, type CaseSealActivities, type SealCaseRecordInput } from '@docket/contracts';
import { CaseSealRefusedError, type CaseSealRepository, type SealKey } from '@docket/persistence';

export interface CaseSealActivityDependencies {
  readonly caseSeals: CaseSealRepository;
  readonly sealKey: SealKey;
}

/**
 * Seals an archived case's record: a keyed digest over the head of its `case_events` chain, so an
 * auditor can show years later that no row was changed and none added since. Idempotent per case.
 */
export function createCaseSealActivities({ caseSeals, sealKey }: CaseSealActivityDependencies): CaseSealActivities {
  return {
    async sealCaseRecord({ caseId, lastSequence }: SealCaseRecordInput): Promise<CaseRecordSeal> {
      try {
        return await caseSeals.seal(caseId, lastSequence, sealKey);
      } catch (error) {
        if (error instanceof CaseSealRefusedError) {
          throw ApplicationFailure.nonRetryable(error.message, NonRetryableActivityFailure.SealRefused);
        }
        throw error;
      }
    },
  };
}
