import { useCallback, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ApiProblem } from '../../api/problem';
import { newIdempotencyKey } from '../../api/http';
import { getCase, listAttachments, type CaseState, type InvestigationReport } from '../../api/cases';
import { CaseEvidence } from '../cases/CaseEvidence';
import { decideLegalReview, type LegalReviewVerdict } from '../../api/review';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import { Field } from '../../ui/Field';
import { Loaded } from '../../ui/Loading';
import { ProblemBanner } from '../../ui/Problem';
import { useResource } from '../../ui/use-resource';
import {
  checklistBody,
  findingTone,
  formatYuan,
  formFieldOf,
  isOwnCase,
  rangeMarker,
  REVIEW_CHECKLIST,
  REVIEW_VERDICTS,
  uncheckedItems,
  validateReviewForm,
  type ChecklistAnswers,
  type ChecklistItem,
  type ReviewFormErrors,
} from './review-logic';

/** `/cases/:caseId/review`: what a legal reviewer (法制审核人员) reads and decides. */
export function ReviewPage() {
  const { caseId = '' } = useParams();
  const { t } = useI18n();
  const [state, reload] = useResource(`review:${caseId}`, (signal) => getCase(caseId, signal));
  return (
    <div className="review">
      <p>
        <Link to={`/cases/${caseId}`}>← {t('review.backToCase')}</Link>
      </p>
      <h1>{t('review.title')}</h1>
      <Loaded resource={state} reload={reload}>
        {(value) => <ReviewBody state={value} reload={reload} />}
      </Loaded>
    </div>
  );
}

function ReviewBody({ state: loaded, reload }: { readonly state: CaseState; readonly reload: () => void }) {
  const { t, formatDateTime } = useI18n();
  const { session } = useSession();
  // The case as the review left it: shown at once, with the outcome, without reloading the form away.
  const [after, setAfter] = useState<CaseState | undefined>();
  const state = after ?? loaded;
  const reviewClock = state.deadlines.find((deadline) => deadline.kind === 'legal_review' && deadline.status === 'running');
  return (
    <>
      <section className="panel" aria-labelledby="review-case">
        <h2 id="review-case">{t('review.caseHeading', { caseNumber: state.caseNumber ?? state.caseId })}</h2>
        <dl className="review__facts">
          <dt>{t('review.stage')}</dt>
          <dd data-testid="case-stage">{t(`audit.stage.${state.stage}`)}</dd>
          <dt>{t('review.party')}</dt>
          <dd>{state.clue.party.name}</dd>
          <dt>{t('review.violationCode')}</dt>
          <dd>{state.clue.violationCode ?? t('common.none')}</dd>
          <dt>{t('review.handlers')}</dt>
          <dd>{state.handlers.map((handler) => handler.userId).join(t('audit.listSeparator')) || t('common.none')}</dd>
          {reviewClock === undefined ? null : (
            <>
              <dt>{t('review.reviewDue')}</dt>
              <dd>{formatDateTime(reviewClock.dueAt)}</dd>
            </>
          )}
        </dl>
      </section>
      <ReportPanel report={state.report} />
      <BenchmarkPanel report={state.report} />
      <EvidencePanel caseId={state.caseId} />
      <EarlierReviews state={state} />
      {session?.role === 'reviewer' && after === undefined && isOwnCase(state, session.userId) ? (
        <p className="problem" role="alert">
          {t('review.ownCase')}
        </p>
      ) : null}
      {after !== undefined ? (
        <ReviewDone state={after} />
      ) : state.stage !== 'legal_review' ? null : session?.role === 'reviewer' ? (
        <DecisionForm key={state.version} state={state} reload={reload} onDone={setAfter} />
      ) : (
        <p className="panel review__closed" role="status">
          {t('review.reviewersOnly')}
        </p>
      )}
      {after !== undefined || state.stage === 'legal_review' ? null : (
        <p className="panel review__closed" role="status">
          {t('review.notInReview')}
        </p>
      )}
    </>
  );
}

