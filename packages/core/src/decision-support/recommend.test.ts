// Expected results follow ECDC, Public health guidance on screening and vaccination for infectious
// diseases in newly arrived migrants within the EU/EEA (2018), as summarised in
// shared/reference/screening-ecdc.md. Figures are read from the default table, not repeated here.
import { describe, expect, it } from 'vitest';
import { PassageError } from '../errors.ts';
import { DEFAULT_PROGRAMME, ECDC_2018_TABLE, recommend } from './index.ts';
import type { Indicator, Recommendation, RecommendationInput } from './index.ts';

const TODAY = '2025-06-01';

function person(overrides: Partial<RecommendationInput>): RecommendationInput {
  return { today: TODAY, birthDate: '2000-01-01', sex: 'male', origin: 'SO', ...overrides };
}

/** The recommendations by id, so a test reads `r['screen-ltbi']`. */
function run(input: RecommendationInput, programme = DEFAULT_PROGRAMME): Record<string, Recommendation> {
  return Object.fromEntries(recommend(input, programme).map((rec) => [rec.id, rec]));
}

const due = (recs: Record<string, Recommendation>) =>
  Object.values(recs)
    .filter((r) => r.status === 'due')
    .map((r) => r.id);

const vaccineCodes = (rec: Recommendation | undefined) =>
  rec?.kind === 'vaccination' ? rec.vaccines.map((v) => v.code) : [];

const figure = (country: string, indicator: Indicator) => ECDC_2018_TABLE.countries[country]?.[indicator];

