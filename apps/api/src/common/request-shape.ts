import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { NextFunction, Request, Response } from 'express';
import { ApiError, ApiErrorCode, ERROR_STATUS } from '../errors/api-error-code';

/** Deeper than any body Docket takes (a policy is five levels); deeper bodies only exhaust the stack of whatever walks them. */
export const MAX_JSON_DEPTH = 32;

/** How deeply arrays and objects nest in JSON text, strings skipped; one pass, no recursion. */
export function jsonNestingDepth(text: Buffer): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const byte = text[index];
    if (inString) {
      if (byte === 0x5c) {
        index += 1;
      } else if (byte === 0x22) {
        inString = false;
      }
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x5b || byte === 0x7b) {
      depth += 1;
      deepest = Math.max(deepest, depth);
    } else if (byte === 0x5d || byte === 0x7d) {
      depth -= 1;
    }
  }
  return deepest;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A refusal body-parser passes on as a 400 (its `verify` errors are 403 unless they say otherwise). */
function refused(message: string): Error {
  return Object.assign(new Error(message), { status: 400 });
}

/**
 * body-parser's `verify` hook, run on the raw bytes before parsing: bytes that are not UTF-8 would
 * otherwise become U+FFFD without a word, and nesting past MAX_JSON_DEPTH would overflow the stack
 * of the validation that walks the parsed body.
 */
export function verifyJsonBody(_request: unknown, _response: unknown, body: Buffer): void {
  try {
    utf8.decode(body);
  } catch {
    throw refused('the request body is not valid UTF-8');
  }
  if (jsonNestingDepth(body) > MAX_JSON_DEPTH) {
    throw refused(`the request body nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
}

/**
 * A POST or PUT with a body must send it as JSON, or as multipart/form-data to the upload route:
 * any other type would reach the route as no body at all. Refused with 415, before parsing.
 */
export function requireJsonBodies(request: Request, _response: Response, next: NextFunction): void {
  const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  if (!hasBody || request.method === 'GET' || request.method === 'HEAD') {
    next();
    return;
  }
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const charset = /charset\s*=\s*"?([^";]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  const json = type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
  if ((json && (charset === undefined || charset === 'utf-8' || charset === 'utf8')) || type === 'multipart/form-data') {
    next();
    return;
  }
  next(new ApiError(ApiErrorCode.UnsupportedMediaType, 'send the request body as application/json (UTF-8)', 'content-type'));
}

/**
 * Node answers a request it cannot parse (headers or URL past its limit, a broken request line)
 * itself, with an empty body; these answers say the same as problem details, like every other.
 */
export function answerClientErrorsAsProblems(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const code = tooLarge ? ApiErrorCode.RequestHeadersTooLarge : ApiErrorCode.MalformedRequest;
    const status = ERROR_STATUS[code];
    const body = JSON.stringify({
      type: `urn:docket:problem:${code.toLowerCase().replace(/_/g, '-')}`,
      title: tooLarge ? 'Request Header Fields Too Large' : 'Bad Request',
      status,
      code,
      detail: tooLarge ? 'the request line or headers are larger than the API accepts' : 'the request could not be parsed as HTTP',
    });
    socket.end(
      `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        'Content-Type: application/problem+json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
