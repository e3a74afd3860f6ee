import { ServiceError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DomainError, isDomainErrorCode } from '@docket/domain';
import { ApiError, ApiErrorCode } from '../errors/api-error-code';

/**
 * Temporal's errors in the domain's words, for cases and transfers alike: a validator's refusal
 * keeps its code and field; a missing workflow is what `notFound` says; anything else unexpected
 * stays an internal error.
 */
export function fromTemporalError(error: unknown, notFound: () => DomainError): Error {
  if (error instanceof DomainError) {
    return error;
  }
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && isDomainErrorCode(error.cause.type)) {
    const detail = error.cause.details?.[0] as { field?: unknown } | undefined;
    return new DomainError(error.cause.type, error.cause.message, typeof detail?.field === 'string' ? detail.field : undefined);
  }
  if (error instanceof WorkflowNotFoundError) {
    return notFound();
  }
  if (error instanceof ServiceError) {
    return new ApiError(ApiErrorCode.WorkflowServiceUnavailable, 'the workflow service could not be reached; try again');
  }
  return error instanceof Error ? error : new Error(String(error));
}
