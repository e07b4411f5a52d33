/** Languages with a catalogue in src/translations. Adding one: a catalogue, an entry here, and i18n.ts resources. */
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'fr', name: 'Français' },
  { code: 'ar', name: 'العربية' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

/** Scripts written right to left. Farsi and Urdu are listed so that adding their catalogues is enough. */
export const RTL_LANGUAGES: readonly string[] = ['ar', 'fa', 'ur'];

export const DEFAULT_LANGUAGE: Language = 'en';
export const LANGUAGE_STORAGE_KEY = 'passage.language';

export function isLanguage(value: string | null | undefined): value is Language {
  return LANGUAGES.some((l) => l.code === value);
}

export function directionOf(language: string): 'ltr' | 'rtl' {
  const base = language.toLowerCase().split('-')[0] ?? '';
  return RTL_LANGUAGES.includes(base) ? 'rtl' : 'ltr';
}

/** First supported language among: the saved choice, then the browser's preferences, then English. */
export function detectLanguage(saved: string | null, preferred: readonly string[]): Language {
  if (isLanguage(saved)) return saved;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return DEFAULT_LANGUAGE;
}
