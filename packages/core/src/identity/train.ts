// Training a linkage model on a register, without labels (Winkler 1988, 2000):
// - term frequencies counted on the records;
// - m, and how many matches there are, by EM on the candidate pairs of the year-keyed blocks. Nearly
//   every true pair is in those blocks, so what matches look like there is what they look like;
// - u from random pairs of records (nearly all non-matches). EM's own u describes pairs inside blocks,
//   which agree on a name part and a birth year by construction; scoring pairs however they were found
//   needs u for pairs in general (as in Splink);
// - for term-frequency adjustment, the reference information of each level, from the pairs EM
//   believes are matches.
// Thresholds are not learned here (there is no truth): they come from calibration on synthetic
// registrations with known identities (evaluate.ts) or are kept from a previous model.
import type { Patient } from '@medplum/fhirtypes';
import { candidatePairs, TRAINING_BLOCKING, type BlockingScheme } from './blocking.ts';
import { compareInto } from './compare.ts';
import {
  estimateEm,
  priorRows,
  tfReferences,
  type EmOptions,
  type EmParameters,
  type EmResult,
} from './em.ts';
import { extractFeatures, type RecordFeatures } from './features.ts';
import type { NameUnit } from './name-units.ts';
import { FIELD_INDEX, FIELDS, LEVEL_COUNTS, LEVELS } from './fields.ts';
import { applyFrequencies, countFrequencies } from './frequencies.ts';
import { defaultModel } from './default-model.ts';
import type { LinkageModel, TermFrequency, Thresholds } from './model.ts';

export interface TrainOptions {
  /** Blocks EM learns from; default TRAINING_BLOCKING. */
  blocking?: BlockingScheme;
  /** Most candidate pairs EM looks at; a regular sample of them beyond that. Default 2,000,000. */
  maxPairs?: number;
  /** Random pairs u is counted on; default 50 per record, at most 1,000,000. */
  randomPairs?: number;
  seed?: number;
  /** Default: the default model's, calibrated on generated registrations (reference-model.ts). */
  thresholds?: Thresholds;
  /** Where EM starts: a model (default: the default model) or the priors alone. */
  start?: LinkageModel | 'priors';
  em?: EmOptions;
}

const F = FIELDS.length;
/**
 * Fields EM does not see. Given names are male or female and name families follow nationality, so
 * among unrelated pairs that share a name sex and nationality agree far more often than chance; EM,
 * which assumes fields independent within a class, then invents a class for it and calls it the
 * matches (it did, on 44,000 records). Their m is known well enough: a person's sex and nationality
 * rarely change between registrations (PRIORS.match).
 */
const NOT_IN_EM = [FIELD_INDEX.sex, FIELD_INDEX.nationality];

function bump(row: number[], index: number, by: number): void {
  row[index] = (row[index] as number) + by;
}
/**
 * Fields whose agreement is adjusted by the frequency of the agreeing value, and how: the first
 * `levels` levels are adjusted. For names only those where the whole shorter name agrees — when the
 * given names differ, a rare family name shared is what brothers and sisters share.
 */
const TERM_FREQUENCY = [
  { field: FIELD_INDEX.name, levels: 5, scale: 0.8, cap: 10 },
  { field: FIELD_INDEX.birthDate, levels: 5, scale: 0.8, cap: 6 },
  { field: FIELD_INDEX.nationality, levels: 1, scale: 0.8, cap: 4 },
] as const;

/** Features of every record with the register's term frequencies applied. */
export function prepareRegister(patients: readonly Patient[]): {
  features: RecordFeatures[];
  frequencies: ReturnType<typeof countFrequencies>;
} {
  const features = patients.map(extractFeatures);
  const frequencies = countFrequencies(features);
  for (const f of features) applyFrequencies(f, frequencies);
  return { features, frequencies };
}

/**
 * EM's starting point: few matches and relatives; the unrelated class from how often each level
 * occurs among all candidate pairs (nearly all of them unrelated); the others from their priors.
 * Started there, EM finds the match class rather than some other split of the pairs (Winkler 1988).
 */
