import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { CASE_STAGES } from '../../api/cases';
import { getFigures, getOverdueCases, getSupervisedAgencies, type SupervisionFigures } from '../../api/supervision';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import { Field } from '../../ui/Field';
import { Loaded } from '../../ui/Loading';
import { useResource } from '../../ui/use-resource';
import { formatYuan } from '../review/review-logic';
import { BarChart } from './BarChart';
import { agencyName, chartsOf, decidedAgainstRange, notRecordedOf, periodLabel, presetPeriod, validatePeriod, type Period, type PeriodKind } from './supervision-logic';


type Selection = { readonly kind: PeriodKind; readonly back: number } | { readonly kind: 'custom'; readonly period: Period };

/** `/supervision`: 量化考核 of one agency and period, for heads (their agency) and auditors (the agencies they supervise). */
export function SupervisionPage() {
  const { t } = useI18n();
  const { session } = useSession();
  const ownAgency = session?.agencyId ?? '';
  const isAuditor = session?.role === 'auditor';
  const [agency, setAgency] = useState(ownAgency);
  const [agencyDraft, setAgencyDraft] = useState(ownAgency);
  const [agencyError, setAgencyError] = useState<string | undefined>();
  // The moment the dashboard opened: presets count back from it, so every render agrees.
  const [openedAt] = useState(() => Date.now());
  const [selection, setSelection] = useState<Selection>({ kind: 'quarter', back: 0 });
  const [custom, setCustom] = useState<Period>(() => presetPeriod('quarter', openedAt));
  const [customErrors, setCustomErrors] = useState<Partial<Record<'from' | 'to', string>>>({});

  const period = useMemo<Period>(
    () => (selection.kind === 'custom' ? selection.period : presetPeriod(selection.kind, openedAt, selection.back)),
    [selection, openedAt],
  );

  // Exactly the agencies the figures may be asked for, with their names.
  const [knownAgencies] = useResource(`supervision-agencies:${session?.userId ?? ''}:${session?.role ?? ''}`, getSupervisedAgencies);
  const agencies = knownAgencies.status === 'ready' ? knownAgencies.value : [];

  const chooseAgency = (event: FormEvent) => {
    event.preventDefault();
    if (agencyDraft.trim() === '') {
      setAgencyError(t('supervision.error.agency'));
      return;
    }
    setAgencyError(undefined);
    setAgency(agencyDraft.trim());
  };

  // The date fields follow the preset shown, so a custom period starts from it.
  const choosePreset = (kind: PeriodKind, back: number) => {
    setSelection({ kind, back });
    setCustom(presetPeriod(kind, openedAt, back));
    setCustomErrors({});
  };

  const applyCustom = (event: FormEvent) => {
    event.preventDefault();
    const errors = validatePeriod(custom);
    setCustomErrors(errors);
    if (Object.keys(errors).length === 0) {
      setSelection({ kind: 'custom', period: custom });
    }
  };

  const presetKind = selection.kind === 'custom' ? undefined : selection.kind;
  const label =
    selection.kind === 'custom' ? undefined : periodLabel(selection.kind, period);

  return (
    <div className="supervision">
      <h1>{t('supervision.title')}</h1>
      <section className="panel supervision__controls" aria-labelledby="supervision-scope">
        <h2 id="supervision-scope">{t('supervision.scope.heading')}</h2>
        {isAuditor ? (
          <form onSubmit={chooseAgency} noValidate className="supervision__agency">
            <Field label={t('supervision.agency')} name="agency" error={agencyError} hint={t('supervision.agency.hint')}>
              {(props) => (
                <select {...props} value={agencyDraft} onChange={(event) => setAgencyDraft(event.target.value)}>
                  {agencies.some((choice) => choice.id === agencyDraft) ? null : <option value={agencyDraft}>{agencyDraft}</option>}
                  {agencies.map((choice) => (
                    <option key={choice.id} value={choice.id}>
                      {t(choice.own ? 'supervision.agency.ownOption' : 'supervision.agency.option', { name: choice.name, id: choice.id })}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button type="submit">{t('supervision.agency.show')}</button>
          </form>
        ) : (
          <p>
            {t('supervision.agency')}: <strong>{agencyName(agencies, agency)}</strong>
          </p>
        )}
        <div className="supervision__period" role="group" aria-label={t('supervision.period.heading')}>
          {(['month', 'quarter', 'year'] as const).map((kind) => (
            <button key={kind} type="button" aria-pressed={presetKind === kind} onClick={() => choosePreset(kind, 0)}>
              {t(`supervision.period.${kind}`)}
            </button>
          ))}
          {presetKind === undefined ? null : (
            <>
              <button type="button" onClick={() => choosePreset(presetKind, (selection.kind === 'custom' ? 0 : selection.back) + 1)}>
                ← {t('supervision.period.previous')}
              </button>
              <button
                type="button"
                disabled={selection.kind === 'custom' || selection.back === 0}
                onClick={() => choosePreset(presetKind, Math.max(0, (selection.kind === 'custom' ? 0 : selection.back) - 1))}
              >
                {t('supervision.period.next')} →
              </button>
            </>
          )}
        </div>
        <form onSubmit={applyCustom} noValidate className="supervision__custom">
          <Field label={t('supervision.period.from')} name="from" error={customErrors.from === undefined ? undefined : t(customErrors.from)}>
            {(props) => <input {...props} type="date" value={custom.from} onChange={(event) => setCustom({ ...custom, from: event.target.value })} />}
          </Field>
          <Field label={t('supervision.period.to')} name="to" error={customErrors.to === undefined ? undefined : t(customErrors.to)}>
            {(props) => <input {...props} type="date" value={custom.to} onChange={(event) => setCustom({ ...custom, to: event.target.value })} />}
          </Field>
          <button type="submit">{t('supervision.period.custom')}</button>
        </form>
        <p className="supervision__shown" role="status">
          {t('supervision.shown', {
            agency: agencyName(agencies, agency),
            period:
              label === undefined
                ? t('supervision.period.dates', { from: period.from, to: period.to })
                : t('supervision.period.withDates', { label: t(label.key, label.values), from: period.from, to: period.to }),
          })}
        </p>
      </section>
      {agency === '' ? null : <Figures agency={agency} period={period} onAgencyRefused={setAgencyError} />}
      {agency === '' ? null : <OverdueList agency={agency} />}
    </div>
  );
}

function Figures({
  agency,
  period,
  onAgencyRefused,
}: {
  readonly agency: string;
  readonly period: Period;
  readonly onAgencyRefused: (message: string | undefined) => void;
}) {
  const { t } = useI18n();
  const [figures, reload] = useResource(`figures:${agency}:${period.from}:${period.to}`, (signal) => getFigures({ agency, ...period }, signal));
  // A refusal naming the agency (AGENCY_MISMATCH) belongs beside the agency field.
  const refusal = figures.status === 'failed' && figures.problem.field === 'agency' ? figures.problem.problem.detail : undefined;
  useEffect(() => onAgencyRefused(refusal), [refusal, onAgencyRefused]);
  return (
    <Loaded resource={figures} reload={reload}>
      {(value) => (
        <>
          <section className="panel" aria-labelledby="supervision-figures">
            <h2 id="supervision-figures">{t('supervision.figures.heading')}</h2>
            <div className="supervision__charts">
              {chartsOf(value, CASE_STAGES).map((chart) => (
                <BarChart key={chart.title} chart={chart} />
              ))}
            </div>
          </section>
          <NotRecorded figures={value} />
          <DivergentList figures={value} />
        </>
      )}
    </Loaded>
  );
}

function NotRecorded({ figures }: { readonly figures: SupervisionFigures }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="supervision-not-recorded">
      <h2 id="supervision-not-recorded">{t('supervision.notRecorded.heading')}</h2>
      <ul className="supervision__not-recorded">
        {notRecordedOf(figures).map((figure) => (
          <li key={figure.name} data-recorded="false">
            <strong>{t(figure.name)}</strong>: {t('supervision.notRecorded.label')} — <span lang="en">{figure.reason}</span>
            {figure.partial === undefined ? null : <div>{t(figure.partial.key, figure.partial.values)}</div>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function DivergentList({ figures }: { readonly figures: SupervisionFigures }) {
  const { t, formatDateTime } = useI18n();
  const { divergentPenalties } = figures;
  return (
    <section className="panel" aria-labelledby="supervision-divergent">
      <h2 id="supervision-divergent">{t('supervision.divergent.heading')}</h2>
      <p>{t('supervision.divergent.flagged', { count: divergentPenalties.flagged })}</p>
      {divergentPenalties.cases.length === 0 ? (
        <p>{t('supervision.divergent.none')}</p>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th>{t('supervision.col.case')}</th>
              <th>{t('supervision.col.violation')}</th>
              <th>{t('supervision.col.finding')}</th>
              <th>{t('supervision.col.range')}</th>
              <th>{t('supervision.col.proposed')}</th>
              <th>{t('supervision.col.decided')}</th>
              <th>{t('supervision.col.submitted')}</th>
            </tr>
          </thead>
          <tbody>
            {divergentPenalties.cases.map((entry, index) => (
              <tr key={`${entry.caseId}-${entry.submittedAt}-${index}`}>
                <td>
                  <Link to={`/cases/${entry.caseId}`}>{entry.caseId.slice(0, 8)}…</Link>
                </td>
                <td>
                  {entry.violationCode ?? '—'}
                  {entry.severity === null ? '' : ` · ${t(`review.severity.${entry.severity}`)}`}
                </td>
                <td className="urgency--urgent">{t(`review.benchmark.${entry.benchmarkStatus}`)}</td>
                <td>{entry.range === null ? '—' : `${formatYuan(entry.range.min)}–${formatYuan(entry.range.max)}`}</td>
                <td>{entry.proposedFine === null ? '—' : formatYuan(entry.proposedFine)}</td>
                <td data-decided={decidedAgainstRange(entry)} className={decidedAgainstRange(entry) === 'below' || decidedAgainstRange(entry) === 'above' ? 'urgency--overdue' : undefined}>
                  {entry.decidedFine === null ? t('supervision.divergent.undecided') : formatYuan(entry.decidedFine)}
                  {entry.decidedFine === null ? null : <div className="field__hint">{t(`supervision.decided.${decidedAgainstRange(entry)}`)}</div>}
                </td>
                <td>{formatDateTime(entry.submittedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function OverdueList({ agency }: { readonly agency: string }) {
  const { t, formatDateTime } = useI18n();
  const [overdue, reload] = useResource(`overdue:${agency}`, (signal) => getOverdueCases(agency, signal));
  return (
    <section className="panel" aria-labelledby="supervision-overdue">
      <h2 id="supervision-overdue">{t('supervision.overdue.heading')}</h2>
      <Loaded resource={overdue} reload={reload}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t('supervision.overdue.none')}</p>
          ) : (
            <table className="grid">
              <thead>
                <tr>
                  <th>{t('audit.col.caseNumber')}</th>
                  <th>{t('audit.col.stage')}</th>
                  <th>{t('audit.col.party')}</th>
                  <th>{t('review.handlers')}</th>
                  <th>{t('audit.col.registered')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((summary) => (
                  <tr key={summary.caseId} className="urgency--overdue">
                    <td>
                      <Link to={`/cases/${summary.caseId}`}>{summary.caseNumber ?? `${summary.caseId.slice(0, 8)}…`}</Link>
                    </td>
                    <td>{t(`audit.stage.${summary.stage}`)}</td>
                    <td>{summary.party.name}</td>
                    <td>{summary.handlers.join(t('audit.listSeparator'))}</td>
                    <td>{formatDateTime(summary.registeredAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
      {overdueMore(overdue) ? <p className="field__hint">{t('supervision.overdue.more')}</p> : null}
    </section>
  );
}

function overdueMore(resource: { status: string; value?: { nextCursor: string | null } }): boolean {
  return resource.status === 'ready' && resource.value?.nextCursor !== null && resource.value?.nextCursor !== undefined;
}
