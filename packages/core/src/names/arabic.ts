// Arabic-script names (Arabic, Persian/Dari, Pashto, Urdu): lexicon spellings for known names and name
// parts, rules for how names are built (عبد ال… → Abdul…/Abd al-…, the article ال → Al-/El-, X الله →
// Xullah, X الدين → Xeddine/Xuddin, the nisba suffix ی → -i, Ben-/Bou- prefixes), and a letter-by-letter
// reading (arabic-letters.ts) for words nothing else knows.
import { combine, dedupe, type Transliteration } from './candidates.ts';
import { ARABIC_LEXICON } from './arabic-lexicon.ts';
import { lettersToLatin, type ArabicScriptLanguage } from './arabic-letters.ts';
import { nameKey } from './normalize.ts';

type Section = 'ar' | 'fa' | 'ur' | 'ps';
type Entry = Readonly<Record<Section, readonly string[]>>;

function parseRow(row: string): [string, Entry] {
  const [native = '', ...parts] = row.split('|');
  const entry: Record<Section, string[]> = { ar: [], fa: [], ur: [], ps: [] };
  let section: Section = 'ar';
  for (const part of parts) {
    const marked = /^(fa|ur|ps|ar):(.*)$/.exec(part);
    if (marked) section = marked[1] as Section;
    entry[section].push(marked ? (marked[2] as string) : part);
  }
  return [nameKey(native), entry];
}

const LEXICON: ReadonlyMap<string, Entry> = new Map(ARABIC_LEXICON.map(parseRow));

function interleave(lists: readonly (readonly string[])[]): string[] {
  const result: string[] = [];
  for (let i = 0; i < Math.max(...lists.map((list) => list.length)); i++) {
    for (const list of lists) if (list[i] !== undefined) result.push(list[i] as string);
  }
  return result;
}

/** A lexicon entry's spellings for a language; without one, the Arabic, Persian and Urdu usages in turn. */
function spellings(entry: Entry, language: ArabicScriptLanguage | undefined): string[] {
  const ordered =
    language === undefined
      ? interleave([entry.ar, entry.fa, entry.ur])
      : {
          ar: entry.ar,
          fa: [...entry.fa, ...entry.ar],
          prs: [...entry.ps, ...entry.fa, ...entry.ar],
          ps: [...entry.ps, ...entry.fa, ...entry.ar],
          ur: [...entry.ur, ...entry.ar],
        }[language];
  return [...new Set(ordered)];
}

/** The language of an Arabic-script name from the letters only Urdu, Pashto, Persian or Arabic use. */
export function detectArabicLanguage(text: string): ArabicScriptLanguage | undefined {
  if (/[ٹڈڑںےہھۃ]/u.test(text)) return 'ur';
  if (/[ټډړږښځڅڼګېۍ]/u.test(text)) return 'ps';
  if (/[پچژگیک]/u.test(text)) return 'fa';
  if (/[يكةى]/u.test(text)) return 'ar';
  return undefined;
}

/** A word as letters (each with its harakat) and the comparison key of each letter. */
interface Word {
  readonly letters: readonly string[];
  readonly keys: readonly string[];
}

