import { Field } from '../../ui/Field';
import { useI18n } from '../../i18n/i18n';
import { isShown, type FieldError, type FormField, type FormSpec, type FormValues } from './forms';

/** The inputs of a form described as data (forms.ts), each with its error beside it. */
export function FormFields({
  spec,
  values,
  errors,
  onChange,
}: {
  readonly spec: FormSpec;
  readonly values: FormValues;
  readonly errors: Readonly<Record<string, FieldError | string>>;
  readonly onChange: (name: string, value: string | boolean) => void;
}) {
  const { t } = useI18n();
  const message = (name: string): string | undefined => {
    const error = errors[name];
    return error === undefined ? undefined : typeof error === 'string' ? error : t(error.key, error.values);
  };
  return (
    <>
      {spec.fields
        .filter((field) => isShown(field, values))
        .map((field) => (
          <FormInput key={field.name} field={field} value={values[field.name]} error={message(field.name)} onChange={onChange} />
        ))}
    </>
  );
}

function FormInput({
  field,
  value,
  error,
  onChange,
}: {
  readonly field: FormField;
  readonly value: string | boolean | undefined;
  readonly error: string | undefined;
  readonly onChange: (name: string, value: string | boolean) => void;
}) {
  const { t } = useI18n();
  const required = field.required === true;
  const label = (
    <>
      {t(field.label)}
      {required ? <span className="case-form__required" aria-hidden="true"> *</span> : null}
    </>
  );
  const hint = field.hint === undefined ? undefined : t(field.hint);
  const text = typeof value === 'string' ? value : '';
  if (field.kind === 'checkbox') {
    return (
      <div className={error === undefined ? 'field field--check' : 'field field--check field--invalid'} data-field={field.name}>
        <label>
          <input type="checkbox" name={field.name} checked={value === true} onChange={(event) => onChange(field.name, event.target.checked)} />{' '}
          {t(field.label)}
        </label>
        {error === undefined ? null : (
          <span className="field__error" role="alert">
            {error}
          </span>
        )}
      </div>
    );
  }
  return (
    <Field label={label} name={field.name} error={error} {...(hint === undefined ? {} : { hint })}>
      {(props) => {
        const common = { ...props, required, value: text };
        switch (field.kind) {
          case 'select':
            return (
              <select {...common} onChange={(event) => onChange(field.name, event.target.value)}>
                {required ? null : <option value="">{t('cases.form.choosePlaceholder')}</option>}
                {(field.options ?? []).map((option) => (
                  <option key={option} value={option}>
                    {t(`cases.option.${field.optionSet ?? field.name}.${option}`)}
                  </option>
                ))}
              </select>
            );
          case 'textarea':
          case 'lines':
          case 'assignments':
            return (
              <textarea
                {...common}
                rows={field.kind === 'textarea' ? 4 : 3}
                {...(field.maxLength === undefined ? {} : { maxLength: field.maxLength })}
                onChange={(event) => onChange(field.name, event.target.value)}
              />
            );
          case 'amount':
            return <input {...common} type="text" inputMode="decimal" autoComplete="off" onChange={(event) => onChange(field.name, event.target.value)} />;
          case 'date':
            return <input {...common} type="date" onChange={(event) => onChange(field.name, event.target.value)} />;
          case 'datetime':
            return <input {...common} type="datetime-local" onChange={(event) => onChange(field.name, event.target.value)} />;
          case 'checkbox':
          case 'text':
          case 'userIds':
            return (
              <input
                {...common}
                type="text"
                autoComplete="off"
                {...(field.maxLength === undefined ? {} : { maxLength: field.maxLength })}
                onChange={(event) => onChange(field.name, event.target.value)}
              />
            );
        }
      }}
    </Field>
  );
}
