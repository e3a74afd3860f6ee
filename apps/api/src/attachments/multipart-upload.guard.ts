import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { ApiProcessConfig } from '@docket/config';
import { DomainError, DomainErrorCode } from '@docket/domain';
import type { Request, RequestHandler, Response } from 'express';
import { createHash } from 'node:crypto';
import multer from 'multer';
import { API_CONFIG } from '../api.tokens';
import { ApiError, ApiErrorCode } from '../errors/api-error-code';

/** The multipart field that carries the document. */
export const FILE_FIELD = 'file';

/** The document as received, before anything about it is checked but its presence and size. */
export interface ReceivedFile {
  readonly content: Buffer;
  /** The Content-Type the client declared for the part. */
  readonly declaredType: string;
  /** The file name the client sent, raw. */
  readonly originalName: string;
  readonly sizeBytes: number;
  readonly sha256: string;
}

/** What the request body says about the file once parsed: enough to tell one upload from another. */
export interface ReceivedFileSummary {
  readonly filename: string;
  readonly contentType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
}

const RECEIVED = new WeakMap<Request, ReceivedFile>();

export function receivedFile(request: Request): ReceivedFile {
  const file = RECEIVED.get(request);
  if (file === undefined) {
    // Only a route guarded by MultipartUploadGuard asks, and the guard refuses a request without one.
    throw new DomainError(DomainErrorCode.InvalidInput, `${FILE_FIELD}: attach the document as a file part named ${FILE_FIELD}`, FILE_FIELD);
  }
  return file;
}

/**
 * Reads a multipart/form-data upload into memory, within the configured size limit, on the route
 * it guards. A guard rather than an interceptor because of Nest's order: route guards run after
 * BearerAuthGuard (no stranger's bytes are read) and before every interceptor, so the global
 * Idempotency-Key interceptor hashes a body that already names the file's SHA-256 — the same key
 * with another file is refused, the same file is answered again.
 */
@Injectable()
export class MultipartUploadGuard implements CanActivate {
  private readonly parse: RequestHandler;
  private readonly maxBytes: number;

  constructor(@Inject(API_CONFIG) config: ApiProcessConfig) {
    this.maxBytes = config.attachments.maxBytes;
    this.parse = multer({
      storage: multer.memoryStorage(),
      limits: { fileSize: this.maxBytes, files: 1, fields: 8, parts: 10, fieldNameSize: 100, fieldSize: 8 * 1024 },
      // Browsers send UTF-8 file names; busboy would otherwise read them as Latin-1.
      defParamCharset: 'utf8',
    }).single(FILE_FIELD);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    await new Promise<void>((resolve, reject) => {
      void this.parse(request, response, (error?: unknown) => (error === undefined || error === null ? resolve() : reject(this.translate(error))));
    });
    const file = request.file;
    if (file === undefined) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        `${FILE_FIELD}: send the document as multipart/form-data with a file part named ${FILE_FIELD}`,
        FILE_FIELD,
      );
    }
    if (file.size === 0) {
      throw new DomainError(DomainErrorCode.InvalidInput, `${FILE_FIELD}: the file is empty`, FILE_FIELD);
    }
    const received: ReceivedFile = {
      content: file.buffer,
      declaredType: file.mimetype,
      originalName: file.originalname,
      sizeBytes: file.size,
      sha256: createHash('sha256').update(file.buffer).digest('hex'),
    };
    RECEIVED.set(request, received);
    const summary: ReceivedFileSummary = {
      filename: received.originalName,
      contentType: received.declaredType,
      sizeBytes: received.sizeBytes,
      sha256: received.sha256,
    };
    request.body = { ...(request.body as Record<string, unknown>), [FILE_FIELD]: summary };
    return true;
  }

  private translate(error: unknown): Error {
    if (!(error instanceof multer.MulterError)) {
      // busboy's own complaint: a missing boundary, a body cut short.
      return new ApiError(ApiErrorCode.MalformedBody, `${FILE_FIELD}: the multipart/form-data body could not be read`, FILE_FIELD);
    }
    switch (error.code) {
      case 'LIMIT_FILE_SIZE':
        return new ApiError(ApiErrorCode.PayloadTooLarge, `${FILE_FIELD}: an attachment may be at most ${this.maxBytes} bytes`, FILE_FIELD);
      case 'LIMIT_FILE_COUNT':
      case 'LIMIT_UNEXPECTED_FILE':
        return new DomainError(DomainErrorCode.InvalidInput, `${FILE_FIELD}: send one file, in the part named ${FILE_FIELD}`, FILE_FIELD);
      case 'LIMIT_FIELD_VALUE':
        return new DomainError(DomainErrorCode.InvalidInput, `${error.field ?? 'body'}: the value is too long`, error.field ?? 'body');
      case 'LIMIT_PART_COUNT':
      case 'LIMIT_FIELD_KEY':
      case 'LIMIT_FIELD_COUNT':
      case 'MISSING_FIELD_NAME':
        return new DomainError(DomainErrorCode.InvalidInput, 'body: too many or too long form fields', error.field ?? 'body');
      default:
        // Codes newer than the type definitions (nesting and array-index limits, a destroyed stream).
        return new ApiError(ApiErrorCode.MalformedBody, `${FILE_FIELD}: the multipart/form-data body could not be read`, error.field ?? FILE_FIELD);
    }
  }
}
