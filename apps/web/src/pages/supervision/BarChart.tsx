import { useId } from 'react';
import { useI18n } from '../../i18n/i18n';
import { formatYuan } from '../review/review-logic';
import { layoutBars, type Chart } from './supervision-logic';

const WIDTH = 360;
const PLOT_HEIGHT = 140;
const TOP = 16;
const LEFT = 44;
const LABEL_SPACE = 54;

/** A hand-made SVG bar chart; the numbers are also in a table for screen readers and copying. */
export function BarChart({ chart }: { readonly chart: Chart }) {
  const { t, locale } = useI18n();
  const titleId = useId();
  const plotWidth = WIDTH - LEFT - 8;
  const { max, bars } = layoutBars(chart.bars, plotWidth, PLOT_HEIGHT);
  const format = (value: number) => (chart.unit === 'yuan' ? formatYuan(value) : String(value));
  const labels = new Map(chart.bars.map((bar) => [bar.key, t(bar.label)]));
  return (
    <figure className="chart" aria-labelledby={titleId}>
      <figcaption id={titleId}>{t(chart.title)}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${TOP + PLOT_HEIGHT + LABEL_SPACE}`} role="img" aria-labelledby={titleId} className="chart__svg">
        <g transform={`translate(${LEFT}, ${TOP})`}>
          {[0, 0.5, 1].map((fraction) => (
            <g key={fraction}>
              <line x1={0} x2={plotWidth} y1={PLOT_HEIGHT * (1 - fraction)} y2={PLOT_HEIGHT * (1 - fraction)} className="chart__grid" />
              <text x={-4} y={PLOT_HEIGHT * (1 - fraction) + 4} textAnchor="end" className="chart__axis">
                {chart.unit === 'yuan' ? compactYuan(max * fraction, locale) : max * fraction}
              </text>
            </g>
          ))}
          {bars.map((bar) => (
            <g key={bar.key} data-bar={bar.key} data-value={bar.value}>
              <rect x={bar.x} y={bar.y} width={bar.width} height={Math.max(bar.height, 0)} className="chart__bar">
                <title>{`${labels.get(bar.key) ?? bar.key}: ${format(bar.value)}`}</title>
              </rect>
              <text x={bar.x + bar.width / 2} y={bar.y - 3} textAnchor="middle" className="chart__value">
                {chart.unit === 'yuan' ? compactYuan(bar.value, locale) : bar.value}
              </text>
              <text
                x={bar.x + bar.width / 2}
                y={PLOT_HEIGHT + 12}
                textAnchor="end"
                transform={`rotate(-35 ${bar.x + bar.width / 2} ${PLOT_HEIGHT + 12})`}
                className="chart__label"
              >
                {labels.get(bar.key)}
              </text>
            </g>
          ))}
        </g>
      </svg>
      <table className="chart__table">
        <tbody>
          {chart.bars.map((bar) => (
            <tr key={bar.key}>
              <th scope="row">{labels.get(bar.key)}</th>
              <td>{format(bar.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {chart.notes.map((note) => (
        <p key={note.key} className={note.key === 'supervision.note.profitDriven' ? 'chart__note chart__note--flag' : 'chart__note'}>
          {t(note.key, note.values)}
        </p>
      ))}
    </figure>
  );
}

/** Short amounts for the axis: in 万 (ten thousand) as Chinese fine figures are read, in thousands in English. */
function compactYuan(value: number, locale: 'zh' | 'en'): string {
  if (value < 10_000) {
    return String(Math.round(value * 10) / 10);
  }
  return locale === 'zh' ? `${Math.round(value / 1_000) / 10}万` : `${Math.round(value / 100) / 10}k`;
}
