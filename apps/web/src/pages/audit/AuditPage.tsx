import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { listReplays, startReplay, type ReplayJobSummary } from '../../api/audit';
import { searchCases, type CaseSummary } from '../../api/cases';
import { ApiProblem } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { Field } from '../../ui/Field';
import { Loaded } from '../../ui/Loading';
import { ProblemBanner } from '../../ui/Problem';
import { usePaged } from '../cases/use-paged';
import { lookupOf, parseCaseIds, replayProgress, replaySelectionLabel } from './audit-logic';
import { ReplayJobPanel } from './ReplayJobPanel';

/** `/audit`: the auditor's landing: find a case, start a replay, see the replay jobs they started. */
export function AuditPage() {
  const { t } = useI18n();
  return (
    <div className="audit">
      <h1>{t('audit.title')}</h1>
      <CaseLookup />
      <ReplayLauncher />
    </div>
  );
}

function CaseLookup() {
  const { t, formatDateTime } = useI18n();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [problem, setProblem] = useState<ApiProblem | undefined>();
  const [results, setResults] = useState<readonly CaseSummary[] | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const lookup = lookupOf(text);
    setProblem(undefined);
    if (lookup === undefined) {
      setError(t('audit.lookup.required'));
      return;
    }
    setError(undefined);
    if ('caseId' in lookup) {
      void navigate(`/audit/cases/${lookup.caseId}`);
      return;
    }
    searchCases({ q: lookup.q }, undefined, undefined, 50).then(
      (page) => setResults(page.items),
      (failure: unknown) => {
        if (failure instanceof ApiProblem) {
          if (failure.field === 'q') {
            setError(failure.problem.detail);
          } else {
            setProblem(failure);
          }
        }
      },
    );
  };

  return (
    <section className="panel" aria-labelledby="audit-lookup">
      <h2 id="audit-lookup">{t('audit.lookup.heading')}</h2>
      <form onSubmit={submit} noValidate className="audit__lookup">
        <Field label={t('audit.lookup.label')} name="q" error={error} hint={t('audit.lookup.hint')}>
          {(props) => <input {...props} value={text} onChange={(event) => setText(event.target.value)} />}
        </Field>
        <button type="submit">{t('audit.lookup.submit')}</button>
      </form>
      {problem === undefined ? null : <ProblemBanner problem={problem} />}
      {results === undefined ? null : results.length === 0 ? (
        <p role="status">{t('audit.lookup.none')}</p>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th>{t('audit.col.caseNumber')}</th>
              <th>{t('audit.col.agency')}</th>
              <th>{t('audit.col.stage')}</th>
              <th>{t('audit.col.party')}</th>
              <th>{t('audit.col.registered')}</th>
              <th>{t('audit.col.overdue')}</th>
            </tr>
          </thead>
          <tbody>
            {results.map((summary) => (
              <tr key={summary.caseId}>
                <td>
                  <Link to={`/audit/cases/${summary.caseId}`}>{summary.caseNumber ?? `${summary.caseId.slice(0, 8)}… ${t('audit.unnumbered')}`}</Link>
                </td>
                <td>{summary.agencyId}</td>
                <td>{t(`audit.stage.${summary.stage}`)}</td>
                <td>{summary.party.name}</td>
                <td>{formatDateTime(summary.registeredAt)}</td>
                <td className={summary.overdue ? 'urgency--overdue' : undefined}>{summary.overdue ? t('audit.yes') : t('audit.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ReplayLauncher() {
  const { t, formatDateTime } = useI18n();
  // The caller's jobs as the API keeps them, newest first: the same list from any browser.
  const recent = usePaged<ReplayJobSummary>('audit-replays', listReplays);
  const [chosen, setChosen] = useState<string | undefined>();
  const shown = chosen ?? recent.items[0]?.jobId;
  const [idsText, setIdsText] = useState('');
  const [all, setAll] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [problem, setProblem] = useState<ApiProblem | undefined>();
  const [sending, setSending] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    const { ids, invalid } = parseCaseIds(idsText);
    if (!all && invalid.length > 0) {
      setError(t('audit.replay.invalidIds', { list: invalid.join(', ') }));
      return;
    }
    if (!all && ids.length === 0) {
      setError(t('audit.replay.noIds'));
      return;
    }
    setError(undefined);
    setSending(true);
    startReplay(all ? { all: true } : { caseIds: ids }).then(
      (job) => {
        setSending(false);
        setChosen(job.jobId);
        recent.reload();
      },
      (failure: unknown) => {
        setSending(false);
        if (failure instanceof ApiProblem) {
          if (failure.field !== undefined && failure.field.startsWith('caseIds')) {
            setError(failure.problem.detail);
          } else {
            setProblem(failure);
          }
        }
      },
    );
  };

  return (
    <section className="panel" aria-labelledby="audit-replays">
      <h2 id="audit-replays">{t('audit.replay.heading')}</h2>
      <p className="field__hint">{t('audit.replay.hint')}</p>
      <form onSubmit={submit} noValidate>
        <Field label={t('audit.replay.caseIds')} name="caseIds" error={error}>
          {(props) => <textarea {...props} rows={3} value={idsText} disabled={all} onChange={(event) => setIdsText(event.target.value)} />}
        </Field>
        <label className="audit__check">
          <input type="checkbox" name="all" checked={all} onChange={(event) => setAll(event.target.checked)} /> {t('audit.replay.all')}
        </label>
        {problem === undefined ? null : <ProblemBanner problem={problem} />}
        <button type="submit" disabled={sending}>
          {t('audit.replay.start')}
        </button>
      </form>
      <h3>{t('audit.replay.recent')}</h3>
      <Loaded resource={recent.first} reload={recent.reload}>
        {() =>
          recent.items.length === 0 ? (
            <p>{t('audit.replay.recentNone')}</p>
          ) : (
            <>
              <ul className="audit__recent">
                {recent.items.map((job) => {
                  const label = replaySelectionLabel(job.selection);
                  return (
                    <li key={job.jobId} data-job-id={job.jobId}>
                      {formatDateTime(job.createdAt)} · {t(label.key, label.values)} ·{' '}
                      {job.status === 'completed'
                        ? t('audit.replay.completed', { total: job.total })
                        : t('audit.replay.running', { progress: replayProgress(job), total: job.total })}{' '}
                      <button type="button" onClick={() => setChosen(job.jobId)} aria-pressed={shown === job.jobId}>
                        {t('audit.replay.show')}
                      </button>
                    </li>
                  );
                })}
              </ul>
              {recent.moreProblem === undefined ? null : <ProblemBanner problem={recent.moreProblem} onRetry={recent.more} />}
              {recent.nextCursor === null ? null : (
                <button type="button" onClick={recent.more} disabled={recent.loadingMore}>
                  {recent.loadingMore ? t('common.loading') : t('common.more')}
                </button>
              )}
            </>
          )
        }
      </Loaded>
      {shown === undefined ? null : <ReplayJobPanel key={shown} jobId={shown} />}
    </section>
  );
}
