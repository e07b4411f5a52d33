// ECDC 2018: catch-up counts antigens, so a combination vaccine counts for each disease it covers.
import { describe, expect, it } from 'vitest';
import { ANTIGENS, CVX_CODES, VACCINES, antigensOf } from './index.ts';

describe('VACCINES', () => {
  it('maps the common CVX codes to their antigens', () => {
    expect(antigensOf('03')).toEqual(['measles', 'mumps', 'rubella']);
    expect(antigensOf('115')).toEqual(['diphtheria', 'tetanus', 'pertussis']);
    expect(antigensOf('09')).toEqual(['diphtheria', 'tetanus']);
    expect(antigensOf('10')).toEqual(['polio']);
    expect(antigensOf('146')).toEqual(expect.arrayContaining(['diphtheria', 'polio', 'hib', 'hepatitis-b']));
    expect(antigensOf('19')).toEqual(['tuberculosis']);
    expect(antigensOf('213')).toEqual(['covid-19']);
  });

  it('knows nothing of codes outside the table', () => {
    expect(antigensOf('999')).toEqual([]);
    expect(antigensOf('toString')).toEqual([]);
  });

  it('every entry has a display and known antigens', () => {
    for (const code of CVX_CODES) {
      expect(VACCINES[code].display).not.toBe('');
      expect(VACCINES[code].antigens.length).toBeGreaterThan(0);
      for (const antigen of VACCINES[code].antigens) expect(ANTIGENS).toContain(antigen);
    }
  });
});
