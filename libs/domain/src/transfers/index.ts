// Transfers (domain.md §3): the child processes a case starts from any open stage.
import type { ClueTransferEvent, ClueTransferReport, ClueTransferState } from './clue-transfer';
import type { JudicialTransferEvent, JudicialTransferReport, JudicialTransferState } from './judicial-transfer';

export * from './clue-transfer';
export * from './judicial-transfer';
export {
  nextTransferClockDueAt,
  type TransferClock,
  type TransferClockEventData,
  type TransferClockNature,
  type TransferClockReport,
  type TransferClockStatus,
} from './transfer-clock';
export {
  TRANSFER_KINDS,
  type TransferCommandContext,
  type TransferCommandRule,
  type TransferEvent,
  type TransferKind,
  type TransferReportBase,
  type TransferSide,
  type TransferStartBase,
  type TransferStateBase,
} from './transfer-common';

/** Either kind of transfer, as the record stores it. */
export type AnyTransferState = ClueTransferState | JudicialTransferState;
export type AnyTransferEvent = ClueTransferEvent | JudicialTransferEvent;
export type AnyTransferReport = ClueTransferReport | JudicialTransferReport;
