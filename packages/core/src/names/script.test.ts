import { describe, expect, it } from 'vitest';
import { detectScript } from './script.ts';

describe('detectScript', () => {
  it.each([
    ['Traoré', 'latin'],
    ["N'Diaye", 'latin'],
    ['Ɓiyo Ŋoné', 'latin'],
    ['محمد', 'arabic'],
    ['مُحَمَّد', 'arabic'],
    ['علیرضا', 'arabic'],
    ['چوہدری', 'arabic'],
    ['Олександр', 'cyrillic'],
    ['Знамʼянка', 'cyrillic'],
    ['ሰላም', 'ethiopic'],
    ['გიორგი', 'georgian'],
    ['রহিম', 'bengali'],
    ['张伟', 'other'],
    ['Ali علی', 'mixed'],
    ['Олег Smith', 'mixed'],
  ] as const)('%s is %s', (text, script) => {
    expect(detectScript(text)).toBe(script);
  });

  it('ignores digits, punctuation and spaces, and calls text without letters "other"', () => {
    expect(detectScript('  محمد ١٢٣ - ')).toBe('arabic');
    expect(detectScript('Yuliia (2019)')).toBe('latin');
    expect(detectScript('')).toBe('other');
    expect(detectScript('   ')).toBe('other');
    expect(detectScript('123-45')).toBe('other');
  });
});
