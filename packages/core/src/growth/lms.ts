// The LMS (Box-Cox) method behind the WHO growth standards: each age (or length) has a skewness L, a
// median M and a coefficient of variation S. Reference: WHO Multicentre Growth Reference Study Group,
// "WHO Child Growth Standards: Methods and development" (2006), chapter 7, and WHO Anthro.

export interface Lms {
  readonly L: number;
  readonly M: number;
  readonly S: number;
}

/** A table row: the LMS values at x (age in months, or length/height in cm). */
export interface LmsRow extends Lms {
  readonly x: number;
}

/** z = ((value / M)^L − 1) / (L·S); for L = 0, z = ln(value / M) / S. */
export function zScore(value: number, L: number, M: number, S: number): number {
  return L === 0 ? Math.log(value / M) / S : ((value / M) ** L - 1) / (L * S);
}

/** The measurement at a given z, the inverse of `zScore`: M·(1 + L·S·z)^(1/L), or M·e^(S·z) for L = 0. */
export function valueAtZ(z: number, L: number, M: number, S: number): number {
  return L === 0 ? M * Math.exp(S * z) : M * (1 + L * S * z) ** (1 / L);
}

/**
 * WHO's "restricted application" of the LMS method, used for the weight-based indicators (weight-for-age,
 * weight-for-length/height, BMI-for-age, arm circumference-for-age). The fitted Box-Cox tails are
 * unreliable beyond ±3 SD, so there WHO measures the distance past SD3 in units of the SD2–SD3 gap
 * instead: z = 3 + (value − SD3) / (SD3 − SD2), and symmetrically below −3.
 */
export function restrictedZScore(value: number, L: number, M: number, S: number): number {
  const z = zScore(value, L, M, S);
  if (z > 3) {
    const sd3 = valueAtZ(3, L, M, S);
    return 3 + (value - sd3) / (sd3 - valueAtZ(2, L, M, S));
  }
  if (z < -3) {
    const sd3neg = valueAtZ(-3, L, M, S);
    return -3 + (value - sd3neg) / (valueAtZ(-2, L, M, S) - sd3neg);
  }
  return z;
}

/**
 * L, M and S at x, interpolated linearly between the two neighbouring rows (rows ascending by x).
 * Returns undefined outside the table: never extrapolate a growth reference.
 */
export function interpolateLms(rows: readonly LmsRow[], x: number): Lms | undefined {
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last || !(x >= first.x && x <= last.x)) return undefined;
  const upper = rows.findIndex((row) => row.x >= x);
  const hi = rows[upper];
  const lo = rows[upper - 1];
  if (!hi) return undefined;
  if (hi.x === x || !lo) return { L: hi.L, M: hi.M, S: hi.S };
  const t = (x - lo.x) / (hi.x - lo.x);
  const mix = (a: number, b: number) => a + t * (b - a);
  return { L: mix(lo.L, hi.L), M: mix(lo.M, hi.M), S: mix(lo.S, hi.S) };
}
