import { useCallback, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { registerCase, type CaseState } from '../../api/cases';
import { useI18n } from '../../i18n/i18n';
import { ProblemBanner } from '../../ui/Problem';
import { NEW_CASE_FORM } from './action-forms';
import { FormFields } from './FormFields';
import { buildBody, type FormSpec, type FormValues } from './forms';
import { useFormSubmit } from './use-form-submit';

/** The form's fields in the sections a registration slip (立案登记表) has. */
const SECTIONS: readonly { readonly title: string; readonly names: readonly string[] }[] = [
  { title: 'cases.new.clue', names: ['source', 'summary'] },
  { title: 'cases.new.party', names: ['party.type', 'party.name', 'party.idNumber'] },
  { title: 'cases.new.violation', names: ['violationCode', 'violationEndedAt', 'touchesLifeHealthOrFinance'] },
];

function section(names: readonly string[]): FormSpec {
  return { fields: NEW_CASE_FORM.fields.filter((field) => names.includes(field.name)) };
}

/** 立案登记: a handler registers a clue (POST /cases); the case page opens on success. */
export function NewCasePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  // Chosen here so that a retried registration finds the case the first attempt created.
  const [caseId] = useState(() => crypto.randomUUID());
  const build = useCallback((values: FormValues) => ({ caseId, ...buildBody(NEW_CASE_FORM, values) }), [caseId]);
  const onSuccess = useCallback(
    (state: CaseState) => {
      void navigate(`/cases/${state.caseId}`);
    },
    [navigate],
  );
  const form = useFormSubmit(NEW_CASE_FORM, registerCase, onSuccess, build);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit();
  };

  return (
    <section className="case-new">
      <h1>{t('cases.new.title')}</h1>
      <p className="case-muted">{t('cases.new.intro')}</p>
      <form noValidate onSubmit={onSubmit} aria-label={t('cases.new.title')}>
        {form.invalid ? (
          <p className="problem" role="alert">
            {t('cases.form.fixErrors')}
          </p>
        ) : null}
        {form.problem === undefined ? null : <ProblemBanner problem={form.problem} />}
        <div className="case-new__sections">
          {SECTIONS.map(({ title, names }) => (
            <fieldset key={title} className="panel case-form__section">
              <legend>{t(title)}</legend>
              <FormFields spec={section(names)} values={form.values} errors={form.errors} onChange={form.setValue} />
            </fieldset>
          ))}
        </div>
        <div className="case-form__buttons">
          <button type="submit" disabled={form.sending}>
            {form.sending ? t('cases.form.sending') : t('cases.new.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
