const MAX_FILENAME_LENGTH = 200;
const FALLBACK_FILENAME = 'attachment';

/** C0 and C1 controls, DEL, and the bidirectional overrides that can disguise an extension (“invoice‮fdp.exe”). */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The uploader's file name made safe to store and to send back: no directories (a browser may send
 * `C:\\Users\\…`), no control or direction characters, NFC, at most 200 characters. Never empty.
 */
export function sanitiseFilename(original: string | undefined): string {
  const base = (original ?? '').split(/[/\\]/).pop() ?? '';
  const cleaned = base.normalize('NFC').replace(UNSAFE_CHARACTERS, '').trim();
  const limited = [...cleaned].slice(0, MAX_FILENAME_LENGTH).join('').trim();
  return limited === '' || limited === '.' || limited === '..' ? FALLBACK_FILENAME : limited;
}

/** RFC 8187 ext-value: UTF-8, every byte outside attr-char percent-encoded. */
function encodeExtValue(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `Content-Disposition: attachment` naming the file (RFC 6266): `filename*` carries the exact
 * name in UTF-8, `filename` an ASCII stand-in for clients that ignore `filename*`.
 */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeExtValue(filename)}`;
}
