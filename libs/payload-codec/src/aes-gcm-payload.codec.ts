import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { payloadKeyring, type PayloadKeyring } from './payload-keyring';

/** The `encoding` metadata of a payload this codec encrypted. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** The metadata naming the key a payload was encrypted with. */
export const ENCRYPTION_KEY_ID = 'encryption-key-id';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = 'aes-256-gcm';
const ProtoPayload = temporal.api.common.v1.Payload;

/** An encrypted payload cannot be decrypted: its key is not held here, or it was altered. */
export class PayloadDecryptionError extends Error {
  override readonly name = 'PayloadDecryptionError';
}

const utf8 = (value: string): Uint8Array => Buffer.from(value, 'utf8');
const text = (value: Uint8Array | null | undefined): string | undefined =>
  value === undefined || value === null ? undefined : Buffer.from(value).toString('utf8');

/**
 * Encrypts every payload with AES-256-GCM so the Temporal server stores only ciphertext. The whole
 * original payload (its metadata too, which names the encoding and can carry type hints) is the
 * plaintext; a fresh random 96-bit nonce per payload; the key id is authenticated as associated
 * data, so swapping the id on a stored payload fails decryption instead of trying another key.
 *
 * Decoding passes through payloads this codec did not encrypt: histories written before encryption
 * (the committed golden histories among them) keep replaying.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  constructor(private readonly keyring: PayloadKeyring) {}

  // Async so that a failure is a rejection, as the SDK expects of a codec, never a synchronous throw.
  // eslint-disable-next-line @typescript-eslint/require-await
  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decrypt(payload));
  }

  private encrypt(payload: Payload): Payload {
    const keyId = this.keyring.encryptWith;
    const key = this.keyring.keys.get(keyId);
    if (key === undefined) {
      throw new PayloadDecryptionError(`payload key "${keyId}" is not held here`);
    }
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(utf8(keyId));
    const plaintext = ProtoPayload.encode(payload).finish();
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return {
      metadata: { encoding: utf8(ENCRYPTED_ENCODING), [ENCRYPTION_KEY_ID]: utf8(keyId) },
      data: Buffer.concat([nonce, ciphertext, cipher.getAuthTag()]),
    };
  }

  private decrypt(payload: Payload): Payload {
    if (text(payload.metadata?.['encoding']) !== ENCRYPTED_ENCODING) {
      return payload;
    }
    const keyId = text(payload.metadata?.[ENCRYPTION_KEY_ID]);
    if (keyId === undefined) {
      throw new PayloadDecryptionError(`an encrypted payload names no ${ENCRYPTION_KEY_ID}`);
    }
    const key = this.keyring.keys.get(keyId);
    if (key === undefined) {
      throw new PayloadDecryptionError(`payload key "${keyId}" is not held here; add it to PAYLOAD_KEYS to read this payload`);
    }
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < NONCE_BYTES + TAG_BYTES) {
      throw new PayloadDecryptionError(`an encrypted payload (key "${keyId}") is too short to hold a nonce and a tag`);
    }
    const decipher = createDecipheriv(ALGORITHM, key, data.subarray(0, NONCE_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(utf8(keyId));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plaintext: Buffer;
    try {
      plaintext = Buffer.concat([decipher.update(data.subarray(NONCE_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new PayloadDecryptionError(`an encrypted payload (key "${keyId}") failed authentication: altered, or not encrypted with this key`);
    }
    const decoded = ProtoPayload.decode(plaintext);
    return { metadata: decoded.metadata, data: decoded.data };
  }
}

/** The codec for a process's configured keys (PAYLOAD_KEYS, PAYLOAD_KEY_ID), checked here once. */
export function payloadCodecFor(keys: { readonly keyId: string; readonly keys: ReadonlyMap<string, Uint8Array> }): AesGcmPayloadCodec {
  return new AesGcmPayloadCodec(payloadKeyring(keys.keyId, keys.keys));
}
