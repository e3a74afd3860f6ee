import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, ENCRYPTION_KEY_ID, PayloadDecryptionError } from './aes-gcm-payload.codec';
import { payloadsFromJson, payloadsToJson, JsonPayloadError } from './codec-server-payloads';
import { payloadKeyring, PayloadKeyringError } from './payload-keyring';

const oldKey = randomBytes(32);
const newKey = randomBytes(32);
const codecWith = (encryptWith: string, keys: Record<string, Uint8Array>): AesGcmPayloadCodec =>
  new AesGcmPayloadCodec(payloadKeyring(encryptWith, new Map(Object.entries(keys))));

const party = { name: '张三', idNumber: '110101199003074512', summary: 'sold expired medicine' };
const payloadOf = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);
const bytes = (payload: Payload): string => Buffer.from(payload.data ?? []).toString('latin1');
const metadataText = (payload: Payload, name: string): string | undefined => {
  const value = payload.metadata?.[name];
  return value === undefined || value === null ? undefined : Buffer.from(value).toString('utf8');
};

describe('AesGcmPayloadCodec', () => {
  it('returns the same value after encrypting and decrypting, with nothing readable in between', async () => {
    const codec = codecWith('k1', { k1: newKey });
    const [encrypted] = await codec.encode([payloadOf(party)]);
    expect(metadataText(encrypted, 'encoding')).toBe(ENCRYPTED_ENCODING);
    expect(metadataText(encrypted, ENCRYPTION_KEY_ID)).toBe('k1');
    expect(bytes(encrypted)).not.toContain(party.idNumber);
    expect(bytes(encrypted)).not.toContain('json/plain');
    const [decrypted] = await codec.decode([encrypted]);
    expect(defaultPayloadConverter.fromPayload(decrypted)).toEqual(party);
    expect(metadataText(decrypted, 'encoding')).toBe('json/plain');
  });

  it('encrypts the same value differently every time (a fresh nonce per payload)', async () => {
    const codec = codecWith('k1', { k1: newKey });
    const [first, second] = await codec.encode([payloadOf(party), payloadOf(party)]);
    expect(bytes(first)).not.toEqual(bytes(second));
  });

  it('refuses a payload whose ciphertext was altered', async () => {
    const codec = codecWith('k1', { k1: newKey });
    const [encrypted] = await codec.encode([payloadOf(party)]);
    const data = Buffer.from(encrypted.data!);
    data[20] = data[20] ^ 0x01;
    await expect(codec.decode([{ ...encrypted, data }])).rejects.toThrow(PayloadDecryptionError);
  });

  it('refuses a payload whose key id was swapped for another key held here', async () => {
    const codec = codecWith('k1', { k1: newKey, k0: newKey });
    const [encrypted] = await codec.encode([payloadOf(party)]);
    const swapped = { ...encrypted, metadata: { ...encrypted.metadata, [ENCRYPTION_KEY_ID]: Buffer.from('k0') } };
    await expect(codec.decode([swapped])).rejects.toThrow(/failed authentication/);
  });

  it('names the missing key when a payload was encrypted with a key not held here', async () => {
    const [encrypted] = await codecWith('retired', { retired: oldKey }).encode([payloadOf(party)]);
    await expect(codecWith('k1', { k1: newKey }).decode([encrypted])).rejects.toThrow(/payload key "retired" is not held here/);
  });

  it('rotates: the new key encrypts, and payloads under the old key still decrypt', async () => {
    const [underOld] = await codecWith('2025', { '2025': oldKey }).encode([payloadOf(party)]);
    const rotated = codecWith('2026', { '2025': oldKey, '2026': newKey });
    const [underNew] = await rotated.encode([payloadOf(party)]);
    expect(metadataText(underNew, ENCRYPTION_KEY_ID)).toBe('2026');
    const decoded = await rotated.decode([underOld, underNew]);
    expect(decoded.map((payload) => defaultPayloadConverter.fromPayload(payload))).toEqual([party, party]);
  });

  it('passes through payloads it did not encrypt, so plaintext histories keep replaying', async () => {
    const plain = payloadOf(party);
    const [decoded] = await codecWith('k1', { k1: newKey }).decode([plain]);
    expect(decoded).toBe(plain);
  });

  it('keeps binary payloads and their metadata intact', async () => {
    const codec = codecWith('k1', { k1: newKey });
    const binary: Payload = { metadata: { encoding: Buffer.from('binary/plain') }, data: new Uint8Array([0, 255, 7]) };
    const [decoded] = await codec.decode(await codec.encode([binary]));
    expect(metadataText(decoded, 'encoding')).toBe('binary/plain');
    expect(Buffer.from(decoded.data!)).toEqual(Buffer.from([0, 255, 7]));
  });
});

describe('payloadKeyring', () => {
  it('refuses a key that is not 32 bytes', () => {
    expect(() => payloadKeyring('k1', new Map([['k1', randomBytes(16)]]))).toThrow(PayloadKeyringError);
  });

  it('refuses an encryption key id that is not in the ring', () => {
    expect(() => payloadKeyring('k2', new Map([['k1', newKey]]))).toThrow(/"k2", is not among the payload keys/);
  });
});

describe('codec server payloads', () => {
  it('reads and writes the proto3 JSON form, every bytes field in base64', () => {
    const body = { payloads: [{ metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('"x"').toString('base64') }] };
    const payloads = payloadsFromJson(body);
    expect(defaultPayloadConverter.fromPayload(payloads[0])).toBe('x');
    expect(payloadsToJson(payloads)).toEqual(body);
  });

  it('names the field that is not base64', () => {
    expect(() => payloadsFromJson({ payloads: [{ metadata: { encoding: 'json/plain' } }] })).toThrow(
      new JsonPayloadError('payloads[0].metadata.encoding', 'must be a base64 string'),
    );
    expect(() => payloadsFromJson({})).toThrow(JsonPayloadError);
  });

  it('refuses metadata no payload carries: an oversized value or too many entries', () => {
    const huge = Buffer.alloc(1_025, 'x').toString('base64');
    expect(() => payloadsFromJson({ payloads: [{ metadata: { encoding: huge } }] })).toThrow(
      new JsonPayloadError('payloads[0].metadata.encoding', 'must be at most 1024 bytes'),
    );
    const many = Object.fromEntries(Array.from({ length: 33 }, (_, index) => [`m${index}`, 'eA==']));
    expect(() => payloadsFromJson({ payloads: [{ metadata: many }] })).toThrow(
      new JsonPayloadError('payloads[0].metadata', 'must have at most 32 entries'),
    );
    const withinLimits = Buffer.alloc(1_024, 'x').toString('base64');
    expect(payloadsFromJson({ payloads: [{ metadata: { encoding: withinLimits } }] })[0]?.metadata?.['encoding']).toHaveLength(1_024);
  });
});
