import { defaultPayloadConverter } from '@temporalio/common';
import { ApiError, ApiErrorCode } from '../errors/api-error-code';
import { assertWithinTemporalLimits } from './payload-size';

function refusal(run: () => void): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the Temporal payload size check', () => {
  const limits = { payloadBytes: 1_000, requestBytes: 1_500 };

  it('lets through arguments under the limits', () => {
    expect(() => assertWithinTemporalLimits(defaultPayloadConverter, [{ reason: 'x'.repeat(900) }], { reason: 'x' }, limits)).not.toThrow();
  });

  it('refuses one payload over the limit with PAYLOAD_TOO_LARGE naming the heaviest field, however deep', () => {
    const body = { summary: 'short', party: { type: 'person', name: '张'.repeat(400) } };
    const error = refusal(() => assertWithinTemporalLimits(defaultPayloadConverter, [{ registration: body }], body, limits));
    expect(error.code).toBe(ApiErrorCode.PayloadTooLarge);
    expect(error.field).toBe('party.name');
  });

  it('counts multi-byte characters as the bytes they encode to', () => {
    // 300 emoji are 300 characters but 1,200 bytes of UTF-8.
    const body = { reason: '😀'.repeat(300) };
    expect(refusal(() => assertWithinTemporalLimits(defaultPayloadConverter, [body], body, limits)).field).toBe('reason');
  });

  it('refuses arguments whose sum passes the request limit though each is under the payload limit', () => {
    const body = { a: 'a'.repeat(800), b: 'b'.repeat(900) };
    const error = refusal(() => assertWithinTemporalLimits(defaultPayloadConverter, [{ a: body.a }, { b: body.b }], body, limits));
    expect(error.field).toBe('b');
  });

  it('holds the real limits below the 2 MiB payload and 4 MiB message Temporal enforces', () => {
    const body = { findings: 'x'.repeat(2 * 1024 * 1024) };
    expect(refusal(() => assertWithinTemporalLimits(defaultPayloadConverter, [body], body)).field).toBe('findings');
    expect(() => assertWithinTemporalLimits(defaultPayloadConverter, [{ findings: 'x'.repeat(1024 * 1024) }], body)).not.toThrow();
  });
});
