import { suggestTransliterations, type NameLanguage } from '@passage/core';

/** Languages the transliteration module knows; for others it guesses from the script alone. */
const NAME_LANGUAGES: readonly string[] = [
  'ar',
  'fa',
  'prs',
  'ps',
  'ur',
  'ru',
  'uk',
  'be',
  'bg',
  'ti',
  'am',
  'ka',
] satisfies NameLanguage[];

const isNameLanguage = (language: string): language is NameLanguage => NAME_LANGUAGES.includes(language);

/**
 * Latin spellings to suggest for a name typed in another script, best first. The one place the
 * registration form asks for them, so the UI does not depend on how they are made.
 */
export function suggestLatin(text: string, language?: string): string[] {
  if (!text.trim()) return [];
  try {
    return suggestTransliterations(text, language && isNameLanguage(language) ? language : undefined);
  } catch {
    return []; // A suggestion is a help, never a reason for the form to fail.
  }
}