function startingPoint(
  levels: Uint8Array,
  counts: readonly number[],
  matchShare: number,
  match: number[][],
): EmParameters {
  const u = FIELDS.map((_, f) => new Array<number>(LEVEL_COUNTS[f] as number).fill(1));
  counts.forEach((c, p) => {
    for (let f = 0; f < F; f++) bump(u[f] as number[], levels[p * F + f] as number, c);
  });
  const unrelated = u.map((row, f) => {
    const observed = row.slice(0, -1).reduce((s, v) => s + v, 0);
    return row.map((v, l) => (l === (LEVEL_COUNTS[f] as number) - 1 ? 0 : v / observed));
  });
  const relatives = Math.min(0.2, 2 * matchShare);
  return {
    weights: [matchShare, relatives, 1 - matchShare - relatives],
    probabilities: [match, priorRows('relatives'), unrelated],
  };
}

/** Whether EM's match class looks like matches: about as many as expected, agreeing on names. */
function plausible(em: EmResult, expectedShare: number): boolean {
  const share = em.weights[0] as number;
  const names = (em.probabilities[0] as number[][])[FIELD_INDEX.name] as number[];
  const agreeing = LEVELS.name.slice(0, 5).reduce((s, _, l) => s + (names[l] as number), 0);
  return share < 5 * expectedShare && share > expectedShare / 5 && agreeing > 0.6;
}

/**
 * u per field and level, with the priors as pseudo-counts. Name and birth date from random pairs of
 * records. The other fields from random pairs that share a name part (and were born three or more
 * years apart, so as not to be the same person): given that names agree, a shared nationality or sex
 * says much less (an Afghan Hamid is usually an Afghan man), and the pairs scored nearly always
 * share a name part — counting both at face value would count one fact twice.
 */
export function estimateU(features: readonly RecordFeatures[], pairs: number, seed = 1): number[][] {
  const counts = priorRows('unrelated').map((row) => row.map((v) => 20 * v));
  const n = features.length;
  let state = seed >>> 0 || 1;
  const next = (below: number) => {
    // xorshift32: reproducible, and good enough to draw record indexes.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % below;
  };
  const byName = new Map<string, number[]>();
  features.forEach((f, i) => {
    for (const key of new Set(f.names.map((u) => u.tfKey))) {
      const list = byName.get(key);
      if (list) list.push(i);
      else byName.set(key, [i]);
    }
  });
  const levels = new Uint8Array(F);
  const bits = new Float64Array(F);
  const count = (i: number, j: number, fields: readonly number[]) => {
    if (i === j) return;
    compareInto(features[i] as RecordFeatures, features[j] as RecordFeatures, levels, bits);
    for (const f of fields) bump(counts[f] as number[], levels[f] as number, 1);
  };
  const independent = [FIELD_INDEX.name, FIELD_INDEX.birthDate];
  const conditional = FIELDS.map((_, f) => f).filter((f) => !independent.includes(f));
  // Records sharing a name part are often the same person; birth years three or more apart are not.
  const apart = (i: number, j: number) => {
    const [x, y] = [(features[i] as RecordFeatures).birth, (features[j] as RecordFeatures).birth];
    return x !== undefined && y !== undefined && Math.abs(x.year - y.year) >= 3;
  };
  for (let k = 0; n >= 2 && k < pairs; k++) {
    count(next(n), next(n), independent);
    const i = next(n);
    const units = (features[i] as RecordFeatures).names;
    const same = units.length > 0 ? byName.get((units[next(units.length)] as NameUnit).tfKey) : undefined;
    if (!same || same.length < 2) continue;
    for (let tries = 0; tries < 4; tries++) {
      const j = same[next(same.length)] as number;
      if (!apart(i, j)) continue;
      count(i, j, conditional);
      break;
    }
  }
  return counts.map((row, f) => {
    const missing = (LEVEL_COUNTS[f] as number) - 1;
    const total = row.slice(0, missing).reduce((s, v) => s + v, 0);
    return row.map((v, l) => (l === missing ? 0 : v / total));
  });
}

export function trainModel(patients: readonly Patient[], options: TrainOptions = {}): LinkageModel {
  const { features, frequencies } = prepareRegister(patients);
  return trainOnFeatures(features, frequencies, options);
}

