// How often the suggestions contain a spelling the synthetic name tables list for a native name. The
// lexicon and variant table were seeded from these tables, so the full rates show coverage, not
// generalisation; the letter-by-letter and rules-only rates show how unknown names fare.
import { describe, expect, it } from 'vitest';
import {
  ARABIC_FAMILY_MAGHREB,
  ARABIC_FAMILY_MASHRIQ,
  ARABIC_FEMALE,
  ARABIC_MALE,
} from '../demo/names/arabic.ts';
import { UKRAINIAN_FAMILY, UKRAINIAN_FEMALE, UKRAINIAN_MALE } from '../demo/names/cyrillic.ts';
import { TIGRINYA_FEMALE, TIGRINYA_MALE } from '../demo/names/ethiopic.ts';
import { GEORGIAN_FAMILY, GEORGIAN_FEMALE, GEORGIAN_MALE } from '../demo/names/georgian.ts';
import { AFGHAN_FAMILY, PERSIAN_FAMILY, PERSIAN_FEMALE, PERSIAN_MALE } from '../demo/names/persian.ts';
import { URDU_FAMILY, URDU_FEMALE, URDU_MALE, URDU_MUHAMMAD } from '../demo/names/urdu.ts';
import { lettersToLatin } from './arabic-letters.ts';
import { transliterate, type NameLanguage, type Transliteration } from './index.ts';
import { nameKey } from './normalize.ts';

interface Row {
  readonly native: string;
  readonly latin: readonly string[];
}

const CYRILLIC = [...UKRAINIAN_MALE, ...UKRAINIAN_FEMALE, ...UKRAINIAN_FAMILY];
const TABLES: readonly (readonly [string, NameLanguage, readonly Row[], number])[] = [
  [
    'Arabic',
    'ar',
    [...ARABIC_MALE, ...ARABIC_FEMALE, ...ARABIC_FAMILY_MASHRIQ, ...ARABIC_FAMILY_MAGHREB],
    0.95,
  ],
  ['Persian and Dari', 'fa', [...PERSIAN_MALE, ...PERSIAN_FEMALE, ...PERSIAN_FAMILY, ...AFGHAN_FAMILY], 0.95],
  ['Urdu', 'ur', [URDU_MUHAMMAD, ...URDU_MALE, ...URDU_FEMALE, ...URDU_FAMILY], 0.95],
  ['Ukrainian', 'uk', CYRILLIC.map((name) => ({ native: name.uk, latin: name.latin })), 0.95],
  ['Russian', 'ru', CYRILLIC.map((name) => ({ native: name.ru, latin: name.latin })), 0.95],
  ['Tigrinya', 'ti', [...TIGRINYA_MALE, ...TIGRINYA_FEMALE], 0.9],
  ['Georgian', 'ka', [...GEORGIAN_MALE, ...GEORGIAN_FEMALE, ...GEORGIAN_FAMILY], 0.9],
];

/** Share of rows for which some suggestion is one of the row's spellings (ignoring case and diacritics). */
function rate(rows: readonly Row[], suggest: (native: string) => readonly string[]): number {
  const hits = rows.filter((row) => {
    const wanted = new Set(row.latin.map((spelling) => nameKey(spelling)));
    return suggest(row.native).some((suggestion) => wanted.has(nameKey(suggestion)));
  });
  return hits.length / rows.length;
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const texts = (list: readonly Transliteration[]) => list.map((suggestion) => suggestion.text);

describe('coverage of the demo name tables (top 5 suggestions)', () => {
  for (const [name, language, rows, minimum] of TABLES) {
    const given = rate(rows, (native) => texts(transliterate(native, language)));
    const detected = rate(rows, (native) => texts(transliterate(native)));
    it(`${name}: ${percent(given)} with the language given, ${percent(detected)} detected (${rows.length} names)`, () => {
      expect(given).toBeGreaterThanOrEqual(minimum);
      expect(detected).toBeGreaterThanOrEqual(minimum - 0.05);
    });
  }
});

describe('generalisation beyond the tables', () => {
  for (const [name, language, rows] of TABLES.slice(0, 3)) {
    // Each word read letter by letter, as an unknown name would be.
    const letters = rate(rows, (native) => [
      native
        .split(' ')
        .map((word) => lettersToLatin(word, language as Parameters<typeof lettersToLatin>[1])[0] ?? '')
        .join(' '),
    ]);
    it(`${name} letter by letter alone: ${percent(letters)}`, () => {
      expect(letters).toBeGreaterThanOrEqual(0.35);
    });
  }

  for (const [name, language, rows] of TABLES.slice(3, 5)) {
    const rules = rate(rows, (native) =>
      texts(transliterate(native, language, { limit: 20 }).filter((s) => s.system !== 'variant')),
    );
    it(`${name} by the systems alone, without the variant table: ${percent(rules)}`, () => {
      expect(rules).toBeGreaterThanOrEqual(0.9);
    });
  }
});
