/**
 * Forms as data: each field names the request field it fills (a dotted path such as `party.name`), so
 * one validator checks it in the browser as the API's DTO would, one builder turns the inputs into the
 * request body, and a server problem naming a field lands beside the input that sent it.
 */

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'select'
  /** An amount in yuan: not negative, at most two decimals. */
  | 'amount'
  | 'checkbox'
  /** A date (YYYY-MM-DD), sent as written. */
  | 'date'
  /** A Beijing-time moment from a datetime-local input, sent with its +08:00 offset. */
  | 'datetime'
  /** One item per line, sent as an array of strings. */
  | 'lines'
  /** User ids separated by spaces, commas or 、, sent as an array (of `{ [itemKey]: id }` when itemKey is set). */
  | 'userIds'
  /** One handler per line: `user-id certificate-number YYYY-MM-DD`, sent as handler assignments. */
  | 'assignments';

export type FormValues = Readonly<Record<string, string | boolean>>;

export interface FormField {
  readonly name: string;
  readonly kind: FieldKind;
  /** Message key of the label. */
  readonly label: string;
  readonly hint?: string;
  readonly required?: boolean | ((values: FormValues) => boolean);
  readonly maxLength?: number;
  /** For selects: the values, labelled by `cases.option.<optionSet>.<value>`. */
  readonly options?: readonly string[];
  readonly optionSet?: string;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly itemMaxLength?: number;
  readonly itemKey?: string;
  /** A field not shown is neither checked nor sent. */
  readonly shownWhen?: (values: FormValues) => boolean;
  /** Only a date in the past (or today) makes sense, e.g. when the act ended. */
  readonly notInFuture?: boolean;
  readonly initial?: string | boolean;
}

/** An error as the user reads it: a message key and its placeholders. */
export interface FieldError {
  readonly key: string;
  readonly values?: Readonly<Record<string, string | number>>;
}

export interface FormSpec {
  readonly fields: readonly FormField[];
  /** Rules across fields, after each field passed its own. */
  readonly check?: (values: FormValues) => Readonly<Record<string, FieldError>>;
}

export const TEXT_SHORT = 200;
export const TEXT_LONG = 20_000;
export const MAX_FINE_YUAN = 1_000_000_000_000;
const USER_ID = /^[A-Za-z0-9._@-]{1,64}$/;
const AMOUNT = /^\d+(\.\d{1,2})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:\d{2})?$/;

export function isShown(field: FormField, values: FormValues): boolean {
  return field.shownWhen === undefined || field.shownWhen(values);
}

function isRequired(field: FormField, values: FormValues): boolean {
  return typeof field.required === 'function' ? field.required(values) : field.required === true;
}

export function initialValues(spec: FormSpec): FormValues {
  return Object.fromEntries(
    spec.fields.map((field) => [field.name, field.initial ?? (field.kind === 'checkbox' ? false : field.kind === 'select' && field.required === true ? (field.options?.[0] ?? '') : '')]),
  );
}

function text(values: FormValues, name: string): string {
  const value = values[name];
  return typeof value === 'string' ? value.trim() : '';
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function splitUserIds(value: string): string[] {
  return value.split(/[\s,，、;；]+/).filter((id) => id !== '');
}

export function splitLines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function parseAssignment(line: string): { userId: string; certificateNumber: string; certificateExpiresAt: string } | undefined {
  const parts = line.split(/[\s,，]+/).filter((part) => part !== '');
  if (parts.length !== 3) {
    return undefined;
  }
  const [userId, certificateNumber, expires] = parts as [string, string, string];
  const date = DATE.exec(expires);
  if (!USER_ID.test(userId) || certificateNumber.length > 64 || date === null || !isRealDate(Number(date[1]), Number(date[2]), Number(date[3]))) {
    return undefined;
  }
  return { userId, certificateNumber, certificateExpiresAt: expires };
}

/** Today's date in Beijing time, YYYY-MM-DD. */
function beijingToday(now: number): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}

