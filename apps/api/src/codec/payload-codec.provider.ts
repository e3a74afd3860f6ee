import type { Provider } from '@nestjs/common';
import type { ApiProcessConfig } from '@docket/config';
import { payloadCodecFor } from '@docket/payload-codec';
import { API_CONFIG } from '../api.tokens';

/**
 * Injection token of the API's payload codec (AES-256-GCM, PAYLOAD_KEYS): the Temporal client
 * encrypts with it, and whatever reads payloads from a raw history decrypts with it first.
 */
export const PAYLOAD_CODEC = Symbol('PAYLOAD_CODEC');

export const payloadCodecProvider: Provider = {
  provide: PAYLOAD_CODEC,
  inject: [API_CONFIG],
  useFactory: (config: ApiProcessConfig) => payloadCodecFor(config.payloadEncryption),
};
