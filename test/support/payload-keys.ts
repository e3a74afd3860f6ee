import { docketDataConverter, payloadCodecFor, type AesGcmPayloadCodec } from '@docket/payload-codec';

/**
 * The payload key the suites' processes encrypt Temporal payloads with (tests only), in the
 * PAYLOAD_KEYS form, and a codec holding it for the tests' own Temporal clients and workers.
 */
export const TEST_PAYLOAD_KEY = { id: 'test-payload', key: Buffer.alloc(32, 'docket-test-payload-key').toString('base64') } as const;

export const TEST_PAYLOAD_ENV = {
  PAYLOAD_KEYS: `${TEST_PAYLOAD_KEY.id}:${TEST_PAYLOAD_KEY.key}`,
  PAYLOAD_KEY_ID: TEST_PAYLOAD_KEY.id,
} as const;

export const testPayloadCodec: AesGcmPayloadCodec = payloadCodecFor({
  keyId: TEST_PAYLOAD_KEY.id,
  keys: new Map([[TEST_PAYLOAD_KEY.id, Buffer.from(TEST_PAYLOAD_KEY.key, 'base64')]]),
});

/** Client options that read and write payloads as the suites' workers do (encrypted). */
export const testDataConverter = docketDataConverter(testPayloadCodec);