function checkField(field: FormField, values: FormValues, now: number): FieldError | undefined {
  if (field.kind === 'checkbox') {
    return undefined;
  }
  const value = text(values, field.name);
  if (value === '') {
    return isRequired(field, values) ? { key: 'cases.form.required' } : undefined;
  }
  switch (field.kind) {
    case 'text':
    case 'textarea':
      return field.maxLength !== undefined && value.length > field.maxLength ? { key: 'cases.form.tooLong', values: { max: field.maxLength } } : undefined;
    case 'select':
      return field.options !== undefined && !field.options.includes(value) ? { key: 'cases.form.choose' } : undefined;
    case 'amount': {
      if (!AMOUNT.test(value)) {
        return { key: 'cases.form.amount' };
      }
      return Number(value) > MAX_FINE_YUAN ? { key: 'cases.form.amountMax', values: { max: MAX_FINE_YUAN } } : undefined;
    }
    case 'date': {
      const match = DATE.exec(value);
      if (match === null || !isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
        return { key: 'cases.form.date' };
      }
      return field.notInFuture === true && value > beijingToday(now) ? { key: 'cases.form.notInFuture' } : undefined;
    }
    case 'datetime': {
      const match = DATETIME.exec(value);
      return match === null || !isRealDate(Number(match[1]), Number(match[2]), Number(match[3])) || Number(match[4]) > 23 || Number(match[5]) > 59
        ? { key: 'cases.form.dateTime' }
        : undefined;
    }
    case 'lines':
    case 'userIds': {
      const items = field.kind === 'lines' ? splitLines(value) : splitUserIds(value);
      if (field.minItems !== undefined && items.length < field.minItems) {
        return { key: 'cases.form.minItems', values: { min: field.minItems } };
      }
      if (field.maxItems !== undefined && items.length > field.maxItems) {
        return { key: 'cases.form.maxItems', values: { max: field.maxItems } };
      }
      if (field.kind === 'userIds') {
        const bad = items.find((id) => !USER_ID.test(id));
        if (bad !== undefined) {
          return { key: 'cases.form.userId', values: { value: bad } };
        }
        return new Set(items).size !== items.length ? { key: 'cases.form.duplicate' } : undefined;
      }
      const limit = field.itemMaxLength ?? TEXT_SHORT;
      return items.some((item) => item.length > limit) ? { key: 'cases.form.itemTooLong', values: { max: limit } } : undefined;
    }
    case 'assignments': {
      const lines = splitLines(value);
      const bad = lines.findIndex((line) => parseAssignment(line) === undefined);
      if (bad >= 0) {
        return { key: 'cases.form.assignment', values: { line: bad + 1 } };
      }
      return field.minItems !== undefined && lines.length < field.minItems ? { key: 'cases.form.minItems', values: { min: field.minItems } } : undefined;
    }
  }
}

/** Every field's error, by field name; empty when the form may be sent. */
export function validateForm(spec: FormSpec, values: FormValues, now: number = Date.now()): Readonly<Record<string, FieldError>> {
  const errors: Record<string, FieldError> = {};
  for (const field of spec.fields) {
    if (!isShown(field, values)) {
      continue;
    }
    const error = checkField(field, values, now);
    if (error !== undefined) {
      errors[field.name] = error;
    }
  }
  if (Object.keys(errors).length === 0 && spec.check !== undefined) {
    Object.assign(errors, spec.check(values));
  }
  return errors;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split('.');
  let node = target;
  for (const segment of segments.slice(0, -1)) {
    const next = node[segment];
    if (typeof next !== 'object' || next === null) {
      node[segment] = {};
    }
    node = node[segment] as Record<string, unknown>;
  }
  node[segments[segments.length - 1]] = value;
}

function fieldValue(field: FormField, values: FormValues): unknown {
  const raw = values[field.name];
  if (field.kind === 'checkbox') {
    return raw === true;
  }
  const value = text(values, field.name);
  if (value === '') {
    return undefined;
  }
  switch (field.kind) {
    case 'amount':
      return Number(value);
    case 'datetime':
      return `${value.length === 16 ? `${value}:00` : value}+08:00`;
    case 'lines':
      return splitLines(value);
    case 'userIds':
      return splitUserIds(value).map((id) => (field.itemKey === undefined ? id : { [field.itemKey]: id }));
    case 'assignments':
      return splitLines(value).map(parseAssignment);
    case 'date':
    case 'select':
    case 'text':
    case 'textarea':
      return value;
  }
}

/** The request body: shown fields with a value, nested by their dotted names; empty optional fields are left out. */
export function buildBody(spec: FormSpec, values: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of spec.fields) {
    if (!isShown(field, values)) {
      continue;
    }
    const value = fieldValue(field, values);
    if (value !== undefined) {
      setPath(body, field.name, value);
    }
  }
  return body;
}

/**
 * The input a server problem is about. The API names request fields (`party.name`), items of a list
 * (`handlers[1].userId`) or, for nested parts checked by the domain, the field inside its part
 * (`misconduct.kind` for `proposal.misconduct.kind`); undefined when no input sent it.
 */
export function fieldForProblem(path: string | undefined, names: readonly string[]): string | undefined {
  if (path === undefined || path === '') {
    return undefined;
  }
  let candidate = path;
  for (;;) {
    const plain = candidate.replace(/\[\d+\]/g, '');
    const match = names.find((name) => name === plain) ?? names.find((name) => name.endsWith(`.${plain}`));
    if (match !== undefined) {
      return match;
    }
    const cut = Math.max(candidate.lastIndexOf('.'), candidate.lastIndexOf('['));
    if (cut <= 0) {
      break;
    }
    candidate = candidate.slice(0, cut);
  }
  return names.find((name) => name.startsWith(`${path}.`));
}
