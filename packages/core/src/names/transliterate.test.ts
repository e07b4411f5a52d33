import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suggestTransliterations, transliterate } from './index.ts';

// Latin letters (with their combining marks), spaces, hyphens and apostrophes; nothing else.
const LATIN_ONLY = /^(?:\p{Script=Latin}\p{M}*|[ '’ʼ-])+$/u;

describe('the examples of population.md', () => {
  it('Arabic: Mohammed, Abdullah and Hussein', () => {
    expect(suggestTransliterations('محمد', 'ar')).toEqual([
      'Mohammed',
      'Muhammad',
      'Mohamed',
      'Mohamad',
      'Mouhamed',
    ]);
    expect(suggestTransliterations('عبد الله', 'ar')).toEqual(
      expect.arrayContaining(['Abdullah', 'Abdallah', 'Abd Allah', 'Abdalla']),
    );
    expect(suggestTransliterations('حسين', 'ar')).toEqual(
      expect.arrayContaining(['Hussein', 'Husain', 'Hossein', 'Hüseyin']),
    );
  });

  it('Arabic: articles and compounds split and join differently', () => {
    expect(suggestTransliterations('عبد القادر', 'ar')).toContain('Abd al-Qadir');
    expect(suggestTransliterations('أبو بكر', 'ar')).toContain('Abu Bakr');
    expect(suggestTransliterations('محمد بن علي', 'ar')[0]).toBe('Mohammed Bin Ali');
    expect(suggestTransliterations('الحلبي', 'ar')).toEqual(
      expect.arrayContaining(['Al-Halabi', 'El-Halabi']),
    );
  });

  it('Persian and Dari: Persian vowels', () => {
    expect(suggestTransliterations('حسین', 'fa')[0]).toBe('Hossein');
    expect(suggestTransliterations('محمد', 'fa')[0]).toBe('Mohammad');
    expect(suggestTransliterations('رضا', 'fa')[0]).toBe('Reza');
    expect(suggestTransliterations('زهرا', 'fa')).toEqual(['Zahra', 'Zahrah']);
  });

  it('Cyrillic: Ukrainian national system, then the Russian-form and popular spellings', () => {
    expect(suggestTransliterations('Олександр')).toEqual(
      expect.arrayContaining(['Oleksandr', 'Aleksandr', 'Alexander']),
    );
    expect(suggestTransliterations('Олександр')[0]).toBe('Oleksandr');
    expect(suggestTransliterations('Юлія')).toEqual(expect.arrayContaining(['Yuliia', 'Yulia', 'Julia']));
    expect(suggestTransliterations('Сергій')).toEqual(expect.arrayContaining(['Serhii', 'Sergiy', 'Sergei']));
    expect(suggestTransliterations('Жанна', 'uk')).toEqual(expect.arrayContaining(['Zhanna', 'Janna']));
    expect(suggestTransliterations('Харко', 'uk')).toEqual(expect.arrayContaining(['Kharko', 'Harko']));
  });

  it("Ge'ez: given name and father's name", () => {
    expect(suggestTransliterations('ሰላም ተስፋይ', 'ti')[0]).toBe('Selam Tesfay');
  });

  it('West African names are typed in Latin script and kept as typed', () => {
    for (const name of ['Diallo', 'Traoré', "N'Diaye", 'Mamadou', 'Fatoumata']) {
      expect(transliterate(name)).toEqual([{ text: name, system: 'as-typed' }]);
    }
  });
});

describe('transliterate', () => {
  it('labels each suggestion with its system', () => {
    expect(transliterate('Юлія')[0]).toEqual({ text: 'Yuliia', system: 'uk-national-2010' });
    expect(transliterate('Юлия', 'ru')[0]).toEqual({ text: 'Iuliia', system: 'icao-9303' });
    expect(transliterate('محمد', 'ar')[0]).toEqual({ text: 'Mohammed', system: 'lexicon' });
    expect(transliterate('بسطويسي')[0]?.system).toBe('letter-by-letter');
    expect(transliterate('გიორგი')[0]).toEqual({ text: 'Giorgi', system: 'ka-national-2002' });
  });

  it('keeps Latin input as typed, without digits and symbols', () => {
    expect(suggestTransliterations('  Jean-Pierre   Dupont ')).toEqual(['Jean-Pierre Dupont']);
    expect(suggestTransliterations('Smith 2nd!')).toEqual(['Smith nd']);
  });

  it('spells a mixed-script name part by part', () => {
    expect(suggestTransliterations('Ali حسین', 'fa')[0]).toBe('Ali Hossein');
    expect(suggestTransliterations('Олег Smith')[0]).toBe('Oleh Smith');
    expect(suggestTransliterations('Mohammed-محمود', 'ar')[0]).toBe('Mohammed-Mahmoud');
    expect(suggestTransliterations('ሰላም Tesfay')[0]).toBe('Selam Tesfay');
  });

  it('reads a word by the script of most of its letters (homoglyphs typed on the wrong keyboard)', () => {
    expect(suggestTransliterations('Олeг')[0]).toBe('Oleh'); // Latin e inside a Cyrillic word
  });

  it('suggests nothing for empty input, or for a script it cannot spell', () => {
    expect(transliterate('')).toEqual([]);
    expect(transliterate('   \t\n')).toEqual([]);
    expect(transliterate('123 - 456')).toEqual([]);
    expect(transliterate('রহিম')).toEqual([]); // Bengali
    expect(transliterate('Karim রহিম')).toEqual([]);
  });

  it('returns at most limit suggestions, five by default, without duplicates', () => {
    expect(transliterate('محمد', 'ar')).toHaveLength(5);
    expect(transliterate('محمد', 'ar', { limit: 2 })).toHaveLength(2);
    expect(transliterate('محمد', 'ar', { limit: 0 })).toHaveLength(1);
    const many = suggestTransliterations('محمد حسين الأحمد', 'ar', { limit: 12 });
    expect(new Set(many).size).toBe(many.length);
    expect(many.length).toBeGreaterThan(5);
  });

  it('never throws and always returns distinct Latin-only suggestions, whatever the input', () => {
    const scriptChar = fc
      .oneof(
        fc.integer({ min: 0x0600, max: 0x06ff }), // Arabic
        fc.integer({ min: 0x0400, max: 0x04ff }), // Cyrillic
        fc.integer({ min: 0x1200, max: 0x137f }), // Ethiopic
        fc.integer({ min: 0x10a0, max: 0x10ff }), // Georgian
        fc.integer({ min: 0x0980, max: 0x09ff }), // Bengali
        fc.integer({ min: 0x0000, max: 0x024f }), // Latin and ASCII
        fc.integer({ min: 0xfb50, max: 0xfeff }), // Arabic presentation forms
        fc.constantFrom(0x20, 0x2d, 0x27, 0x2bc, 0x200c, 0x0640, 0x064e, 0x0651),
        fc.integer({ min: 0xd800, max: 0xdfff }), // lone surrogates
      )
      .map((code) => String.fromCharCode(code));
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: scriptChar, maxLength: 30 }));
    const language = fc.constantFrom(
      undefined,
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
      'ka',
    );
    fc.assert(
      fc.property(text, language, (input, lang) => {
        const suggestions = suggestTransliterations(input, lang);
        expect(suggestions.length).toBeLessThanOrEqual(5);
        expect(new Set(suggestions).size).toBe(suggestions.length);
        for (const suggestion of suggestions) expect(suggestion.normalize('NFC')).toMatch(LATIN_ONLY);
      }),
      { numRuns: 2000 },
    );
  });
});
