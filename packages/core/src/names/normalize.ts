// Normalisation of names for comparison: the same person's name typed by different people, on different
// keyboards, must give the same key. Not for display: the result is lower-case and loses distinctions
// a reader would want to keep (ة/ه, Traoré/Traore).

export interface NormalizeOptions {
  /**
   * Turkish casing: I → ı and İ → i, and ı stays distinct from i (Işık ≠ Isik). By default ı folds to i,
   * as most registration systems store it.
   */
  readonly turkish?: boolean;
}

// Latin letters without a Unicode decomposition, folded as ASCII-only systems store them (incl. the
// Bambara, Pulaar and Wolof letters ɛ ɔ ɲ ŋ ɓ ɗ ƴ).
const LATIN_FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ħ: 'h',
  ɛ: 'e',
  ɔ: 'o',
  ɲ: 'ny',
  ŋ: 'ng',
  ɓ: 'b',
  ɗ: 'd',
  ƴ: 'y',
};

// Arabic-script letters that writers use interchangeably in names: Persian/Urdu ی ے ک and the Urdu
// forms of he are the same letters as Arabic ي ك ه; ta marbuta and alef maqsura are often written
// as ه and ي; hamza seats vary between writers (رضائی/رضایی); Pashto ګ and Kurdish ۆ ێ ڕ ڵ are often
// typed as گ و ي ر ل.
const ARABIC_FOLDS: Readonly<Record<string, string>> = {
  ٱ: 'ا',
  ٲ: 'ا',
  ٳ: 'ا',
  ٵ: 'ا',
  ة: 'ه',
  ۃ: 'ه',
  ہ: 'ه',
  ھ: 'ه',
  ە: 'ه',
  ى: 'ي',
  ی: 'ي',
  ے: 'ي',
  ې: 'ي',
  ۍ: 'ي',
  ک: 'ك',
  ڪ: 'ك',
  ګ: 'گ',
  ۆ: 'و',
  ێ: 'ي',
  ڕ: 'ر',
  ڵ: 'ل',
};

const APOSTROPHES = /['’‘ʼʻ`´ʹ′]/gu;
// Marks on Latin and Arabic letters only: Cyrillic й and Bengali vowel signs are letters of their own.
const LATIN_MARKS = /(\p{Script=Latin})\p{M}+/gu;
const ARABIC_MARKS = /([\p{Script=Arabic}\u0640])\p{M}+/gu;
const ARABIC_LOOSE_MARKS = /[\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/gu;
const FORMAT_CONTROLS = /\p{Cf}/gu;
const SEPARATORS = /[\p{P}\p{S}\p{Z}\s]+/gu;

function fold(text: string, table: Readonly<Record<string, string>>, pattern: RegExp): string {
  return text.replace(pattern, (char) => table[char] ?? char);
}

const LATIN_FOLD_PATTERN = new RegExp(`[${Object.keys(LATIN_FOLDS).join('')}]`, 'gu');
const ARABIC_FOLD_PATTERN = new RegExp(`[${Object.keys(ARABIC_FOLDS).join('')}]`, 'gu');

/**
 * A name in its comparison form: Unicode-compatible (NFKC), lower-case, Latin diacritics removed
 * (ü → u, é → e), Arabic harakat and tatweel removed and letter variants unified (أ إ آ ٱ → ا, ة → ه,
 * ى/ی/ے → ي, ک → ك, ہ/ھ → ه), Cyrillic ё → е; apostrophes dropped (N'Diaye = Ndiaye), hyphens and other
 * punctuation turned into single spaces.
 */
export function normalizeName(text: string, options: NormalizeOptions = {}): string {
  let result = text.normalize('NFKC').replace(FORMAT_CONTROLS, '').replace(APOSTROPHES, '');
  result = options.turkish ? result.toLocaleLowerCase('tr') : result.toLowerCase();
  result = result.normalize('NFD').replace(LATIN_MARKS, '$1').replace(ARABIC_MARKS, '$1');
  result = result.replace(ARABIC_LOOSE_MARKS, '');
  if (!options.turkish) result = result.replace(/ı/g, 'i');
  result = fold(result, LATIN_FOLDS, LATIN_FOLD_PATTERN);
  result = fold(result, ARABIC_FOLDS, ARABIC_FOLD_PATTERN);
  result = result.normalize('NFC').replace(/ё/g, 'е');
  return result.replace(SEPARATORS, ' ').trim();
}

/**
 * normalizeName without spaces: 'Al-Ahmad', 'Al Ahmad' and 'Alahmad', or 'عبد الله' and 'عبدالله',
 * share one key.
 */
export function nameKey(text: string, options: NormalizeOptions = {}): string {
  return normalizeName(text, options).replace(/ /g, '');
}