describe('recommend, after the ECDC 2018 table', () => {
  it('25-year-old man from Somalia: X-ray, LTBI, HIV, HBV, schistosomiasis, strongyloides, adult catch-up', () => {
    const r = run(person({ birthDate: '2000-03-15', origin: 'SO' }));
    expect(due(r)).toEqual([
      'screen-tb-symptoms',
      'screen-tb-chest-xray',
      'screen-ltbi',
      'screen-hiv',
      'screen-hepatitis-b',
      'screen-schistosomiasis',
      'screen-strongyloidiasis',
      'vaccinate-mmr',
      'vaccinate-dtp',
      'vaccinate-polio',
    ]);
    expect(r['screen-tb-chest-xray']?.priority).toBe('high');
    expect(r['screen-tb-chest-xray']?.reason).toMatchObject({
      code: 'above-threshold',
      params: {
        country: 'SO',
        indicator: 'tb-incidence-per-100k',
        value: figure('SO', 'tb-incidence-per-100k'),
        threshold: 40,
        source: ECDC_2018_TABLE.indicators['tb-incidence-per-100k'].source,
        year: ECDC_2018_TABLE.indicators['tb-incidence-per-100k'].year,
      },
    });
    expect(r['screen-tb-chest-xray']?.tests.map((t) => t.code)).toEqual(['24648-8']);
    expect(r['screen-ltbi']?.tests.map((t) => t.code)).toEqual(['71773-6', 'tuberculin-skin-test']);
    // HIV prevalence in Somalia is below 1%: offered on request, at routine priority.
    expect(r['screen-hiv']).toMatchObject({ priority: 'routine', reason: { code: 'offer-on-request' } });
    expect(r['screen-hiv']?.tests.map((t) => t.code)).toEqual(['56888-1']);
    expect(r['screen-hepatitis-b']?.tests.map((t) => t.code)).toEqual(['5196-1', '16933-4', '16935-9']);
    expect(r['screen-schistosomiasis']?.reason.code).toBe('endemic');
    expect(r['vaccinate-mmr']).toMatchObject({ priority: 'high', reason: { params: { ageGroup: 'adult' } } });
    expect(vaccineCodes(r['vaccinate-dtp'])).toEqual(['115', '09']);
    expect(r['vaccinate-hib']?.reason.code).toBe('age');
    expect(r['vaccinate-hepatitis-b']?.status).toBe('not-applicable');
  });

  it('pregnant 28-year-old from Eritrea: no X-ray and no MMR; symptom screen and IGRA instead', () => {
    const r = run(person({ birthDate: '1997-01-01', sex: 'female', pregnant: true, origin: 'ER' }));
    expect(r['screen-tb-symptoms']?.status).toBe('due');
    expect(r['screen-tb-chest-xray']).toMatchObject({
      status: 'not-applicable',
      reason: { code: 'pregnancy' },
    });
    expect(r['screen-tb-chest-xray']?.notes[0]?.code).toBe('above-threshold');
    expect(r['screen-ltbi']?.status).toBe('due');
    expect(r['screen-ltbi']?.tests.map((t) => t.code)).toEqual(['71773-6']);
    expect(r['vaccinate-mmr']).toMatchObject({ status: 'not-applicable', reason: { code: 'pregnancy' } });
    expect(r['vaccinate-mmr']?.reason.text).toContain('after delivery');
    expect(r['vaccinate-dtp']?.status).toBe('due');
    expect(r['vaccinate-polio']?.status).toBe('due');
  });

  it('pregnant woman over the LTBI age limit still gets IGRA, in place of the X-ray', () => {
    const r = run(person({ birthDate: '1985-01-01', sex: 'female', pregnant: true, origin: 'ER' }));
    expect(r['screen-ltbi']).toMatchObject({ status: 'due', reason: { code: 'igra-in-pregnancy' } });
    expect(r['screen-ltbi']?.notes[0]?.code).toBe('above-threshold');
  });

  it('4-year-old from Afghanistan: LTBI rather than X-ray, child catch-up with Hib, hepatitis B by prevalence', () => {
    const r = run(person({ birthDate: '2021-02-10', origin: 'AF' }));
    expect(r['screen-ltbi']).toMatchObject({ status: 'due', priority: 'high' });
    expect(r['screen-tb-chest-xray']).toMatchObject({
      status: 'not-applicable',
      reason: { code: 'child-igra-first' },
    });
    for (const id of ['vaccinate-mmr', 'vaccinate-dtp', 'vaccinate-polio', 'vaccinate-hib']) {
      expect(r[id]).toMatchObject({
        status: 'due',
        priority: 'high',
        reason: { params: { ageGroup: 'child' } },
      });
    }
    expect(vaccineCodes(r['vaccinate-dtp'])).toEqual(['20']);
    expect(r['vaccinate-hib']?.reason.params.requiredDoses).toBe(1);
    const hbsag = figure('AF', 'hbsag-prevalence-pct') ?? 0;
    expect(r['vaccinate-hepatitis-b']?.status).toBe(hbsag >= 2 ? 'due' : 'not-applicable');
    expect(r['vaccinate-hepatitis-b']?.reason.params).toMatchObject({ value: hbsag, threshold: 2 });
    expect(r['screen-hepatitis-b']?.status).toBe(hbsag >= 2 ? 'due' : 'not-applicable');
    // Hepatitis C screening is for adults; HIV below 1% is not offered to a young child.
    expect(r['screen-hepatitis-c']?.status).toBe('not-applicable');
    expect(r['screen-hiv']).toMatchObject({ status: 'not-applicable', reason: { code: 'below-threshold' } });
  });

  it('infant: Hib needs three doses before the first birthday; MMR waits until 12 months', () => {
    const r = run(person({ birthDate: '2025-01-01', origin: 'AF' }));
    expect(r['vaccinate-hib']?.reason.params.requiredDoses).toBe(3);
    expect(r['vaccinate-mmr']).toMatchObject({ status: 'not-applicable', reason: { code: 'age' } });
    expect(r['vaccinate-mmr']?.reason.text).toContain('5 months');
  });

  it('40-year-old from Ukraine: X-ray per the TB figure, no LTBI over 35, hepatitis C per the table, adult catch-up', () => {
    const r = run(person({ birthDate: '1985-01-01', sex: 'female', origin: 'UA' }));
    const tb = figure('UA', 'tb-incidence-per-100k') ?? 0;
    expect(r['screen-tb-chest-xray']?.status).toBe(tb >= 40 ? 'due' : 'not-applicable');
    expect(r['screen-tb-chest-xray']?.reason.params.value).toBe(tb);
    expect(r['screen-ltbi']).toMatchObject({
      status: 'not-applicable',
      reason: { code: 'age', params: { maxAge: 35 } },
    });
    const hcv = figure('UA', 'anti-hcv-prevalence-pct') ?? 0;
    expect(r['screen-hepatitis-c']?.status).toBe(hcv >= 2 ? 'due' : 'not-applicable');
    expect(r['screen-hepatitis-c']?.reason.params).toMatchObject({
      value: hcv,
      source: ECDC_2018_TABLE.countries.UA?.sources?.['anti-hcv-prevalence-pct']?.source,
    });
    expect(r['screen-schistosomiasis']?.reason.code).toBe('not-endemic');
    expect(r['screen-strongyloidiasis']?.reason.code).toBe('not-endemic');
    for (const id of ['vaccinate-mmr', 'vaccinate-dtp', 'vaccinate-polio']) expect(r[id]?.status).toBe('due');
    expect(r['vaccinate-hib']?.status).toBe('not-applicable');
  });

  it('60-year-old from Syria: no TB imaging below the cut-off, hepatitis by the table, adult catch-up', () => {
    const r = run(person({ birthDate: '1965-01-01', origin: 'SY' }));
    expect(r['screen-tb-symptoms']?.status).toBe('due');
    expect(r['screen-tb-chest-xray']?.reason).toMatchObject({
      code: 'below-threshold',
      params: { value: figure('SY', 'tb-incidence-per-100k'), threshold: 40 },
    });
    expect(r['screen-ltbi']?.status).toBe('not-applicable');
    // UNAIDS publishes no figure for Syria: HIV is still offered to adults on request.
    expect(r['screen-hiv']).toMatchObject({
      status: 'due',
      priority: 'routine',
      reason: { code: 'offer-on-request' },
    });
    expect(r['screen-hepatitis-b']?.status).toBe(
      (figure('SY', 'hbsag-prevalence-pct') ?? 0) >= 2 ? 'due' : 'not-applicable',
    );
    expect(r['screen-hepatitis-c']?.status).toBe(
      (figure('SY', 'anti-hcv-prevalence-pct') ?? 0) >= 2 ? 'due' : 'not-applicable',
    );
    expect(r['screen-schistosomiasis']?.reason.code).toBe('not-endemic');
    expect(r['screen-strongyloidiasis']?.reason.code).toBe('endemic');
    for (const id of ['vaccinate-mmr', 'vaccinate-dtp', 'vaccinate-polio']) expect(r[id]?.status).toBe('due');
  });
});

