import { describe, expect, it } from 'vitest';
import { nameKey, normalizeName } from './normalize.ts';

describe('normalizeName', () => {
  it('folds case and Latin diacritics', () => {
    expect(normalizeName('TRAORÉ')).toBe('traore');
    expect(normalizeName('Hüseyin')).toBe('huseyin');
    expect(normalizeName('Ismaël Aïssatou Nènè')).toBe('ismael aissatou nene');
    expect(normalizeName('Straße Øberg Łukasz')).toBe('strasse oberg lukasz');
    expect(normalizeName('Ɓiyo Ŋoné ɛ ɔ')).toBe('biyo ngone e o');
  });

  it('folds Turkish dotless and dotted I by default, and keeps them apart when asked', () => {
    expect(normalizeName('IŞIK İsmail')).toBe('isik ismail');
    expect(normalizeName('Işık')).toBe('isik');
    expect(normalizeName('IŞIK İsmail', { turkish: true })).toBe('ısık ismail'); // ş still folds
    expect(normalizeName('Işık', { turkish: true })).not.toBe(normalizeName('Isik', { turkish: true }));
  });

  it('drops apostrophes and turns hyphens and punctuation into single spaces', () => {
    expect(normalizeName("N'Diaye")).toBe(normalizeName('Ndiaye'));
    expect(normalizeName('N’Diaye')).toBe('ndiaye');
    expect(normalizeName('  Jean--Pierre   Dupont, ')).toBe('jean pierre dupont');
    expect(normalizeName('Al-Ahmad')).toBe('al ahmad');
  });

  it('removes harakat and tatweel and unifies Arabic letter variants', () => {
    expect(normalizeName('مُحَمَّد')).toBe('محمد');
    expect(normalizeName('مـحـمـد')).toBe('محمد');
    expect(normalizeName('ﻣﺤﻤﺪ')).toBe('محمد'); // presentation forms
    for (const alef of ['أحمد', 'إحمد', 'آحمد', 'ٱحمد']) expect(normalizeName(alef)).toBe('احمد');
    expect(normalizeName('فاطمة')).toBe(normalizeName('فاطمه'));
    expect(normalizeName('مصطفى')).toBe(normalizeName('مصطفي'));
  });

  it('unifies Persian and Urdu letters with their Arabic counterparts', () => {
    expect(normalizeName('علی')).toBe(normalizeName('علي'));
    expect(normalizeName('کریم')).toBe(normalizeName('كريم'));
    expect(normalizeName('فاطمہ')).toBe(normalizeName('فاطمة')); // Urdu heh goal
    expect(normalizeName('بھٹو')).toBe('بهٹو'); // Urdu heh doachashmee
    expect(normalizeName('بیٹے')).toBe(normalizeName('بیٹی')); // Urdu yeh barree
    expect(normalizeName('عائشہ')).toBe(normalizeName('عایشه')); // hamza seat
    expect(normalizeName('رضائی')).toBe(normalizeName('رضایی'));
    expect(normalizeName('محمد‌رضا')).toBe('محمدرضا'); // zero-width non-joiner
  });

  it('folds Cyrillic ё to е and keeps й, ї and other letters', () => {
    expect(normalizeName('Пётр')).toBe('петр');
    expect(normalizeName('Сергій Їжакевич')).toBe('сергій їжакевич');
    expect(normalizeName("Знам'янка")).toBe('знамянка');
  });

  it('keeps Bengali vowel signs, which are letters of the word', () => {
    expect(normalizeName('রহিম')).toBe('রহিম');
  });
});

describe('nameKey', () => {
  it('ignores spaces, hyphens and apostrophes', () => {
    expect(nameKey('Al-Ahmad')).toBe('alahmad');
    expect(nameKey('Al Ahmad')).toBe(nameKey('Alahmad'));
    expect(nameKey('Abd Allah')).toBe(nameKey('Abdallah'));
    expect(nameKey('عبد الله')).toBe(nameKey('عبدالله'));
  });

  it('is empty for text with no letters', () => {
    expect(nameKey('  - , ')).toBe('');
  });
});
