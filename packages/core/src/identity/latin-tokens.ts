// Latin names cut into the parts registrations agree on: Arabic compounds joined (Abd al-Rahman,
// Saif Ullah), articles and kinship particles dropped (al-, bin), abbreviations expanded (Md.), and
// compounds split across given names put back together.
import type { HumanName } from '@medplum/fhirtypes';
import { nameKey } from '../names/normalize.ts';
import { detectScript } from '../names/script.ts';

/** Prefixes of Arabic compounds that belong to the next word: Abd al-Rahman, Abu Bakr, Abdul Karim. */
const COMPOUND_HEADS = new Set([
  'abd',
  'abdel',
  'abdul',
  'abdal',
  'abdol',
  'abdoul',
  'abdur',
  'abu',
  'abou',
  'abo',
]);
/** Names of their own that look like a mistyped Abdul (Senegalese Abdou, Somali Abdi, Abdalla). */
const NOT_HEADS = new Set([
  'abdou',
  'abdu',
  'abdi',
  'abda',
  'abdo',
  'abduh',
  'abdula',
  'abdala',
  'abdela',
  'abdull',
]);

/** One edit apart (insertion, deletion, substitution or transposition of neighbours). */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const rest = (x: string, y: string) => x.slice(i + 1) === y.slice(i + 1);
  if (a.length === b.length)
    return rest(a, b) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** A compound head, also mistyped (Abddul Bari, Abdel-Karim typed Abedl): the typo must not split it. */
function isCompoundHead(key: string): boolean {
  if (COMPOUND_HEADS.has(key)) return true;
  if (key.length < 4 || !key.startsWith('ab') || NOT_HEADS.has(key)) return false;
  for (const head of COMPOUND_HEADS) if (head.length >= 5 && oneEditApart(head, key)) return true;
  return false;
}

const ARTICLES = new Set([
  'al',
  'el',
  'ul',
  'ar',
  'er',
  'ur',
  'as',
  'es',
  'us',
  'ad',
  'ed',
  'ud',
  'an',
  'at',
  'az',
  'ash',
]);
/** Second halves that belong to the previous word: Saif Ullah, Nur ud-Din, Ala Eddine. */
const COMPOUND_TAILS = new Set([
  'allah',
  'ullah',
  'ollah',
  'ellah',
  'uddin',
  'eddine',
  'eddin',
  'aldin',
  'addin',
  'din',
  'deen',
]);
/** Articles, kinship and nobiliary particles: they join names, they do not tell people apart. */
const PARTICLES = new Set([
  ...['al', 'el', 'ul', 'bin', 'ibn', 'bint', 'binti', 'ben', 'ould', 'wuld'],
  ...[
    'de',
    'da',
    'di',
    'do',
    'dos',
    'das',
    'du',
    'del',
    'della',
    'la',
    'le',
    'van',
    'von',
    'der',
    'den',
    'y',
  ],
]);
/** Titles that precede the own given name (Bangladesh: Md., Mst.). */
export const HONORIFICS = new Set(['md', 'mst', 'most', 'mohd', 'mosammat', 'musammat']);
/** Abbreviations registrations use for a name (Bangladeshi passports: Md. = Mohammad, Mst. = Mosammat). */
const ALIASES: Readonly<Record<string, string>> = { md: 'mohammed', mst: 'mosammat', most: 'mosammat' };

export interface Token {
  key: string;
  display: string;
}

/** Latin text cut into name parts: compounds joined, particles dropped, abbreviations expanded. */
export function latinTokens(text: string): Token[] {
  const words = text
    .split(/[\s\p{Pd}_.,;:/()]+/u)
    .map((word) => ({ key: nameKey(word), display: word }))
    .filter((word) => /^[a-z]+$/.test(word.key));
  const out: Token[] = [];
  const join = (into: Token, parts: readonly Token[]) => {
    into.key += parts.map((p) => p.key).join('');
    into.display += ` ${parts.map((p) => p.display).join(' ')}`;
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as Token;
    const next = words[i + 1];
    const previous = out[out.length - 1];
    if (next && isCompoundHead(word.key)) {
      const third = ARTICLES.has(next.key) ? words[i + 2] : undefined;
      const joined = { ...word };
      join(joined, third ? [next, third] : [next]);
      out.push(joined);
      i += third ? 2 : 1;
    } else if (previous && COMPOUND_TAILS.has(word.key) && word.key !== 'din' && word.key !== 'deen') {
      join(previous, [word]);
    } else if (previous && next && ARTICLES.has(word.key) && COMPOUND_TAILS.has(next.key)) {
      join(previous, [word, next]);
      i += 1;
    } else if (!PARTICLES.has(word.key) && word.key.length >= 2) {
      out.push({ key: ALIASES[word.key] ?? word.key, display: word.display });
    }
  }
  return out;
}

/** The last and first words of a given name, as keys: compounds may be split across given names. */
const lastWord = (part: string) =>
  nameKey(
    part
      .trim()
      .split(/[\s\p{Pd}]+/u)
      .pop() ?? '',
  );
const firstWord = (part: string) => nameKey(part.trim().split(/[\s\p{Pd}]+/u)[0] ?? '');

/**
 * A name's parts: its given names, then its family name (or its text). Given names that are halves of
 * one compound (Abd | al-Rahman, Saif | Ullah) are put back together.
 */
export function nameParts(name: HumanName): string[] {
  const given: string[] = [];
  for (const part of name.given ?? []) {
    const previous = given[given.length - 1];
    const joins =
      previous !== undefined &&
      (COMPOUND_HEADS.has(lastWord(previous)) ||
        ARTICLES.has(lastWord(previous)) ||
        COMPOUND_TAILS.has(firstWord(part)));
    if (joins && detectScript(part) === 'latin') given[given.length - 1] = `${previous} ${part}`;
    else given.push(part);
  }
  const parts = [...given, ...(name.family ? [name.family] : [])];
  return parts.length > 0 ? parts : name.text ? [name.text] : [];
}
