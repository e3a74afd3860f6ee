import type { Payload } from '@temporalio/common';

/**
 * A payload as the codec server protocol carries it (the Temporal UI and CLI): proto3 JSON, so the
 * data and every metadata value are base64.
 */
export interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

/** A JSON payload is malformed: not an object, or a value that is not base64. */
export class JsonPayloadError extends Error {
  override readonly name = 'JsonPayloadError';

  constructor(
    /** Where in the body, as `payloads[2].metadata.encoding`. */
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Metadata says how a payload is encoded (`json/plain`, a key id, a message type): short values, a
 * handful of them. Anything larger is not a payload Temporal or Docket wrote.
 */
export const MAX_METADATA_VALUE_BYTES = 1_024;
export const MAX_METADATA_ENTRIES = 32;

function bytesOf(value: unknown, field: string): Uint8Array {
  if (typeof value !== 'string' || !BASE64.test(value)) {
    throw new JsonPayloadError(field, 'must be a base64 string');
  }
  return Buffer.from(value, 'base64');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The payloads of a codec server request, read strictly: anything unexpected names its field. */
export function payloadsFromJson(body: unknown): Payload[] {
  if (!isRecord(body) || !Array.isArray(body['payloads'])) {
    throw new JsonPayloadError('payloads', 'must be an array of payloads');
  }
  return body['payloads'].map((item: unknown, index): Payload => {
    const at = `payloads[${index}]`;
    if (!isRecord(item)) {
      throw new JsonPayloadError(at, 'must be an object with metadata and data');
    }
    const metadata: Record<string, Uint8Array> = {};
    if (item['metadata'] !== undefined && item['metadata'] !== null) {
      if (!isRecord(item['metadata'])) {
        throw new JsonPayloadError(`${at}.metadata`, 'must be an object of base64 strings');
      }
      const entries = Object.entries(item['metadata']);
      if (entries.length > MAX_METADATA_ENTRIES) {
        throw new JsonPayloadError(`${at}.metadata`, `must have at most ${MAX_METADATA_ENTRIES} entries`);
      }
      for (const [name, value] of entries) {
        const bytes = bytesOf(value, `${at}.metadata.${name}`);
        if (bytes.length > MAX_METADATA_VALUE_BYTES) {
          throw new JsonPayloadError(`${at}.metadata.${name}`, `must be at most ${MAX_METADATA_VALUE_BYTES} bytes`);
        }
        metadata[name] = bytes;
      }
    }
    const data = item['data'] === undefined || item['data'] === null ? new Uint8Array() : bytesOf(item['data'], `${at}.data`);
    return { metadata, data };
  });
}

export function payloadsToJson(payloads: readonly Payload[]): { payloads: JsonPayload[] } {
  return {
    payloads: payloads.map((payload) => ({
      metadata: Object.fromEntries(
        Object.entries(payload.metadata ?? {}).map(([name, value]) => [name, Buffer.from(value ?? new Uint8Array()).toString('base64')]),
      ),
      data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
    })),
  };
}
