import { describe, expect, it } from 'vitest';
import { transliterateEthiopic } from './ethiopic.ts';

const texts = (text: string) => transliterateEthiopic(text).map((candidate) => candidate.text);

describe("Ge'ez script (Tigrinya, Amharic)", () => {
  it('spells syllables, 1st order as e and then as a', () => {
    expect(transliterateEthiopic('ሰላም')).toEqual([
      { text: 'Selam', system: 'ethiopic-syllabary' },
      { text: 'Salam', system: 'popular' },
    ]);
  });

  it.each([
    ['ተስፋይ', 'Tesfay'],
    ['ሚካኤል', 'Mikael'],
    ['ዳዊት', 'Dawit'],
    ['ኣማኑኤል', 'Amanuel'],
    ['መሓሪ', 'Mehari'],
    ['ዓወት', 'Awet'],
    ['ሃይማኖት', 'Haymanot'],
    ['ጴጥሮስ', 'Petros'],
    ['አበበ', 'Abebe'], // Amharic
  ])('%s → %s', (geez, latin) => {
    expect(texts(geez)[0]).toBe(latin);
  });

  it('voices the 6th order where a vowel is heard, and not elsewhere', () => {
    expect(texts('ክብሮም')).toEqual(expect.arrayContaining(['Kibrom', 'Kebrom'])); // initial
    expect(texts('ትርሓስ')).toEqual(expect.arrayContaining(['Tirhas', 'Terhas']));
    expect(texts('ዳንኤል')[0]).toBe('Daniel'); // before a glottal
    expect(texts('ዮሃንስ')[0]).toBe('Yohanes'); // between two final consonants
    expect(texts('ተመስገን')[0]).toBe('Temesgen'); // medial and final: silent
    expect(texts('ዘርእሰናይ')[0]).toBe('Zeresenay'); // glottal 6th order: its own vowel
  });

  it('offers a vowelless y after a vowel also as i', () => {
    expect(texts('ሰናይት')).toEqual(expect.arrayContaining(['Senayt', 'Senait']));
    expect(texts('ሃይለ')).toEqual(expect.arrayContaining(['Hayle', 'Haile']));
  });

  it('spells given name and father’s name apart, with the Ethiopic word space', () => {
    expect(texts('ሰላም፡ተስፋይ')[0]).toBe('Selam Tesfay');
    expect(texts('ዮናስ ኪዳነ')[0]).toBe('Yonas Kidane');
  });

  it('adds variant-table spellings', () => {
    expect(texts('ዮሃንስ')).toContain('Johannes');
  });
});
