// Children's growth z-scores against the WHO Child Growth Standards (0–5 years) and the WHO Growth
// Reference 2007 (5–19 years), following the rules of WHO Anthro and AnthroPlus.
import { badRequest } from '../errors.ts';
import { classify, isImplausible, type GrowthClassification, type GrowthIndicator } from './classify.ts';
import { interpolateLms, restrictedZScore, zScore, type LmsRow } from './lms.ts';
import { CURVES, type Curve, type Sex } from './tables.ts';

/** WHO's month: 365.25 / 12 days. */
export const DAYS_PER_MONTH = 30.4375;

/** How a length/height was measured: lying down (recumbent length) or standing (height). */
export type MeasurementPosition = 'lying' | 'standing';

/** Age as days since birth (may be fractional), or as two calendar dates. */
export type GrowthAge =
  | { ageDays: number; birthDate?: never; measureDate?: never }
  | { ageDays?: never; birthDate: string; measureDate: string };

export type GrowthInput = GrowthAge & {
  sex: Sex;
  weightKg?: number;
  lengthHeightCm?: number;
  /** Defaults to the position WHO expects for the age: lying under 24 months, standing from 24 months. */
  position?: MeasurementPosition;
  /** Mid-upper arm circumference. */
  muacCm?: number;
  headCm?: number;
  /** Bilateral pitting oedema: weight then reflects fluid, so WHO computes no weight-based z-score. */
  oedema?: boolean;
};

export interface GrowthResult {
  readonly indicator: GrowthIndicator;
  /** Rounded to 2 decimals, as WHO Anthro reports it. */
  readonly z: number;
  readonly classification: GrowthClassification;
  /** WHO's implausibility flag: the z-score is beyond the plausible range, most likely an error. */
  readonly flag: boolean;
}

/**
 * The WHO z-scores that apply to one measurement visit, in a fixed order: weight-for-age (0–10 years),
 * length/height-for-age (0–19), weight-for-length/height (0–5), BMI-for-age (0–19), MUAC-for-age
 * (3–60 months), head circumference-for-age (0–5). An indicator is left out when a measurement it needs
 * is absent or when the age or length is outside WHO's tables (never extrapolated).
 *
 * Throws a PassageError (400, `bad_request`) for an impossible input: an unknown sex or position, an age
 * that is negative or not a number, calendar dates that are malformed or in the wrong order, or a
 * measurement that is zero, negative or not a finite number.
 */
export function growthZScores(input: GrowthInput): GrowthResult[] {
  const { sex, position, oedema = false } = input;
  if (sex !== 'male' && sex !== 'female') throw badRequest("sex must be 'male' or 'female'.", 'sex');
  if (position !== undefined && position !== 'lying' && position !== 'standing') {
    throw badRequest("position must be 'lying' or 'standing'.", 'position');
  }
  const ageMonths = ageInDays(input) / DAYS_PER_MONTH;
  const weight = measurement(input.weightKg, 'weightKg');
  const muac = measurement(input.muacCm, 'muacCm');
  const head = measurement(input.headCm, 'headCm');
  const measured = measurement(input.lengthHeightCm, 'lengthHeightCm');

  // WHO references length (lying) under 24 months and height (standing) from 24 months; standing height
  // is on average 0.7 cm less than recumbent length. WHO Anthro ignores "standing" under 9 months as
  // implausible and keeps such a measurement as a length.
  const lengthBased = ageMonths < 24;
  const shift =
    lengthBased && position === 'standing' && ageMonths >= 9
      ? 0.7
      : !lengthBased && position === 'lying'
        ? -0.7
        : 0;
  const lengthHeight = measured === undefined ? undefined : measured + shift;
  const weighed = oedema ? undefined : weight;
  const bmi =
    weighed !== undefined && lengthHeight !== undefined ? weighed / (lengthHeight / 100) ** 2 : undefined;
  const underFive = ageMonths <= 60; // weight-for-length/height has no age axis; WHO gives it to under-fives

  const at = (indicator: GrowthIndicator, curve: Curve, x: number, value: number | undefined) =>
    value === undefined ? undefined : score(indicator, curve[sex], x, value, ageMonths);
  const results = [
    at('weight-for-age', CURVES.weightForAge, ageMonths, weighed),
    at(
      'length-height-for-age',
      lengthBased ? CURVES.lengthForAge : CURVES.heightForAge,
      ageMonths,
      lengthHeight,
    ),
    underFive && lengthHeight !== undefined
      ? at(
          'weight-for-length-height',
          lengthBased ? CURVES.weightForLength : CURVES.weightForHeight,
          lengthHeight,
          weighed,
        )
      : undefined,
    at('bmi-for-age', lengthBased ? CURVES.bmiForAgeLength : CURVES.bmiForAgeHeight, ageMonths, bmi),
    at('muac-for-age', CURVES.armCircumferenceForAge, ageMonths, muac),
    at('head-circumference-for-age', CURVES.headCircumferenceForAge, ageMonths, head),
  ];
  return results.filter((result) => result !== undefined);
}