/** trainModel on records already prepared (prepareRegister), e.g. to evaluate on the same features. */
export function trainOnFeatures(
  features: readonly RecordFeatures[],
  frequencies: ReturnType<typeof countFrequencies>,
  options: TrainOptions = {},
): LinkageModel {
  const pairs = candidatePairs(features, options.blocking ?? TRAINING_BLOCKING);
  const total = pairs.length / 2;
  const step = Math.max(1, Math.ceil(total / (options.maxPairs ?? 2_000_000)));
  // Group pairs by agreement pattern and the information (whole bits) of what agreed.
  const levels = new Uint8Array(F);
  const bits = new Float64Array(F);
  const index = new Map<string, number>();
  const patternLevels: number[] = [];
  const patternBits: number[][] = TERM_FREQUENCY.map(() => []);
  const counts: number[] = [];
  for (let k = 0; k < total; k += step) {
    compareInto(
      features[pairs[2 * k] as number] as RecordFeatures,
      features[pairs[2 * k + 1] as number] as RecordFeatures,
      levels,
      bits,
    );
    const rounded = TERM_FREQUENCY.map((tf) =>
      (levels[tf.field] as number) < tf.levels ? Math.round(bits[tf.field] as number) : 0,
    );
    const key = `${levels.join('')}|${rounded.join('|')}`;
    let p = index.get(key);
    if (p === undefined) {
      p = counts.length;
      index.set(key, p);
      patternLevels.push(...levels);
      rounded.forEach((b, t) => (patternBits[t] as number[]).push(b));
      counts.push(0);
    }
    counts[p] = (counts[p] as number) + 1;
  }
  // EM starts from a model believed right (the default one, unless told otherwise): on a large
  // register matches are a tiny share of candidate pairs, and from a vague start EM can settle on
  // some other structure among non-matches (it did on 147,000 records: common-name namesakes). If it
  // still does, the starting model is returned as it was, and the training record says so.
  const startModel = options.start === 'priors' ? undefined : (options.start ?? defaultModel());
  const startMatch = startModel ? FIELDS.map((field) => [...startModel.m[field]]) : priorRows('match');
  const expectedShare = Math.min(
    0.2,
    ((startModel?.matchesPerRecord ?? 0.5) * features.length) / 2 / Math.max(1, total),
  );
  // EM sees the patterns without sex and nationality; the term-frequency pass below sees them whole.
  const patterns = Uint8Array.from(patternLevels, (l, i) =>
    NOT_IN_EM.includes(i % F) ? (LEVEL_COUNTS[i % F] as number) - 1 : l,
  );
  const em = estimateEm(patterns, new Float64Array(counts), {
    start: startingPoint(patterns, counts, expectedShare, startMatch),
    ...options.em,
  });
  const settled = plausible(em, expectedShare);
  const thresholds = { ...(options.thresholds ?? defaultModel().thresholds) };
  const training = {
    records: features.length,
    pairs: total,
    iterations: em.iterations,
    converged: em.converged,
    settled,
    logLikelihood: em.logLikelihood[em.logLikelihood.length - 1] ?? 0,
  };
  // Kept whole: its u and frequencies go with its m and with the thresholds calibrated for it (mixing
  // them with this register's did worse on generated data).
  if (!settled && startModel) return { ...startModel, registerSize: features.length, thresholds, training };
  const levelsOf = new Uint8Array(patternLevels);
  // Reference information of a match at each level, from the pairs EM takes for matches: −log2 of the
  // posterior-weighted mean of 2^−bits, so that bits − reference is Winkler's log(mean frequency /
  // value frequency). (Frequencies inside EM as well did no better on generated registers.)
  const termFrequency: LinkageModel['termFrequency'] = {};
  TERM_FREQUENCY.forEach((tf, t) => {
    const patternTf = { ...tf, bits: Float64Array.from(patternBits[t] as number[]) };
    const reference = tfReferences(patternTf, levelsOf, new Float64Array(counts), em.posterior);
    termFrequency[FIELDS[tf.field] as keyof typeof LEVELS] = {
      reference,
      scale: tf.scale,
      cap: tf.cap,
    } satisfies TermFrequency;
  });

  const randomPairs = options.randomPairs ?? Math.min(1_000_000, 50 * features.length);
  const u = estimateU(features, randomPairs, options.seed);
  const table = (rows: number[][]) =>
    Object.fromEntries(FIELDS.map((field, f) => [field, rows[f] as number[]])) as LinkageModel['m'];
  return {
    version: 1,
    // Each match is a pair: two records that each have one more registration.
    matchesPerRecord: Math.max(1e-6, (2 * (em.weights[0] as number) * total) / Math.max(1, features.length)),
    registerSize: features.length,
    m: table(em.probabilities[0] as number[][]),
    u: table(u),
    termFrequency,
    thresholds,
    frequencies,
    training,
  };
}