function ReportPanel({ report }: { readonly report: InvestigationReport | undefined }) {
  const { t, formatDateTime } = useI18n();
  return (
    <section className="panel" aria-labelledby="review-report">
      <h2 id="review-report">{t('review.report.heading')}</h2>
      {report === undefined ? (
        <p>{t('review.report.none')}</p>
      ) : (
        <>
          <p className="review__meta">{t('review.report.submitted', { userId: report.submittedBy, at: formatDateTime(report.submittedAt) })}</p>
          <h3>{t('review.report.findings')}</h3>
          <p className="review__text">{report.findings}</p>
          <dl className="review__facts">
            <dt>{t('review.report.proposal')}</dt>
            <dd>{t(`review.outcome.${report.proposedOutcome}`)}</dd>
            <dt>{t('review.report.proposedFine')}</dt>
            <dd>{report.proposedFine === undefined ? t('common.none') : formatYuan(report.proposedFine)}</dd>
            <dt>{t('review.report.severity')}</dt>
            <dd>{t(`review.severity.${report.severity}`)}</dd>
            <dt>{t('review.report.flags')}</dt>
            <dd>
              {[
                report.firstViolation ? t('review.report.firstViolation') : undefined,
                report.promptlyCorrected ? t('review.report.promptlyCorrected') : undefined,
                report.hearingEligible ? t('review.report.hearingEligible') : undefined,
                report.collectiveDiscussionRequired ? t('review.report.collective') : undefined,
              ]
                .filter((flag): flag is string => flag !== undefined)
                .join(t('audit.listSeparator')) || t('common.none')}
            </dd>
            <dt>{t('review.report.grounds')}</dt>
            <dd>
              <ul className="review__grounds">
                {report.legalReview.grounds.map((ground) => (
                  <li key={ground.code}>
                    {t(`review.ground.${ground.code}`)} <small>({ground.basis}{ground.detail === undefined ? '' : `: ${ground.detail}`})</small>
                  </li>
                ))}
              </ul>
            </dd>
          </dl>
        </>
      )}
    </section>
  );
}

function BenchmarkPanel({ report }: { readonly report: InvestigationReport | undefined }) {
  const { t } = useI18n();
  if (report === undefined) {
    return null;
  }
  const finding = report.benchmarkFinding;
  const tone = findingTone(finding);
  const marker = finding?.range === undefined ? undefined : rangeMarker(finding.range, report.proposedFine ?? 0);
  return (
    <section className={`panel review__benchmark review__benchmark--${tone}`} aria-labelledby="review-benchmark">
      <h2 id="review-benchmark">{t('review.benchmark.heading')}</h2>
      {finding === undefined ? (
        <p>{t('review.benchmark.missing')}</p>
      ) : (
        <>
          <p className="review__finding" data-testid="benchmark-finding" data-status={finding.status}>
            <strong>{t(`review.benchmark.${finding.status}`)}</strong>
          </p>
          {finding.range === undefined || marker === undefined ? null : (
            <>
              <p>{t('review.benchmark.range', { min: formatYuan(finding.range.min), max: formatYuan(finding.range.max) })}</p>
              <svg className="review__rangebar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label={finding.message}>
                <rect x="0" y="3" width="100" height="4" className="review__rangebar-track" />
                <rect x={marker.start} y="2" width={marker.end - marker.start} height="6" className="review__rangebar-range" />
                <rect x={Math.max(0, marker.at - 0.6)} y="0" width="1.2" height="10" className="review__rangebar-fine" />
              </svg>
            </>
          )}
          <p>
            {t('review.benchmark.reason')}: <span lang="en">{finding.message}</span>
          </p>
          {tone === 'warn' ? <p className="field__hint">{t('review.benchmark.hint')}</p> : null}
        </>
      )}
    </section>
  );
}

function EvidencePanel({ caseId }: { readonly caseId: string }) {
  const { t } = useI18n();
  const [attachments, reload] = useResource(`attachments:${caseId}`, (signal) => listAttachments(caseId, signal));
  // The case page's evidence list, read-only: a reviewer sees the same files, sizes and hashes.
  return (
    <section className="panel" aria-labelledby="review-evidence">
      <h2 id="review-evidence">{t('review.evidence.heading')}</h2>
      <Loaded resource={attachments} reload={reload}>
        {(list) => <CaseEvidence caseId={caseId} attachments={list} mayUpload={false} onUploaded={reload} />}
      </Loaded>
    </section>
  );
}

