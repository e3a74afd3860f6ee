import { ConfigError } from './config-error';
import { loadPayloadEncryptionConfig } from './payload-encryption-config';

const keyA = Buffer.alloc(32, 1).toString('base64');
const keyB = Buffer.alloc(32, 2).toString('base64url');

describe('loadPayloadEncryptionConfig', () => {
  it('reads several keys and encrypts with the one PAYLOAD_KEY_ID names', () => {
    const config = loadPayloadEncryptionConfig({ PAYLOAD_KEYS: `2025:${keyA}, 2026:${keyB}`, PAYLOAD_KEY_ID: '2026' });
    expect(config.keyId).toBe('2026');
    expect([...config.keys.keys()]).toEqual(['2025', '2026']);
    expect(Buffer.from(config.keys.get('2026')!)).toEqual(Buffer.alloc(32, 2));
  });

  it('encrypts with the only key when there is one', () => {
    expect(loadPayloadEncryptionConfig({ PAYLOAD_KEYS: `only:${keyA}` }).keyId).toBe('only');
  });

  it.each([
    [{}, 'PAYLOAD_KEYS'],
    [{ PAYLOAD_KEYS: 'k1:c2hvcnQ=' }, 'PAYLOAD_KEYS'],
    [{ PAYLOAD_KEYS: `no-separator${keyA}` }, 'PAYLOAD_KEYS'],
    [{ PAYLOAD_KEYS: `a:${keyA},a:${keyB}` }, 'PAYLOAD_KEYS'],
    [{ PAYLOAD_KEYS: `a:${keyA},b:${keyB}` }, 'PAYLOAD_KEY_ID'],
    [{ PAYLOAD_KEYS: `a:${keyA}`, PAYLOAD_KEY_ID: 'b' }, 'PAYLOAD_KEY_ID'],
  ])('refuses %j, naming %s and never the key', (env, variable) => {
    let error: unknown;
    try {
      loadPayloadEncryptionConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).not.toContain(keyA);
  });
});
