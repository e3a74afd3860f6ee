import { Inject, Injectable } from '@nestjs/common';
import type { PayloadCodec } from '@temporalio/common';
import { DomainError, DomainErrorCode } from '@docket/domain';
import { JsonPayloadError, PayloadDecryptionError, payloadsFromJson, payloadsToJson, type JsonPayload } from '@docket/payload-codec';
import { ApiError, ApiErrorCode } from '../errors/api-error-code';
import { PAYLOAD_CODEC } from './payload-codec.provider';

/** Most payloads one request may carry; the Temporal UI sends those of one history page. */
const MAX_PAYLOADS = 1_000;

/** Runs payloads in the codec server protocol's JSON form through the API's payload codec. */
@Injectable()
export class CodecService {
  constructor(@Inject(PAYLOAD_CODEC) private readonly payloadCodec: PayloadCodec) {}

  async decode(body: unknown): Promise<{ payloads: JsonPayload[] }> {
    const payloads = readPayloads(body);
    try {
      return payloadsToJson(await this.payloadCodec.decode(payloads));
    } catch (error) {
      if (error instanceof PayloadDecryptionError) {
        throw new ApiError(ApiErrorCode.PayloadNotDecryptable, error.message, 'payloads');
      }
      throw error;
    }
  }

  async encode(body: unknown): Promise<{ payloads: JsonPayload[] }> {
    return payloadsToJson(await this.payloadCodec.encode(readPayloads(body)));
  }
}

function readPayloads(body: unknown): ReturnType<typeof payloadsFromJson> {
  let payloads: ReturnType<typeof payloadsFromJson>;
  try {
    payloads = payloadsFromJson(body);
  } catch (error) {
    if (error instanceof JsonPayloadError) {
      throw new DomainError(DomainErrorCode.InvalidInput, error.message, error.field);
    }
    throw error;
  }
  if (payloads.length > MAX_PAYLOADS) {
    throw new DomainError(DomainErrorCode.InvalidInput, `payloads: at most ${MAX_PAYLOADS} payloads per request`, 'payloads');
  }
  return payloads;
}
