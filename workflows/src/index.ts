export { caseLifecycle } from './case-lifecycle.workflow';
export { clueTransfer } from './clue-transfer.workflow';
export { judicialTransfer } from './judicial-transfer.workflow';
export { replayCases } from './replay-cases.workflow';