function EarlierReviews({ state }: { readonly state: CaseState }) {
  const { t, formatDateTime } = useI18n();
  if (state.reviews.length === 0) {
    return null;
  }
  return (
    <section className="panel" aria-labelledby="review-history">
      <h2 id="review-history">{t('review.history.heading')}</h2>
      <ol className="review__earlier">
        {state.reviews.map((record, index) => (
          <li key={`${record.decidedAt}-${index}`}>
            <strong>{t(`review.history.outcome.${record.outcome}`)}</strong> —{' '}
            {t('review.history.entry', { reviewer: record.reviewerId, at: formatDateTime(record.decidedAt) })}
            <p className="review__text">{record.opinion}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

function DecisionForm({
  state,
  reload,
  onDone,
}: {
  readonly state: CaseState;
  readonly reload: () => void;
  readonly onDone: (after: CaseState) => void;
}) {
  const { t } = useI18n();
  const [verdict, setVerdict] = useState<LegalReviewVerdict | ''>('');
  const [opinion, setOpinion] = useState('');
  const [checklist, setChecklist] = useState<ChecklistAnswers>({});
  const [errors, setErrors] = useState<ReviewFormErrors>({});
  const [serverProblem, setServerProblem] = useState<ApiProblem | undefined>();
  const [sending, setSending] = useState(false);
  // One key per intent: a retry of the same decision after a lost answer is not taken twice.
  const intent = useRef<{ body: string; key: string } | undefined>(undefined);

  const tick = useCallback((item: ChecklistItem, checked: boolean) => setChecklist((answers) => ({ ...answers, [item]: checked })), []);

  const errorText = (field: keyof ReviewFormErrors): string | undefined => {
    const key = errors[field];
    if (key === undefined) {
      return undefined;
    }
    if (key.startsWith('review.')) {
      return key === 'review.error.checklistIncomplete'
        ? t(key, { items: uncheckedItems(checklist).map((item) => t(`review.checklist.${item}`)).join(t('audit.listSeparator')) })
        : t(key);
    }
    return key;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateReviewForm({ verdict, opinion, checklist });
    setErrors(found);
    setServerProblem(undefined);
    if (Object.keys(found).length > 0 || verdict === '') {
      return;
    }
    const body = { verdict, opinion: opinion.trim(), checklist: checklistBody(checklist), expectedVersion: state.version };
    const serialized = JSON.stringify(body);
    if (intent.current?.body !== serialized) {
      intent.current = { body: serialized, key: newIdempotencyKey() };
    }
    setSending(true);
    decideLegalReview(state.caseId, body, intent.current.key).then(
      (after) => {
        setSending(false);
        onDone(after);
      },
      (error: unknown) => {
        setSending(false);
        if (!(error instanceof ApiProblem)) {
          throw error;
        }
        const field = formFieldOf(error.field);
        if (field !== undefined) {
          setErrors({ [field]: error.problem.detail });
        } else {
          setServerProblem(error);
        }
      },
    );
  };

  return (
    <form className="panel review__form" onSubmit={submit} noValidate aria-labelledby="review-decision">
      <h2 id="review-decision">{t('review.decision.heading')}</h2>
      <fieldset className="review__checklist" data-field="checklist" aria-describedby={errors.checklist === undefined ? undefined : 'review-checklist-error'}>
        <legend>{t('review.checklist.heading')}</legend>
        <p className="field__hint">{t('review.checklist.hint')}</p>
        {REVIEW_CHECKLIST.map((item) => (
          <label key={item} className="review__check">
            <input type="checkbox" name={`checklist.${item}`} checked={checklist[item] === true} onChange={(event) => tick(item, event.target.checked)} />
            {t(`review.checklist.${item}`)}
          </label>
        ))}
        <button type="button" onClick={() => setChecklist(Object.fromEntries(REVIEW_CHECKLIST.map((item) => [item, true])))}>
          {t('review.checklist.tickAll')}
        </button>
        {errors.checklist === undefined ? null : (
          <span className="field__error" id="review-checklist-error" role="alert">
            {errorText('checklist')}
          </span>
        )}
      </fieldset>
      <fieldset className="review__verdicts" data-field="verdict" aria-describedby={errors.verdict === undefined ? undefined : 'review-verdict-error'}>
        <legend>{t('review.decision.verdict')}</legend>
        {REVIEW_VERDICTS.map((option) => (
          <label key={option} className="review__verdict">
            <input type="radio" name="verdict" value={option} checked={verdict === option} onChange={() => setVerdict(option)} />
            {t(`review.verdict.${option}`)}
          </label>
        ))}
        {errors.verdict === undefined ? null : (
          <span className="field__error" id="review-verdict-error" role="alert">
            {errorText('verdict')}
          </span>
        )}
      </fieldset>
      <Field label={t('review.decision.opinion')} name="opinion" error={errorText('opinion')} hint={t('review.decision.opinionHint')}>
        {(props) => <textarea {...props} rows={5} value={opinion} onChange={(event) => setOpinion(event.target.value)} />}
      </Field>
      {serverProblem === undefined ? null : (
        <>
          {serverProblem.code === 'FOUR_EYES_VIOLATION' ? (
            <p className="problem" role="alert">
              <strong>{t('review.refused.fourEyes')}</strong>
            </p>
          ) : null}
          {serverProblem.status === 409 ? (
            <p className="problem" role="alert">
              {t('review.refused.stale')}{' '}
              <button type="button" onClick={reload}>
                {t('review.reload')}
              </button>
            </p>
          ) : null}
          <ProblemBanner problem={serverProblem} />
        </>
      )}
      <button type="submit" disabled={sending}>
        {sending ? t('review.decision.sending') : t('review.decision.submit')}
      </button>
    </form>
  );
}

function ReviewDone({ state }: { readonly state: CaseState }) {
  const { t } = useI18n();
  const last = state.reviews[state.reviews.length - 1];
  return (
    <section className="panel" aria-labelledby="review-decision">
      <h2 id="review-decision">{t('review.decision.heading')}</h2>
      <p role="status" className="review__done">
        {t('review.decision.done', {
          outcome: last === undefined ? '' : t(`review.history.outcome.${last.outcome}`),
          stage: t(`audit.stage.${state.stage}`),
        })}
      </p>
      <p>
        <Link to={`/cases/${state.caseId}`}>{t('review.backToCase')}</Link>
      </p>
    </section>
  );
}
