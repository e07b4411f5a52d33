// Ge'ez (Ethiopic) script, for Tigrinya and Amharic names: each character is a consonant with one of
// seven vowel orders (ä u i a e ə o), plus labialised forms. Spelled the way Eritrean and Ethiopian names
// appear on documents (ሰላም → Selam): 1st order as e (variant a), the vowelless 6th order as nothing,
// except where a vowel is heard (initial Kibrom, Birhane; before a glottal, Daniel; between two final
// consonants, Yohanes). Simplified from BGN/PCGN Amharic romanisation, without diacritics.
import {
  capitalize,
  dedupe,
  joinWords,
  splitWords,
  withVariants,
  type Transliteration,
} from './candidates.ts';

// Consonant of each row of eight characters from U+1200. Tigrinya ቐ and ኸ are written k and h.
// prettier-ignore
const ROWS: Readonly<Record<number, string>> = {
  0x1200: 'h', 0x1208: 'l', 0x1210: 'h', 0x1218: 'm', 0x1220: 's', 0x1228: 'r', 0x1230: 's', 0x1238: 'sh',
  0x1240: 'k', 0x1248: 'kw', 0x1250: 'k', 0x1258: 'kw', 0x1260: 'b', 0x1268: 'v', 0x1270: 't', 0x1278: 'ch',
  0x1280: 'h', 0x1288: 'hw', 0x1290: 'n', 0x1298: 'ny', 0x12a0: '', 0x12a8: 'k', 0x12b0: 'kw', 0x12b8: 'h',
  0x12c0: 'hw', 0x12c8: 'w', 0x12d0: '', 0x12d8: 'z', 0x12e0: 'zh', 0x12e8: 'y', 0x12f0: 'd', 0x12f8: 'd',
  0x1300: 'j', 0x1308: 'g', 0x1310: 'gw', 0x1318: 'ng', 0x1320: 't', 0x1328: 'ch', 0x1330: 'p', 0x1338: 'ts',
  0x1340: 'ts', 0x1348: 'f', 0x1350: 'p',
};

// Rows that hold only labialised syllables: offsets 0 2 3 4 5 are we wi wa we w(ə).
const LABIALISED = new Set([0x1248, 0x1258, 0x1288, 0x12b0, 0x12c0, 0x1310]);
const ORDER_VOWELS = ['ä', 'u', 'i', 'a', 'e', 'ə', 'o', 'wa'] as const;
const LABIALISED_VOWELS = ['ä', '', 'i', 'a', 'e', 'ə', '', ''] as const;

interface Syllable {
  readonly consonant: string;
  readonly vowel: string; // ä, ə, or a spelled vowel
  readonly glottal: boolean;
}

function syllable(char: string): Syllable | undefined {
  const code = char.codePointAt(0) ?? 0;
  if (code === 0x1358 || code === 0x1359 || code === 0x135a) {
    return { consonant: ['m', 'r', 'f'][code - 0x1358] + 'y', vowel: 'a', glottal: false };
  }
  const row = code - (code % 8);
  const consonant = ROWS[row];
  if (consonant === undefined) return undefined;
  const vowel = (LABIALISED.has(row) ? LABIALISED_VOWELS : ORDER_VOWELS)[code % 8];
  if (vowel === '' || vowel === undefined) return undefined;
  // Tigrinya ኸ closing a syllable is usually written k (ተኽለ Tekle, ኣኽበረት Akberet), elsewhere h (Abrehet).
  const spelled = row === 0x12b8 && vowel === 'ə' ? 'k' : consonant;
  return { consonant: spelled, vowel, glottal: consonant === '' };
}

interface Style {
  readonly first: 'e' | 'a'; // 1st order ä
  readonly epenthetic: 'i' | 'e'; // vowel heard in an initial 6th order
  readonly glide: 'y' | 'i'; // vowelless ይ after a vowel: Tesfay or Tesfai, Hayle or Haile
}

function spellWord(word: string, style: Style): string {
  const syllables = [...word].map(syllable).filter((s): s is Syllable => s !== undefined);
  const sixth = (s: Syllable | undefined) => s?.vowel === 'ə' && !s.glottal;
  let out = '';
  syllables.forEach((s, index) => {
    const next = syllables[index + 1];
    const last = index === syllables.length - 1;
    const glide = (s.consonant === 'y' || s.consonant === 'w') && s.vowel === 'ə' && index > 0;
    let vowel: string;
    if (s.vowel === 'ä') vowel = s.glottal ? 'a' : style.first;
    else if (s.vowel === 'ə' && s.glottal) vowel = 'e';
    else if (s.vowel !== 'ə') vowel = s.vowel;
    else if (last || glide) vowel = '';
    else if (index === 0 || (next?.glottal && next.vowel !== 'ə')) vowel = style.epenthetic;
    else if (index === syllables.length - 2 && sixth(next))
      vowel = 'e'; // Yohanes
    else vowel = '';
    const consonant = glide && style.glide === 'i' && s.consonant === 'y' ? 'i' : s.consonant;
    out += consonant + vowel;
  });
  return capitalize(out.replace(/iy([aeiou])/g, 'i$1'));
}

const STYLES: readonly Style[] = [
  { first: 'e', epenthetic: 'i', glide: 'y' },
  { first: 'e', epenthetic: 'i', glide: 'i' },
  { first: 'a', epenthetic: 'i', glide: 'y' },
  { first: 'e', epenthetic: 'e', glide: 'y' },
];

/** Latin spellings of a Ge'ez-script name, best first. */
export function transliterateEthiopic(text: string): Transliteration[] {
  const { words, joiners } = splitWords(text);
  if (words.length === 0) return [];
  const candidates = STYLES.map((style, index): Transliteration => ({
    text: joinWords(
      words.map((word) => spellWord(word, style)),
      joiners,
    ),
    system: index === 0 ? 'ethiopic-syllabary' : 'popular',
  }));
  return withVariants(dedupe(candidates.filter((c) => /\p{L}/u.test(c.text))));
}
