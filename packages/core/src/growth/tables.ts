// The WHO LMS tables, shipped as who-lms.json (WHO Child Growth Standards 2006 for 0–5 years, WHO Growth
// Reference 2007 for 5–19 years; see its "about" block), arranged into the curves the indicators use.
import data from './who-lms.json' with { type: 'json' };
import type { LmsRow } from './lms.ts';

export type Sex = 'male' | 'female';

/** One curve per sex, rows ascending by x. */
export type Curve = Readonly<Record<Sex, readonly LmsRow[]>>;

type RawRow = readonly (number | null)[];
type RawTable = Readonly<Record<'boys' | 'girls', readonly RawRow[]>>;

const raw: Readonly<Record<string, RawTable>> = data.tables;

function rowsOf(name: string, sex: Sex): LmsRow[] {
  const table = raw[name];
  if (!table) throw new Error(`WHO growth table ${name} is missing from who-lms.json`);
  return table[sex === 'male' ? 'boys' : 'girls'].map(([x, L, M, S]) => {
    if (typeof x !== 'number' || typeof L !== 'number' || typeof M !== 'number' || typeof S !== 'number') {
      throw new Error(`WHO growth table ${name} has a row without x, L, M and S`);
    }
    return { x, L, M, S };
  });
}

/** Joins tables end to end; interpolation needs x strictly ascending, so check it once at load. */
function curve(...parts: ((sex: Sex) => LmsRow[])[]): Curve {
  const build = (sex: Sex) => {
    const rows = parts.flatMap((part) => part(sex));
    rows.forEach((row, i) => {
      const previous = rows[i - 1];
      if (previous && !(row.x > previous.x))
        throw new Error(`WHO growth curve is not ascending at x = ${row.x}`);
    });
    return rows;
  };
  return { male: build('male'), female: build('female') };
}

const table = (name: string) => (sex: Sex) => rowsOf(name, sex);

// length-height-for-age 0–5y has two rows at 24 months: recumbent length, then standing height.
const lengthHeightSplit = (sex: Sex) => {
  const rows = rowsOf('length-height-for-age_0-5y', sex);
  const at = rows.findIndex((row, i) => i > 0 && row.x === rows[i - 1]?.x);
  if (at < 0 || rows[at]?.x !== 24) throw new Error('length-height-for-age must repeat month 24');
  return { length: rows.slice(0, at), height: rows.slice(at) };
};

// The 2007 reference starts at 61 months, where the 2006 standards stop at 60; it was built to join them
// smoothly, so a curve runs through both and ages between 60 and 61 months interpolate across the seam.
export const CURVES = {
  weightForAge: curve(table('weight-for-age_0-5y'), table('weight-for-age_5-10y')),
  lengthForAge: curve((sex) => lengthHeightSplit(sex).length),
  heightForAge: curve((sex) => lengthHeightSplit(sex).height, table('height-for-age_5-19y')),
  weightForLength: curve(table('weight-for-length_45-110cm')),
  weightForHeight: curve(table('weight-for-height_65-120cm')),
  // BMI from recumbent length under 24 months, from standing height from 24 months on.
  bmiForAgeLength: curve(table('bmi-for-age_0-2y')),
  bmiForAgeHeight: curve(table('bmi-for-age_2-5y'), table('bmi-for-age_5-19y')),
  headCircumferenceForAge: curve(table('head-circumference-for-age_0-5y')),
  armCircumferenceForAge: curve(table('arm-circumference-for-age_3-60m')),
} as const satisfies Record<string, Curve>;
