// The default programme follows ECDC 2018 (screening and vaccination for newly arrived migrants);
// a national programme must be able to load its own table from JSON and be told precisely what is wrong.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROGRAMME, ECDC_2018_TABLE, INDICATORS, recommend, validateProgramme } from './index.ts';
import type { ProgrammeValidation } from './index.ts';

const messages = (result: ProgrammeValidation) => (result.ok ? [] : result.issues.map((i) => i.message));

/** A small national table, as a programme would write it in JSON. */
function nationalProgramme() {
  const provenance = { source: 'National TB and hepatitis report', year: 2024 };
  return {
    id: 'national-2024',
    name: 'National programme 2024',
    source: 'Ministry of Health, migrant screening circular 2024',
    year: 2024,
    thresholds: { tbIncidence: 100 },
    table: {
      id: 'national-table-2024',
      name: 'National table 2024',
      source: 'Ministry of Health',
      year: 2024,
      publisher: 'Ministry of Health',
      indicators: {
        'tb-incidence-per-100k': { ...provenance, unit: 'per 100,000' },
        'hiv-prevalence-pct': { ...provenance, unit: '%' },
        'hbsag-prevalence-pct': { ...provenance, unit: '%' },
        'anti-hcv-prevalence-pct': { ...provenance, unit: '%' },
      },
      countries: {
        ER: { name: 'Eritrea', 'tb-incidence-per-100k': 80, 'hbsag-prevalence-pct': 3 },
        SO: { name: 'Somalia', 'tb-incidence-per-100k': 250 },
      },
      endemic: {
        schistosomiasis: { ...provenance, countries: ['ER', 'SO'] },
        strongyloidiasis: { ...provenance, countries: ['SO'] },
      },
    },
  };
}

describe('programmes', () => {
  it('the default programme is valid and already complete', () => {
    const result = validateProgramme(DEFAULT_PROGRAMME);
    expect(messages(result)).toEqual([]);
    expect(result.ok && result.programme).toEqual(DEFAULT_PROGRAMME);
  });

  it('the default table covers the usual origins, each figure with its source and year', () => {
    const origins =
      'SY AF VE CO TR IQ PK BD NG ER SO GN ML CI SN MA TN EG IR GE UA SD SS CD CM ET YE LY DZ VN IN NP LK HT ' +
      'PE EC AL XK RU MD BY KZ UZ TJ KG TM PS LB JO TD NE BF GM SL LR GH';
    for (const code of origins.split(' ')) {
      expect(ECDC_2018_TABLE.countries[code]?.['tb-incidence-per-100k'], code).toBeTypeOf('number');
    }
    for (const indicator of INDICATORS) {
      expect(ECDC_2018_TABLE.indicators[indicator].source).not.toBe('');
      expect(ECDC_2018_TABLE.indicators[indicator].year).toBeGreaterThan(2000);
    }
  });

  it('a national programme loads from JSON, with ECDC rules for what it leaves out', () => {
    const result = validateProgramme(JSON.stringify(nationalProgramme()));
    if (!result.ok) throw new Error(messages(result).join('\n'));
    const programme = result.programme;
    expect(programme.thresholds).toEqual({ tbIncidence: 100, hiv: 1, hbsag: 2, hcv: 2 });
    expect(programme.rules.ltbiMaxAge).toBe(35);

    const eritrean = { today: '2025-06-01', birthDate: '2000-01-01', sex: 'female', origin: 'ER' } as const;
    const byId = Object.fromEntries(recommend(eritrean, programme).map((r) => [r.id, r]));
    // 80 per 100,000 is under this programme's cut-off of 100 (it is over ECDC's 40).
    expect(byId['screen-tb-chest-xray']?.reason).toMatchObject({
      code: 'below-threshold',
      params: { value: 80, threshold: 100, source: 'National TB and hepatitis report', year: 2024 },
    });
    expect(byId['screen-hepatitis-b']?.status).toBe('due');
    // No HCV figure in this table: offered as a precaution.
    expect(byId['screen-hepatitis-c']).toMatchObject({
      status: 'due',
      priority: 'routine',
      reason: { code: 'no-data' },
    });
  });

  it('names each problem in a bad table by its path', () => {
    const bad = nationalProgramme() as Record<string, unknown> & ReturnType<typeof nationalProgramme>;
    const countries = bad.table.countries as Record<string, unknown>;
    countries.SO = { name: 'Somalia', 'tb-incidence-per-100k': -5, 'hiv-prevalence-pct': 140 };
    countries.UK = { name: 'United Kingdom', 'tb-incidence-per-100k': 7 };
    countries.ER = { name: 'Eritrea', 'tb-incidence': 80 };
    (bad.table.indicators['hbsag-prevalence-pct'] as Record<string, unknown>).source = '';
    (bad.table.endemic.strongyloidiasis as { countries: string[] }).countries = ['SO', 'XY'];
    (bad.thresholds as Record<string, unknown>).tbIncidence = 'forty';

    const found = messages(validateProgramme(bad));
    expect(found).toEqual(
      expect.arrayContaining([
        'thresholds.tbIncidence: must be a number (got "forty")',
        'table.indicators.hbsag-prevalence-pct.source: must not be empty',
        'table.countries.SO.tb-incidence-per-100k: must be at least 0 per 100,000 (got -5)',
        'table.countries.SO.hiv-prevalence-pct: must be at most 100% (got 140)',
        expect.stringMatching(/^table\.countries\.ER: Unrecognized key: "tb-incidence"/),
        'table.endemic.strongyloidiasis.countries[1]: "XY" is not an ISO 3166-1 alpha-2 country code',
      ]),
    );
    // The country-code check runs once the shape is right.
    delete countries.SO;
    delete countries.ER;
    bad.thresholds = {} as never;
    (bad.table.indicators['hbsag-prevalence-pct'] as Record<string, unknown>).source = 'x';
    (bad.table.endemic.strongyloidiasis as { countries: string[] }).countries = [];
    expect(messages(validateProgramme(bad))).toEqual([
      'table.countries.UK: "UK" is not an ISO 3166-1 alpha-2 country code',
    ]);
  });

  it('reports missing fields and text that is not JSON', () => {
    expect(messages(validateProgramme('{"id": '))[0]).toMatch(/^not valid JSON/);
    const found = messages(validateProgramme({ id: 'x', name: 'x', source: 'x', year: 2024 }));
    expect(found).toEqual(['table: is required']);
  });

  it('a country source must belong to a figure the country has', () => {
    const programme = nationalProgramme();
    (programme.table.countries.SO as Record<string, unknown>).sources = {
      'hiv-prevalence-pct': { source: 'Survey', year: 2020 },
    };
    expect(messages(validateProgramme(programme))).toEqual([
      'table.countries.SO.sources.hiv-prevalence-pct: names a source for hiv-prevalence-pct but the country has no hiv-prevalence-pct value',
    ]);
  });
});
