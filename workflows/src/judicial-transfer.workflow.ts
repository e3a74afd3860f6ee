import {
  JUDICIAL_TRANSFER_COMMAND_TYPES,
  catchUpJudicialTransferClocks,
  decideJudicialTransfer,
  evolveJudicialTransfer,
  judicialTransferReport,
  startJudicialTransfer,
  type JudicialTransferCommand,
  type JudicialTransferState,
} from '@docket/domain';
import {
  judicialTransferStateQuery,
  judicialTransferUpdates,
  type JudicialTransferInput,
  type JudicialTransferResult,
} from '@docket/contracts';
import { reportToCase, runTransfer, type TransferUpdate } from './transfer-runner';

/**
 * A judicial transfer (移送司法机关, APL 27), started by a case as a child workflow under
 * `transferWorkflowId(caseId, 'judicial_transfer')`. The team's report is its first event; the
 * head's decision, the transfer to the police, the police's answer and any review request arrive
 * as updates. Each statutory period is a durable timer and a missed one is recorded; the review
 * window, unused, closes the transfer. Returns the closing report.
 */
export async function judicialTransfer(input: JudicialTransferInput): Promise<JudicialTransferResult> {
  const state = await runTransfer({
    kind: 'judicial_transfer',
    parentCaseId: input.parentCaseId,
    calendarYears: input.calendarYears,
    commandTypes: JUDICIAL_TRANSFER_COMMAND_TYPES,
    update: (type) => judicialTransferUpdates[type] as unknown as TransferUpdate<JudicialTransferState>,
    stateQuery: judicialTransferStateQuery,
    start: (transferId, now, calendar) =>
      startJudicialTransfer(
        { transferId, parentCaseId: input.parentCaseId, agencyId: input.agencyId, policy: input.policy, report: input.report },
        input.reportedBy,
        now,
        calendar,
      ),
    decide: (state, command, context) => decideJudicialTransfer(state, command as JudicialTransferCommand, context),
    evolve: evolveJudicialTransfer,
    catchUp: catchUpJudicialTransferClocks,
  });
  const report = judicialTransferReport(state);
  await reportToCase(input.parentCaseId, report);
  return report;
}
