import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '@docket/domain';

/**
 * Characters no field of a case file may hold. NUL and other C0 controls: PostgreSQL refuses NUL in
 * text, so an activity would retry for ever on it. Lone surrogates: they are re-encoded as U+FFFD on
 * the way to Temporal and the database, so the record would silently differ from what was sent.
 * Bidirectional overrides and isolates: they make a name or an amount read differently from what it
 * is (a spoofing tool, not writing). Tab, line feed and carriage return stay allowed. With the `u`
 * flag a well-formed surrogate pair is one code point, so only a lone surrogate matches the last range.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/u;

/**
 * Keys that name Object.prototype's members. class-validator's whitelist looks keys up in a plain
 * object, so `toString` or `constructor` pass `forbidNonWhitelisted` unnoticed, and `__proto__` is
 * how prototype pollution starts. No Docket field is called any of these.
 */
const RESERVED_KEYS = new Set(['__proto__', 'prototype', ...Object.getOwnPropertyNames(Object.prototype)]);

export interface UnsafeInput {
  readonly field: string;
  readonly reason: string;
}

/** Where in a parsed request value the first unsafe string or key is, as a dotted path. */
export function findUnsafeInput(value: unknown, path: string, depth = 0): UnsafeInput | undefined {
  if (typeof value === 'string') {
    return UNSAFE_TEXT.test(value) ? { field: path, reason: 'holds a control, lone surrogate or bidirectional override character' } : undefined;
  }
  if (value === null || typeof value !== 'object' || depth > 32) {
    return undefined;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnsafeInput(item, `${path}[${index}]`, depth + 1);
      if (found !== undefined) {
        return found;
      }
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const field = path === '' ? key : `${path}.${key}`;
    if (UNSAFE_TEXT.test(key)) {
      // Not echoed back: the error names the object holding the key.
      return { field: path, reason: 'has a property name holding a control, lone surrogate or bidirectional override character' };
    }
    if (RESERVED_KEYS.has(key)) {
      return { field, reason: 'is not a property this request takes' };
    }
    const found = findUnsafeInput(item, field, depth + 1);
    if (found !== undefined) {
      return found;
    }
  }
  return undefined;
}

/** Refuses, as INVALID_INPUT naming the field, a body, query or path value holding unsafe characters or reserved keys. */
@Injectable()
export class UnsafeInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') {
      return value;
    }
    const found = findUnsafeInput(value, metadata.data ?? '');
    if (found !== undefined) {
      const field = found.field === '' ? metadata.type : found.field;
      throw new DomainError(DomainErrorCode.InvalidInput, `${field}: ${found.reason}`, field);
    }
    return value;
  }
}
