import { describe, expect, it } from 'vitest';
import { detectLanguage, directionOf } from './languages';

describe('language choice', () => {
  it('prefers the saved choice, then the browser languages, then English', () => {
    expect(detectLanguage('ar', ['fr-FR'])).toBe('ar');
    expect(detectLanguage(null, ['de-DE', 'fr-CA', 'en'])).toBe('fr');
    expect(detectLanguage('xx', ['de'])).toBe('en');
  });

  it('writes Arabic, Farsi and Urdu right to left', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('fa-IR')).toBe('rtl');
    expect(directionOf('ur')).toBe('rtl');
    expect(directionOf('fr')).toBe('ltr');
  });
});
