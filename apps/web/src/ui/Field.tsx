import { useId, type ReactElement, type ReactNode } from 'react';

/**
 * A labelled form field with its error beside it: the browser's own check before sending, or the
 * server's problem when it names this field (`name` is the request field, e.g. `party.name`).
 */
export function Field({
  label,
  name,
  error,
  hint,
  children,
}: {
  readonly label: ReactNode;
  readonly name: string;
  readonly error?: string | undefined;
  readonly hint?: ReactNode;
  readonly children: (props: { id: string; name: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactElement;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={error === undefined ? 'field' : 'field field--invalid'} data-field={name}>
      <label htmlFor={id}>{label}</label>
      {children({ id, name, 'aria-invalid': error !== undefined, ...(error === undefined ? {} : { 'aria-describedby': errorId }) })}
      {hint === undefined ? null : <small className="field__hint">{hint}</small>}
      {error === undefined ? null : (
        <span className="field__error" id={errorId} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
