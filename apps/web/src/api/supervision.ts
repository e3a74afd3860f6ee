import { api } from './http';
import { searchCases, type CaseSearchPage } from './cases';

/** The supervisor's dashboard calls (量化考核, domain.md §7). Types by hand from apps/api/src/supervision/dtos. */

export interface OnTime {
  readonly met: number;
  readonly missed: number;
  readonly onTimeRate: number | null;
}

export interface NotRecorded {
  readonly recorded: false;
  readonly reason: string;
}

export interface DivergentPenalty {
  readonly caseId: string;
  readonly violationCode: string | null;
  readonly severity: string | null;
  readonly proposedOutcome: string | null;
  readonly proposedFine: number | null;
  readonly benchmarkStatus: 'below_range' | 'above_range' | 'no_penalty_list_applies';
  readonly range: { readonly min: number; readonly max: number } | null;
  readonly decidedFine: number | null;
  readonly submittedAt: string;
}

export interface SupervisionFigures {
  readonly agencyId: string;
  readonly period: { readonly from: string; readonly to: string; readonly timeZone: string; readonly startsAt: string; readonly endsBefore: string };
  readonly clues: { readonly registered: number; readonly filed: number; readonly notFiled: number; readonly filingRate: number | null };
  readonly casesByStage: Readonly<Record<string, number>>;
  readonly decisionsOnTime: OnTime;
  readonly legalReviewTurnaround: {
    readonly decided: number;
    readonly basis: 'calendar_hours';
    readonly medianHours: number | null;
    readonly averageHours: number | null;
    readonly withinReviewPeriod: OnTime;
  };
  readonly reviewOutcomes: { readonly approved: number; readonly returned: number; readonly changesProposed: number; readonly disapproved: number };
  readonly publicityOnTime: OnTime;
  readonly clueTransfers: {
    readonly started: number;
    readonly awaitingApproval: number;
    readonly refused: number;
    readonly awaitingTransfer: number;
    readonly awaitingAcknowledgement: number;
    readonly awaitingFeedback: number;
    readonly feedbackReceived: number;
  };
  readonly divergentPenalties: { readonly flagged: number; readonly cases: readonly DivergentPenalty[] };
  readonly penaltyIncome: {
    readonly current: number;
    readonly previous: number;
    readonly previousPeriod: { readonly from: string; readonly to: string };
    readonly growth: number | null;
    readonly threshold: number;
    readonly flagged: boolean;
    readonly finesImposed: { readonly decisions: number; readonly total: number };
  };
  readonly complaintClosureRate: NotRecorded;
  readonly followUpSatisfaction: NotRecorded;
  readonly reconsiderationCorrectionRate: NotRecorded & { readonly decisionsCorrected: { readonly changed: number; readonly revoked: number; readonly heldUnlawful: number } };
  readonly problemsFoundAndRectified: NotRecorded;
}

/** One agency whose figures the caller may see (GET /supervision/agencies, SupervisedAgencyDto). */
export interface SupervisedAgency {
  readonly id: string;
  readonly name: string;
  readonly kind: 'enforcement' | 'supervision' | 'discipline_inspection' | 'other';
  /** The caller's own agency, as against one it supervises. */
  readonly own: boolean;
}

/** Exactly the agencies GET /supervision/figures accepts for the caller, their own first. */
export function getSupervisedAgencies(signal?: AbortSignal): Promise<SupervisedAgency[]> {
  return api<SupervisedAgency[]>('/supervision/agencies', signal === undefined ? {} : { signal });
}

export function getFigures(query: { agency: string; from: string; to: string }, signal?: AbortSignal): Promise<SupervisionFigures> {
  return api<SupervisionFigures>('/supervision/figures', { query, ...(signal === undefined ? {} : { signal }) });
}

/** Cases listed for supervision (督办) because a deadline was missed, of one agency. */
export function getOverdueCases(agency: string, signal?: AbortSignal): Promise<CaseSearchPage> {
  return searchCases({ overdue: 'true', agency }, undefined, signal, 100);
}
