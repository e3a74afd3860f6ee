import { ALL_CASE_STAGES, type CaseStage } from '@docket/domain';
import type { DivergentPenaltyRow, MetMissed, SupervisionCounts } from '@docket/persistence';
import type { ResolvedPeriod } from './supervision-period';

/** Income growing this much or more over the previous period is flagged (逐利执法, fines used as quotas). */
export const PROFIT_DRIVEN_GROWTH_THRESHOLD = 0.2;

/** A figure domain.md §7 names that Docket has no record to count from: said so, never invented. */
export interface NotRecorded {
  readonly recorded: false;
  readonly reason: string;
}

export interface OnTime extends MetMissed {
  /** met ÷ (met + missed); null when no clock was settled in the period. */
  readonly onTimeRate: number | null;
}

export interface SupervisionFigures {
  readonly agencyId: string;
  readonly period: { readonly from: string; readonly to: string; readonly timeZone: 'Asia/Shanghai'; readonly startsAt: string; readonly endsBefore: string };
  readonly clues: { readonly registered: number; readonly filed: number; readonly notFiled: number; readonly filingRate: number | null };
  readonly casesByStage: Readonly<Record<CaseStage, number>>;
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
  readonly clueTransfers: SupervisionCounts['clueTransfers'];
  readonly divergentPenalties: { readonly flagged: number; readonly cases: readonly DivergentPenaltyRow[] };
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
  readonly reconsiderationCorrectionRate: NotRecorded & {
    readonly decisionsCorrected: { readonly changed: number; readonly revoked: number; readonly heldUnlawful: number };
  };
  readonly problemsFoundAndRectified: NotRecorded;
}

/** Four decimals: enough for a rate shown as a percentage with two. */
function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : round(part / whole);
}

function onTime(clock: MetMissed): OnTime {
  return { ...clock, onTimeRate: rate(clock.met, clock.met + clock.missed) };
}

/**
 * Growth of income over the previous period, flagged at 20% or more. Growth from nothing has no
 * ratio: it is reported as null and not flagged, since one first fine is no pattern.
 */
export function incomeGrowth(current: number, previous: number): { growth: number | null; flagged: boolean } {
  if (previous <= 0) {
    return { growth: null, flagged: false };
  }
  const growth = (current - previous) / previous;
  return { growth: round(growth), flagged: growth >= PROFIT_DRIVEN_GROWTH_THRESHOLD };
}

export function supervisionFigures(agencyId: string, period: ResolvedPeriod, counts: SupervisionCounts): SupervisionFigures {
  const casesByStage = Object.fromEntries(ALL_CASE_STAGES.map((stage) => [stage, counts.casesByStage[stage] ?? 0])) as Record<CaseStage, number>;
  const reviews = counts.reviews;
  const decided = reviews.approved + reviews.returned + reviews.revisionRequested + reviews.disapproved;
  const hours = (value: number | null): number | null => (value === null ? null : Math.round(value * 100) / 100);
  return {
    agencyId,
    period: {
      from: period.from,
      to: period.to,
      timeZone: 'Asia/Shanghai',
      startsAt: period.startsAt.toISOString(),
      endsBefore: period.endsBefore.toISOString(),
    },
    clues: {
      registered: counts.cluesRegistered,
      filed: counts.filed,
      notFiled: counts.notFiled,
      filingRate: rate(counts.filed, counts.filed + counts.notFiled),
    },
    casesByStage,
    decisionsOnTime: onTime(counts.clocks.decision),
    legalReviewTurnaround: {
      decided,
      basis: 'calendar_hours',
      medianHours: hours(reviews.medianHours),
      averageHours: hours(reviews.averageHours),
      withinReviewPeriod: onTime(counts.clocks.legalReview),
    },
    reviewOutcomes: {
      approved: reviews.approved,
      returned: reviews.returned,
      changesProposed: reviews.revisionRequested,
      disapproved: reviews.disapproved,
    },
    publicityOnTime: onTime(counts.clocks.publicity),
    clueTransfers: counts.clueTransfers,
    divergentPenalties: { flagged: counts.divergentPenalties.total, cases: counts.divergentPenalties.rows },
    penaltyIncome: {
      current: counts.income.current,
      previous: counts.income.previous,
      previousPeriod: { from: period.previous.from, to: period.previous.to },
      ...incomeGrowth(counts.income.current, counts.income.previous),
      threshold: PROFIT_DRIVEN_GROWTH_THRESHOLD,
      finesImposed: counts.finesImposed,
    },
    complaintClosureRate: {
      recorded: false,
      reason: 'Docket records enforcement cases, not the handling of complaints (办结率): complaints closed without a case are not recorded',
    },
    followUpSatisfaction: {
      recorded: false,
      reason: 'Follow-up visits (回访) and their ratings are not recorded in Docket',
    },
    reconsiderationCorrectionRate: {
      recorded: false,
      reason:
        'Docket records decisions later changed, revoked or held unlawful (counted below), but not the reconsiderations ' +
        'concluded, so the rate has no denominator',
      decisionsCorrected: counts.decisionChanges,
    },
    problemsFoundAndRectified: {
      recorded: false,
      reason: 'Problems found by supervision and their rectification are not recorded in Docket',
    },
  };
}
