import { randomUUID } from 'node:crypto';
import { casePolicySnapshot, type CaseLifecycleInput, type CasePolicySnapshot } from '@docket/contracts';
import {
  PRC_WORKING_CALENDAR_YEARS,
  createWorkingCalendar,
  defaultAgencyPolicy,
  type Actor,
  type CaseRegistration,
  type ClockContext,
  type HandlerAssignment,
} from '@docket/domain';

export const AGENCY = 'sh-pudong-amr';
export const OTHER_AGENCY = 'sh-minhang-amr';
/** The supervision body (执法监督) over both agencies above. */
export const SUPERVISING_AGENCY = 'sh-pudong-justice';
/** Where the system administrators sit. */
export const ADMIN_AGENCY = 'sh-municipal-it';

export const actors = {
  handlerLi: { userId: 'handler-li', role: 'handler', agencyId: AGENCY },
  handlerChen: { userId: 'handler-chen', role: 'handler', agencyId: AGENCY },
  reviewerZhao: { userId: 'reviewer-zhao', role: 'reviewer', agencyId: AGENCY },
  headWang: { userId: 'head-wang', role: 'head', agencyId: AGENCY },
  hearingOfficerZhou: { userId: 'officer-zhou', role: 'hearing_officer', agencyId: AGENCY },
  auditorQian: { userId: 'auditor-qian', role: 'auditor', agencyId: SUPERVISING_AGENCY },
  adminZhou: { userId: 'admin-zhou', role: 'admin', agencyId: ADMIN_AGENCY },
  otherAgencyHead: { userId: 'head-sun', role: 'head', agencyId: OTHER_AGENCY },
  otherAgencyHandler: { userId: 'handler-gao', role: 'handler', agencyId: OTHER_AGENCY },
  otherAgencyReviewer: { userId: 'reviewer-ma', role: 'reviewer', agencyId: OTHER_AGENCY },
} as const satisfies Record<string, Actor>;

export function registration(overrides: Partial<CaseRegistration> = {}): CaseRegistration {
  return {
    caseId: randomUUID(),
    agencyId: AGENCY,
    source: 'complaint',
    summary: 'Complaint: expired food on sale at the Xinhua Road shop',
    violationCode: 'FSL-124-1-3',
    party: { type: 'organization', name: '上海某某食品有限公司', idNumber: '91310000MA1FL4XXXX' },
    ...overrides,
  };
}

export function certifiedHandlers(validUntil = '2099-12-31T00:00:00.000Z'): HandlerAssignment[] {
  return [
    { userId: actors.handlerLi.userId, certificateNumber: 'SH-0451203', certificateExpiresAt: validUntil },
    { userId: actors.handlerChen.userId, certificateNumber: 'SH-0451877', certificateExpiresAt: validUntil },
  ];
}

/** The bodies of the thin path's steps, in order, with the actor who takes each. */
export const thinPath = {
  approveFiling: { reason: 'Facts indicate a violation within the limitation period' },
  assignHandlers: { handlers: certifiedHandlers() },
  report: { findings: 'Twelve packs past their use-by date on sale', proposedOutcome: 'penalty', proposedFine: 50_000 },
  approveReview: { verdict: 'approve', opinion: 'Facts clear, evidence sufficient, basis correct' },
  closeNotice: { partyResponse: 'waived' },
  decide: { outcome: 'penalty', fine: 50_000, reasoning: 'FSL Art. 124(1)(3)' },
  serve: { method: 'in_person' },
  pay: { amount: 50_000 },
  close: { summary: 'Decided, served and paid' },
  archive: { important: false },
} as const;

/** The agency's defaults, as the API reads them when nothing is stored. */
export function defaultPolicySnapshot(agencyId = AGENCY): CasePolicySnapshot {
  return casePolicySnapshot(agencyId, undefined, []);
}

export const defaultClocks: ClockContext = {
  policy: defaultAgencyPolicy(AGENCY),
  calendar: createWorkingCalendar(PRC_WORKING_CALENDAR_YEARS),
};

/** A workflow input for a new case registered by handler Li. */
export function lifecycleInput(overrides: Partial<CaseRegistration> = {}): CaseLifecycleInput {
  return { registration: registration(overrides), registeredBy: actors.handlerLi, policy: defaultPolicySnapshot() };
}
