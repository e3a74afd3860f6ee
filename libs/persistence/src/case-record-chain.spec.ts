import {
  GENESIS_HASH,
  canonicalJson,
  chainHash,
  checkChain,
  sealDigest,
  sealDigestMatches,
  type ChainedEventContent,
  type StoredChainRow,
} from './case-record-chain';

const CASE_ID = '6F1C2A4E-9A57-4D0B-8A5E-2C1F0D7B3E11';

function content(sequence: number, data: unknown = { type: 'filing_approved', reason: 'violation likely' }): ChainedEventContent {
  return {
    caseId: CASE_ID,
    sequence,
    workflowId: `case-${CASE_ID}`,
    type: 'filing_approved',
    actorId: 'head-wang',
    actorRole: 'head',
    stageBefore: 'clue',
    stageAfter: 'filed',
    data,
    occurredAt: `2026-03-0${sequence}T08:00:00.000Z`,
  };
}

function chainOf(count: number): StoredChainRow[] {
  const rows: StoredChainRow[] = [];
  for (let sequence = 1; sequence <= count; sequence += 1) {
    const prevHash = rows.at(-1)?.hash ?? GENESIS_HASH;
    rows.push({ ...content(sequence), prevHash, hash: chainHash(prevHash, content(sequence)) });
  }
  return rows;
}

describe('canonical JSON', () => {
  it('writes the same text whatever order the keys came in, as jsonb reorders them', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x', null], c: true } })).toBe('{"a":{"c":true,"d":[1,"x",null]},"b":1}');
    expect(canonicalJson({ a: { c: true, d: [1, 'x', null] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [1, 'x', null], c: true } }));
  });

  it('leaves out undefined properties and writes dates and numbers one way', () => {
    expect(canonicalJson({ a: undefined, b: new Date('2026-03-01T08:00:00Z'), c: -0, d: 1e21, e: 0.1 })).toBe(
      '{"b":"2026-03-01T08:00:00.000Z","c":0,"d":1e+21,"e":0.1}',
    );
    expect(canonicalJson({ name: '上海某某食品有限公司' })).toBe('{"name":"上海某某食品有限公司"}');
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => canonicalJson({ fine: Number.NaN })).toThrow('$.fine is not a finite number');
    expect(() => canonicalJson({ f: () => 1 })).toThrow('$.f is a function');
  });
});

describe('the case record chain', () => {
  it('depends on the previous hash and on every field of the content', () => {
    const base = chainHash(GENESIS_HASH, content(1));
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash('1'.repeat(64), content(1))).not.toBe(base);
    expect(chainHash(GENESIS_HASH, { ...content(1), actorId: 'head-zhao' })).not.toBe(base);
    expect(chainHash(GENESIS_HASH, { ...content(1), stageBefore: null })).not.toBe(base);
    expect(chainHash(GENESIS_HASH, content(1, { type: 'filing_approved', reason: 'violation certain' }))).not.toBe(base);
  });

  it('gives the same hash for the row as written and as read back from Postgres', () => {
    const written = content(1, { type: 'filing_approved', reason: 'r', caseNumber: undefined });
    const readBack = { ...written, caseId: CASE_ID.toLowerCase(), data: { reason: 'r', type: 'filing_approved' }, occurredAt: new Date(written.occurredAt) };
    expect(chainHash(GENESIS_HASH, readBack)).toBe(chainHash(GENESIS_HASH, written));
  });

  it('finds nothing wrong with an intact chain', () => {
    expect(checkChain(chainOf(4).reverse())).toEqual([]);
  });

  it('names a row whose content was changed', () => {
    const rows = chainOf(4);
    rows[1] = { ...rows[1], actorId: 'someone-else' };
    expect(checkChain(rows)).toEqual([{ sequence: 2, kind: 'changed', detail: expect.any(String) as unknown }]);
  });

  it('names a removed row once, not again at the link after it', () => {
    const rows = chainOf(4);
    rows.splice(1, 1);
    expect(checkChain(rows)).toEqual([{ sequence: 2, kind: 'missing', detail: expect.any(String) as unknown }]);
  });

  it('names the link a re-hashed replacement row breaks', () => {
    const rows = chainOf(3);
    const forged = { ...content(2), actorId: 'someone-else' };
    rows[1] = { ...forged, prevHash: rows[0].hash, hash: chainHash(rows[0].hash, forged) };
    expect(checkChain(rows)).toEqual([{ sequence: 3, kind: 'broken_link', detail: 'prev_hash is not the hash of row 2' }]);
  });

  it('names a first row that does not start from the genesis hash', () => {
    const prevHash = 'a'.repeat(64);
    expect(checkChain([{ ...content(1), prevHash, hash: chainHash(prevHash, content(1)) }])).toEqual([
      { sequence: 1, kind: 'broken_link', detail: 'the first row does not start from the genesis hash' },
    ]);
  });
});

describe('the seal of an archived record', () => {
  const key = { id: 'seal-2026', secret: 'an-audit-seal-key-of-at-least-32-bytes' };
  const head = { caseId: CASE_ID, lastSequence: 12, chainHead: 'b'.repeat(64) };

  it('matches only under the same key and the same head', () => {
    const digest = sealDigest(key, head);
    expect(sealDigestMatches(key, head, digest)).toBe(true);
    expect(sealDigestMatches({ ...key, secret: `${key.secret}!` }, head, digest)).toBe(false);
    expect(sealDigestMatches(key, { ...head, lastSequence: 11 }, digest)).toBe(false);
    expect(sealDigestMatches(key, { ...head, chainHead: 'c'.repeat(64) }, digest)).toBe(false);
    expect(sealDigestMatches(key, head, 'not a digest')).toBe(false);
  });
});
