// Measuring linkage on registrations whose true identities are known (demo/duplicates.ts): pairwise
// precision, recall and F1 at `certain` and at `probable` (a pair counts as linked at probable when
// graded certain or probable). Recall counts every true pair, so pairs blocking never brought together
// are misses. Also the thresholds that maximise F1 at probable on such data (calibrateThresholds).
import type { Patient } from '@medplum/fhirtypes';
import { candidatePairs, DEFAULT_BLOCKING, type BlockingScheme } from './blocking.ts';
import { compareInto } from './compare.ts';
import type { RecordFeatures } from './features.ts';
import { FIELD_INDEX, FIELDS, LEVELS } from './fields.ts';
import { compileModel, type LinkageModel, type Matcher, type Thresholds } from './model.ts';

/** A record with its true identity. */
export interface LabelledRecord {
  readonly personId: string;
  readonly patient: Patient;
}

export interface LinkageMetrics {
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface LinkageEvaluation {
  records: number;
  /** Pairs of records of the same person. */
  truePairs: number;
  /** Candidate pairs blocking produced, each scored once. */
  pairsCompared: number;
  /** Share of true pairs among the candidate pairs: the best recall any threshold could reach. */
  blockingRecall: number;
  certain: LinkageMetrics;
  probable: LinkageMetrics;
  /**
   * Pairs of different people that agree exactly on name, birth date (the same day, or the same year
   * when neither is a real day), sex and nationality, with no document or phone number to tell them
   * apart: no weighting of these fields can separate them. How many reach `possible`, and how many of
   * the false positives at `probable` they are.
   */
  indistinguishable: { atPossible: number; falsePositivesAtProbable: number };
  timings: { featuresMs: number; blockingMs: number; scoringMs: number; microsecondsPerPair: number };
}

interface ScoredPairs {
  /** Posterior log-odds of each candidate pair. */
  weights: Float64Array;
  isMatch: Uint8Array;
  shared: Uint8Array;
  /** Pairs whose grade may be certain: more than names and a birth year agree (gradeOf). */
  beyond: Uint8Array;
  /** Non-matches at `possible` or above that nothing here tells apart (see indistinguishable). */
  indistinguishable: Uint8Array;
  truePairs: number;
  timings: LinkageEvaluation['timings'];
}

function truePairCount(records: readonly LabelledRecord[]): number {
  const sizes = new Map<string, number>();
  for (const r of records) sizes.set(r.personId, (sizes.get(r.personId) ?? 0) + 1);
  let pairs = 0;
  for (const n of sizes.values()) pairs += (n * (n - 1)) / 2;
  return pairs;
}

function scorePairs(
  records: readonly LabelledRecord[],
  matcher: Matcher,
  blocking: BlockingScheme,
): ScoredPairs {
  const t0 = performance.now();
  const features: RecordFeatures[] = records.map((r) => matcher.prepare(r.patient));
  const t1 = performance.now();
  const pairs = candidatePairs(features, blocking);
  const t2 = performance.now();
  const n = pairs.length / 2;
  const weights = new Float64Array(n);
  const isMatch = new Uint8Array(n);
  const shared = new Uint8Array(n);
  const beyond = new Uint8Array(n);
  const indistinguishable = new Uint8Array(n);
  const levels = new Uint8Array(FIELDS.length);
  const bits = new Float64Array(FIELDS.length);
  for (let k = 0; k < n; k++) {
    const i = pairs[2 * k] as number;
    const j = pairs[2 * k + 1] as number;
    const a = features[i] as RecordFeatures;
    const b = features[j] as RecordFeatures;
    const score = matcher.score(a, b);
    weights[k] = score.logOdds;
    shared[k] = score.sharedIdentifier ? 1 : 0;
    beyond[k] = score.grade === 'certain' || score.logOdds < matcher.model.thresholds.certain ? 1 : 0;
    isMatch[k] = (records[i] as LabelledRecord).personId === (records[j] as LabelledRecord).personId ? 1 : 0;
    if (!isMatch[k] && score.logOdds >= matcher.model.thresholds.possible) {
      compareInto(a, b, levels, bits);
      indistinguishable[k] = INDISTINGUISHABLE.every(([f, allowed]) => allowed.includes(levels[f] as number))
        ? 1
        : 0;
    }
  }
  const t3 = performance.now();
  const timings = {
    featuresMs: t1 - t0,
    blockingMs: t2 - t1,
    scoringMs: t3 - t2,
    microsecondsPerPair: n > 0 ? ((t3 - t2) * 1000) / n : 0,
  };
  return { weights, isMatch, shared, beyond, indistinguishable, truePairs: truePairCount(records), timings };
}

const level = (field: (typeof FIELDS)[number], name: string) =>
  (LEVELS[field] as readonly string[]).indexOf(name);
/** Per field, the levels at which two different people cannot be told apart by that field. */
const INDISTINGUISHABLE: readonly (readonly [number, readonly number[]])[] = [
  [FIELD_INDEX.name, [level('name', 'exact'), level('name', 'single')]],
  [FIELD_INDEX.birthDate, [level('birthDate', 'exact'), level('birthDate', 'year')]],
  [FIELD_INDEX.sex, [level('sex', 'agree')]],
  [FIELD_INDEX.nationality, [level('nationality', 'agree')]],
  [FIELD_INDEX.identifier, [level('identifier', 'missing')]],
  [FIELD_INDEX.phone, [level('phone', 'missing')]],
];

function metrics(tp: number, fp: number, truePairs: number): LinkageMetrics {
  const precision = tp + fp > 0 ? tp / (tp + fp) : 1;
  const recall = truePairs > 0 ? tp / truePairs : 1;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, truePositives: tp, falsePositives: fp, falseNegatives: truePairs - tp };
}

