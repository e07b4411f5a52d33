// Suggested Latin spellings of a name typed in its own script, for the registration form (the clinician
// picks or edits one; nothing here is authoritative). Each word goes to the transliterator of its script;
// a name mixing scripts is spelled part by part.
import { combine, joinWords, splitWords, type Transliteration } from './candidates.ts';
import { transliterateArabic } from './arabic.ts';
import type { ArabicScriptLanguage } from './arabic-letters.ts';
import { transliterateCyrillic, type CyrillicLanguage } from './cyrillic.ts';
import { transliterateEthiopic } from './ethiopic.ts';
import { transliterateGeorgian } from './georgian.ts';
import { letterScript, type LetterScript } from './script.ts';

/**
 * The person's language, a hint for spelling: Arabic, Persian, Dari, Pashto, Urdu; Russian, Ukrainian,
 * Belarusian, Bulgarian; Tigrinya, Amharic; Georgian. Without it the language is read from the letters.
 */
export type NameLanguage = 'ar' | 'fa' | 'prs' | 'ps' | 'ur' | 'ru' | 'uk' | 'be' | 'bg' | 'ti' | 'am' | 'ka';

export interface TransliterateOptions {
  /** Most suggestions to return; default 5. */
  readonly limit?: number;
}

export const DEFAULT_SUGGESTION_LIMIT = 5;

const ARABIC_LANGUAGES = new Set<NameLanguage>(['ar', 'fa', 'prs', 'ps', 'ur']);
const CYRILLIC_LANGUAGES = new Set<NameLanguage>(['ru', 'uk', 'be', 'bg']);

/** Latin input is kept as typed, minus what cannot be part of a name (digits, symbols, stray marks). */
function asTyped(text: string): Transliteration[] {
  const kept = text
    .replace(/[^\p{Script=Latin}\p{M}'’ʼ -]/gu, '')
    .replace(/(^|[^\p{Script=Latin}\p{M}])\p{M}+/gu, '$1')
    .trim();
  return kept === '' ? [] : [{ text: kept, system: 'as-typed' }];
}

function byScript(
  script: LetterScript,
  text: string,
  language: NameLanguage | undefined,
  limit: number,
): Transliteration[] {
  switch (script) {
    case 'latin':
      return asTyped(text);
    case 'arabic':
      return transliterateArabic(
        text,
        language && ARABIC_LANGUAGES.has(language) ? (language as ArabicScriptLanguage) : undefined,
        limit,
      );
    case 'cyrillic':
      return transliterateCyrillic(
        text,
        language && CYRILLIC_LANGUAGES.has(language) ? (language as CyrillicLanguage) : undefined,
      );
    case 'ethiopic':
      return transliterateEthiopic(text);
    case 'georgian':
      return transliterateGeorgian(text);
    default:
      return []; // Bengali and other scripts: no transliteration yet
  }
}

/** The script most of a word's letters are in; undefined for a word with no script-specific letter. */
function wordScript(word: string): LetterScript | undefined {
  const counts = new Map<LetterScript, number>();
  for (const char of word) {
    const script = letterScript(char);
    if (script) counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  let best: LetterScript | undefined;
  for (const [script, count] of counts)
    if (best === undefined || count > (counts.get(best) ?? 0)) best = script;
  return best;
}

interface Segment {
  readonly script: LetterScript;
  readonly words: string[];
  readonly joiners: string[];
  /** What joins this segment to the next one. */
  joiner: string;
}

function segments(text: string): Segment[] {
  const { words, joiners } = splitWords(text);
  const result: Segment[] = [];
  words.forEach((word, index) => {
    const script = wordScript(word);
    if (script === undefined) return;
    const last = result[result.length - 1];
    const before = joiners[index - 1] ?? ' ';
    if (last && last.script === script) {
      last.joiners.push(before);
      last.words.push(word);
    } else {
      if (last) last.joiner = before;
      result.push({ script, words: [word], joiners: [], joiner: ' ' });
    }
  });
  return result;
}

/**
 * Suggested Latin spellings of a name, best first, each with the system it comes from:
 * 'uk-national-2010' (Ukrainian, resolution 55 of 2010), 'icao-9303' (Russian, Belarusian passports),
 * 'bg-streamlined-2009', 'ka-national-2002', 'ethiopic-syllabary', 'lexicon' (known Arabic-script names),
 * 'popular' (common non-official spellings), 'variant' (the variant table, e.g. Oleksandr → Alexander),
 * 'letter-by-letter' (unknown Arabic-script words; a guess) and 'as-typed' (Latin input, kept as is).
 * Empty when there is nothing to spell or the script is not supported (e.g. Bengali).
 */
export function transliterate(
  text: string,
  language?: NameLanguage,
  options: TransliterateOptions = {},
): Transliteration[] {
  const limit = Math.max(1, Math.floor(options.limit ?? DEFAULT_SUGGESTION_LIMIT));
  const parts = segments(text);
  const spelled = parts.map((segment) =>
    byScript(segment.script, joinWords(segment.words, segment.joiners), language, limit),
  );
  const join = (texts: readonly string[]) =>
    texts.reduce(
      (name, part, index) => (index === 0 ? part : name + (parts[index - 1]?.joiner ?? ' ') + part),
      '',
    );
  return combine(spelled, join, limit);
}

/** transliterate() as plain strings, best first, for the registration form's suggestion list. */
export function suggestTransliterations(
  text: string,
  language?: NameLanguage,
  options: TransliterateOptions = {},
): string[] {
  return transliterate(text, language, options).map((suggestion) => suggestion.text);
}
