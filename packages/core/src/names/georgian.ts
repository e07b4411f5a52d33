// Georgian (Mkhedruli) names by the national romanisation system of 2002, as Georgian passports print
// it: without the apostrophes that mark ejectives (კ პ ტ წ ჭ → k p t ts ch, like ქ ფ თ ც ჩ).
import { capitalize, joinWords, splitWords, withVariants, type Transliteration } from './candidates.ts';

// prettier-ignore
const LETTERS: Readonly<Record<string, string>> = {
  ა: 'a', ბ: 'b', გ: 'g', დ: 'd', ე: 'e', ვ: 'v', ზ: 'z', თ: 't', ი: 'i', კ: 'k', ლ: 'l', მ: 'm',
  ნ: 'n', ო: 'o', პ: 'p', ჟ: 'zh', რ: 'r', ს: 's', ტ: 't', უ: 'u', ფ: 'p', ქ: 'k', ღ: 'gh', ყ: 'q',
  შ: 'sh', ჩ: 'ch', ც: 'ts', ძ: 'dz', წ: 'ts', ჭ: 'ch', ხ: 'kh', ჯ: 'j', ჰ: 'h',
  // letters no longer in use, still found in some names
  ჱ: 'e', ჲ: 'y', ჳ: 'w', ჴ: 'q', ჵ: 'o', ჶ: 'f',
};

function spellWord(word: string): string {
  // Mtavruli capitals (ᲒᲘᲝᲠᲒᲘ) lower-case to Mkhedruli.
  const latin = [...word.toLowerCase()].map((letter) => LETTERS[letter] ?? '').join('');
  const allCaps = word !== word.toLowerCase() && [...word].length > 1;
  return allCaps ? latin.toUpperCase() : capitalize(latin);
}

/** Latin spellings of a Georgian name: the passport spelling, then variant-table spellings (Davit, David). */
export function transliterateGeorgian(text: string): Transliteration[] {
  const { words, joiners } = splitWords(text);
  const best = joinWords(words.map(spellWord), joiners);
  return /\p{L}/u.test(best) ? withVariants([{ text: best, system: 'ka-national-2002' }]) : [];
}
