import { useCallback, useRef, useState } from 'react';
import { newIdempotencyKey } from '../../api/http';
import { ApiProblem } from '../../api/problem';
import { fieldForProblem, initialValues, isShown, validateForm, type FieldError, type FormSpec, type FormValues } from './forms';

export interface FormSubmitState {
  readonly values: FormValues;
  /** Browser checks (message keys) and server problems (the server's words) by field name. */
  readonly errors: Readonly<Record<string, FieldError | string>>;
  /** A problem that names no input of the form: shown in a banner. */
  readonly problem: ApiProblem | undefined;
  /** The browser's checks failed: the banner says to correct the marked fields. */
  readonly invalid: boolean;
  readonly sending: boolean;
  readonly setValue: (name: string, value: string | boolean) => void;
  readonly submit: () => Promise<void>;
}

function asProblem(error: unknown): ApiProblem {
  return error instanceof ApiProblem
    ? error
    : new ApiProblem({ type: 'about:blank', title: 'Error', status: 0, code: 'CLIENT_ERROR', detail: String(error) });
}

/**
 * A form's values, its checks before sending, and the server's answer placed beside the field it names.
 * The Idempotency-Key is kept when the server could not be reached (the same intent retried) and renewed
 * after any answer, so a corrected form is a new request.
 */
export function useFormSubmit<T>(
  spec: FormSpec,
  send: (body: Record<string, unknown>, idempotencyKey: string) => Promise<T>,
  onSuccess: (result: T) => void,
  build: (values: FormValues) => Record<string, unknown>,
): FormSubmitState {
  const [values, setValues] = useState<FormValues>(() => initialValues(spec));
  const [errors, setErrors] = useState<Readonly<Record<string, FieldError | string>>>({});
  const [problem, setProblem] = useState<ApiProblem | undefined>(undefined);
  const [invalid, setInvalid] = useState(false);
  const [sending, setSending] = useState(false);
  const key = useRef<string>(newIdempotencyKey());

  const setValue = useCallback((name: string, value: string | boolean) => {
    setValues((current) => ({ ...current, [name]: value }));
    setErrors((current) => {
      if (!(name in current)) {
        return current;
      }
      const { [name]: _dropped, ...rest } = current;
      return rest;
    });
  }, []);

  const submit = useCallback(async () => {
    const found = validateForm(spec, values);
    setProblem(undefined);
    if (Object.keys(found).length > 0) {
      setErrors(found);
      setInvalid(true);
      return;
    }
    setErrors({});
    setInvalid(false);
    setSending(true);
    try {
      const result = await send(build(values), key.current);
      key.current = newIdempotencyKey();
      onSuccess(result);
    } catch (error) {
      const refused = asProblem(error);
      if (refused.status !== 0) {
        key.current = newIdempotencyKey();
      }
      const field = fieldForProblem(
        refused.field,
        spec.fields.filter((candidate) => isShown(candidate, values)).map((candidate) => candidate.name),
      );
      if (field === undefined) {
        setProblem(refused);
      } else {
        setErrors({ [field]: refused.problem.detail });
      }
    } finally {
      setSending(false);
    }
  }, [spec, values, send, onSuccess, build]);

  return { values, errors, problem, invalid, sending, setValue, submit };
}
