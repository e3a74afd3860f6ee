import type { ValidationError } from 'class-validator';
import { DomainError, DomainErrorCode } from '@docket/domain';

/** The dotted path and message of the first failing constraint, however deep. */
function firstFailure(errors: readonly ValidationError[], parent = ''): { field: string; message: string } | undefined {
  for (const error of errors) {
    const field = parent === '' ? error.property : /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
    const message = error.constraints === undefined ? undefined : Object.values(error.constraints)[0];
    if (message !== undefined) {
      return { field, message };
    }
    const nested = firstFailure(error.children ?? [], field);
    if (nested !== undefined) {
      return nested;
    }
  }
  return undefined;
}

/** ValidationPipe's errors become INVALID_INPUT naming the field, like the domain's own. */
export function validationErrorFactory(errors: ValidationError[]): DomainError {
  const failure = firstFailure(errors) ?? { field: 'body', message: 'is invalid' };
  const message = failure.message.startsWith(failure.field) ? failure.message : `${failure.field}: ${failure.message}`;
  return new DomainError(DomainErrorCode.InvalidInput, message, failure.field);
}
