import { useCallback, useId, type FormEvent } from 'react';
import { Link } from 'react-router';
import { takeCaseAction, type CaseState } from '../../api/cases';
import { useI18n } from '../../i18n/i18n';
import { ProblemBanner } from '../../ui/Problem';
import { offeredSteps, reviewPath, type ActionForm } from './action-forms';
import { FormFields } from './FormFields';
import { buildBody, type FormValues } from './forms';
import { useFormSubmit } from './use-form-submit';

/** One form per step the caller may take now (GET /cases/:id/actions); the review step links to the review screen. */
export function CaseActions({
  state,
  actions,
  onDone,
}: {
  readonly state: CaseState;
  readonly actions: readonly string[];
  readonly onDone: (action: string) => void;
}) {
  const { t } = useI18n();
  const steps = offeredSteps(actions);
  if (steps.length === 0) {
    return <p className="case-muted">{t('cases.actions.none')}</p>;
  }
  const folded = steps.flatMap((step) => (step.kind === 'form' && step.form.secondary === true ? [step.form] : []));
  const main = steps.filter((step) => !(step.kind === 'form' && step.form.secondary === true));
  return (
    <div className="case-actions">
      {main.map((step) => {
        switch (step.kind) {
          case 'review':
            return (
              <div key={step.action} className="case-action case-action--review">
                <h3>{t('cases.action.decide-legal-review')}</h3>
                <p className="case-muted">{t('cases.actions.reviewNote')}</p>
                <Link className="case-button" to={reviewPath(state.caseId)}>
                  {t('cases.actions.review')}
                </Link>
              </div>
            );
          case 'unknown':
            return (
              <p key={step.action} className="case-muted">
                {t('cases.actions.unknown', { action: step.action })}
              </p>
            );
          case 'form':
            // Keyed by version: a form sent, or overtaken by a colleague's step, starts afresh on the new state.
            return <ActionFormView key={`${step.form.action}@${state.version}`} form={step.form} state={state} onDone={onDone} />;
        }
      })}
      {folded.length === 0 ? null : (
        <div className="case-actions__more">
          <h3>{t('cases.actions.more')}</h3>
          {folded.map((form) => (
            <details key={`${form.action}@${state.version}`} className="case-action case-action--folded" data-action={form.action}>
              <summary>{t(`cases.action.${form.action}`)}</summary>
              <ActionFormView form={form} state={state} onDone={onDone} folded />
            </details>
          ))}
        </div>
      )}
    </div>
  );
}

function ActionFormView({
  form,
  state,
  onDone,
  folded = false,
}: {
  readonly form: ActionForm;
  readonly state: CaseState;
  readonly onDone: (action: string) => void;
  /** Inside a folded <details>: its summary shows the title. */
  readonly folded?: boolean;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const build = useCallback(
    (values: FormValues) => ({ ...buildBody(form, values), ...(form.sendsExpectedVersion ? { expectedVersion: state.version } : {}) }),
    [form, state.version],
  );
  const send = useCallback(
    (body: Record<string, unknown>, idempotencyKey: string) => takeCaseAction(state.caseId, form.route, body, idempotencyKey),
    [state.caseId, form.route],
  );
  const onSuccess = useCallback(() => onDone(form.action), [onDone, form.action]);
  const submission = useFormSubmit(form, send, onSuccess, build);
  const title = t(`cases.action.${form.action}`);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submission.submit();
  };

  return (
    <form
      noValidate
      className={folded ? 'case-action__body' : form.grave === true ? 'case-action case-action--grave' : 'case-action'}
      {...(folded ? { 'aria-label': title } : { 'aria-labelledby': headingId })}
      onSubmit={onSubmit}
      data-action={form.action}
    >
      {folded ? null : <h3 id={headingId}>{title}</h3>}
      {submission.invalid ? (
        <p className="problem" role="alert">
          {t('cases.form.fixErrors')}
        </p>
      ) : null}
      {submission.problem === undefined ? null : <ProblemBanner problem={submission.problem} />}
      {form.fields.length === 0 ? <p className="case-muted">{t('cases.actions.noFields')}</p> : null}
      <FormFields spec={form} values={submission.values} errors={submission.errors} onChange={submission.setValue} />
      <div className="case-form__buttons">
        <button type="submit" disabled={submission.sending}>
          {submission.sending ? t('cases.form.sending') : title}
        </button>
        {form.sendsExpectedVersion ? <small className="case-muted">{t('cases.actions.version', { version: state.version })}</small> : null}
      </div>
    </form>
  );
}
