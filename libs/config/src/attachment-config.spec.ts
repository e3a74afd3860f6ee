import { ATTACHMENT_CONTENT_TYPES, loadAttachmentConfig } from './attachment-config';
import { ConfigError } from './config-error';

function configErrorOf(action: () => unknown): ConfigError {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('attachment configuration', () => {
  it('accepts every recognisable type up to 25 MiB unless told otherwise', () => {
    expect(loadAttachmentConfig({})).toEqual({ maxBytes: 25 * 1024 * 1024, allowedTypes: ATTACHMENT_CONTENT_TYPES });
  });

  it('narrows the allow-list to the listed types, in any case and spacing', () => {
    expect(loadAttachmentConfig({ ATTACHMENT_ALLOWED_TYPES: ' application/PDF, image/png ,image/png', ATTACHMENT_MAX_BYTES: '1048576' })).toEqual({
      maxBytes: 1_048_576,
      allowedTypes: ['application/pdf', 'image/png'],
    });
  });

  it('refuses a type it cannot recognise by content, naming the variable', () => {
    const error = configErrorOf(() => loadAttachmentConfig({ ATTACHMENT_ALLOWED_TYPES: 'application/pdf,application/x-msdownload' }));
    expect(error.variable).toBe('ATTACHMENT_ALLOWED_TYPES');
    expect(error.message).toContain('application/x-msdownload');
    expect(configErrorOf(() => loadAttachmentConfig({ ATTACHMENT_ALLOWED_TYPES: ' , ' })).variable).toBe('ATTACHMENT_ALLOWED_TYPES');
  });

  it('refuses a size that is not a positive integer or beyond what one stored value may hold', () => {
    expect(configErrorOf(() => loadAttachmentConfig({ ATTACHMENT_MAX_BYTES: '25MB' })).variable).toBe('ATTACHMENT_MAX_BYTES');
    expect(configErrorOf(() => loadAttachmentConfig({ ATTACHMENT_MAX_BYTES: String(512 * 1024 * 1024) })).variable).toBe('ATTACHMENT_MAX_BYTES');
  });
});
