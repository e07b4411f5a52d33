import i18next from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import en from '../translations/en.json';
import fr from '../translations/fr.json';
import ar from '../translations/ar.json';
import { LANGUAGE_STORAGE_KEY, detectLanguage, directionOf, type Language } from './languages';

function readSavedLanguage(): string | null {
  try {
    return window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    // Storage can be unavailable (private mode, blocked cookies); the browser language still works.
    return null;
  }
}

/** Keeps <html lang dir> in step so screen readers pick the right voice and the layout mirrors. */
function applyToDocument(language: string): void {
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}

export async function initI18n(): Promise<typeof i18next> {
  const language = detectLanguage(readSavedLanguage(), navigator.languages ?? [navigator.language]);
  i18next.on('languageChanged', applyToDocument);
  await i18next
    .use(ICU)
    .use(initReactI18next)
    .init({
      resources: { en: { translation: en }, fr: { translation: fr }, ar: { translation: ar } },
      lng: language,
      fallbackLng: 'en',
      keySeparator: false,
      nsSeparator: false,
      interpolation: { escapeValue: false }, // React escapes already.
      returnNull: false,
    });
  applyToDocument(language);
  return i18next;
}

export async function changeLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not persisted; the choice still applies to this visit.
  }
  await i18next.changeLanguage(language);
}
