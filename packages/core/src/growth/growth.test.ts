// Sources: the WHO LMS tables and printed cut-offs in who-lms.json (WHO Child Growth Standards 2006, WHO
// Growth Reference 2007); WHO, "WHO Child Growth Standards: Methods and development" (2006), chapter 7
// (restricted application of the LMS method beyond ±3 SD); WHO Anthro, the R package
// github.com/WorldHealthOrganization/anthro (compute_zscore_adjusted, adjust_lenhei and the flag limits in
// anthro_zscores). Expected numbers below were computed by hand (Python, double precision) from the quoted rows.
import { describe, expect, it } from 'vitest';
import { PassageError } from '../errors.ts';
import { DAYS_PER_MONTH, growthZScores, restrictedZScore, zScore, type GrowthInput } from './index.ts';
import data from './who-lms.json' with { type: 'json' };

type Row = readonly (number | null)[];
type Sex = 'male' | 'female';

const months = (m: number) => m * DAYS_PER_MONTH;
const only = (input: GrowthInput, indicator: string) =>
  growthZScores(input).find((result) => result.indicator === indicator);

describe('WHO printed cut-offs (every table, sex and row)', () => {
  // How each table is reached through growthZScores; `skip` marks rows only used as interpolation ends
  // (the recumbent rows at 24 months: from 24 months on, WHO uses the standing-height rows).
  const TABLES: Record<
    string,
    {
      indicator: string;
      plain?: boolean;
      input: (x: number, v: number) => object;
      skip?: (i: number) => boolean;
    }
  > = {
    'weight-for-age_0-5y': {
      indicator: 'weight-for-age',
      input: (x, v) => ({ ageDays: months(x), weightKg: v }),
    },
    'weight-for-age_5-10y': {
      indicator: 'weight-for-age',
      input: (x, v) => ({ ageDays: months(x), weightKg: v }),
    },
    'length-height-for-age_0-5y': {
      indicator: 'length-height-for-age',
      plain: true,
      input: (x, v) => ({ ageDays: months(x), lengthHeightCm: v }),
      skip: (i) => i === 24,
    },
    'height-for-age_5-19y': {
      indicator: 'length-height-for-age',
      plain: true,
      input: (x, v) => ({ ageDays: months(x), lengthHeightCm: v }),
    },
    // A 100 cm length makes the weight in kg equal the BMI.
    'bmi-for-age_0-2y': {
      indicator: 'bmi-for-age',
      input: (x, v) => ({ ageDays: months(x), lengthHeightCm: 100, weightKg: v }),
      skip: (i) => i === 24,
    },
    'bmi-for-age_2-5y': {
      indicator: 'bmi-for-age',
      input: (x, v) => ({ ageDays: months(x), lengthHeightCm: 100, weightKg: v }),
    },
    'bmi-for-age_5-19y': {
      indicator: 'bmi-for-age',
      input: (x, v) => ({ ageDays: months(x), lengthHeightCm: 100, weightKg: v }),
    },
    'weight-for-length_45-110cm': {
      indicator: 'weight-for-length-height',
      input: (x, v) => ({ ageDays: 300, lengthHeightCm: x, weightKg: v }),
    },
    'weight-for-height_65-120cm': {
      indicator: 'weight-for-length-height',
      input: (x, v) => ({ ageDays: 1000, lengthHeightCm: x, weightKg: v }),
    },
    'head-circumference-for-age_0-5y': {
      indicator: 'head-circumference-for-age',
      plain: true,
      input: (x, v) => ({ ageDays: months(x), headCm: v }),
    },
    'arm-circumference-for-age_3-60m': {
      indicator: 'muac-for-age',
      input: (x, v) => ({ ageDays: months(x), muacCm: v }),
    },
  };
  const SD_COLUMNS = [
    [4, -3],
    [5, -2],
    [6, 0],
    [7, 2],
    [8, 3],
  ] as const;
  const tables: Record<string, Record<'boys' | 'girls', readonly Row[]>> = data.tables;

  it('covers every table in who-lms.json', () => {
    expect(Object.keys(TABLES).sort()).toEqual(Object.keys(tables).sort());
  });

  // WHO rounds each printed cut-off (to 0.1 for 0–5 years, 0.001 for 5–19 years), so the true value lies
  // within half a unit of it; z is increasing in the value, so z(printed ± half a unit) must bracket the
  // cut-off's z exactly. The half unit is read from the table's own decimals.
  const decimals = (rows: readonly Row[]) =>
    Math.max(
      ...rows.flatMap((row) =>
        row.slice(4).map((c) => (c === null ? 0 : (String(c).split('.')[1] ?? '').length)),
      ),
    );

  for (const [name, spec] of Object.entries(TABLES)) {
    for (const [sexKey, sex] of [
      ['boys', 'male'],
      ['girls', 'female'],
    ] as const satisfies readonly (readonly ['boys' | 'girls', Sex])[]) {
      const rows = tables[name]?.[sexKey] ?? [];
      const half = 0.5 * 10 ** -decimals(rows);
      const z = spec.plain ? zScore : restrictedZScore;

      it(`${name} ${sexKey}: LMS formula brackets the printed cut-offs`, () => {
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) {
          const [x, L, M, S] = row as readonly number[];
          for (const [column, expected] of SD_COLUMNS) {
            const printed = row[column];
            if (printed === null || printed === undefined) continue;
            const where = `x=${x} SD${expected} printed ${printed}`;
            expect(expected, where).toBeGreaterThanOrEqual(z(printed - half, L!, M!, S!) - 1e-9);
            expect(expected, where).toBeLessThanOrEqual(z(printed + half, L!, M!, S!) + 1e-9);
          }
        }
      });

      it(`${name} ${sexKey}: growthZScores brackets the printed cut-offs`, () => {
        rows.forEach((row, i) => {
          if (spec.skip?.(i)) return;
          for (const [column, expected] of SD_COLUMNS) {
            const printed = row[column];
            if (printed === null || printed === undefined) continue;
            const at = (value: number) =>
              only({ sex, ...spec.input(row[0]!, value) } as GrowthInput, spec.indicator);
            const low = at(printed - half)?.z;
            const high = at(printed + half)?.z;
            // growthZScores rounds to 0.01, which widens the bracket by 0.005 on each side.
            expect(low, `${name} ${sexKey} x=${row[0]} SD${expected}`).toBeDefined();
            const where = `x=${row[0]} SD${expected} printed ${printed}`;
            expect(expected, where).toBeGreaterThanOrEqual(low! - 0.005 - 1e-9);
            expect(expected, where).toBeLessThanOrEqual(high! + 0.005 + 1e-9);
          }
        });
      });
    }
  }
});

