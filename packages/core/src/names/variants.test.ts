import { describe, expect, it } from 'vitest';
import { nameKey } from './normalize.ts';
import { VARIANT_FAMILIES } from './variant-table.ts';
import { nameVariantKey, nameVariants } from './variants.ts';

describe('nameVariants', () => {
  it.each([
    ['Mohammed', ['Muhammad', 'Mohamed', 'Mohamad', 'Mouhamed', 'Mohammad']],
    ['Hussein', ['Husain', 'Hossein', 'Hüseyin']],
    ['Abdullah', ['Abdallah', 'Abd Allah', 'Abdalla']],
    ['Yuliia', ['Yulia', 'Julia']],
    ['Oleksandr', ['Aleksandr', 'Alexander']],
    ['Serhii', ['Sergiy', 'Sergei']],
    ['Diallo', ['Jallow', 'Djallo']],
    ['Traoré', ['Traore']],
    ['Ndiaye', ["N'Diaye"]],
    ['Mamadou', ['Mamadu', 'Mammadou']],
    ['Fatoumata', ['Fatumata', 'Fatou']],
  ])('%s', (name, variants) => {
    const family = nameVariants(name);
    expect(family).toContain(name);
    expect(family).toEqual(expect.arrayContaining(variants));
    for (const variant of variants) expect(nameVariants(variant)).toEqual(family);
  });

  it('ignores case, diacritics, spaces, hyphens and apostrophes', () => {
    expect(nameVariants('TRAORE')).toEqual(nameVariants('Traoré'));
    expect(nameVariants('n’diaye')).toEqual(nameVariants('Ndiaye'));
    expect(nameVariants('abd-allah')).toEqual(nameVariants('Abdullah'));
    expect(nameVariants('huseyin')).toEqual(nameVariants('Hussein'));
  });

  it('keeps distinct names apart', () => {
    expect(nameVariants('Mamadou')).not.toContain('Mohammed');
    expect(nameVariants('Hassan')).not.toContain('Hussein');
  });

  it('is the name alone when it is not in the table, and empty for empty input', () => {
    expect(nameVariants(' Okonkwo ')).toEqual(['Okonkwo']);
    expect(nameVariants('  ')).toEqual([]);
  });
});

describe('nameVariantKey', () => {
  it('is one key per family, and the plain key otherwise', () => {
    expect(nameVariantKey('Muhammad')).toBe(nameVariantKey('Mohamed'));
    expect(nameVariantKey("N'Diaye")).toBe(nameVariantKey('ndiaye'));
    expect(nameVariantKey('Hossein')).toBe(nameVariantKey('Hüseyin'));
    expect(nameVariantKey('Hassan')).not.toBe(nameVariantKey('Hussein'));
    expect(nameVariantKey('Okonkwo')).toBe('okonkwo');
  });
});

describe('the variant table', () => {
  it('puts each spelling in one family only', () => {
    const keys = VARIANT_FAMILIES.flatMap((row) => [...new Set(row.split('|').map((s) => nameKey(s)))]);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });
});
