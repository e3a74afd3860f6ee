import { ConfigError } from './config-error';
import { readOptionalString, type Env } from './env-readers';

/**
 * The keys Temporal payloads are encrypted with (AES-256-GCM, issue 7). API, worker and replayer
 * hold the same ring. `keyId` encrypts what is written now; the other keys stay to read histories
 * written under them, so rotating is adding a key and pointing PAYLOAD_KEY_ID at it.
 */
export interface PayloadEncryptionConfig {
  readonly keyId: string;
  readonly keys: ReadonlyMap<string, Uint8Array>;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64_KEY = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * PAYLOAD_KEYS is `id:base64key,id:base64key` (each key 32 random bytes); PAYLOAD_KEY_ID names the
 * one to encrypt with, and may be left out when there is one key only. No message repeats a key.
 */
export function loadPayloadEncryptionConfig(env: Env): PayloadEncryptionConfig {
  const raw = readOptionalString(env, 'PAYLOAD_KEYS');
  if (raw === undefined) {
    throw new ConfigError('PAYLOAD_KEYS', 'is required: id:base64key pairs, comma-separated, each key 32 random bytes');
  }
  const keys = new Map<string, Uint8Array>();
  for (const [index, entry] of raw.split(',').map((part) => part.trim()).filter((part) => part !== '').entries()) {
    const separator = entry.indexOf(':');
    const id = separator < 0 ? '' : entry.slice(0, separator).trim();
    const encoded = separator < 0 ? '' : entry.slice(separator + 1).trim();
    if (!KEY_ID.test(id)) {
      throw new ConfigError('PAYLOAD_KEYS', `entry ${index + 1} must be id:base64key, the id 1 to 64 letters, digits, dots, dashes or underscores`);
    }
    if (keys.has(id)) {
      throw new ConfigError('PAYLOAD_KEYS', `key id "${id}" appears twice`);
    }
    const key = Buffer.from(encoded, 'base64');
    if (!BASE64_KEY.test(encoded) || key.length !== 32) {
      throw new ConfigError('PAYLOAD_KEYS', `key "${id}" must be 32 bytes, base64-encoded`);
    }
    keys.set(id, key);
  }
  if (keys.size === 0) {
    throw new ConfigError('PAYLOAD_KEYS', 'holds no key');
  }
  const keyId = readOptionalString(env, 'PAYLOAD_KEY_ID') ?? (keys.size === 1 ? [...keys.keys()][0] : undefined);
  if (keyId === undefined) {
    throw new ConfigError('PAYLOAD_KEY_ID', 'is required when PAYLOAD_KEYS holds several keys: the id of the one to encrypt with');
  }
  if (!keys.has(keyId)) {
    throw new ConfigError('PAYLOAD_KEY_ID', `"${keyId}" is not among the ids in PAYLOAD_KEYS`);
  }
  return { keyId, keys };
}
