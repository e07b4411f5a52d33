// Cyrillic names: the official systems first, then the spellings people and officers commonly use.
// - Ukrainian: national system of Cabinet of Ministers resolution No. 55 of 27 January 2010.
// - Russian, Belarusian (and any other Cyrillic): ICAO Doc 9303 part 3 (machine readable travel
//   documents), which Russian passports use, with its Belarusian exceptions (Г H, Ё IO)
//   and the Ukrainian one (И Y).
// - Bulgarian: the Streamlined System of the Transliteration Act 2009.
import {
  capitalize,
  dedupe,
  joinWords,
  splitWords,
  withVariants,
  type Transliteration,
  type TransliterationSystem,
} from './candidates.ts';
import { nameVariants } from './variants.ts';

export type CyrillicLanguage = 'uk' | 'ru' | 'be' | 'bg';

interface Context {
  readonly prev: string | undefined;
  readonly next: string | undefined;
  readonly initial: boolean;
  readonly final: boolean;
}

interface System {
  readonly system: TransliterationSystem;
  readonly map?: Readonly<Record<string, string>>;
  /** Spelling that depends on the letter's neighbours; undefined falls back to the map. */
  readonly rule?: (letter: string, at: Context) => string | undefined;
}

// prettier-ignore
const ICAO: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'e', є: 'ie', ж: 'zh', з: 'z', и: 'i',
  і: 'i', ї: 'i', й: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't',
  у: 'u', ў: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: 'ie', ы: 'y', ь: '',
  э: 'e', ю: 'iu', я: 'ia', ѓ: 'g', ђ: 'd', ѕ: 'dz', ј: 'j', ќ: 'k', љ: 'lj', њ: 'nj', ћ: 'c',
  џ: 'dz', ѫ: 'u',
};

// Letters of other Cyrillic alphabets (Kazakh, Tajik, Kyrgyz, Tatar…) that ICAO does not list.
// prettier-ignore
const OTHER: Readonly<Record<string, string>> = {
  ә: 'a', ғ: 'gh', қ: 'q', ң: 'ng', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', ҳ: 'h', ҷ: 'j', ӣ: 'i', ӯ: 'u',
  җ: 'zh', ҙ: 'z', ҫ: 's', ҡ: 'q', ӑ: 'a', ӗ: 'e', ӳ: 'u',
};

const VOWELS = new Set('аеёєиіїоуыэюяў');
const afterVowelOrSign = (at: Context) =>
  at.prev === undefined || VOWELS.has(at.prev) || at.prev === 'ь' || at.prev === 'ъ';