/** Pairs linked at a threshold; at `certain`, only those gradeOf lets be certain. */
function metricsAt(scored: ScoredPairs, threshold: number, certain = false): LinkageMetrics {
  let tp = 0;
  let fp = 0;
  scored.weights.forEach((w, k) => {
    if (!scored.shared[k] && (w < threshold || (certain && !scored.beyond[k]))) return;
    if (scored.isMatch[k]) tp++;
    else fp++;
  });
  return metrics(tp, fp, scored.truePairs);
}

/** Scores every candidate pair of labelled records and measures the model's grades against the truth. */
export function evaluateLinkage(
  records: readonly LabelledRecord[],
  model: LinkageModel,
  blocking: BlockingScheme = DEFAULT_BLOCKING,
): LinkageEvaluation {
  const scored = scorePairs(records, compileModel(model, { registerSize: records.length }), blocking);
  const blocked = scored.isMatch.reduce((s, v) => s + v, 0);
  return {
    records: records.length,
    truePairs: scored.truePairs,
    pairsCompared: scored.weights.length,
    blockingRecall: scored.truePairs > 0 ? blocked / scored.truePairs : 1,
    certain: metricsAt(scored, model.thresholds.certain, true),
    probable: metricsAt(scored, model.thresholds.probable),
    indistinguishable: {
      atPossible: scored.indistinguishable.reduce((s, v) => s + v, 0),
      falsePositivesAtProbable: scored.indistinguishable.reduce(
        (s, v, k) =>
          s + (v && !scored.shared[k] && (scored.weights[k] as number) >= model.thresholds.probable ? 1 : 0),
        0,
      ),
    },
    timings: scored.timings,
  };
}

const round = (bits: number) => Math.round(bits * 10) / 10;

/**
 * Thresholds from labelled records: `probable` where F1 is highest; `certain` the lowest weight above
 * which precision stays at least `certainPrecision`; `possible` the lowest weight above which every
 * one-bit band still holds at least `possibleShare` true matches (worth a reviewer's look).
 */
export function calibrateThresholds(
  records: readonly LabelledRecord[],
  model: LinkageModel,
  options: { blocking?: BlockingScheme; certainPrecision?: number; possibleShare?: number } = {},
): Thresholds {
  const matcher = compileModel(model, { registerSize: records.length });
  const scored = scorePairs(records, matcher, options.blocking ?? DEFAULT_BLOCKING);
  const order = [...scored.weights.keys()].sort(
    (a, b) => (scored.weights[b] as number) - (scored.weights[a] as number),
  );
  let tp = 0;
  let fp = 0;
  // Pairs sharing an identifier are linked whatever the threshold.
  scored.shared.forEach((s, k) => {
    if (s && scored.isMatch[k]) tp++;
    else if (s) fp++;
  });
  let bestF1 = -1;
  let probable = Infinity;
  let certain = Infinity;
  const target = options.certainPrecision ?? 0.998;
  order.forEach((k, rank) => {
    if (scored.shared[k]) return;
    if (scored.isMatch[k]) tp++;
    else fp++;
    const w = scored.weights[k] as number;
    const next = order[rank + 1];
    // Only between distinct weights can a threshold separate pairs.
    if (next !== undefined && scored.weights[next] === w) return;
    const below = next === undefined ? w - 1 : (scored.weights[next] as number);
    const cut = (w + below) / 2;
    const { f1, precision } = metrics(tp, fp, scored.truePairs);
    if (f1 > bestF1) [bestF1, probable] = [f1, cut];
    if (precision >= target) certain = cut;
  });
  // Bands of one bit, from the top down, until one holds too few true matches.
  const bands = new Map<number, [number, number]>();
  scored.weights.forEach((w, k) => {
    const band = Math.floor(w);
    const [t, all] = bands.get(band) ?? [0, 0];
    bands.set(band, [t + (scored.isMatch[k] as number), all + 1]);
  });
  let possible = probable;
  for (const band of [...bands.keys()].sort((a, b) => b - a)) {
    if (band >= probable) continue;
    const [t, all] = bands.get(band) as [number, number];
    if (t / all < (options.possibleShare ?? 0.1)) break;
    possible = band;
  }
  return {
    certain: round(Math.max(certain, probable)),
    probable: round(probable),
    possible: round(Math.min(possible, probable)),
  };
}
