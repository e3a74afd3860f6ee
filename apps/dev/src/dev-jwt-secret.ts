import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * This checkout's development HS256 secret: made on first start, kept owner-readable only, so that
 * tokens minted locally survive restarts but are worthless anywhere else.
 */
export function developmentJwtSecret(path: string): string {
  if (existsSync(path)) {
    const secret = readFileSync(path, 'utf8').trim();
    if (Buffer.byteLength(secret, 'utf8') >= 32) {
      chmodSync(path, 0o600);
      return secret;
    }
  }
  mkdirSync(dirname(path), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return secret;
}

/**
 * This checkout's development key for Temporal payloads (AES-256-GCM), in the PAYLOAD_KEYS form:
 * 32 random bytes, made once and kept in .data/ like the others, so local histories stay readable
 * across restarts.
 */
export function developmentPayloadKeys(path: string, keyId: string): string {
  return `${keyId}:${developmentJwtSecret(path)}`;
}

/** This checkout's development key for sealing archived case records, made and kept the same way. */
export function developmentSealKey(path: string): string {
  return developmentJwtSecret(path);
}
