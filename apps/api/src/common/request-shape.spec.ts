import { MAX_JSON_DEPTH, jsonNestingDepth, verifyJsonBody } from './request-shape';

describe('checks on the raw request body', () => {
  it('measures nesting without counting brackets inside strings', () => {
    expect(jsonNestingDepth(Buffer.from('{"a":[1,{"b":2}]}'))).toBe(3);
    expect(jsonNestingDepth(Buffer.from('{"a":"[[[[{{{{\\"]]]"}'))).toBe(1);
    expect(jsonNestingDepth(Buffer.from('42'))).toBe(0);
  });

  it('refuses bodies nested past the limit, and bytes that are not UTF-8, as 400s', () => {
    const deep = Buffer.from(`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`);
    expect(() => verifyJsonBody(undefined, undefined, deep)).toThrow(expect.objectContaining({ status: 400, message: expect.stringMatching(/nests deeper/) as string }) as Error);
    const notUtf8 = Buffer.concat([Buffer.from('{"reason":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]);
    expect(() => verifyJsonBody(undefined, undefined, notUtf8)).toThrow(expect.objectContaining({ status: 400, message: 'the request body is not valid UTF-8' }) as Error);
  });

  it('lets through ordinary bodies, CJK and emoji included', () => {
    expect(() => verifyJsonBody(undefined, undefined, Buffer.from(JSON.stringify({ summary: '过期食品 😀', items: [[{ a: 1 }]] })))).not.toThrow();
  });
});
