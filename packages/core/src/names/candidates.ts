// Ranked candidate spellings and the helpers every script shares: combining per-part candidates into
// whole names, capitalising, and adding spellings from the variant table.
import { nameVariants } from './variants.ts';

/** Where a suggested spelling comes from; see transliterate(). */
export type TransliterationSystem =
  | 'as-typed'
  | 'uk-national-2010'
  | 'icao-9303'
  | 'bg-streamlined-2009'
  | 'ka-national-2002'
  | 'ethiopic-syllabary'
  | 'lexicon'
  | 'popular'
  | 'variant'
  | 'letter-by-letter';

export interface Transliteration {
  readonly text: string;
  readonly system: TransliterationSystem;
}

// How far a system is from a spelling someone actually uses; a name built from parts takes the
// weakest part's label.
const DISTANCE: Readonly<Record<TransliterationSystem, number>> = {
  'as-typed': 0,
  lexicon: 1,
  'uk-national-2010': 1,
  'icao-9303': 1,
  'bg-streamlined-2009': 1,
  'ka-national-2002': 1,
  'ethiopic-syllabary': 1,
  popular: 2,
  variant: 3,
  'letter-by-letter': 4,
};

function weakest(parts: readonly Transliteration[]): TransliterationSystem {
  let system: TransliterationSystem = 'as-typed';
  for (const part of parts) if (DISTANCE[part.system] > DISTANCE[system]) system = part.system;
  return system;
}

/** Keeps the first occurrence of each spelling. */
export function dedupe(candidates: readonly Transliteration[]): Transliteration[] {
  const seen = new Set<string>();
  return candidates.filter((candidate) => {
    if (candidate.text === '' || seen.has(candidate.text)) return false;
    seen.add(candidate.text);
    return true;
  });
}

/**
 * Whole names from per-part candidate lists (each best first): all best parts first, then one part at a
 * time replaced by its next-best spelling, so the top of the list stays close to the best reading.
 */
export function combine(
  parts: readonly (readonly Transliteration[])[],
  join: (texts: readonly string[]) => string,
  limit: number,
): Transliteration[] {
  if (parts.length === 0 || parts.some((list) => list.length === 0)) return [];
  const build = (choice: readonly Transliteration[]): Transliteration => ({
    text: join(choice.map((part) => part.text)),
    system: weakest(choice),
  });
  const best = parts.map((list) => list[0] as Transliteration);
  const result = [build(best)];
  const depth = Math.max(...parts.map((list) => list.length));
  for (let rank = 1; rank < depth && result.length < limit * 4; rank++) {
    parts.forEach((list, index) => {
      const next = list[rank];
      if (next) result.push(build(best.map((part, i) => (i === index ? next : part))));
    });
  }
  return dedupe(result).slice(0, limit);
}

export function capitalize(word: string): string {
  const first = word.codePointAt(0);
  if (first === undefined) return word;
  const head = String.fromCodePoint(first);
  return head.toUpperCase() + word.slice(head.length);
}

/**
 * Adds the variant-table spellings of each word of the best candidate (Oleksandr → Aleksandr,
 * Alexander), looking the word up through every candidate's spelling of it.
 */
export function withVariants(candidates: readonly Transliteration[]): Transliteration[] {
  const best = candidates[0];
  if (!best) return [];
  const words = best.text.split(' ');
  const extra: Transliteration[] = [];
  words.forEach((_, index) => {
    for (const candidate of candidates) {
      const word = candidate.text.split(' ')[index];
      if (word === undefined) continue;
      const family = nameVariants(word);
      if (family.length < 2) continue;
      for (const variant of family) {
        const text = words.map((w, i) => (i === index ? matchCase(variant, w) : w)).join(' ');
        extra.push({ text, system: 'variant' });
      }
      break;
    }
  });
  return dedupe([...candidates, ...extra]);
}

/** A variant spelled in the case pattern of the word it replaces (OLEKSANDR → ALEXANDER). */
function matchCase(variant: string, like: string): string {
  return like.length > 1 && like === like.toUpperCase() ? variant.toUpperCase() : variant;
}

/** A run of text cut into words (letters, marks, apostrophes) and what joins them: a space or a hyphen. */
export interface Words {
  readonly words: readonly string[];
  readonly joiners: readonly string[];
}

const HYPHENS = /^[-‐‑‒–—]+$/u;

export function splitWords(text: string): Words {
  const words: string[] = [];
  const joiners: string[] = [];
  let pending = '';
  for (const piece of text.normalize('NFC').split(/([^\p{L}\p{M}'’ʼ]+)/u)) {
    if (piece === '') continue;
    if (/[\p{L}]/u.test(piece)) {
      if (words.length > 0) joiners.push(pending || ' ');
      words.push(piece);
      pending = '';
    } else if (/\s/u.test(piece)) pending = ' ';
    else if (HYPHENS.test(piece.trim()) && pending !== ' ') pending = '-';
    else if (pending === '') pending = ' ';
  }
  return { words, joiners };
}

export function joinWords(texts: readonly string[], joiners: readonly string[]): string {
  return texts.reduce(
    (name, text, index) => (index === 0 ? text : name + (joiners[index - 1] ?? ' ') + text),
    '',
  );
}
