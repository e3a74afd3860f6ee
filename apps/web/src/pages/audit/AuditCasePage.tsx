import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { getHistory, getStateAt, getTimeline, startReplay, verifyCase, type CaseHistory, type TimelineStep } from '../../api/audit';
import { ApiProblem } from '../../api/problem';
import { saveFile } from '../../api/http';
import { getCase, type CaseState } from '../../api/cases';
import { useI18n } from '../../i18n/i18n';
import { Field } from '../../ui/Field';
import { Loaded } from '../../ui/Loading';
import { ProblemBanner } from '../../ui/Problem';
import { useResource } from '../../ui/use-resource';
import { beijingLocalOf, historyFileName, historyRows, instantFromBeijingLocal, verificationView } from './audit-logic';
import { ReplayJobPanel } from './ReplayJobPanel';

/** A translated label, or the raw name when the catalog has none (a step type added later). */
function labelOr(t: (key: string) => string, key: string, fallback: string): string {
  const text = t(key);
  return text === key ? fallback : text;
}

/** `/audit/cases/:caseId`: the timeline, the case at any moment, verification, replay and the raw history. */
export function AuditCasePage() {
  const { caseId = '' } = useParams();
  const { t } = useI18n();
  const [current] = useResource(`audit-case:${caseId}`, (signal) => getCase(caseId, signal));
  const caseNumber = current.status === 'ready' ? (current.value.caseNumber ?? caseId) : caseId;
  return (
    <div className="audit">
      <p>
        <Link to="/audit">← {t('audit.case.back')}</Link> · <Link to={`/cases/${caseId}`}>{t('audit.case.casePage')}</Link>
      </p>
      <h1>{t('audit.case.heading', { caseNumber })}</h1>
      <div className="audit__columns">
        <TimelineSection caseId={caseId} />
        <StateAtSection caseId={caseId} />
      </div>
      <VerificationSection caseId={caseId} />
      <CaseReplaySection caseId={caseId} />
      <HistorySection caseId={caseId} />
    </div>
  );
}

