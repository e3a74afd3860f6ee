import type { DataSource } from 'typeorm';
import { caseWorkflowId, type ClueTransferInput, type JudicialTransferInput } from '@docket/contracts';
import { PRC_WORKING_CALENDAR_YEARS, defaultAgencyPolicy, registerCase, type Actor } from '@docket/domain';
import { CaseRecordRepository } from '@docket/persistence';
import { AGENCY, actors, certifiedHandlers, defaultClocks, registration } from './case-fixtures';

/** The discipline-inspection commission the clues go to, and its inspector (纪检监察联络人). */
export const COMMISSION = 'sh-pudong-cdi';

export const transferActors = {
  inspectorZhou: { userId: 'inspector-zhou', role: 'inspector', agencyId: COMMISSION },
  otherInspector: { userId: 'inspector-qian', role: 'inspector', agencyId: 'sh-minhang-cdi' },
  handlerSun: { userId: 'handler-sun', role: 'handler', agencyId: AGENCY },
} as const satisfies Record<string, Actor>;

/**
 * Registers a case's `cases` row, as its own workflow would have done before starting a transfer:
 * `case_transfers.case_id` references it.
 */
export async function registerParentCase(dataSource: DataSource, at = new Date().toISOString()): Promise<string> {
  const { state, event } = registerCase(registration(), actors.handlerLi, at, defaultClocks);
  await new CaseRecordRepository(dataSource).recordEvent(caseWorkflowId(state.caseId), event, state);
  return state.caseId;
}

export function clueTransferInput(parentCaseId: string, discoveredAt: string): ClueTransferInput {
  return {
    parentCaseId,
    agencyId: AGENCY,
    policy: defaultAgencyPolicy(AGENCY),
    calendarYears: PRC_WORKING_CALENDAR_YEARS,
    proposedBy: actors.handlerLi,
    proposal: {
      misconduct: { kind: 'rent_seeking', description: 'An inspector asked the shop for “consulting fees” to close the case' },
      official: { name: '张某', position: 'inspector', organization: 'Xinhua Road market supervision office' },
      discoveredAt,
    },
  };
}

export function judicialTransferInput(parentCaseId: string): JudicialTransferInput {
  return {
    parentCaseId,
    agencyId: AGENCY,
    policy: defaultAgencyPolicy(AGENCY),
    calendarYears: PRC_WORKING_CALENDAR_YEARS,
    reportedBy: actors.handlerLi,
    report: {
      suspectedOffence: '生产、销售不符合安全标准的食品罪',
      facts: 'Relabelled expired meat sold to schools, worth ¥310,000',
      team: certifiedHandlers(),
    },
  };
}

export const clueSteps = {
  approve: { opinion: 'Transfer under Supervision Law Art. 34' },
  transfer: {
    materials: ['Complaint of the shop owner', 'Record of the inspection visit', 'Bank transfer receipt'],
    receivingBody: { id: COMMISSION, name: '浦东新区纪委监委案件监督管理室' },
  },
  acknowledge: { note: 'Received by the case-supervision department' },
  feedback: { outcome: 'case opened', details: '已立案审查调查' },
} as const;

export const judicialSteps = {
  approve: { opinion: 'Suspected crime: transfer to the public security organ' },
  transfer: { materials: ['涉嫌犯罪案件移送书', '涉嫌犯罪案件调查报告', '涉案物品清单', '检验报告'], policeOrgan: '上海市公安局浦东分局' },
  policeRefused: { answer: 'refused', documentNumber: '沪公浦(食药)不立字〔2026〕23号', reason: 'Amount not established' },
  requestReview: { reason: 'Sales ledgers establish the amount', documentNumber: '沪浦市监复议〔2026〕4号' },
} as const;

export interface TransferEventRow {
  sequence: number;
  type: string;
  actor_id: string;
  status_before: string | null;
  status_after: string;
}

export function transferEventRows(dataSource: DataSource, transferId: string): Promise<TransferEventRow[]> {
  return dataSource.query(
    'SELECT sequence, type, actor_id, status_before, status_after FROM transfer_events WHERE transfer_id = $1 ORDER BY sequence',
    [transferId],
  );
}
