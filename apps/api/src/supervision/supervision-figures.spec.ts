import type { SupervisionCounts } from '@docket/persistence';
import { incomeGrowth, rate, supervisionFigures } from './supervision-figures';
import { resolvePeriod } from './supervision-period';

const none = { met: 0, missed: 0 };
const counts: SupervisionCounts = {
  cluesRegistered: 4,
  filed: 2,
  notFiled: 1,
  casesByStage: { clue: 1, archived: 2, not_filed: 1 },
  clocks: { decision: { met: 2, missed: 1 }, publicity: none, legalReview: { met: 1, missed: 0 } },
  reviews: { approved: 1, returned: 1, revisionRequested: 0, disapproved: 0, medianHours: 1.234567, averageHours: 1.5 },
  clueTransfers: {
    started: 0,
    awaitingApproval: 0,
    refused: 0,
    awaitingTransfer: 0,
    awaitingAcknowledgement: 0,
    awaitingFeedback: 0,
    feedbackReceived: 0,
  },
  divergentPenalties: { total: 0, rows: [] },
  income: { current: 120_000, previous: 100_000 },
  finesImposed: { decisions: 2, total: 120_000 },
  decisionChanges: { changed: 0, revoked: 1, heldUnlawful: 0 },
};

describe('supervision figures', () => {
  it('gives rates over what was decided, and none where nothing was', () => {
    expect(rate(2, 3)).toBe(0.6667);
    expect(rate(0, 0)).toBeNull();
  });

  it('flags income growing by 20% or more over the previous period, and not growth from nothing', () => {
    expect(incomeGrowth(120_000, 100_000)).toEqual({ growth: 0.2, flagged: true });
    expect(incomeGrowth(119_990, 100_000)).toEqual({ growth: 0.1999, flagged: false });
    expect(incomeGrowth(110_000, 100_000)).toEqual({ growth: 0.1, flagged: false });
    expect(incomeGrowth(80_000, 100_000)).toEqual({ growth: -0.2, flagged: false });
    expect(incomeGrowth(50_000, 0)).toEqual({ growth: null, flagged: false });
  });

  it('lists every stage, and says which figures Docket does not record instead of inventing them', () => {
    const figures = supervisionFigures('sh-pudong-amr', resolvePeriod({ from: '2026-03-01', to: '2026-03-31' }), counts);
    expect(figures.casesByStage).toMatchObject({ clue: 1, filed: 0, archived: 2, not_filed: 1 });
    expect(Object.keys(figures.casesByStage)).toHaveLength(15);
    expect(figures.clues.filingRate).toBe(0.6667);
    expect(figures.decisionsOnTime).toEqual({ met: 2, missed: 1, onTimeRate: 0.6667 });
    expect(figures.legalReviewTurnaround).toMatchObject({ decided: 2, medianHours: 1.23, averageHours: 1.5 });
    expect(figures.complaintClosureRate.recorded).toBe(false);
    expect(figures.reconsiderationCorrectionRate).toMatchObject({ recorded: false, decisionsCorrected: { revoked: 1 } });
  });
});
