import { CATALOG_PARTS } from './catalog';

describe('message catalog', () => {
  it('defines every key once, in both languages, with the same placeholders', () => {
    const seen = new Set<string>();
    for (const part of CATALOG_PARTS) {
      for (const [key, message] of Object.entries(part)) {
        expect(seen.has(key) ? `${key} defined twice` : key).toBe(key);
        seen.add(key);
        expect(message.zh.trim()).not.toBe('');
        expect(message.en.trim()).not.toBe('');
        const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect({ key, placeholders: placeholders(message.en) }).toEqual({ key, placeholders: placeholders(message.zh) });
      }
    }
  });
});
