import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { getReplay, type ReplayJob } from '../../api/audit';
import { ApiProblem } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { ProblemBanner } from '../../ui/Problem';
import { replayFinished, replayProgress } from './audit-logic';

const POLL_MS = 2_000;

/** A replay job's progress and per-case verdicts, polled until it completes. */
export function ReplayJobPanel({ jobId, initial }: { readonly jobId: string; readonly initial?: ReplayJob }) {
  const { t, formatDateTime } = useI18n();
  const [job, setJob] = useState<ReplayJob | undefined>(initial);
  const [problem, setProblem] = useState<ApiProblem | undefined>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    let timer: number | undefined;
    const poll = () => {
      getReplay(jobId, controller.signal).then(
        (next) => {
          setJob(next);
          setProblem(undefined);
          if (!replayFinished(next)) {
            timer = window.setTimeout(poll, POLL_MS);
          }
        },
        (error: unknown) => {
          if (error instanceof ApiProblem) {
            setProblem(error);
          }
        },
      );
    };
    poll();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [jobId, attempt]);

  return (
    <div className="audit__replay" data-testid="replay-job" data-job-id={jobId} data-status={job?.status ?? 'loading'}>
      <h3>{t('audit.replay.job', { jobId })}</h3>
      {problem === undefined ? null : <ProblemBanner problem={problem} onRetry={() => setAttempt((n) => n + 1)} />}
      {job === undefined ? (
        <p className="loading">{t('common.loading')}</p>
      ) : (
        <>
          <p role="status">
            {replayFinished(job)
              ? t('audit.replay.completed', { total: job.total })
              : t('audit.replay.running', { progress: replayProgress(job), total: job.total })}
          </p>
          <progress max={100} value={replayProgress(job)} />
          <p className="audit__counts">
            {(['deterministic', 'diverged', 'failed', 'missing', 'pending'] as const).map((status) => (
              <span key={status} className={`audit__badge audit__badge--${status}`}>
                {t(`audit.replay.status.${status}`)} {job.counts[status]}
              </span>
            ))}
          </p>
          {job.results.length === 0 ? null : (
            <table className="grid">
              <thead>
                <tr>
                  <th>{t('audit.replay.col.case')}</th>
                  <th>{t('audit.replay.col.status')}</th>
                  <th>{t('audit.replay.col.runs')}</th>
                  <th>{t('audit.replay.col.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {job.results.map((result) => (
                  <tr key={result.caseId} data-replay-status={result.status}>
                    <td>
                      <Link to={`/audit/cases/${result.caseId}`}>{result.caseId}</Link>
                    </td>
                    <td className={`audit__badge--${result.status}`}>{t(`audit.replay.status.${result.status}`)}</td>
                    <td>
                      {result.histories ?? '–'} / {result.events ?? '–'}
                    </td>
                    <td>
                      {result.divergentEventId === undefined ? null : <div>{t('audit.replay.divergedAt', { eventId: result.divergentEventId })}</div>}
                      {result.reason === undefined ? null : <div className="audit__reason">{result.reason}</div>}
                      {result.replayedAt === undefined ? null : <small>{formatDateTime(result.replayedAt)}</small>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  );
}
