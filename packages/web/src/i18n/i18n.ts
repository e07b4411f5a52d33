import i18next from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import { CATALOGUES } from './catalogues';
import { LANGUAGE_STORAGE_KEY, detectLanguage, directionOf, type Language } from './languages';

function readSavedLanguage(): string | null {
  try {
    return window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    // Storage can be unavailable (private mode, blocked cookies); the browser language still works.
    return null;
  }
}

/** Set on <html> while the direction flips; global.css turns transitions off under it. */
const SWITCHING_DIRECTION_ATTRIBUTE = 'data-switching-direction';

/**
 * Keeps <html lang dir> in step so screen readers pick the right voice and the layout mirrors.
 *
 * Flipping dir swaps the physical sides of every logical property at once, and Mantine's AppShell
 * animates the results: the main area's padding (240px of navbar offset moving from one side to the
 * other) and the hidden mobile navbar's transform (-100% to +100%). For those 200 ms the page slid
 * under the navbar, or the navbar swept across a phone screen. So transitions are off while the new
 * direction is first styled, and back on from the next frame.
 */
function applyToDocument(language: string): void {
  const root = document.documentElement;
  const dir = directionOf(language);
  root.lang = language;
  if (root.dir === dir) return;
  root.setAttribute(SWITCHING_DIRECTION_ATTRIBUTE, '');
  root.dir = dir;
  void root.offsetWidth; // Style the new direction now, while transitions are off.
  requestAnimationFrame(() => root.removeAttribute(SWITCHING_DIRECTION_ATTRIBUTE));
}

export async function initI18n(): Promise<typeof i18next> {
  const language = detectLanguage(readSavedLanguage(), navigator.languages ?? [navigator.language]);
  i18next.on('languageChanged', applyToDocument);
  await i18next
    .use(ICU)
    .use(initReactI18next)
    .init({
      resources: Object.fromEntries(
        Object.entries(CATALOGUES).map(([language, catalogue]) => [language, { translation: catalogue }]),
      ),
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