// Resolution 55: Є Ї Й Ю Я are Ye Yi Y Yu Ya at the start of a word, ie i i iu ia elsewhere; Г is H,
// and зг is zgh to keep it apart from ж (Згорани → Zghorany).
const UK_2010: System = {
  system: 'uk-national-2010',
  map: { г: 'h', и: 'y', є: 'ie', ї: 'i', й: 'i', ю: 'iu', я: 'ia' },
  rule: (letter, at) => {
    if (at.initial) return { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' }[letter];
    if (letter === 'г' && at.prev === 'з') return 'gh';
    return undefined;
  },
};

// Spellings of older Ukrainian passports and of English usage: Serhiy, Andriy, Tetyana, Lyudmyla, Yulia.
const ukPopular = (overrides: Readonly<Record<string, string>> = {}): System => ({
  system: 'popular',
  map: { г: 'h', и: 'y', є: 'ye', ї: 'i', й: 'y', ю: 'yu', я: 'ya', ...overrides },
  rule: (letter, at) => {
    if (letter === 'ї' && at.initial) return 'yi';
    if (letter === 'й' && at.prev === 'и') return 'i';
    if (letter === 'я' && at.prev === 'і') return 'a';
    if (letter === 'г' && at.prev === 'з') return overrides['г'] === undefined ? 'gh' : undefined;
    return undefined;
  },
});

// French-, Turkish- and Balkan-style spellings: Ж as J, Х as H.
const J_H = { ж: 'j', х: 'h' };

const ICAO_RU: System = { system: 'icao-9303' };
const ICAO_UK: System = { system: 'icao-9303', map: { и: 'y' } };
const ICAO_BE: System = { system: 'icao-9303', map: { г: 'h', ё: 'io' } };

// English-style spellings of Russian names: Alexey, Sergey, Dmitry, Pyotr, Yelena, Natalya, Maria.
const ruPopular = (overrides: Readonly<Record<string, string>> = {}): System => ({
  system: 'popular',
  map: { й: 'y', ъ: '', ю: 'yu', я: 'ya', ...overrides },
  rule: (letter, at) => {
    if (letter === 'е') return afterVowelOrSign(at) ? 'ye' : 'e';
    if (letter === 'ё')
      return afterVowelOrSign(at) || !['ж', 'ч', 'ш', 'щ'].includes(at.prev ?? '') ? 'yo' : 'o';
    if ((letter === 'и' || letter === 'ы') && at.next === 'й') return 'y'; // Dmitry, Vitaly, Krasny
    if (letter === 'й' && (at.prev === 'и' || at.prev === 'ы')) return '';
    if (letter === 'я' && at.prev === 'и') return 'a';
    if (letter === 'к' && at.next === 'с') return 'x';
    if (letter === 'с' && at.prev === 'к') return '';
    return undefined;
  },
});

const BG_2009: System = {
  system: 'bg-streamlined-2009',
  map: { й: 'y', х: 'h', щ: 'sht', ъ: 'a', ь: 'y', ю: 'yu', я: 'ya' },
  rule: (letter, at) => (letter === 'я' && at.prev === 'и' && at.final ? 'a' : undefined),
};

function letterOf(system: System, letter: string, at: Context): string {
  const spelled = system.rule?.(letter, at) ?? system.map?.[letter] ?? ICAO[letter] ?? OTHER[letter];
  if (spelled !== undefined) return spelled;
  // Unlisted letters with diacritics (ӣ, ӱ…) keep their base letter; anything else is dropped.
  const base = letter.normalize('NFD').replace(/\p{M}/gu, '');
  return base !== letter ? (ICAO[base] ?? '') : /\p{Script=Latin}/u.test(letter) ? letter : '';
}

function transliterateWord(word: string, system: System): string {
  const letters = [...word.toLowerCase().replace(/['’ʼ]/g, '')];
  const latin = letters
    .map((letter, index) =>
      letterOf(system, letter, {
        prev: letters[index - 1],
        next: letters[index + 1],
        initial: index === 0,
        final: index === letters.length - 1,
      }),
    )
    .join('');
  const letterCount = [...word].filter((char) => /\p{L}/u.test(char)).length;
  return letterCount > 1 && word === word.toUpperCase() ? latin.toUpperCase() : capitalize(latin);
}

/** The language of a Cyrillic name from letters and spellings only one language uses; undefined if unsure. */
export function detectCyrillicLanguage(text: string): CyrillicLanguage | undefined {
  const t = text.toLowerCase();
  if (/ў/.test(t) || (/і/.test(t) && /[ыэё]/.test(t))) return 'be';
  if (/[іїєґ]/.test(t) || /\p{L}['’ʼ][яюєї]/u.test(t)) return 'uk';
  // ы э ъ ё, word-initial и (Ukrainian writes І), и before a vowel, ь before е ё ю я и, final -ей.
  if (/[ыэъё]|(^|\P{L})и|и[аеёиоуыэюя]|ь[еёюяи]|ей(?!\p{L})/u.test(t)) return 'ru';
  return undefined;
}

// When the letters do not tell, a reading that gives a known name decides (Дмитрий → Dmitrii, a known
// spelling, rather than Ukrainian Dmytryi).
function languageByKnownNames(words: readonly string[]): CyrillicLanguage | undefined {
  const known = (system: System) =>
    words.filter((word) => nameVariants(transliterateWord(word, system)).length > 1).length;
  const uk = known(UK_2010);
  const ru = known(ICAO_RU);
  return uk > ru ? 'uk' : ru > uk ? 'ru' : undefined;
}

function systemsFor(language: CyrillicLanguage | undefined): { first: System[]; last: System[] } {
  switch (language) {
    case 'uk':
      return { first: [UK_2010, ukPopular(), ukPopular({ г: 'g' })], last: [ukPopular(J_H), ICAO_UK] };
    case 'ru':
      return { first: [ICAO_RU, ruPopular()], last: [ruPopular(J_H)] };
    case 'be':
      return { first: [ICAO_BE], last: [] };
    case 'bg':
      return { first: [BG_2009, ICAO_RU], last: [] };
    default:
      return {
        first: [UK_2010, ICAO_RU, ruPopular(), ukPopular(), ukPopular({ г: 'g' })],
        last: [ukPopular(J_H)],
      };
  }
}

/**
 * Latin spellings of a Cyrillic name, best first: the official system for the language (given, or
 * detected from its letters; both Ukrainian and Russian readings when the letters do not tell), common
 * spellings, and spellings from the variant table (Oleksandr → Aleksandr, Alexander).
 */
export function transliterateCyrillic(text: string, language?: CyrillicLanguage): Transliteration[] {
  const { words, joiners } = splitWords(text);
  if (words.length === 0) return [];
  const spell = (system: System): Transliteration => ({
    text: joinWords(
      words.map((word) => transliterateWord(word, system)),
      joiners,
    ),
    system: system.system,
  });
  const { first, last } = systemsFor(language ?? detectCyrillicLanguage(text) ?? languageByKnownNames(words));
  return dedupe([...withVariants(first.map(spell)), ...last.map(spell)]).filter((c) => /\p{L}/u.test(c.text));
}