describe('recorded vaccines (ECDC: undocumented vaccination counts as not given)', () => {
  it('documented MMR doses make MMR done, naming the dose that completed it', () => {
    const r = run(
      person({
        recorded: {
          immunizations: [
            { vaccine: '03', date: '2001-01-10', documented: true },
            { vaccine: '03', date: '2005-02-01', documented: true },
          ],
        },
      }),
    );
    expect(r['vaccinate-mmr']).toMatchObject({
      status: 'done',
      doneBy: { vaccine: '03', date: '2005-02-01' },
    });
  });

  it('self-reported MMR stays due, and the reason says so', () => {
    const r = run(
      person({
        recorded: {
          immunizations: [
            { vaccine: '03', documented: false },
            { vaccine: '03', documented: false },
          ],
        },
      }),
    );
    expect(r['vaccinate-mmr']?.status).toBe('due');
    expect(r['vaccinate-mmr']?.reason.params).toMatchObject({ documentedDoses: 0, selfReportedDoses: 2 });
    expect(r['vaccinate-mmr']?.reason.text).toContain('self-reported');
    expect(r['vaccinate-mmr']?.notes.map((n) => n.code)).toContain('self-reported-not-counted');
  });

  it('combination vaccines count for every antigen they cover', () => {
    const pentavalent = (date: string) => ({ vaccine: '198' as const, date, documented: true });
    const r = run(
      person({
        birthDate: '2021-02-10',
        origin: 'AF',
        recorded: {
          immunizations: [pentavalent('2021-04-01'), pentavalent('2021-05-01'), pentavalent('2021-06-01')],
        },
      }),
    );
    expect(r['vaccinate-dtp']?.status).toBe('done');
    expect(r['vaccinate-hib']?.status).toBe('done');
    expect(r['vaccinate-hepatitis-b']?.status).toBe('done');
    expect(r['vaccinate-polio']?.status).toBe('due');
  });

  it('Tdap and Td count for an adult DTP series; one documented dose is not a series', () => {
    const adult = (vaccines: ('115' | '09')[]) =>
      run(
        person({ recorded: { immunizations: vaccines.map((vaccine) => ({ vaccine, documented: true })) } }),
      );
    expect(adult(['115', '09', '09'])['vaccinate-dtp']?.status).toBe('done');
    expect(adult(['115'])['vaccinate-dtp']?.reason.params).toMatchObject({
      documentedDoses: 1,
      requiredDoses: 3,
    });
  });
});