function toWord(text: string): Word {
  const letters: string[] = [];
  for (const char of text.normalize('NFKC').replace(/[\u0640\p{Cf}'’ʼ]/gu, '')) {
    if (/\p{M}/u.test(char) && letters.length > 0) letters[letters.length - 1] += char;
    else if (/\p{L}/u.test(char)) letters.push(char);
  }
  const kept = letters.filter((letter) => nameKey(letter) !== '');
  return { letters: kept, keys: kept.map((letter) => nameKey(letter)) };
}

const keyOf = (word: Word) => word.keys.join('');
const slice = (word: Word, start: number, end?: number): Word => ({
  letters: word.letters.slice(start, end),
  keys: word.keys.slice(start, end),
});
const lower = (text: string) => text.toLowerCase();
const lexicon = (texts: readonly string[]): Transliteration[] =>
  texts.map((text) => ({ text, system: 'lexicon' }));

// Sun letters assimilate the article: عبد الرحمن → Abdur Rahman, Abd ar-Rahman.
const SUN_LETTERS = new Set('تثدذرزسشصضطظلن');

// Name-building patterns over a part's spelling; sun is the assimilated article consonant, if any.
type Forms = (spelling: string, sun: string) => (string | undefined)[];

/** Applies name-building patterns to a part's spellings: every pattern to the best, the first to the next. */
function build(
  part: readonly Transliteration[],
  patterns: Forms,
  sun: string | undefined,
): Transliteration[] {
  const result: Transliteration[] = [];
  part.slice(0, 2).forEach((candidate, rank) => {
    const forms = patterns(candidate.text, sun ?? '').filter((form): form is string => form !== undefined);
    for (const text of rank === 0 ? forms : forms.slice(0, 1)) {
      result.push({ text, system: candidate.system });
    }
  });
  return result;
}

function sunPrefix(stem: Word, spelling: string): string | undefined {
  if (!SUN_LETTERS.has(stem.keys[0] ?? '')) return undefined;
  return /^(sh|th|dh|[tdrzsln])/i.exec(spelling)?.[1]?.toLowerCase();
}

function abdForms(stem: Word, language: ArabicScriptLanguage | undefined): Transliteration[] {
  const part = stemReadings(stem, language);
  const sun = sunPrefix(stem, part[0]?.text ?? '');
  const patterns: Forms = (y, s) => {
    switch (language) {
      case 'fa':
        return [`Abdol${lower(y)}`, `Abdul${lower(y)}`, `Abdol ${y}`, `Abdul ${y}`];
      case 'ur':
      case 'ps':
      case 'prs':
        return [`Abdul ${y}`, `Abdul${lower(y)}`, s ? `Abdu${s} ${y}` : undefined, `Abd al-${y}`];
      default:
        return [
          `Abdul${lower(y)}`,
          `Abdel${lower(y)}`,
          `Abd al-${y}`,
          `Abdul ${y}`,
          s ? `Abd a${s}-${y}` : `Abd el-${y}`,
        ];
    }
  };
  return build(part, patterns, sun);
}

// X الله and X الدين: a first part in construct state ends in -at (رحمة → Rahmat-ullah).
function compoundForms(first: Word, suffix: 'الله' | 'الدين', language: ArabicScriptLanguage | undefined) {
  const construct = first.keys[first.keys.length - 1] === 'ه';
  const part = stemReadings(first, language).map((c) => ({
    ...c,
    text: construct ? c.text.replace(/(ah|eh|a|e)$/, 'at') : c.text,
  }));
  const allah: Forms = (x) =>
    language === 'ar'
      ? [`${x}allah`, `${x} Allah`, `${x}ullah`]
      : language === 'fa'
        ? [`${x}ollah`, `${x}ullah`, `${x}allah`]
        : [`${x}ullah`, language ? `${x} Ullah` : `${x}allah`, `${x}ollah`];
  const din: Forms = (x) =>
    language === 'ar'
      ? [`${x}eddine`, `${x} al-Din`, `${x} Eddine`, `${x}uddin`]
      : language === 'fa'
        ? [`${x}eddin`, `${x}oddin`, `${x}uddin`]
        : [`${x}uddin`, language ? `${x}-ud-Din` : `${x}eddine`, `${x} al-Din`];
  return build(part, suffix === 'الله' ? allah : din, undefined);
}

function articleForms(stem: Word, language: ArabicScriptLanguage | undefined): Transliteration[] {
  return build(
    stemReadings(stem, language),
    (y) => [`Al-${y}`, `Al${lower(y)}`, `Al ${y}`, `El-${y}`, y],
    undefined,
  );
}

// Suffixes that make family names from other names: nisba ی (Ahmadi, Hosseini), Persian -ei after a
// vowel (Rezaei), -zadeh, -pour, -ian, Pashto -zai.
const SUFFIXES: readonly (readonly [string, readonly string[]])[] = [
  ['زاده', ['zadeh', 'zada']],
  ['پور', ['pour', 'pur']],
  ['يان', ['ian', 'yan']],
  ['زي', ['zai', 'zay']],
  ['يي', ['ei', 'ee', 'i']],
  ['ي', ['i']],
];

const JOINED_PREFIXES: ReadonlyMap<string, readonly string[]> = new Map([
  ['بن', ['Ben', 'Bin']],
  ['بو', ['Bou', 'Bu']],
]);

function joined(a: readonly string[], b: readonly Transliteration[]): Transliteration[] {
  const [a1 = '', a2] = a;
  const [b1, b2] = b;
  if (!b1) return [];
  const system = b1.system;
  const texts = [`${a1}${lower(b1.text)}`, `${a1} ${b1.text}`, `${a1}-${b1.text}`];
  if (a2) texts.push(`${a2}${lower(b1.text)}`);
  if (b2) texts.push(`${a1}${lower(b2.text)}`);
  return texts.map((text) => ({ text, system }));
}

/** Readings of a word that is not a whole phrase: lexicon, then rules, then letter by letter. */
function stemReadings(word: Word, language: ArabicScriptLanguage | undefined): Transliteration[] {
  const key = keyOf(word);
  const entry = LEXICON.get(key);
  if (entry) return lexicon(spellings(entry, language));
  const n = word.keys.length;
  if (key.startsWith('عبدال') && n > 6) return abdForms(slice(word, 5), language);
  for (const suffix of ['الله', 'الدين'] as const) {
    if (key.endsWith(suffix) && n > suffix.length + 1) {
      return compoundForms(slice(word, 0, n - suffix.length), suffix, language);
    }
  }
  if (key.startsWith('ال') && n > 3) return articleForms(slice(word, 2), language);
  for (const [suffix, endings] of SUFFIXES) {
    const stem = LEXICON.get(key.slice(0, -suffix.length));
    if (key.endsWith(suffix) && n > suffix.length + 1 && stem) {
      const base = spellings(stem, language);
      return lexicon(base.slice(0, 3).flatMap((b) => endings.map((ending) => b + ending)));
    }
  }
  for (let split = n - 2; split >= 2; split--) {
    const head = keyOf(slice(word, 0, split));
    const tail = LEXICON.get(keyOf(slice(word, split)));
    const headForms =
      JOINED_PREFIXES.get(head) ??
      (LEXICON.has(head) ? spellings(LEXICON.get(head) as Entry, language) : undefined);
    if (tail && headForms) return joined(headForms, lexicon(spellings(tail, language)));
  }
  const text = word.letters.join('');
  return lettersToLatin(text, language).map((reading) => ({ text: reading, system: 'letter-by-letter' }));
}

/** Readings of the part of a name starting at word i, and how many words it took. */
function partAt(words: readonly Word[], i: number, language: ArabicScriptLanguage | undefined) {
  for (let length = Math.min(3, words.length - i); length >= 2; length--) {
    const entry = LEXICON.get(
      words
        .slice(i, i + length)
        .map(keyOf)
        .join(''),
    );
    if (entry) return { length, readings: lexicon(spellings(entry, language)) };
  }
  const word = words[i] as Word;
  // A name that starts with بن is a Maghreb family name (Ben Salem); between names it is "son of".
  if (i === 0 && words.length > 1 && keyOf(word) === 'بن') {
    return { length: 1, readings: lexicon(['Ben', 'Bin', 'Ibn']) };
  }
  const next = words[i + 1];
  const nextKey = next ? keyOf(next) : '';
  if (next && keyOf(word) === 'عبد' && nextKey.startsWith('ال') && next.keys.length > 2) {
    return { length: 2, readings: abdForms(slice(next, 2), language) };
  }
  if (nextKey === 'الله' || nextKey === 'الدين') {
    return { length: 2, readings: compoundForms(word, nextKey, language) };
  }
  return { length: 1, readings: stemReadings(word, language) };
}

/**
 * Latin spellings of an Arabic-script name, best first. language: the person's language if known;
 * otherwise read from the letters (پ چ ژ گ ی ک Persian, ٹ ڈ ڑ ں ے ہ Urdu…), and when the letters do not
 * tell, the Arabic, Persian and Urdu usages are offered in turn.
 */
export function transliterateArabic(
  text: string,
  language?: ArabicScriptLanguage,
  limit = 5,
): Transliteration[] {
  const words = text
    .split(/[^\p{L}\p{M}\p{Cf}'’ʼ\u0640]+/u)
    .map(toWord)
    .filter((word) => word.letters.length > 0);
  const lang = language ?? detectArabicLanguage(text);
  const parts: Transliteration[][] = [];
  for (let i = 0; i < words.length;) {
    const { length, readings } = partAt(words, i, lang);
    const usable = dedupe(readings.filter((reading) => /\p{L}/u.test(reading.text)));
    if (usable.length > 0) parts.push(usable);
    i += length;
  }
  return combine(parts, (texts) => texts.join(' '), limit);
}