// WHO's restricted adjustment beyond ±3 SD applies to the weight-based indicators only; length/height and
// head circumference use the plain LMS formula.
const RESTRICTED: ReadonlySet<GrowthIndicator> = new Set([
  'weight-for-age',
  'weight-for-length-height',
  'bmi-for-age',
  'muac-for-age',
]);

/**
 * One indicator at x (age in months, or length/height in cm). The tables are per month (row m is the exact
 * age m × 30.4375 days) while WHO Anthro uses daily tables, so between months, and between the 0.5 cm
 * rows of weight-for-length/height, L, M and S are interpolated linearly.
 */
function score(
  indicator: GrowthIndicator,
  rows: readonly LmsRow[],
  x: number,
  value: number,
  ageMonths: number,
): GrowthResult | undefined {
  const lms = interpolateLms(rows, x);
  if (!lms) return undefined;
  const raw = (RESTRICTED.has(indicator) ? restrictedZScore : zScore)(value, lms.L, lms.M, lms.S);
  // Classify and flag the rounded value, so that what is shown and what is judged agree (as WHO Anthro).
  const z = Math.round(raw * 100) / 100 + 0; // + 0 turns -0 into 0
  return {
    indicator,
    z,
    classification: classify(indicator, z, ageMonths),
    flag: isImplausible(indicator, z),
  };
}

// Inputs are checked at run time too: they often come from JSON or forms, not from typed code.
function measurement(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw badRequest(`${field} must be a positive number.`, field);
  }
  return value;
}

function ageInDays(input: { ageDays?: unknown; birthDate?: unknown; measureDate?: unknown }): number {
  if (input.ageDays !== undefined) {
    if (input.birthDate !== undefined || input.measureDate !== undefined) {
      throw badRequest('Give either ageDays or birthDate and measureDate, not both.', 'ageDays');
    }
    if (typeof input.ageDays !== 'number' || !Number.isFinite(input.ageDays) || input.ageDays < 0) {
      throw badRequest('ageDays must be a number of days, zero or more.', 'ageDays');
    }
    return input.ageDays;
  }
  if (input.birthDate === undefined && input.measureDate === undefined) {
    throw badRequest('Give ageDays, or birthDate and measureDate.', 'ageDays');
  }
  const days = (utcDay(input.measureDate, 'measureDate') - utcDay(input.birthDate, 'birthDate')) / 86_400_000;
  if (days < 0) throw badRequest('measureDate is before birthDate.', 'measureDate');
  return days;
}

/** Midnight UTC of a calendar date `YYYY-MM-DD`; the date part of a FHIR dateTime is accepted too. */
function utcDay(value: unknown, field: string): number {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})(T.*)?$/.exec(value) : null;
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time); // rolls over a day that does not exist (and maps years 0–99 to 19xx)
  if (
    !match ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    throw badRequest(`${field} must be a calendar date (YYYY-MM-DD).`, field);
  }
  return time;
}