describe('growthZScores worked examples', () => {
  it('gives z = 0 for a boy of 12 months at the median weight (M = 9.6479 kg)', () => {
    expect(only({ sex: 'male', ageDays: months(12), weightKg: 9.6479 }, 'weight-for-age')).toEqual({
      indicator: 'weight-for-age',
      z: 0,
      classification: 'normal',
      flag: false,
    });
  });

  it('uses the L = 0 branch of the LMS formula', () => {
    expect(zScore(Math.E, 0, 1, 0.5)).toBeCloseTo(2, 12);
  });

  it('applies the restricted adjustment above +3 SD (boy, 12 months, 14 kg)', () => {
    // L 0.0644, M 9.6479, S 0.10925: SD3 = M(1+3LS)^(1/L) = 13.344166 kg, SD2 = 11.985736 kg,
    // z = 3 + (14 − 13.344166)/(13.344166 − 11.985736) = 3.482788 (the plain formula would give 3.449121).
    expect(restrictedZScore(14, 0.0644, 9.6479, 0.10925)).toBeCloseTo(3.482788412818, 9);
    const result = only({ sex: 'male', ageDays: months(12), weightKg: 14 }, 'weight-for-age');
    expect(result).toMatchObject({ z: 3.48, classification: 'very-high-weight-for-age', flag: false });
  });

  it('applies the restricted adjustment below −3 SD (girl, 12 months, 6 kg)', () => {
    // L −0.2024, M 8.9481, S 0.12268: SD3neg = 6.274315 kg, SD2neg = 7.042612 kg,
    // z = −3 + (6 − 6.274315)/(7.042612 − 6.274315) = −3.357042 (plain formula: −3.393323).
    expect(restrictedZScore(6, -0.2024, 8.9481, 0.12268)).toBeCloseTo(-3.357042252609, 9);
    expect(only({ sex: 'female', ageDays: months(12), weightKg: 6 }, 'weight-for-age')).toMatchObject({
      z: -3.36,
      classification: 'severely-underweight',
    });
  });

  it('does not adjust length or head circumference beyond ±3 SD', () => {
    // Boy 12 months length: L 1, M 75.7488, S 0.03137; 66 cm → (66/75.7488 − 1)/0.03137 = −4.1026.
    expect(only({ sex: 'male', ageDays: months(12), lengthHeightCm: 66 }, 'length-height-for-age')?.z).toBe(
      -4.1,
    );
    // Head circumference: L 1, M 46.0661, S 0.02789; 40 cm → (40/46.0661 − 1)/0.02789 = −4.7215.
    expect(
      only({ sex: 'male', ageDays: months(12), headCm: 40 }, 'head-circumference-for-age'),
    ).toMatchObject({
      z: -4.72,
      classification: 'severe-microcephaly',
    });
  });

  it('interpolates L, M and S linearly at a half month (girl, 6.5 months)', () => {
    // Rows 6 (−0.0756, 7.297, 0.12204) and 7 (−0.1039, 7.6422, 0.12178) → L −0.08975, M 7.4696, S 0.12191.
    expect(only({ sex: 'female', ageDays: months(6.5), weightKg: 7.4696 }, 'weight-for-age')?.z).toBe(0);
    // 7.0 kg → ((7/7.4696)^−0.08975 − 1)/(−0.08975 × 0.12191) = −0.534172.
    expect(only({ sex: 'female', ageDays: months(6.5), weightKg: 7 }, 'weight-for-age')?.z).toBe(-0.53);
  });

  it('interpolates across the seam between the 2006 standards (60 months) and 2007 reference (61 months)', () => {
    // Boys weight-for-age M 18.3366 at 60 and 18.5057 at 61 months: 18.42115 at 60.5 months.
    expect(only({ sex: 'male', ageDays: months(60.5), weightKg: 18.42115 }, 'weight-for-age')?.z).toBe(0);
  });

  it('switches from length to height at 24 months and converts a wrong position by 0.7 cm', () => {
    // 730 days (23.98 months), length table between rows 23 (M 86.941, S 0.03445) and 24-lying
    // (M 87.8161, S 0.03479): M 87.801725, S 0.034784; 85.7 cm → z −0.688158.
    const standing = only(
      { sex: 'male', ageDays: 730, lengthHeightCm: 85, position: 'standing' },
      'length-height-for-age',
    );
    const lying = only(
      { sex: 'male', ageDays: 730, lengthHeightCm: 85.7, position: 'lying' },
      'length-height-for-age',
    );
    expect(standing?.z).toBe(-0.69);
    expect(lying?.z).toBe(-0.69);
    expect(only({ sex: 'male', ageDays: 730, lengthHeightCm: 85.7 }, 'length-height-for-age')?.z).toBe(-0.69);
    // 731 days (24.02 months), height table between 24-standing (M 87.1161, S 0.03507) and 25 (M 87.972,
    // S 0.03542): M 87.130160, S 0.035076; 88.0 cm lying → 87.3 cm standing → z 0.055573.
    expect(
      only({ sex: 'male', ageDays: 731, lengthHeightCm: 88, position: 'lying' }, 'length-height-for-age')?.z,
    ).toBe(0.06);
    expect(
      only({ sex: 'male', ageDays: 731, lengthHeightCm: 88, position: 'standing' }, 'length-height-for-age')
        ?.z,
    ).toBe(0.28);
  });

  it('keeps a "standing" measurement under 9 months as a length, as WHO Anthro does', () => {
    const standing = only(
      { sex: 'female', ageDays: 200, lengthHeightCm: 66, position: 'standing' },
      'length-height-for-age',
    );
    const lying = only(
      { sex: 'female', ageDays: 200, lengthHeightCm: 66, position: 'lying' },
      'length-height-for-age',
    );
    expect(standing).toEqual(lying);
  });

  it('uses the length-based BMI table under 24 months and the height-based one from 24 months', () => {
    // At exactly 24 months the height-based median is 16.0189 (boys); the length-based one is 15.7356.
    const bmi = (ageDays: number) =>
      only({ sex: 'male', ageDays, lengthHeightCm: 100, weightKg: 16.0189 }, 'bmi-for-age');
    expect(bmi(months(24))?.z).toBe(0);
  });

  it('gives no MUAC-for-age under 3 months', () => {
    expect(only({ sex: 'male', ageDays: 91, muacCm: 12 }, 'muac-for-age')).toBeUndefined(); // 2.99 months
    expect(only({ sex: 'male', ageDays: 92, muacCm: 12 }, 'muac-for-age')).toBeDefined();
  });

  it('gives no result outside the WHO age and length ranges (no extrapolation)', () => {
    const indicators = (input: GrowthInput) => growthZScores(input).map((result) => result.indicator);
    expect(indicators({ sex: 'female', ageDays: 300, weightKg: 2, lengthHeightCm: 44.9 })).toEqual([
      'weight-for-age',
      'length-height-for-age',
      'bmi-for-age',
    ]);
    expect(indicators({ sex: 'female', ageDays: 300, weightKg: 20, lengthHeightCm: 110.1 })).not.toContain(
      'weight-for-length-height',
    );
    expect(indicators({ sex: 'male', ageDays: 1000, weightKg: 7, lengthHeightCm: 64.9 })).not.toContain(
      'weight-for-length-height',
    );
    const at61 = {
      sex: 'male',
      ageDays: months(61),
      weightKg: 19,
      lengthHeightCm: 110,
      headCm: 51,
      muacCm: 16,
    } as const;
    expect(indicators(at61)).toEqual(['weight-for-age', 'length-height-for-age', 'bmi-for-age']);
    expect(indicators({ ...at61, ageDays: months(120) })).toContain('weight-for-age');
    expect(indicators({ ...at61, ageDays: months(120.1) })).toEqual(['length-height-for-age', 'bmi-for-age']);
    expect(indicators({ ...at61, ageDays: months(228) })).toEqual(['length-height-for-age', 'bmi-for-age']);
    expect(indicators({ ...at61, ageDays: months(228.1) })).toEqual([]);
  });

  it('returns the indicators in a fixed order, each only when its measurements are given', () => {
    const all = growthZScores({
      sex: 'female',
      ageDays: 400,
      weightKg: 9,
      lengthHeightCm: 75,
      muacCm: 14,
      headCm: 45,
    });
    expect(all.map((result) => result.indicator)).toEqual([
      'weight-for-age',
      'length-height-for-age',
      'weight-for-length-height',
      'bmi-for-age',
      'muac-for-age',
      'head-circumference-for-age',
    ]);
    expect(growthZScores({ sex: 'female', ageDays: 400 })).toEqual([]);
  });

  it('flags implausible z-scores with WHO limits (weight-for-age −6/+5, length-for-age ±6)', () => {
    // Boy 12 months: SD3neg 6.927382, SD2neg 7.742219, SD2 11.985736, SD3 13.344166 (from L, M, S), so
    // 4.4 kg → −3 + (4.4 − 6.927382)/0.814838 = −6.10, 4.9 kg → −5.49, 16.2 kg → +5.10, 15.9 kg → +4.88.
    const waz = (weightKg: number) => only({ sex: 'male', ageDays: months(12), weightKg }, 'weight-for-age');
    expect(waz(4.4)).toMatchObject({ z: -6.1, flag: true, classification: 'severely-underweight' });
    expect(waz(4.9)).toMatchObject({ z: -5.49, flag: false });
    expect(waz(16.2)).toMatchObject({ z: 5.1, flag: true });
    expect(waz(15.9)).toMatchObject({ z: 4.88, flag: false });
    // Length: (60/75.7488 − 1)/0.03137 = −6.63; (91.5/75.7488 − 1)/0.03137 = +6.63.
    const haz = (lengthHeightCm: number) =>
      only({ sex: 'male', ageDays: months(12), lengthHeightCm }, 'length-height-for-age');
    expect(haz(60)).toMatchObject({ z: -6.63, flag: true, classification: 'severely-stunted' });
    expect(haz(91.5)).toMatchObject({ z: 6.63, flag: true, classification: 'very-tall' });
    // Weight-for-length ±5: boys 75 cm (M ≈ 9.5) at 20 kg is far above +5.
    expect(
      only({ sex: 'male', ageDays: 400, lengthHeightCm: 75, weightKg: 20 }, 'weight-for-length-height'),
    ).toMatchObject({
      flag: true,
      classification: 'obese',
    });
  });

  it('classifies with the cut-off on the normal side, and BMI from 5 years with the WHO 2007 cut-offs', () => {
    // Girl 120 months, BMI-for-age L −1.4864, M 16.6133, S 0.12307: BMI 20.6145 is z = +1.5.
    const bmi = (ageDays: number, weightKg: number) =>
      only({ sex: 'female', ageDays, lengthHeightCm: 100, weightKg }, 'bmi-for-age');
    expect(bmi(months(120), 20.6145)).toMatchObject({ z: 1.5, classification: 'overweight' });
    // Under five, +1.5 is normal and +2 itself is still normal: "overweight" is above +2.
    expect(bmi(months(24), 16.0189)?.classification).toBe('normal');
    const boyAt12 = (weightKg: number) =>
      only({ sex: 'male', ageDays: months(12), weightKg }, 'weight-for-age');
    expect(boyAt12(7.7422)).toMatchObject({ z: -2, classification: 'normal' }); // SD2neg = 7.742219 kg
    expect(boyAt12(7.73)).toMatchObject({ z: -2.01, classification: 'underweight' });
  });

  it('computes the age from calendar dates', () => {
    const fromDates = growthZScores({
      sex: 'female',
      birthDate: '2024-02-29',
      measureDate: '2025-02-28',
      weightKg: 9,
    });
    expect(fromDates).toEqual(growthZScores({ sex: 'female', ageDays: 365, weightKg: 9 }));
    // The date part of a FHIR dateTime is used as recorded.
    expect(
      growthZScores({
        sex: 'female',
        birthDate: '2024-02-29',
        measureDate: '2025-02-28T23:30:00+03:00',
        weightKg: 9,
      }),
    ).toEqual(fromDates);
  });

  it('leaves out weight-based indicators when the child has oedema', () => {
    const results = growthZScores({
      sex: 'male',
      ageDays: 400,
      weightKg: 9,
      lengthHeightCm: 75,
      oedema: true,
    });
    expect(results.map((result) => result.indicator)).toEqual(['length-height-for-age']);
  });
});

