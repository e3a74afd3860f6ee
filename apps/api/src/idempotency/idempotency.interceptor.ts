import {
  Inject,
  Injectable,
  Logger,
  StreamableFile,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, DomainErrorCode } from '@docket/domain';
import { IdempotencyRecordRepository, type IdempotentRequest, type StoredAnswer } from '@docket/persistence';
import type { Request, Response } from 'express';
import { catchError, from, mergeMap, of, type Observable } from 'rxjs';
import { ApiError, ApiErrorCode } from '../errors/api-error-code';
import { PROBLEM_CONTENT_TYPE, toProblem } from '../errors/problem-details.filter';
import { isPublicRoute } from '../identity/bearer-auth.guard';
import { actorFromRequest } from '../identity/request-actor.decorator';
import { requestHash } from './request-hash';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_REPLAYED_HEADER = 'Idempotency-Replayed';

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,200}$/;
const IDEMPOTENT_METHODS = new Set(['POST', 'PUT']);
/** What Express's res.json() sends; a handler's answer is serialized here so the stored text is the text sent. */
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * A POST or PUT sent with an Idempotency-Key is handled once per actor and key: a retry with the
 * same request gets the first answer again (marked Idempotency-Replayed: true) and changes nothing.
 * Answers below 500 are kept; a 5xx or a crash frees the key so the client may retry.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(IdempotencyRecordRepository) private readonly records: IdempotencyRecordRepository,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') {
      return next.handle();
    }
    const request = context.switchToHttp().getRequest<Request>();
    const key = request.header(IDEMPOTENCY_KEY_HEADER);
    if (key === undefined || !IDEMPOTENT_METHODS.has(request.method) || isPublicRoute(this.reflector, context)) {
      return next.handle();
    }
    if (!KEY_PATTERN.test(key)) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        `${IDEMPOTENCY_KEY_HEADER}: must be 1 to 200 characters of letters, digits, '_', '.', ':' and '-'`,
        IDEMPOTENCY_KEY_HEADER,
      );
    }
    const response = context.switchToHttp().getResponse<Response>();
    const claim: IdempotentRequest = {
      actorId: actorFromRequest(request).userId,
      key,
      method: request.method,
      path: request.originalUrl,
      requestHash: requestHash(request.method, request.originalUrl, request.body),
    };
    return from(this.records.claim(claim)).pipe(
      mergeMap((existing) => {
        if (existing === undefined) {
          return this.handleFirst(claim, request, response, next);
        }
        if (existing.requestHash !== claim.requestHash) {
          throw new ApiError(
            ApiErrorCode.IdempotencyKeyReused,
            `${IDEMPOTENCY_KEY_HEADER}: this key was sent with another request; send a new key for a new request`,
            IDEMPOTENCY_KEY_HEADER,
          );
        }
        if (existing.state === 'pending') {
          throw new ApiError(
            ApiErrorCode.IdempotencyRequestInProgress,
            `${IDEMPOTENCY_KEY_HEADER}: the first request with this key is still being handled; retry shortly`,
            IDEMPOTENCY_KEY_HEADER,
          );
        }
        return of(replay(response, existing.answer));
      }),
    );
  }

  private handleFirst(claim: IdempotentRequest, request: Request, response: Response, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      mergeMap(async (value: unknown) => {
        if (value instanceof StreamableFile || (value !== undefined && value !== null && typeof value !== 'object')) {
          // Only JSON answers are kept; the key is freed rather than replaying something else.
          await this.release(claim);
          return value;
        }
        const body = value === undefined || value === null ? null : JSON.stringify(value);
        if (body !== null) {
          response.setHeader('Content-Type', JSON_CONTENT_TYPE);
        }
        await this.store(claim, { status: response.statusCode, body, contentType: body === null ? null : JSON_CONTENT_TYPE });
        return body ?? value;
      }),
      catchError((error: unknown) =>
        from(
          (async (): Promise<never> => {
            // The filter renders the same problem from the same error, so the stored text is the text sent.
            const problem = toProblem(error, request.originalUrl);
            if (problem.status < 500) {
              await this.store(claim, { status: problem.status, body: JSON.stringify(problem), contentType: PROBLEM_CONTENT_TYPE });
            } else {
              await this.release(claim);
            }
            throw error;
          })(),
        ),
      ),
    );
  }

  /** A failure to store is logged, not sent: the step was taken, and its answer must still reach the client. */
  private async store(claim: IdempotentRequest, answer: StoredAnswer): Promise<void> {
    try {
      await this.records.complete(claim.actorId, claim.key, answer);
    } catch (error) {
      this.logger.error(`could not store the answer to ${claim.method} ${claim.path}`, error instanceof Error ? error.stack : String(error));
    }
  }

  private async release(claim: IdempotentRequest): Promise<void> {
    try {
      await this.records.release(claim.actorId, claim.key);
    } catch (error) {
      this.logger.error(`could not free an idempotency key after ${claim.method} ${claim.path}`, error instanceof Error ? error.stack : String(error));
    }
  }
}

/** The stored answer, sent as it was the first time; Nest sends the returned text as it is. */
function replay(response: Response, answer: StoredAnswer): string | undefined {
  response.status(answer.status);
  if (answer.contentType !== null) {
    response.setHeader('Content-Type', answer.contentType);
  }
  response.setHeader(IDEMPOTENCY_REPLAYED_HEADER, 'true');
  return answer.body ?? undefined;
}
