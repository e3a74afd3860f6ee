import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DomainError } from '@docket/domain';
import type { Request, Response } from 'express';
import { ApiError, ApiErrorCode, ERROR_STATUS, type ErrorCode } from './api-error-code';

/** RFC 9457 problem details, with Docket's stable code and the failing field. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: ErrorCode;
  readonly detail: string;
  readonly field?: string;
  readonly instance: string;
}

const TITLES: Partial<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  431: 'Request Header Fields Too Large',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Keyed by number, as HttpException.getStatus() returns one; any other status is an internal error. */
const FRAMEWORK_ERRORS: Partial<Record<number, { code: ErrorCode; detail: string }>> = {
  [HttpStatus.NOT_FOUND]: { code: ApiErrorCode.RouteNotFound, detail: 'no such route' },
  [HttpStatus.PAYLOAD_TOO_LARGE]: { code: ApiErrorCode.PayloadTooLarge, detail: 'the request body is larger than the API accepts' },
  [HttpStatus.BAD_REQUEST]: { code: ApiErrorCode.MalformedBody, detail: 'the request body is not valid JSON' },
};

function fromHttpException(exception: HttpException): { code: ErrorCode; detail: string } {
  return FRAMEWORK_ERRORS[exception.getStatus()] ?? { code: ApiErrorCode.Internal, detail: 'the request could not be handled' };
}

/** The problem details an error is answered with; pure, so the idempotency interceptor can store the same answer. */
export function toProblem(exception: unknown, instance: string): ProblemDetails {
  let code: ErrorCode;
  let detail: string;
  let field: string | undefined;
  if (exception instanceof DomainError || exception instanceof ApiError) {
    ({ code, message: detail, field } = exception);
  } else if (exception instanceof HttpException) {
    ({ code, detail } = fromHttpException(exception));
  } else if (isBodyParserError(exception)) {
    code = exception.type === 'entity.too.large' ? ApiErrorCode.PayloadTooLarge : ApiErrorCode.MalformedBody;
    detail = code === ApiErrorCode.PayloadTooLarge ? 'the request body is larger than the API accepts' : 'the request body is not valid JSON';
    if (exception.type === 'entity.verify.failed' && exception instanceof Error) {
      // Our own check on the raw body (apps/api/src/common/request-shape.ts) says what is wrong.
      detail = exception.message;
    }
  } else if (isDependencyUnavailable(exception)) {
    code = ApiErrorCode.ServiceUnavailable;
    detail = 'the database is not reachable right now; nothing was changed by this request, try again shortly';
  } else {
    code = ApiErrorCode.Internal;
    detail = 'an unexpected error occurred; it has been logged';
  }
  const status = ERROR_STATUS[code];
  return {
    type: `urn:docket:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    ...(field === undefined ? {} : { field }),
    instance,
  };
}

/** The content type problem details are sent with, as Express writes it. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Maps every error to application/problem+json. No stack trace or internal message reaches a client. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();

    const problem = toProblem(exception, request.originalUrl);
    if (problem.code === ApiErrorCode.Internal) {
      // Only the error's own text and stack: request bodies may hold personal data.
      this.logger.error(`${request.method} ${(request.route as { path?: string } | undefined)?.path ?? 'unknown route'}`, exception instanceof Error ? exception.stack : String(exception));
    }
    if (problem.code === ApiErrorCode.ServiceUnavailable) {
      this.logger.warn(`${request.method} ${(request.route as { path?: string } | undefined)?.path ?? 'unknown route'}: database unavailable`);
      response.setHeader('Retry-After', '5');
    }
    if (problem.code === ApiErrorCode.Unauthenticated) {
      // RFC 6750: a 401 names the scheme the client should use.
      response.setHeader('WWW-Authenticate', 'Bearer realm="docket", error="invalid_token"');
    }
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}

function isBodyParserError(error: unknown): error is { type: string } {
  return typeof error === 'object' && error !== null && typeof (error as { type?: unknown }).type === 'string' && 'expose' in error;
}

/** Connection-level failures: the socket could not be opened or was cut (Node), or the server refuses connections (SQLSTATE 08, 57P0x). */
const UNREACHABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Whether the error says the database could not be reached (pg's own errors, or TypeORM's wrapping
 * of them), rather than that a query was wrong: a 503 to retry, not a 500 to investigate.
 */
export function isDependencyUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) {
    return false;
  }
  const { code, message, driverError, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && (UNREACHABLE_SOCKET_CODES.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code))) {
    return true;
  }
  if (typeof message === 'string' && /Connection terminated|timeout exceeded when trying to connect|Connection is not established/i.test(message)) {
    return true;
  }
  const nested = [driverError, cause, ...(Array.isArray(errors) ? (errors as unknown[]) : [])];
  return nested.some((inner) => isDependencyUnavailable(inner, depth + 1));
}
