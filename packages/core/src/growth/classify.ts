// WHO cut-offs that turn a z-score into a clinical classification code (the web translates the codes), and
// WHO's limits beyond which a z-score is biologically implausible (most likely a measurement or entry error).

export type GrowthIndicator =
  | 'weight-for-age'
  | 'length-height-for-age'
  | 'weight-for-length-height'
  | 'bmi-for-age'
  | 'muac-for-age'
  | 'head-circumference-for-age';

export type GrowthClassification =
  | 'normal'
  // weight-for-age
  | 'severely-underweight'
  | 'underweight'
  | 'high-weight-for-age'
  | 'very-high-weight-for-age'
  // length/height-for-age
  | 'severely-stunted'
  | 'stunted'
  | 'tall'
  | 'very-tall'
  // weight-for-length/height, and BMI-for-age under 5 years
  | 'severely-wasted'
  | 'wasted'
  | 'overweight'
  | 'obese'
  // BMI-for-age 5–19 years (WHO 2007 reference; overweight and obese as above)
  | 'severely-thin'
  | 'thin'
  // arm circumference (MUAC)-for-age
  | 'severely-low-muac'
  | 'low-muac'
  | 'high-muac'
  | 'very-high-muac'
  // head circumference-for-age
  | 'severe-microcephaly'
  | 'microcephaly'
  | 'macrocephaly'
  | 'severe-macrocephaly';

interface Scheme {
  /** z below [0] is very low, below [1] low, above [2] high, above [3] very high; the rest is normal. */
  readonly cutoffs: readonly [number, number, number, number];
  readonly codes: readonly [
    GrowthClassification,
    GrowthClassification,
    GrowthClassification,
    GrowthClassification,
  ];
}

const UNDER_FIVE_BMI: Scheme = {
  cutoffs: [-3, -2, 2, 3],
  codes: ['severely-wasted', 'wasted', 'overweight', 'obese'],
};

const SCHEMES: Readonly<Record<GrowthIndicator, Scheme>> = {
  'weight-for-age': {
    cutoffs: [-3, -2, 2, 3],
    // WHO names no condition for a high weight-for-age; weight-for-length/height or BMI judges it.
    codes: ['severely-underweight', 'underweight', 'high-weight-for-age', 'very-high-weight-for-age'],
  },
  'length-height-for-age': {
    cutoffs: [-3, -2, 2, 3],
    codes: ['severely-stunted', 'stunted', 'tall', 'very-tall'],
  },
  'weight-for-length-height': UNDER_FIVE_BMI,
  'bmi-for-age': UNDER_FIVE_BMI,
  'muac-for-age': {
    cutoffs: [-3, -2, 2, 3],
    codes: ['severely-low-muac', 'low-muac', 'high-muac', 'very-high-muac'],
  },
  'head-circumference-for-age': {
    cutoffs: [-3, -2, 2, 3],
    codes: ['severe-microcephaly', 'microcephaly', 'macrocephaly', 'severe-macrocephaly'],
  },
};

// From 5 years WHO moves the BMI cut-offs up one SD: +1 SD and +2 SD at 19 years match the adult
// BMI 25 and 30 (de Onis et al., Bull WHO 2007;85:660–7).
const SCHOOL_AGE_BMI: Scheme = {
  cutoffs: [-3, -2, 1, 2],
  codes: ['severely-thin', 'thin', 'overweight', 'obese'],
};

/** The classification of a (rounded) z-score; a z exactly on a cut-off is on the normal side, as WHO counts. */
export function classify(indicator: GrowthIndicator, z: number, ageMonths: number): GrowthClassification {
  const { cutoffs, codes } =
    indicator === 'bmi-for-age' && ageMonths > 60 ? SCHOOL_AGE_BMI : SCHEMES[indicator];
  if (z < cutoffs[0]) return codes[0];
  if (z < cutoffs[1]) return codes[1];
  if (z > cutoffs[3]) return codes[3];
  if (z > cutoffs[2]) return codes[2];
  return 'normal';
}

// WHO Anthro / AnthroPlus flags: [lowest, highest] plausible z-score.
const PLAUSIBLE: Readonly<Record<GrowthIndicator, readonly [number, number]>> = {
  'weight-for-age': [-6, 5],
  'length-height-for-age': [-6, 6],
  'weight-for-length-height': [-5, 5],
  'bmi-for-age': [-5, 5],
  'muac-for-age': [-5, 5],
  'head-circumference-for-age': [-5, 5],
};

/** True when the (rounded) z-score is outside WHO's biologically plausible range. */
export function isImplausible(indicator: GrowthIndicator, z: number): boolean {
  const [low, high] = PLAUSIBLE[indicator];
  return z < low || z > high;
}
