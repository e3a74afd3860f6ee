import { DomainError } from '@docket/domain';
import { UnsafeInputPipe, findUnsafeInput } from './unsafe-input.pipe';

const fieldOf = (value: unknown): string | undefined => findUnsafeInput(value, '')?.field;

describe('the unsafe input check', () => {
  it('lets through writing: CJK, emoji, combining marks, tabs and line breaks', () => {
    expect(findUnsafeInput({ name: '上海某某食品有限公司', note: 'café ÷ e\u0301 😀👩🏽‍⚖️ عربى', text: 'a\tb\r\nc' }, '')).toBeUndefined();
  });

  it('names the field holding NUL, a control, a lone surrogate or a bidirectional override, however deep', () => {
    expect(fieldOf({ summary: 'a\u0000b' })).toBe('summary');
    expect(fieldOf({ party: { name: 'x\ud800' } })).toBe('party.name');
    expect(fieldOf({ handlers: [{ userId: 'ok' }, { userId: '\udc00' }] })).toBe('handlers[1].userId');
    expect(fieldOf({ reason: 'pay \u202e0001' })).toBe('reason');
    expect(fieldOf({ reason: '\u2066x\u2069' })).toBe('reason');
    expect(fieldOf({ reason: 'bell\u0007' })).toBe('reason');
  });

  it('names the object holding a bad key, without echoing the key', () => {
    expect(fieldOf({ party: { ['na\u0000me']: 'x' } })).toBe('party');
  });

  it("refuses keys naming Object.prototype's members, which class-validator's whitelist lets through", () => {
    expect(fieldOf(JSON.parse('{"reason":"x","__proto__":{"polluted":true}}'))).toBe('__proto__');
    expect(fieldOf({ filing: { constructor: { polluted: true } } })).toBe('filing.constructor');
    expect(fieldOf({ toString: 'x' })).toBe('toString');
    expect(fieldOf({ hasOwnProperty: 1 })).toBe('hasOwnProperty');
    expect(fieldOf({ constructorName: 'fine', prototypeVersion: 'fine' })).toBeUndefined();
  });

  it('refuses through the pipe with INVALID_INPUT naming the query or path parameter', () => {
    const pipe = new UnsafeInputPipe();
    expect(() => pipe.transform('a\u0000', { type: 'param', data: 'userId' })).toThrow(DomainError);
    expect(() => pipe.transform({ q: '\ud800' }, { type: 'query' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field: 'q' }) as Error);
    expect(pipe.transform({ q: 'fine' }, { type: 'query' })).toEqual({ q: 'fine' });
    expect(pipe.transform('a\u0000', { type: 'custom' })).toBe('a\u0000');
  });
});