describe('recorded tests and diagnoses', () => {
  it('a recorded test makes the screening done; a later-dated one is ignored', () => {
    const r = run(
      person({
        recorded: {
          screenings: [
            { kind: 'igra', date: '2025-05-20', result: 'negative' },
            { kind: 'chest-xray', date: '2025-07-01' },
          ],
        },
      }),
    );
    expect(r['screen-ltbi']).toMatchObject({ status: 'done', doneBy: { kind: 'igra', result: 'negative' } });
    expect(r['screen-tb-chest-xray']?.status).toBe('due');
  });

  it('a known HIV diagnosis makes HIV screening not applicable', () => {
    const r = run(person({ origin: 'CM', recorded: { conditions: [{ icd10: 'B20.1' }] } }));
    expect(r['screen-hiv']).toMatchObject({
      status: 'not-applicable',
      reason: { code: 'known-condition', params: { icd10: 'B20.1' } },
    });
  });

  it('known hepatitis B, hepatitis C and TB diagnoses, with or without the dot', () => {
    const r = run(
      person({
        origin: 'EG',
        recorded: { conditions: [{ icd10: 'B181' }, { icd10: 'B18.2' }, { icd10: 'A15.0' }] },
      }),
    );
    for (const id of [
      'screen-hepatitis-b',
      'screen-hepatitis-c',
      'screen-tb-symptoms',
      'screen-tb-chest-xray',
      'screen-ltbi',
    ]) {
      expect(r[id]?.reason.code).toBe('known-condition');
    }
  });
});

describe('transit countries (count for TB after 3 months there)', () => {
  const syrian = (transit: RecommendationInput['transit']) =>
    run(person({ birthDate: '1995-01-01', origin: 'SY', arrivalDate: '2024-09-01', transit }));

  it('six months in a high-TB transit country brings X-ray and LTBI for someone from a low-TB origin', () => {
    const r = syrian([
      { country: 'TR', from: '2023-10-01', to: '2023-12-01' },
      { country: 'LY', from: '2024-01-01', to: '2024-07-15' },
    ]);
    expect(r['screen-tb-chest-xray']).toMatchObject({
      status: 'due',
      reason: {
        code: 'transit-above-threshold',
        params: { country: 'LY', months: 6, value: figure('LY', 'tb-incidence-per-100k'), threshold: 40 },
      },
    });
    expect(r['screen-ltbi']?.status).toBe('due');
    expect(r['screen-tb-chest-xray']?.notes).toEqual([]);
  });

  it('a short or undated stay is only mentioned', () => {
    const r = syrian([
      { country: 'LY', from: '2024-07-01' },
      { country: 'SD' },
      { country: 'ZZ', from: '2024-01-01', to: '2024-06-01' },
    ]);
    expect(r['screen-tb-chest-xray']?.status).toBe('not-applicable');
    expect(r['screen-tb-chest-xray']?.notes.map((n) => [n.code, n.params.country])).toEqual([
      ['transit-short-stay', 'LY'],
      ['transit-duration-unknown', 'SD'],
      ['transit-country-unknown', 'ZZ'],
    ]);
  });
});

describe('unknown origin and replaced programmes', () => {
  it('an origin not in the table gives the symptom screen and universal adult offers only', () => {
    const r = run(person({ origin: 'zz' }));
    expect(due(r)).toEqual([
      'screen-tb-symptoms',
      'screen-hiv',
      'vaccinate-mmr',
      'vaccinate-dtp',
      'vaccinate-polio',
    ]);
    for (const id of [
      'screen-tb-chest-xray',
      'screen-ltbi',
      'screen-hepatitis-b',
      'screen-schistosomiasis',
    ]) {
      expect(r[id]?.reason).toMatchObject({ code: 'origin-unknown', params: { country: 'ZZ' } });
    }
  });

  it('a programme with a TB cut-off of 100 no longer offers X-ray to someone from Eritrea', () => {
    const eritrean = person({ origin: 'ER' });
    expect(run(eritrean)['screen-tb-chest-xray']?.status).toBe('due');
    const strict = {
      ...DEFAULT_PROGRAMME,
      thresholds: { ...DEFAULT_PROGRAMME.thresholds, tbIncidence: 100 },
    };
    const r = run(eritrean, strict);
    expect(r['screen-tb-chest-xray']?.reason).toMatchObject({
      code: 'below-threshold',
      params: { threshold: 100 },
    });
    expect(r['screen-ltbi']?.status).toBe('not-applicable');
    expect(run(person({ origin: 'SO' }), strict)['screen-tb-chest-xray']?.status).toBe('due');
  });

  it('invalid input is refused with the field named', () => {
    let error: unknown;
    try {
      recommend(person({ birthDate: '2000-02-30', origin: 'Somalia' }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PassageError);
    const issues = (error as PassageError).issues.map((i) => i.expression);
    expect(issues).toEqual(expect.arrayContaining(['birthDate', 'origin']));
  });
});