function TimelineSection({ caseId }: { readonly caseId: string }) {
  const { t, formatDateTime } = useI18n();
  const [searchParams, setSearchParams] = useSearchParams();
  const [timeline, reload] = useResource(`timeline:${caseId}`, (signal) => getTimeline(caseId, signal));
  const at = searchParams.get('at');
  const show = (step: TimelineStep) => setSearchParams({ at: String(step.sequence) });
  return (
    <section className="panel audit__timeline" aria-labelledby="audit-timeline">
      <h2 id="audit-timeline">{t('audit.timeline.heading')}</h2>
      <Loaded resource={timeline} reload={reload}>
        {({ steps }) =>
          steps.length === 0 ? (
            <p>{t('audit.timeline.empty')}</p>
          ) : (
            <table className="grid">
              <thead>
                <tr>
                  <th>{t('audit.timeline.seq')}</th>
                  <th>{t('audit.timeline.step')}</th>
                  <th>{t('audit.timeline.when')}</th>
                  <th>{t('audit.timeline.actor')}</th>
                  <th>{t('audit.timeline.stages')}</th>
                </tr>
              </thead>
              <tbody>
                {steps.map((step) => {
                  const selected = at === String(step.sequence);
                  return (
                    <tr key={step.sequence} className={selected ? 'audit__selected' : undefined} aria-current={selected ? 'step' : undefined}>
                      <td>{step.sequence}</td>
                      <td>
                        <button
                          type="button"
                          className="linklike"
                          onClick={() => show(step)}
                          title={t('audit.timeline.showState', { sequence: step.sequence })}
                          aria-label={`${labelOr(t, `audit.event.${step.type}`, step.type)} — ${t('audit.timeline.showState', { sequence: step.sequence })}`}
                        >
                          {labelOr(t, `audit.event.${step.type}`, step.type)}
                        </button>
                      </td>
                      <td>{formatDateTime(step.occurredAt)}</td>
                      <td>
                        {step.actor.userId} <small>({labelOr(t, `role.${step.actor.role}`, t('audit.role.system'))})</small>
                      </td>
                      <td>
                        {step.stageBefore === null ? '' : `${t(`audit.stage.${step.stageBefore}`)} → `}
                        {t(`audit.stage.${step.stageAfter}`)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </section>
  );
}

function StateAtSection({ caseId }: { readonly caseId: string }) {
  const { t, formatDateTime } = useI18n();
  const [searchParams, setSearchParams] = useSearchParams();
  const at = searchParams.get('at');
  const [moment, setMoment] = useState(() => (at !== null && at.includes('T') ? beijingLocalOf(at) : ''));
  const [error, setError] = useState<string | undefined>();
  // A moment the server refuses (in the future, before the registration) is shown beside the field.
  const [refusal, setRefusal] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const instant = instantFromBeijingLocal(moment);
    if (instant === undefined) {
      setError(t('audit.at.required'));
      return;
    }
    setError(undefined);
    setSearchParams({ at: instant });
  };

  return (
    <section className="panel audit__state" aria-labelledby="audit-at">
      <h2 id="audit-at">{t('audit.at.heading')}</h2>
      <form onSubmit={submit} noValidate className="audit__at">
        <Field label={t('audit.at.label')} name="at" error={error ?? refusal}>
          {(props) => <input {...props} type="datetime-local" step={1} value={moment} onChange={(event) => setMoment(event.target.value)} />}
        </Field>
        <button type="submit">{t('audit.at.submit')}</button>
      </form>
      {at === null ? (
        <p className="field__hint">{t('audit.at.none')}</p>
      ) : (
        <StateAt key={at} caseId={caseId} at={at} onRefused={setRefusal} title={/^\d+$/.test(at) ? t('audit.at.afterStep', { sequence: at }) : t('audit.at.atTime', { time: formatDateTime(at) })} />
      )}
    </section>
  );
}

function StateAt({
  caseId,
  at,
  title,
  onRefused,
}: {
  readonly caseId: string;
  readonly at: string;
  readonly title: string;
  readonly onRefused: (message: string | undefined) => void;
}) {
  const [state, reload] = useResource(`state-at:${caseId}:${at}`, (signal) => getStateAt(caseId, at, signal));
  const refusal = state.status === 'failed' && state.problem.field === 'at' ? state.problem.problem.detail : undefined;
  useEffect(() => onRefused(refusal), [refusal, onRefused]);
  return (
    <div data-testid="state-at" data-at={at}>
      <h3>{title}</h3>
      <Loaded resource={state} reload={reload}>
        {(value) => <StateView state={value} />}
      </Loaded>
    </div>
  );
}

function StateView({ state }: { readonly state: CaseState }) {
  const { t, formatDateTime } = useI18n();
  const last = state.reviews[state.reviews.length - 1];
  return (
    <>
      <dl className="review__facts">
        <dt>{t('audit.state.stage')}</dt>
        <dd data-testid="state-at-stage">{t(`audit.stage.${state.stage}`)}</dd>
        <dt>{t('audit.state.version')}</dt>
        <dd>{state.version}</dd>
        <dt>{t('audit.state.handlers')}</dt>
        <dd>{state.handlers.map((handler) => handler.userId).join(t('audit.listSeparator')) || t('common.none')}</dd>
        <dt>{t('audit.state.reviews')}</dt>
        <dd>
          {last === undefined
            ? t('common.none')
            : `${t(`review.history.outcome.${last.outcome}`)} · ${last.reviewerId} · ${formatDateTime(last.decidedAt)} (${state.reviews.length})`}
        </dd>
        <dt>{t('audit.state.decision')}</dt>
        <dd>{state.decision === undefined ? t('common.none') : `${t(`review.outcome.${state.decision.outcome}`)} · ${state.decision.decidedBy}`}</dd>
        <dt>{t('audit.state.deadlines')}</dt>
        <dd>
          <ul className="audit__deadlines">
            {state.deadlines.map((deadline) => (
              <li key={`${deadline.kind}-${deadline.startedAt}`}>
                {labelOr(t, `audit.deadlineKind.${deadline.kind}`, deadline.kind)}: {t(`audit.deadline.${deadline.status}`)} · {formatDateTime(deadline.dueAt)}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      <details>
        <summary>{t('audit.state.raw')}</summary>
        <pre className="audit__json">{JSON.stringify(state, null, 2)}</pre>
      </details>
    </>
  );
}

function VerificationSection({ caseId }: { readonly caseId: string }) {
  const { t, formatDateTime } = useI18n();
  const [verification, reload] = useResource(`verify:${caseId}`, (signal) => verifyCase(caseId, signal));
  return (
    <section className="panel" aria-labelledby="audit-verify">
      <h2 id="audit-verify">{t('audit.verify.heading')}</h2>
      <Loaded resource={verification} reload={reload}>
        {(value) => {
          const view = verificationView(value);
          return (
            <div data-testid="verification" data-verified={String(value.verified)}>
              <p className={`audit__verdict audit__verdict--${view.chain}`} role="status">
                <strong>
                  {view.chain === 'broken'
                    ? t('audit.verify.broken', { sequence: view.firstBrokenAt ?? '?' })
                    : t(`audit.verify.${view.chain}`)}
                </strong>
              </p>
              <p>
                {t('audit.verify.rows', { rows: value.rows })} ·{' '}
                {value.history.checked
                  ? t('audit.verify.historyChecked', { runs: value.history.runs })
                  : t('audit.verify.historyUnchecked', { detail: value.history.detail ?? '' })}
              </p>
              {value.history.pending.length === 0 ? null : <p>{t('audit.verify.pending', { list: value.history.pending.join(', ') })}</p>}
              {value.problems.length === 0 ? null : (
                <ul className="audit__problems">
                  {value.problems.map((problem) => (
                    <li key={problem.sequence}>
                      <strong>{t('audit.verify.problem', { sequence: problem.sequence, kind: t(`audit.verify.kind.${problem.kind}`) })}</strong> —{' '}
                      {problem.detail}
                    </li>
                  ))}
                </ul>
              )}
              <h3>{t('audit.seal.heading')}</h3>
              <p className={`audit__seal audit__seal--${view.seal}`}>{t(`audit.seal.${view.seal}`)}</p>
              {value.seal.present ? (
                <p>
                  {t('audit.seal.detail', {
                    keyId: value.seal.keyId ?? '?',
                    at: value.seal.sealedAt === undefined ? '?' : formatDateTime(value.seal.sealedAt),
                    sequence: value.seal.lastSequence ?? '?',
                  })}
                </p>
              ) : null}
              {value.seal.detail === undefined ? null : <p className="field__hint">{value.seal.detail}</p>}
              <button type="button" onClick={reload}>
                {t('audit.verify.run')}
              </button>
            </div>
          );
        }}
      </Loaded>
    </section>
  );
}

function CaseReplaySection({ caseId }: { readonly caseId: string }) {
  const { t } = useI18n();
  const [jobId, setJobId] = useState<string | undefined>();
  const [problem, setProblem] = useState<ApiProblem | undefined>();
  const [sending, setSending] = useState(false);
  const start = () => {
    setProblem(undefined);
    setSending(true);
    startReplay({ caseIds: [caseId] }).then(
      (job) => {
        setSending(false);
        setJobId(job.jobId);
      },
      (failure: unknown) => {
        setSending(false);
        if (failure instanceof ApiProblem) {
          setProblem(failure);
        }
      },
    );
  };
  return (
    <section className="panel" aria-labelledby="audit-case-replay">
      <h2 id="audit-case-replay">{t('audit.replay.heading')}</h2>
      <p className="field__hint">{t('audit.replay.hint')}</p>
      <button type="button" className="primary" onClick={start} disabled={sending}>
        {t('audit.replay.thisCase')}
      </button>
      {problem === undefined ? null : <ProblemBanner problem={problem} />}
      {jobId === undefined ? null : <ReplayJobPanel key={jobId} jobId={jobId} />}
    </section>
  );
}

function download(name: string, content: string): void {
  saveFile(new Blob([content], { type: 'application/json' }), name);
}

function HistorySection({ caseId }: { readonly caseId: string }) {
  const { t, formatDateTime } = useI18n();
  const [history, setHistory] = useState<CaseHistory | undefined>();
  const [problem, setProblem] = useState<ApiProblem | undefined>();
  const [loading, setLoading] = useState(false);
  const load = () => {
    setProblem(undefined);
    setLoading(true);
    getHistory(caseId).then(
      (value) => {
        setLoading(false);
        setHistory(value);
      },
      (failure: unknown) => {
        setLoading(false);
        if (failure instanceof ApiProblem) {
          setProblem(failure);
        }
      },
    );
  };
  return (
    <section className="panel" aria-labelledby="audit-history">
      <h2 id="audit-history">{t('audit.history.heading')}</h2>
      <p className="field__hint">{t('audit.history.hint')}</p>
      {history === undefined ? (
        <button type="button" onClick={load} disabled={loading}>
          {loading ? t('common.loading') : t('audit.history.load')}
        </button>
      ) : null}
      {problem === undefined ? null : <ProblemBanner problem={problem} onRetry={load} />}
      {history?.workflows.map((workflow) => (
        <details key={workflow.runId} className="audit__run" open={history.workflows.length === 1}>
          <summary>
            {t('audit.history.run', { kind: workflow.kind, workflowId: workflow.workflowId, runId: workflow.runId, count: workflow.history.events.length })}
          </summary>
          <button type="button" onClick={() => download(historyFileName(workflow), JSON.stringify(workflow.history))}>
            {t('audit.history.download')}
          </button>
          <table className="grid audit__events">
            <thead>
              <tr>
                <th>{t('audit.history.eventId')}</th>
                <th>{t('audit.timeline.when')}</th>
                <th>{t('audit.history.type')}</th>
                <th>{t('audit.history.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {historyRows(workflow).map((row) => (
                <tr key={row.eventId}>
                  <td>{row.eventId}</td>
                  <td>{formatDateTime(row.time)}</td>
                  <td>{row.type}</td>
                  <td>{row.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </section>
  );
}
