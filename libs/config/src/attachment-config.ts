import { ConfigError } from './config-error';
import { readOptionalString, readPositiveInteger, type Env } from './env-readers';

/**
 * The content types Docket can recognise by their bytes, and so the only ones an allow-list may
 * name: a type the API cannot verify would let anything through under its name.
 */
export const ATTACHMENT_CONTENT_TYPES = [
  'application/pdf',
  /** 版式文档 OFD (GB/T 33190), the national fixed-layout format for official documents. */
  'application/ofd',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'image/jpeg',
  'image/png',
  /** Audio-video records of enforcement (执法全过程记录, APL 47). */
  'video/mp4',
  'audio/mp4',
  'audio/mpeg',
  'audio/wav',
] as const;

export type AttachmentContentType = (typeof ATTACHMENT_CONTENT_TYPES)[number];

export function isAttachmentContentType(value: string): value is AttachmentContentType {
  return (ATTACHMENT_CONTENT_TYPES as readonly string[]).includes(value);
}

export const DEFAULT_ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;
/** Contents are kept in one PostgreSQL bytea value and held in memory while uploaded. */
export const ATTACHMENT_MAX_BYTES_CEILING = 256 * 1024 * 1024;

export interface AttachmentConfig {
  /** Largest attachment accepted, in bytes. */
  readonly maxBytes: number;
  readonly allowedTypes: readonly AttachmentContentType[];
}

export function loadAttachmentConfig(env: Env): AttachmentConfig {
  const maxBytes = readPositiveInteger(env, 'ATTACHMENT_MAX_BYTES', DEFAULT_ATTACHMENT_MAX_BYTES);
  if (maxBytes > ATTACHMENT_MAX_BYTES_CEILING) {
    throw new ConfigError('ATTACHMENT_MAX_BYTES', `must be at most ${ATTACHMENT_MAX_BYTES_CEILING}, got ${maxBytes}`);
  }
  const raw = readOptionalString(env, 'ATTACHMENT_ALLOWED_TYPES');
  if (raw === undefined) {
    return { maxBytes, allowedTypes: ATTACHMENT_CONTENT_TYPES };
  }
  const listed = raw.split(',').map((type) => type.trim().toLowerCase()).filter((type) => type !== '');
  const unknown = listed.filter((type) => !isAttachmentContentType(type));
  if (unknown.length > 0) {
    throw new ConfigError(
      'ATTACHMENT_ALLOWED_TYPES',
      `lists ${unknown.join(', ')}, which Docket cannot recognise by content; choose from ${ATTACHMENT_CONTENT_TYPES.join(', ')}`,
    );
  }
  if (listed.length === 0) {
    throw new ConfigError('ATTACHMENT_ALLOWED_TYPES', 'must list at least one content type, separated by commas');
  }
  return { maxBytes, allowedTypes: [...new Set(listed as AttachmentContentType[])] };
}
