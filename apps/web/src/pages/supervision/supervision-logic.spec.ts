import type { SupervisionFigures } from '../../api/supervision';
import { agencyName, chartsOf, decidedAgainstRange, layoutBars, niceMax, notRecordedOf, percent, periodLabel, presetPeriod, validatePeriod } from './supervision-logic';

describe('period presets', () => {
  // 2026-03-31T17:00Z is already 1 April in Beijing.
  const aprilFirstInChina = Date.parse('2026-03-31T17:00:00Z');

  it('take the month, quarter or year of China’s date, both ends included', () => {
    expect(presetPeriod('month', aprilFirstInChina)).toEqual({ from: '2026-04-01', to: '2026-04-30' });
    expect(presetPeriod('quarter', aprilFirstInChina)).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(presetPeriod('year', aprilFirstInChina)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('go back across year ends and know February', () => {
    expect(presetPeriod('month', aprilFirstInChina, 2)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetPeriod('quarter', aprilFirstInChina, 2)).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(presetPeriod('month', Date.parse('2028-03-15T00:00:00Z'), 1)).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetPeriod('year', aprilFirstInChina, 1)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });

  it('are labelled by month, quarter or year', () => {
    expect(periodLabel('quarter', { from: '2026-07-01', to: '2026-09-30' })).toEqual({ key: 'supervision.period.quarterLabel', values: { year: '2026', quarter: 3 } });
    expect(periodLabel('month', { from: '2026-02-01', to: '2026-02-28' }).values).toEqual({ year: '2026', month: 2 });
  });
});

describe('a custom period', () => {
  it('needs real dates in order', () => {
    expect(validatePeriod({ from: '2026-01-01', to: '2026-03-31' })).toEqual({});
    expect(validatePeriod({ from: '2026-02-30', to: '2026-03-31' })).toEqual({ from: 'supervision.error.date' });
    expect(validatePeriod({ from: '2026-04-01', to: '2026-03-31' })).toEqual({ to: 'supervision.error.order' });
    expect(validatePeriod({ from: '', to: '' })).toEqual({ from: 'supervision.error.date', to: 'supervision.error.date' });
  });
});

describe('chart scaling', () => {
  it('rounds the axis up to 1, 2 or 5 times a power of ten', () => {
    expect(niceMax([0, 0])).toBe(1);
    expect(niceMax([3])).toBe(5);
    expect(niceMax([7, 2])).toBe(10);
    expect(niceMax([12])).toBe(20);
    expect(niceMax([360_000, 280_000])).toBe(500_000);
    expect(niceMax([100])).toBe(100);
  });

  it('draws bars proportional to the axis, zero as no bar, evenly spaced', () => {
    const { max, bars } = layoutBars(
      [
        { key: 'a', value: 10 },
        { key: 'b', value: 5 },
        { key: 'c', value: 0 },
      ],
      300,
      100,
    );
    expect(max).toBe(10);
    expect(bars.map((bar) => [bar.key, bar.height, bar.y])).toEqual([
      ['a', 100, 0],
      ['b', 50, 50],
      ['c', 0, 100],
    ]);
    expect(bars.map((bar) => bar.x)).toEqual([12.5, 112.5, 212.5]);
    expect(bars[0]?.width).toBe(75);
  });
});

const FIGURES: SupervisionFigures = {
  agencyId: 'sh-pudong-amr',
  period: { from: '2026-01-01', to: '2026-03-31', timeZone: 'Asia/Shanghai', startsAt: '2025-12-31T16:00:00.000Z', endsBefore: '2026-03-31T16:00:00.000Z' },
  clues: { registered: 40, filed: 30, notFiled: 6, filingRate: 0.8333 },
  casesByStage: { clue: 4, investigation: 7 },
  decisionsOnTime: { met: 18, missed: 2, onTimeRate: 0.9 },
  legalReviewTurnaround: { decided: 21, basis: 'calendar_hours', medianHours: 52.5, averageHours: 61.25, withinReviewPeriod: { met: 20, missed: 1, onTimeRate: 0.9524 } },
  reviewOutcomes: { approved: 17, returned: 2, changesProposed: 1, disapproved: 1 },
  publicityOnTime: { met: 0, missed: 0, onTimeRate: null },
  clueTransfers: { started: 3, awaitingApproval: 0, refused: 0, awaitingTransfer: 0, awaitingAcknowledgement: 1, awaitingFeedback: 1, feedbackReceived: 1 },
  divergentPenalties: { flagged: 0, cases: [] },
  penaltyIncome: { current: 360_000, previous: 280_000, previousPeriod: { from: '2025-10-03', to: '2025-12-31' }, growth: 0.2857, threshold: 0.2, flagged: true, finesImposed: { decisions: 15, total: 412_000 } },
  complaintClosureRate: { recorded: false, reason: 'complaints are not recorded' },
  followUpSatisfaction: { recorded: false, reason: 'visits are not recorded' },
  reconsiderationCorrectionRate: { recorded: false, reason: 'no denominator', decisionsCorrected: { changed: 1, revoked: 0, heldUnlawful: 0 } },
  problemsFoundAndRectified: { recorded: false, reason: 'not recorded' },
};

describe('the figures as charts', () => {
  const charts = chartsOf(FIGURES, ['clue', 'filed', 'investigation']);

  it('draws every recorded §7 figure, in the rulebook’s order', () => {
    expect(charts.map((chart) => chart.title)).toEqual([
      'supervision.chart.clues',
      'supervision.chart.stages',
      'supervision.chart.decisionsOnTime',
      'supervision.chart.reviewTurnaround',
      'supervision.chart.reviewOutcomes',
      'supervision.chart.publicityOnTime',
      'supervision.chart.transfers',
      'supervision.chart.income',
    ]);
  });

  it('counts a stage the API left out as zero', () => {
    expect(charts[1]?.bars.map((bar) => [bar.key, bar.value])).toEqual([
      ['clue', 4],
      ['filed', 0],
      ['investigation', 7],
    ]);
  });

  it('writes rates as percentages, a dash where nothing was counted, and flags profit-driven income', () => {
    expect(charts[0]?.notes).toEqual([{ key: 'supervision.note.filingRate', values: { rate: '83.3%' } }]);
    expect(charts[5]?.notes).toEqual([{ key: 'supervision.note.onTimeRate', values: { rate: '—' } }]);
    expect(charts[7]?.notes.map((note) => note.key)).toContain('supervision.note.profitDriven');
    expect(percent(0.2857)).toBe('28.6%');
  });

  it('names the figures Docket does not record, with the API’s reason and no number', () => {
    expect(notRecordedOf(FIGURES)).toEqual([
      { name: 'supervision.figure.complaintClosureRate', reason: 'complaints are not recorded' },
      { name: 'supervision.figure.followUpSatisfaction', reason: 'visits are not recorded' },
      {
        name: 'supervision.figure.reconsiderationCorrectionRate',
        reason: 'no denominator',
        partial: { key: 'supervision.figure.decisionsCorrected', values: { changed: 1, revoked: 0, heldUnlawful: 0 } },
      },
      { name: 'supervision.figure.problemsFoundAndRectified', reason: 'not recorded' },
    ]);
  });
});

describe('a flagged proposal’s decided fine', () => {
  const range = { min: 60_000, max: 75_000 };

  it('is placed against the benchmark range, ends included', () => {
    expect(decidedAgainstRange({ range, decidedFine: 75_000 })).toBe('within');
    expect(decidedAgainstRange({ range, decidedFine: 95_000 })).toBe('above');
    expect(decidedAgainstRange({ range, decidedFine: 0 })).toBe('below');
  });

  it('is undecided until the head decides, and unplaceable without a range', () => {
    expect(decidedAgainstRange({ range, decidedFine: null })).toBe('undecided');
    expect(decidedAgainstRange({ range: null, decidedFine: 1_000 })).toBe('no_range');
  });
});

describe('naming the agency shown', () => {
  it('uses the registry name the list gives, and the id for an agency not listed', () => {
    const agencies = [{ id: 'sh-pudong-amr', name: '浦东新区市场监督管理局' }];
    expect(agencyName(agencies, 'sh-pudong-amr')).toBe('浦东新区市场监督管理局');
    expect(agencyName(agencies, 'sh-minhang-amr')).toBe('sh-minhang-amr');
  });
});
