// Names in many scripts: which script a name is in, comparison keys, suggested Latin spellings for the
// registration form, and the Latin variant families identity matching treats as one name.
export { detectScript, type NameScript } from './script.ts';
export { nameKey, normalizeName, type NormalizeOptions } from './normalize.ts';
export type { Transliteration, TransliterationSystem } from './candidates.ts';
export {
  DEFAULT_SUGGESTION_LIMIT,
  suggestTransliterations,
  transliterate,
  type NameLanguage,
  type TransliterateOptions,
} from './transliterate.ts';
export { nameVariantKey, nameVariants } from './variants.ts';
