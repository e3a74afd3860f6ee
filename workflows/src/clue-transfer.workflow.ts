import {
  CLUE_TRANSFER_COMMAND_TYPES,
  catchUpClueTransferClocks,
  clueTransferReport,
  decideClueTransfer,
  evolveClueTransfer,
  startClueTransfer,
  type ClueTransferCommand,
  type ClueTransferState,
} from '@docket/domain';
import {
  clueTransferStateQuery,
  clueTransferUpdates,
  type ClueTransferInput,
  type ClueTransferResult,
} from '@docket/contracts';
import { reportToCase, runTransfer, type TransferUpdate } from './transfer-runner';

/**
 * A clue transfer to discipline inspection (线索移送纪检监察), started by a case as a child workflow
 * under `transferWorkflowId(caseId, 'clue_transfer')`. The handler's proposal is its first event;
 * the head's decision, the transfer, the inspector's acknowledgement and feedback arrive as updates.
 * The transfer period is a deadline; acknowledgement and feedback are reminders, feedback chased
 * every period. Returns the closing report: outcome and every clock kept or missed.
 */
export async function clueTransfer(input: ClueTransferInput): Promise<ClueTransferResult> {
  const state = await runTransfer({
    kind: 'clue_transfer',
    parentCaseId: input.parentCaseId,
    calendarYears: input.calendarYears,
    commandTypes: CLUE_TRANSFER_COMMAND_TYPES,
    update: (type) => clueTransferUpdates[type] as unknown as TransferUpdate<ClueTransferState>,
    stateQuery: clueTransferStateQuery,
    start: (transferId, now, calendar) =>
      startClueTransfer(
        { transferId, parentCaseId: input.parentCaseId, agencyId: input.agencyId, policy: input.policy, proposal: input.proposal },
        input.proposedBy,
        now,
        calendar,
      ),
    decide: (state, command, context) => decideClueTransfer(state, command as ClueTransferCommand, context),
    evolve: evolveClueTransfer,
    catchUp: catchUpClueTransferClocks,
  });
  const report = clueTransferReport(state);
  await reportToCase(input.parentCaseId, report);
  return report;
}
