/** A key id as it is stored beside each encrypted payload: short, printable, no separators. */
export const PAYLOAD_KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** AES-256 keys are 32 bytes. */
export const PAYLOAD_KEY_BYTES = 32;

/**
 * The keys payloads are encrypted with. New payloads are encrypted with `encryptWith`; every key
 * stays in `keys` for as long as histories encrypted with it are kept, so rotating is adding a key
 * and pointing `encryptWith` at it.
 */
export interface PayloadKeyring {
  readonly encryptWith: string;
  readonly keys: ReadonlyMap<string, Uint8Array>;
}

/** The keyring is unusable: a key of the wrong size, a malformed id, an encryption key not in the ring. */
export class PayloadKeyringError extends Error {
  override readonly name = 'PayloadKeyringError';
}

/** Checks a keyring once, where it is built, so the codec never meets a bad key mid-workflow. */
export function payloadKeyring(encryptWith: string, keys: ReadonlyMap<string, Uint8Array>): PayloadKeyring {
  for (const [id, key] of keys) {
    if (!PAYLOAD_KEY_ID_PATTERN.test(id)) {
      throw new PayloadKeyringError(`payload key id "${id}" must be 1 to 64 letters, digits, dots, dashes or underscores`);
    }
    if (key.length !== PAYLOAD_KEY_BYTES) {
      throw new PayloadKeyringError(`payload key "${id}" must be ${PAYLOAD_KEY_BYTES} bytes, got ${key.length}`);
    }
  }
  if (!keys.has(encryptWith)) {
    throw new PayloadKeyringError(`the payload key to encrypt with, "${encryptWith}", is not among the payload keys`);
  }
  return { encryptWith, keys: new Map(keys) };
}
