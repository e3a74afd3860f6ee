import { canonicalJson, requestHash } from './request-hash';

describe('request hash', () => {
  it('ignores the order of keys at every depth, not the order of array items', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
    expect(requestHash('POST', '/cases', { a: 1, b: 2 })).toBe(requestHash('post', '/cases', { b: 2, a: 1 }));
    expect(requestHash('POST', '/cases', { a: [1, 2] })).not.toBe(requestHash('POST', '/cases', { a: [2, 1] }));
  });

  it('tells apart the method, the path and the body', () => {
    const hash = requestHash('POST', '/cases/1/closing', { summary: 'x' });
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(requestHash('PUT', '/cases/1/closing', { summary: 'x' })).not.toBe(hash);
    expect(requestHash('POST', '/cases/2/closing', { summary: 'x' })).not.toBe(hash);
    expect(requestHash('POST', '/cases/1/closing', { summary: 'y' })).not.toBe(hash);
    expect(requestHash('POST', '/cases/1/closing', undefined)).toBe(requestHash('POST', '/cases/1/closing', null));
  });
});
