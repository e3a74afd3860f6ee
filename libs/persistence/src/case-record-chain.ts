import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The hash chain over a case's `case_events` rows (tamper evidence, domain.md §6): each row commits
 * to the previous row's hash and to its own content, so a row changed, removed or slipped in breaks
 * the chain from there on. An archived case's chain head is then sealed with a keyed digest.
 *
 * The canonical form below is what every stored hash was computed from, including the hashes the
 * migration filled in for older rows: changing it would make every existing record look tampered.
 */

/** The `prev_hash` of a case's first row. */
export const GENESIS_HASH = '0'.repeat(64);

const HASH_PATTERN = /^[0-9a-f]{64}$/;

/** The content of a row the hash commits to: everything but its id and the time it was written. */
export interface ChainedEventContent {
  readonly caseId: string;
  readonly sequence: number;
  readonly workflowId: string;
  readonly type: string;
  readonly actorId: string;
  readonly actorRole: string;
  readonly stageBefore: string | null;
  readonly stageAfter: string;
  readonly data: unknown;
  /** An ISO timestamp or a Date; both are written as `toISOString()` gives them. */
  readonly occurredAt: string | Date;
}

export class CanonicalJsonError extends Error {
  override readonly name = 'CanonicalJsonError';
}

function canonicalValue(value: unknown, path: string): string {
  if (value === null) {
    return 'null';
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) {
        throw new CanonicalJsonError(`${path} is not a finite number`);
      }
      // JSON.stringify writes the shortest form that reads back as the same number, and 0 for -0.
      return JSON.stringify(value);
    case 'object': {
      if (value instanceof Date) {
        return JSON.stringify(value.toISOString());
      }
      if (Array.isArray(value)) {
        // As JSON.stringify does (and jsonb then stores): an undefined element reads back as null.
        return `[${value.map((item, index) => (item === undefined ? 'null' : canonicalValue(item, `${path}[${index}]`))).join(',')}]`;
      }
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, item]) => item !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalValue(item, `${path}.${key}`)}`).join(',')}}`;
    }
    case 'bigint':
    case 'function':
    case 'symbol':
    case 'undefined':
      break;
  }
  throw new CanonicalJsonError(`${path} is a ${typeof value}, which JSON cannot hold`);
}

/**
 * JSON with object keys sorted (by UTF-16 code units), no whitespace, undefined properties left out,
 * dates as ISO strings: the same text for the same content however it was built or read back from
 * jsonb, which reorders keys.
 */
export function canonicalJson(value: unknown): string {
  return canonicalValue(value, '$');
}

function isoOf(value: string | Date): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new CanonicalJsonError(`occurredAt "${String(value)}" is not a time`);
  }
  return date.toISOString();
}

/** The canonical text of a row's content; uuids are compared as Postgres writes them, in lower case. */
export function canonicalEventContent(content: ChainedEventContent): string {
  return canonicalJson({
    caseId: content.caseId.toLowerCase(),
    sequence: content.sequence,
    workflowId: content.workflowId,
    type: content.type,
    actorId: content.actorId,
    actorRole: content.actorRole,
    stageBefore: content.stageBefore,
    stageAfter: content.stageAfter,
    data: content.data,
    occurredAt: isoOf(content.occurredAt),
  });
}

/** sha256(prevHash || canonical content), hex. The previous hash is fixed-length, so the joint is unambiguous. */
export function chainHash(prevHash: string, content: ChainedEventContent): string {
  if (!HASH_PATTERN.test(prevHash)) {
    throw new CanonicalJsonError('prevHash must be 64 lower-case hex digits');
  }
  return createHash('sha256').update(prevHash, 'utf8').update(canonicalEventContent(content), 'utf8').digest('hex');
}

/** The key archived records are sealed with; its id is stored beside each seal so a verifier knows which to use. */
export interface SealKey {
  readonly id: string;
  readonly secret: string;
}

/** What a seal commits to: the case, the last sequence it will ever have and the chain's head there. */
export interface SealedHead {
  readonly caseId: string;
  readonly lastSequence: number;
  readonly chainHead: string;
}

/** HMAC-SHA256 under the seal key over the canonical { caseId, lastSequence, chainHead }, hex. */
export function sealDigest(key: SealKey, head: SealedHead): string {
  return createHmac('sha256', key.secret)
    .update(canonicalJson({ caseId: head.caseId.toLowerCase(), lastSequence: head.lastSequence, chainHead: head.chainHead }), 'utf8')
    .digest('hex');
}

/** Whether the digest is the key's seal over the head, compared in constant time. */
export function sealDigestMatches(key: SealKey, head: SealedHead, digest: string): boolean {
  const expected = Buffer.from(sealDigest(key, head), 'hex');
  const given = Buffer.from(HASH_PATTERN.test(digest) ? digest : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** One row as stored, with the hashes it carries. */
export interface StoredChainRow extends ChainedEventContent {
  readonly prevHash: string;
  readonly hash: string;
}

export type ChainProblemKind = 'changed' | 'missing' | 'broken_link';

export interface ChainProblem {
  readonly sequence: number;
  readonly kind: ChainProblemKind;
  readonly detail: string;
}

/**
 * Recomputes a case's chain from its rows (any order). A row whose content no longer gives its hash
 * is `changed`; a gap in the sequence is `missing`; a row whose `prev_hash` is not the hash of the
 * row before it is a `broken_link` (a row was replaced or re-hashed, or one before it removed: a
 * link after a gap is not reported again, the gap says it).
 */
export function checkChain(rows: readonly StoredChainRow[]): ChainProblem[] {
  const ordered = [...rows].sort((a, b) => a.sequence - b.sequence);
  const problems: ChainProblem[] = [];
  let previous: StoredChainRow | undefined;
  for (const row of ordered) {
    const expectedSequence = (previous?.sequence ?? 0) + 1;
    for (let missing = expectedSequence; missing < row.sequence; missing += 1) {
      problems.push({ sequence: missing, kind: 'missing', detail: `no row for sequence ${missing} between ${expectedSequence - 1} and ${row.sequence}` });
    }
    let recomputed: string | undefined;
    try {
      recomputed = HASH_PATTERN.test(row.prevHash) ? chainHash(row.prevHash, row) : undefined;
    } catch {
      recomputed = undefined;
    }
    if (recomputed !== row.hash) {
      problems.push({ sequence: row.sequence, kind: 'changed', detail: 'the row’s content does not give its stored hash' });
    } else if (row.sequence === expectedSequence) {
      const expectedPrev = previous?.hash ?? GENESIS_HASH;
      if (row.prevHash !== expectedPrev) {
        problems.push({
          sequence: row.sequence,
          kind: 'broken_link',
          detail: row.sequence === 1 ? 'the first row does not start from the genesis hash' : `prev_hash is not the hash of row ${row.sequence - 1}`,
        });
      }
    }
    previous = row;
  }
  return problems;
}
