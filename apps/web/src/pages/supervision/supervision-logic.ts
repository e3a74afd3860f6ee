import type { NotRecorded, OnTime, SupervisionFigures } from '../../api/supervision';

/** Pure helpers of the supervisor's dashboard: period presets, chart scaling, figures as charts. */

export type PeriodKind = 'month' | 'quarter' | 'year';

export interface Period {
  readonly from: string;
  readonly to: string;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function lastDayOf(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Today's date in China (UTC+8, no daylight saving), where the agencies' periods are counted. */
export function chinaToday(now: number): { readonly year: number; readonly month: number; readonly day: number } {
  const date = new Date(now + 8 * 3_600_000);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/**
 * The calendar month, quarter or year containing `now` in China time, moved back `back` periods,
 * as the first and last dates (both included), the way GET /supervision/figures takes them.
 */
export function presetPeriod(kind: PeriodKind, now: number, back = 0): Period {
  const today = chinaToday(now);
  const months = kind === 'month' ? 1 : kind === 'quarter' ? 3 : 12;
  const startMonthIndex = kind === 'month' ? today.month - 1 : kind === 'quarter' ? Math.floor((today.month - 1) / 3) * 3 : 0;
  const absolute = today.year * 12 + startMonthIndex - back * months;
  const year = Math.floor(absolute / 12);
  const month = (absolute % 12) + 1;
  const endAbsolute = absolute + months - 1;
  const endYear = Math.floor(endAbsolute / 12);
  const endMonth = (endAbsolute % 12) + 1;
  return { from: `${year}-${pad(month)}-01`, to: `${endYear}-${pad(endMonth)}-${pad(lastDayOf(endYear, endMonth))}` };
}

/** A label key and values for a preset, e.g. 2026年第3季度. */
export function periodLabel(kind: PeriodKind, period: Period): { readonly key: string; readonly values: Record<string, string | number> } {
  const [year = '', month = ''] = period.from.split('-');
  switch (kind) {
    case 'month':
      return { key: 'supervision.period.monthLabel', values: { year, month: Number(month) } };
    case 'quarter':
      return { key: 'supervision.period.quarterLabel', values: { year, quarter: Math.floor((Number(month) - 1) / 3) + 1 } };
    case 'year':
      return { key: 'supervision.period.yearLabel', values: { year } };
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The custom period's problems, by field, as message keys; empty when it may be asked for. */
export function validatePeriod(period: Period): Partial<Record<'from' | 'to', string>> {
  const errors: Partial<Record<'from' | 'to', string>> = {};
  const valid = (text: string) => DATE.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
  if (!valid(period.from)) {
    errors.from = 'supervision.error.date';
  }
  if (!valid(period.to)) {
    errors.to = 'supervision.error.date';
  } else if (errors.from === undefined && period.to < period.from) {
    errors.to = 'supervision.error.order';
  }
  return errors;
}

/** A round top for a chart's axis at or above the largest value: 1, 2 or 5 times a power of ten. */
export function niceMax(values: readonly number[]): number {
  const largest = Math.max(0, ...values.filter((value) => Number.isFinite(value)));
  if (largest === 0) {
    return 1;
  }
  const power = 10 ** Math.floor(Math.log10(largest));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= largest) {
      return step * power;
    }
  }
  return 10 * power;
}

export interface Bar {
  readonly key: string;
  readonly value: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Vertical bars in a `width` × `height` plot area, scaled to niceMax: a zero value has no height,
 * the top of the axis reaches the top of the area. Bars are evenly spaced with a gap of a quarter
 * of their slot.
 */
export function layoutBars(
  items: readonly { readonly key: string; readonly value: number }[],
  width: number,
  height: number,
): { readonly max: number; readonly bars: readonly Bar[] } {
  const max = niceMax(items.map((item) => item.value));
  const slot = items.length === 0 ? width : width / items.length;
  const barWidth = slot * 0.75;
  return {
    max,
    bars: items.map((item, index) => {
      const value = Number.isFinite(item.value) ? Math.max(0, item.value) : 0;
      const barHeight = (value / max) * height;
      return { key: item.key, value: item.value, x: index * slot + (slot - barWidth) / 2, y: height - barHeight, width: barWidth, height: barHeight };
    }),
  };
}

export interface Chart {
  /** Message key of the chart's title. */
  readonly title: string;
  readonly bars: readonly { readonly key: string; readonly label: string; readonly value: number }[];
  /** A rate or note shown under the chart: message key and values. */
  readonly notes: readonly { readonly key: string; readonly values?: Record<string, string | number> }[];
  readonly unit?: 'yuan';
}

/** A four-decimal fraction as a percentage with one decimal, or a dash when there was nothing to divide by. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

function onTimeBars(prefix: string, onTime: OnTime): Chart['bars'] {
  return [
    { key: `${prefix}.met`, label: 'supervision.bar.met', value: onTime.met },
    { key: `${prefix}.missed`, label: 'supervision.bar.missed', value: onTime.missed },
  ];
}

/** The §7 figures Docket records, as bar charts, in the rulebook's order. */
export function chartsOf(figures: SupervisionFigures, stages: readonly string[]): readonly Chart[] {
  const { clues, decisionsOnTime, legalReviewTurnaround: review, reviewOutcomes, publicityOnTime, clueTransfers, penaltyIncome } = figures;
  const hours = (value: number | null) => (value === null ? '—' : String(Math.round(value * 10) / 10));
  return [
    {
      title: 'supervision.chart.clues',
      bars: [
        { key: 'registered', label: 'supervision.bar.registered', value: clues.registered },
        { key: 'filed', label: 'supervision.bar.filed', value: clues.filed },
        { key: 'notFiled', label: 'supervision.bar.notFiled', value: clues.notFiled },
      ],
      notes: [{ key: 'supervision.note.filingRate', values: { rate: percent(clues.filingRate) } }],
    },
    {
      title: 'supervision.chart.stages',
      bars: stages.map((stage) => ({ key: stage, label: `audit.stage.${stage}`, value: figures.casesByStage[stage] ?? 0 })),
      notes: [{ key: 'supervision.note.stagesNow' }],
    },
    {
      title: 'supervision.chart.decisionsOnTime',
      bars: onTimeBars('decisions', decisionsOnTime),
      notes: [{ key: 'supervision.note.onTimeRate', values: { rate: percent(decisionsOnTime.onTimeRate) } }],
    },
    {
      title: 'supervision.chart.reviewTurnaround',
      bars: onTimeBars('review', review.withinReviewPeriod),
      notes: [
        { key: 'supervision.note.reviewsDecided', values: { count: review.decided } },
        { key: 'supervision.note.turnaround', values: { median: hours(review.medianHours), average: hours(review.averageHours) } },
        { key: 'supervision.note.onTimeRate', values: { rate: percent(review.withinReviewPeriod.onTimeRate) } },
      ],
    },
    {
      title: 'supervision.chart.reviewOutcomes',
      bars: [
        { key: 'approved', label: 'supervision.bar.approved', value: reviewOutcomes.approved },
        { key: 'returned', label: 'supervision.bar.returned', value: reviewOutcomes.returned },
        { key: 'changesProposed', label: 'supervision.bar.changesProposed', value: reviewOutcomes.changesProposed },
        { key: 'disapproved', label: 'supervision.bar.disapproved', value: reviewOutcomes.disapproved },
      ],
      notes: [],
    },
    {
      title: 'supervision.chart.publicityOnTime',
      bars: onTimeBars('publicity', publicityOnTime),
      notes: [{ key: 'supervision.note.onTimeRate', values: { rate: percent(publicityOnTime.onTimeRate) } }],
    },
    {
      title: 'supervision.chart.transfers',
      bars: [
        { key: 'started', label: 'supervision.bar.started', value: clueTransfers.started },
        { key: 'awaitingApproval', label: 'supervision.bar.awaitingApproval', value: clueTransfers.awaitingApproval },
        { key: 'refused', label: 'supervision.bar.refused', value: clueTransfers.refused },
        { key: 'awaitingTransfer', label: 'supervision.bar.awaitingTransfer', value: clueTransfers.awaitingTransfer },
        { key: 'awaitingAcknowledgement', label: 'supervision.bar.awaitingAcknowledgement', value: clueTransfers.awaitingAcknowledgement },
        { key: 'awaitingFeedback', label: 'supervision.bar.awaitingFeedback', value: clueTransfers.awaitingFeedback },
        { key: 'feedbackReceived', label: 'supervision.bar.feedbackReceived', value: clueTransfers.feedbackReceived },
      ],
      notes: [],
    },
    {
      title: 'supervision.chart.income',
      unit: 'yuan',
      bars: [
        { key: 'previous', label: 'supervision.bar.previousPeriod', value: penaltyIncome.previous },
        { key: 'current', label: 'supervision.bar.currentPeriod', value: penaltyIncome.current },
        { key: 'imposed', label: 'supervision.bar.finesImposed', value: penaltyIncome.finesImposed.total },
      ],
      notes: [
        { key: 'supervision.note.growth', values: { growth: percent(penaltyIncome.growth), threshold: percent(penaltyIncome.threshold) } },
        ...(penaltyIncome.flagged ? [{ key: 'supervision.note.profitDriven' }] : []),
      ],
    },
  ];
}

export interface NotRecordedFigure {
  /** Message key naming the figure. */
  readonly name: string;
  readonly reason: string;
  /** What Docket does record towards it, e.g. the decisions corrected. */
  readonly partial?: { readonly key: string; readonly values: Record<string, number> };
}

/** The §7 figures Docket does not record: named, with the API's reason, never a number. */
export function notRecordedOf(figures: SupervisionFigures): readonly NotRecordedFigure[] {
  const entries: readonly [string, NotRecorded | { recorded: true }][] = [
    ['supervision.figure.complaintClosureRate', figures.complaintClosureRate],
    ['supervision.figure.followUpSatisfaction', figures.followUpSatisfaction],
    ['supervision.figure.reconsiderationCorrectionRate', figures.reconsiderationCorrectionRate],
    ['supervision.figure.problemsFoundAndRectified', figures.problemsFoundAndRectified],
  ];
  return entries.flatMap(([name, figure]): NotRecordedFigure[] => {
    if (figure.recorded !== false) {
      return [];
    }
    const partial =
      name === 'supervision.figure.reconsiderationCorrectionRate'
        ? { key: 'supervision.figure.decisionsCorrected', values: { ...figures.reconsiderationCorrectionRate.decisionsCorrected } }
        : undefined;
    return [{ name, reason: figure.reason, ...(partial === undefined ? {} : { partial }) }];
  });
}

export type DecidedAgainstRange = 'within' | 'below' | 'above' | 'undecided' | 'no_range';

/** Where the fine finally decided sits against the benchmark range the proposal was checked with. */
export function decidedAgainstRange(entry: {
  readonly range: { readonly min: number; readonly max: number } | null;
  readonly decidedFine: number | null;
}): DecidedAgainstRange {
  if (entry.decidedFine === null) {
    return 'undecided';
  }
  if (entry.range === null) {
    return 'no_range';
  }
  if (entry.decidedFine < entry.range.min) {
    return 'below';
  }
  return entry.decidedFine > entry.range.max ? 'above' : 'within';
}

/** An agency as the dashboard names it: its registry name when the list has it, else its id. */
export function agencyName(agencies: readonly { readonly id: string; readonly name: string }[], id: string): string {
  return agencies.find((agency) => agency.id === id)?.name ?? id;
}
