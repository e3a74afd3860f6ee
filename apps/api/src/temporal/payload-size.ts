import type { PayloadConverter } from '@temporalio/common';
import { ApiError, ApiErrorCode } from '../errors/api-error-code';

/**
 * Temporal's defaults: the server fails a workflow task whose payload passes 2 MiB (blob size
 * error limit), and gRPC refuses a message over 4 MiB. Refused here, below both, with room left
 * for the payload codec's envelope and the request around the payloads.
 */
export const TEMPORAL_PAYLOAD_LIMIT_BYTES = 2 * 1024 * 1024 - 64 * 1024;
export const TEMPORAL_REQUEST_LIMIT_BYTES = 4 * 1024 * 1024 - 256 * 1024;

export interface PayloadLimits {
  readonly payloadBytes: number;
  readonly requestBytes: number;
}

const DEFAULT_LIMITS: PayloadLimits = { payloadBytes: TEMPORAL_PAYLOAD_LIMIT_BYTES, requestBytes: TEMPORAL_REQUEST_LIMIT_BYTES };

/** The field of the user's body that weighs most, to name in the refusal. */
function heaviestField(body: Record<string, unknown>, parent = ''): string {
  let heaviest: { field: string; bytes: number; value: unknown } | undefined;
  for (const [key, value] of Object.entries(body)) {
    const bytes = Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
    if (heaviest === undefined || bytes > heaviest.bytes) {
      heaviest = { field: parent === '' ? key : `${parent}.${key}`, bytes, value };
    }
  }
  if (heaviest === undefined) {
    return parent === '' ? 'body' : parent;
  }
  const { field, value } = heaviest;
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? heaviestField(value as Record<string, unknown>, field) : field;
}

/**
 * Refuses with 413 PAYLOAD_TOO_LARGE, naming the heaviest field of `body`, arguments that Temporal
 * would refuse after the fact (a start or update the server fails leaves the client guessing).
 * Measured as the client's own payload converter encodes them.
 */
export function assertWithinTemporalLimits(
  converter: PayloadConverter,
  args: readonly unknown[],
  body: Record<string, unknown>,
  limits: PayloadLimits = DEFAULT_LIMITS,
): void {
  let total = 0;
  for (const arg of args) {
    const payload = converter.toPayload(arg);
    const metadataBytes = Object.entries(payload.metadata ?? {}).reduce((sum, [key, value]) => sum + key.length + (value?.length ?? 0), 0);
    const bytes = (payload.data?.length ?? 0) + metadataBytes;
    total += bytes;
    if (bytes > limits.payloadBytes || total > limits.requestBytes) {
      throw new ApiError(
        ApiErrorCode.PayloadTooLarge,
        `${heaviestField(body)}: the step is too large for the workflow service (${bytes} bytes encoded; at most ${limits.payloadBytes})`,
        heaviestField(body),
      );
    }
  }
}
