// A small, fast, seeded pseudo-random generator for synthetic demo and benchmark data.
// sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), seeded through splitmix32, so that the
// same seed always produces the same sequence on every JavaScript engine. Not for cryptography.

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** A uniformly chosen element; throws on an empty array. */
  pick<T>(items: readonly T[]): T;
  /** An element chosen with probability proportional to its weight; throws if no weight is positive. */
  weighted<T>(pairs: readonly (readonly [T, number])[]): T;
  /** true with probability p. */
  bool(p?: number): boolean;
}

/** A picker with precomputed cumulative weights, for tables used in hot loops. */
export interface WeightedTable<T> {
  readonly items: readonly T[];
  readonly cumulative: Float64Array;
  readonly total: number;
}

export function weightedTable<T>(pairs: readonly (readonly [T, number])[]): WeightedTable<T> {
  const items: T[] = [];
  const cumulative = new Float64Array(pairs.length);
  let total = 0;
  for (const [item, weight] of pairs) {
    if (!(weight >= 0)) throw new RangeError('weights must be non-negative numbers');
    total += weight;
    cumulative[items.length] = total;
    items.push(item);
  }
  if (!(total > 0)) throw new RangeError('at least one weight must be positive');
  return { items, cumulative, total };
}

/** The first index whose cumulative weight exceeds target (a binary search). */
function firstAbove(cumulative: ArrayLike<number>, target: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] as number) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Chooses from a precomputed table (binary search over the cumulative weights). */
export function pickWeighted<T>(random: Random, table: WeightedTable<T>): T {
  const target = random.next() * table.total;
  const { cumulative, items } = table;
  return items[firstAbove(cumulative, target)] as T;
}

/**
 * Chooses with a bias towards the start of the array (tables are ordered from most to least common),
 * which gives the long-tailed name frequencies real registers show. skew 1 is uniform.
 */
export function pickSkewed<T>(random: Random, items: readonly T[], skew = 1.8): T {
  if (items.length === 0) throw new RangeError('cannot pick from an empty array');
  return items[Math.floor(items.length * Math.pow(random.next(), skew))] as T;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRandom(seed: number): Random {
  if (!Number.isFinite(seed)) throw new RangeError('seed must be a finite number');
  const init = splitmix32(Math.trunc(seed) | 0);
  let a = init();
  let b = init();
  let c = init();
  let d = init();

  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm up, as recommended for sfc32.
  for (let i = 0; i < 12; i++) nextUint32();

  const next = (): number => nextUint32() / 4294967296;

  return {
    next,
    int(min: number, max: number): number {
      if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min) {
        throw new RangeError('int: min and max must be integers with min <= max');
      }
      return min + Math.floor(next() * (max - min + 1));
    },
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('cannot pick from an empty array');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted<T>(pairs: readonly (readonly [T, number])[]): T {
      let total = 0;
      for (const [, weight] of pairs) {
        if (!(weight >= 0)) throw new RangeError('weights must be non-negative numbers');
        total += weight;
      }
      if (!(total > 0)) throw new RangeError('at least one weight must be positive');
      let target = next() * total;
      for (const [item, weight] of pairs) {
        target -= weight;
        if (target < 0) return item;
      }
      // Floating-point rounding: fall back to the last item with a positive weight.
      for (let i = pairs.length - 1; i >= 0; i--) {
        const pair = pairs[i] as readonly [T, number];
        if (pair[1] > 0) return pair[0];
      }
      throw new RangeError('unreachable');
    },
    bool(p = 0.5): boolean {
      return next() < p;
    },
  };
}

const ZIPF = new WeakMap<readonly unknown[], Map<string, Float64Array>>();

/**
 * Chooses by rank from a table ordered from most to least common, with the Zipf–Mandelbrot law that
 * name frequencies follow: rank k (from 1) weighs 1 / (k + offset)^exponent. Unlike pickSkewed, the
 * share of the most common names does not shrink as a table grows (Mohammed stays Mohammed).
 */
export function pickZipf<T>(random: Random, items: readonly T[], exponent = 1, offset = 1): T {
  if (items.length === 0) throw new RangeError('cannot pick from an empty array');
  let byParams = ZIPF.get(items);
  if (!byParams) ZIPF.set(items, (byParams = new Map()));
  const key = `${exponent}|${offset}`;
  let cumulative = byParams.get(key);
  if (!cumulative) {
    cumulative = new Float64Array(items.length);
    let total = 0;
    for (let k = 0; k < items.length; k++) cumulative[k] = total += Math.pow(k + 1 + offset, -exponent);
    byParams.set(key, cumulative);
  }
  const target = random.next() * (cumulative[items.length - 1] as number);
  return items[firstAbove(cumulative, target)] as T;
}