describe('growthZScores rejects impossible input with a PassageError (400)', () => {
  const rejects = (input: unknown, field: string) => {
    try {
      growthZScores(input as GrowthInput);
    } catch (error) {
      expect(error).toBeInstanceOf(PassageError);
      expect((error as PassageError).status).toBe(400);
      expect((error as PassageError).issues[0]?.expression).toBe(field);
      return;
    }
    throw new Error(`accepted ${JSON.stringify(input)}`);
  };

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, '9'])('weightKg %s', (weightKg) => {
    rejects({ sex: 'male', ageDays: 100, weightKg }, 'weightKg');
  });

  it('rejects other measurements, ages, sexes, positions and dates', () => {
    rejects({ sex: 'male', ageDays: 100, lengthHeightCm: 0 }, 'lengthHeightCm');
    rejects({ sex: 'male', ageDays: 100, muacCm: -12 }, 'muacCm');
    rejects({ sex: 'male', ageDays: 100, headCm: Number.NaN }, 'headCm');
    rejects({ sex: 'male', ageDays: -1 }, 'ageDays');
    rejects({ sex: 'male', ageDays: Number.NaN }, 'ageDays');
    rejects({ sex: 'male', ageDays: 10, birthDate: '2024-01-01', measureDate: '2024-01-11' }, 'ageDays');
    rejects({ sex: 'other', ageDays: 100 }, 'sex');
    rejects({ sex: 'male', ageDays: 100, lengthHeightCm: 60, position: 'sitting' }, 'position');
    rejects({ sex: 'male', birthDate: '2024-02-30', measureDate: '2024-05-01' }, 'birthDate');
    rejects({ sex: 'male', birthDate: '2024-02', measureDate: '2024-05-01' }, 'birthDate');
    rejects({ sex: 'male', birthDate: '2024-05-02', measureDate: '2024-05-01' }, 'measureDate');
    rejects({ sex: 'male' }, 'ageDays');
  });
});
