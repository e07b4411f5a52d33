import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPassageId, newPassageId, PASSAGE_ID_ALPHABET, parsePassageId } from './passage-id.ts';

const symbol = fc.constantFrom(...PASSAGE_ID_ALPHABET);
const dataSymbols = fc.array(symbol, { minLength: 8, maxLength: 8 });

describe('Passage identifier', () => {
  it('is four, four and one symbols from the readable alphabet, and valid', () => {
    for (let i = 0; i < 200; i++) {
      const id = newPassageId();
      expect(id).toMatch(/^[0-9A-HJKMNP-TV-Y]{4}-[0-9A-HJKMNP-TV-Y]{4}-[0-9A-HJKMNP-TV-Y]$/);
      expect(isPassageId(id)).toBe(true);
    }
  });

  it('forgives case, spaces, hyphens and look-alike letters', () => {
    const id = newPassageId(() => 0); // 0000-0000-0
    expect(id).toBe('0000-0000-0');
    expect(parsePassageId('oooo oooo o')).toEqual({ ok: true, id });
    const other = newPassageId((n) => 1 % n);
    expect(parsePassageId(other.toLowerCase().replace(/-/g, ''))).toEqual({ ok: true, id: other });
  });

  it('catches every single mistyped symbol', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat({ max: 8 }), fc.integer({ min: 1, max: 30 }), (seed, position, shift) => {
        let s = seed;
        const id = newPassageId((n) => (s = (s * 1103515245 + 12345) >>> 0) % n).replace(/-/g, '');
        const wrong = PASSAGE_ID_ALPHABET[(PASSAGE_ID_ALPHABET.indexOf(id[position] as string) + shift) % 31];
        const typed = id.slice(0, position) + wrong + id.slice(position + 1);
        expect(parsePassageId(typed)).toMatchObject({ ok: false, reason: 'check' });
      }),
    );
  });

  it('catches every swap of two different neighbours', () => {
    fc.assert(
      fc.property(dataSymbols, fc.nat({ max: 7 }), (data, position) => {
        let i = 0;
        const id = newPassageId(() => PASSAGE_ID_ALPHABET.indexOf(data[i++] as string)).replace(/-/g, '');
        const a = id[position] as string;
        const b = id[position + 1] as string;
        fc.pre(a !== b);
        const typed = id.slice(0, position) + b + a + id.slice(position + 2);
        expect(parsePassageId(typed).ok).toBe(false);
      }),
    );
  });

  it('says precisely what is wrong', () => {
    expect(parsePassageId('ABC')).toMatchObject({ ok: false, reason: 'length' });
    expect(parsePassageId('0000-0000-#')).toMatchObject({ ok: false, reason: 'symbol' });
  });
});
