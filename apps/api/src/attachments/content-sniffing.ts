import type { AttachmentContentType } from '@docket/config';

const PDF = Buffer.from('%PDF-', 'latin1');
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZIP_LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const ZIP_END_OF_DIRECTORY = 0x06054b50;
const ZIP_DIRECTORY_ENTRY = 0x02014b50;

function startsWith(bytes: Buffer, prefix: Buffer, offset = 0): boolean {
  return bytes.length >= offset + prefix.length && bytes.subarray(offset, offset + prefix.length).equals(prefix);
}

function ascii(bytes: Buffer, start: number, end: number): string {
  return bytes.length >= end ? bytes.toString('latin1', start, end) : '';
}

/**
 * The names in a ZIP archive's central directory. OFD and DOCX are ZIP packages told apart by the
 * parts they hold, so the directory is read rather than guessing from the first entry.
 */
export function zipEntryNames(bytes: Buffer): string[] | undefined {
  if (!startsWith(bytes, ZIP_LOCAL_HEADER)) {
    return undefined;
  }
  // The end record is 22 bytes plus a comment of at most 65535.
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= earliest; at -= 1) {
    if (bytes.readUInt32LE(at) !== ZIP_END_OF_DIRECTORY) {
      continue;
    }
    const count = bytes.readUInt16LE(at + 10);
    let entry = bytes.readUInt32LE(at + 16);
    const names: string[] = [];
    for (let index = 0; index < count; index += 1) {
      if (entry + 46 > bytes.length || bytes.readUInt32LE(entry) !== ZIP_DIRECTORY_ENTRY) {
        return undefined;
      }
      const nameLength = bytes.readUInt16LE(entry + 28);
      const extraLength = bytes.readUInt16LE(entry + 30);
      const commentLength = bytes.readUInt16LE(entry + 32);
      if (entry + 46 + nameLength > bytes.length) {
        return undefined;
      }
      names.push(bytes.toString('utf8', entry + 46, entry + 46 + nameLength));
      entry += 46 + nameLength + extraLength + commentLength;
    }
    return names;
  }
  return undefined;
}

/** An ISO base media file (MP4, M4A): a `ftyp` box first. */
function isIsoMedia(bytes: Buffer): boolean {
  return ascii(bytes, 4, 8) === 'ftyp';
}

function isMpegAudio(bytes: Buffer): boolean {
  // An ID3 tag, or an MPEG audio frame sync (11 set bits) with a valid layer.
  const second = bytes[1] ?? 0;
  return ascii(bytes, 0, 3) === 'ID3' || (bytes[0] === 0xff && (second & 0xe0) === 0xe0 && (second & 0x06) !== 0);
}

/**
 * Whether the bytes are of the type, by their signature (magic bytes). Exhaustive over the types
 * the configuration may allow, so a type cannot be allowed without a way to verify it.
 */
const SIGNATURES: { readonly [T in AttachmentContentType]: (bytes: Buffer) => boolean } = {
  'application/pdf': (bytes) => startsWith(bytes, PDF),
  'application/ofd': (bytes) => zipEntryNames(bytes)?.some((name) => name === 'OFD.xml') === true,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': (bytes) => {
    const names = zipEntryNames(bytes);
    return names !== undefined && names.includes('[Content_Types].xml') && names.some((name) => name.startsWith('word/'));
  },
  'image/jpeg': (bytes) => startsWith(bytes, JPEG),
  'image/png': (bytes) => startsWith(bytes, PNG),
  // Recorders label the same container either way; the brand does not reliably say audio or video.
  'video/mp4': isIsoMedia,
  'audio/mp4': isIsoMedia,
  'audio/mpeg': isMpegAudio,
  'audio/wav': (bytes) => ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WAVE',
};

export function contentMatchesType(type: AttachmentContentType, bytes: Buffer): boolean {
  return SIGNATURES[type](bytes);
}

/** A declared Content-Type reduced to its essence: lower case, no parameters. */
export function mediaTypeEssence(declared: string): string {
  return (declared.split(';')[0] ?? '').trim().toLowerCase();
}
