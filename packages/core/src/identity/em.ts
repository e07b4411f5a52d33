// Unsupervised estimation of the m probabilities by expectation–maximisation over a latent-class
// model of the candidate pairs (Winkler 1988, "Using the EM algorithm for weight computation in the
// Fellegi–Sunter model of record linkage"): each pair is a match, a pair of relatives, or unrelated;
// fields are conditionally independent given the class, and a missing field drops out of the
// likelihood. The relatives class is Winkler's (1993) third class for households: without it,
// brothers and sisters — same family and father's name, same nationality, close birth years — are
// pulled into the match class and teach it that a different given name is nothing unusual.
// Pairs are grouped by agreement pattern, so an iteration costs the number of distinct patterns.
// Weak Dirichlet priors keep rare levels off 0 and 1 and give a field never observed its prior.
import { FIELDS, LEVEL_COUNTS, orderedChains, type Field } from './fields.ts';

export const CLASSES = ['match', 'relatives', 'unrelated'] as const;

export interface EmParameters {
  /** Share of pairs in each class (CLASSES order). */
  weights: number[];
  /** Per class, field (FIELDS order) and level: P(level | class). */
  probabilities: number[][][];
}

export interface EmResult extends EmParameters {
  iterations: number;
  converged: boolean;
  /** Penalised log-likelihood after each iteration: never decreases. */
  logLikelihood: number[];
  /** Posterior probability of the match class for each pattern, in the order given. */
  posterior: Float64Array;
}

export interface EmOptions {
  maxIterations?: number;
  /** Stop when no parameter moves by more than this… */
  tolerance?: number;
  /** …or the log-likelihood gains less than this share of itself in an iteration. */
  likelihoodTolerance?: number;
  /** Pseudo-count of the priors, per class and field. */
  priorStrength?: number;
  start?: EmParameters;
  /**
   * Level probabilities held fixed: fixed[k][f], when given, for class k and field f. The unrelated
   * class's sex, nationality, documents… are better counted on random pairs than left to EM.
   */
  fixed?: (number[] | undefined)[][];
}

/** A field whose agreement is adjusted by term frequency: levels 0 … levels−1, with these bits per pattern. */
export interface TermFrequencyInput {
  readonly field: number;
  readonly levels: number;
  /** Bits of the agreeing value, per pattern. */
  readonly bits: Float64Array;
}

const F = FIELDS.length;
const K = CLASSES.length;

type Prior = Readonly<Record<Field, readonly number[]>>;

/** Priors per class, field and observable level (missing excluded), from what registrations look like. */
export const PRIORS: Readonly<Record<(typeof CLASSES)[number], Prior>> = {
  match: {
    name: [0.3, 0.3, 0.1, 0.05, 0.04, 0.08, 0.07, 0.03, 0.03],
    birthDate: [0.5, 0.03, 0.06, 0.25, 0.05, 0.05, 0.01, 0.02, 0.03],
    sex: [0.99, 0.01],
    nationality: [0.97, 0.03],
    identifier: [0.05, 0.55, 0.05, 0.35],
    phone: [0.5, 0.5],
    family: [0.6, 0.38, 0.02],
    arrival: [0.25, 0.1, 0.65],
  },
  relatives: {
    name: [0.03, 0.02, 0.02, 0.02, 0.03, 0.25, 0.1, 0.45, 0.08],
    birthDate: [0.03, 0.005, 0.03, 0.05, 0.1, 0.1, 0.1, 0.2, 0.385],
    sex: [0.5, 0.5],
    nationality: [0.97, 0.03],
    identifier: [0.0001, 0.001, 0.001, 0.998],
    phone: [0.3, 0.7],
    family: [0.8, 0.1, 0.1],
    arrival: [0.3, 0.1, 0.6],
  },
  unrelated: {
    name: [0.001, 0.002, 0.002, 0.002, 0.008, 0.005, 0.1, 0.1, 0.78],
    birthDate: [0.005, 0.002, 0.02, 0.05, 0.2, 0.05, 0.15, 0.2, 0.321],
    sex: [0.55, 0.45],
    nationality: [0.6, 0.4],
    identifier: [0.00001, 0.0001, 0.0005, 0.99939],
    phone: [0.0005, 0.9995],
    family: [0.05, 0.6, 0.35],
    arrival: [0.002, 0.03, 0.968],
  },
};

/** A class's prior as full level rows (missing = 0). */
export function priorRows(kind: (typeof CLASSES)[number]): number[][] {
  return FIELDS.map((field) => [...PRIORS[kind][field], 0]);
}

const missingLevel = (f: number) => (LEVEL_COUNTS[f] as number) - 1;

function normalise(rows: number[][]): number[][] {
  return rows.map((row, f) => {
    const total = row.slice(0, missingLevel(f)).reduce((s, v) => s + v, 0);
    return row.map((v, l) => (l === missingLevel(f) ? 0 : v / total));
  });
}

/**
 * Estimates class weights and level probabilities from agreement patterns: levels[p * F + f] is the
 * level of field f in pattern p (FIELDS order), counts[p] how many candidate pairs show it.
 */
export function estimateEm(levels: Uint8Array, counts: Float64Array, options: EmOptions = {}): EmResult {
  const patterns = counts.length;
  const maxIterations = options.maxIterations ?? 1000;
  const tolerance = options.tolerance ?? 1e-6;
  const alpha = options.priorStrength ?? 20;
  const priors = CLASSES.map(priorRows);
  let weights = options.start?.weights.slice() ?? [0.02, 0.05, 0.93];
  let probabilities = options.start?.probabilities.map((c) => c.map((row) => [...row])) ?? priors;
  const responsibility = new Float64Array(patterns * K);
  const posterior = new Float64Array(patterns);
  const history: number[] = [];
  const logs = new Float64Array(K);
  let converged = false;
  let iterations = 0;
  while (iterations < maxIterations && !converged) {
    iterations++;
    // E-step: each pattern's probability of belonging to each class.
    let logLikelihood = 0;
    for (let p = 0; p < patterns; p++) {
      let top = -Infinity;
      for (let k = 0; k < K; k++) {
        let lk = Math.log(weights[k] as number);
        const rows = probabilities[k] as number[][];
        for (let f = 0; f < F; f++) {
          const l = levels[p * F + f] as number;
          if (l !== missingLevel(f)) lk += Math.log((rows[f] as number[])[l] as number);
        }
        logs[k] = lk;
        top = Math.max(top, lk);
      }
      let sum = 0;
      for (let k = 0; k < K; k++) sum += Math.exp((logs[k] as number) - top);
      const total = top + Math.log(sum);
      for (let k = 0; k < K; k++) responsibility[p * K + k] = Math.exp((logs[k] as number) - total);
      posterior[p] = responsibility[p * K] as number;
      logLikelihood += (counts[p] as number) * total;
    }
    for (let k = 0; k < K; k++) {
      for (let f = 0; f < F; f++) {
        for (let l = 0; l < missingLevel(f); l++) {
          const prior = ((priors[k] as number[][])[f] as number[])[l] as number;
          logLikelihood +=
            alpha * prior * Math.log(((probabilities[k] as number[][])[f] as number[])[l] as number);
        }
      }
    }
    history.push(logLikelihood);
    // M-step: expected level counts per class, plus the prior pseudo-counts.
    const sums = priors.map((rows) => rows.map((row) => row.map((v) => alpha * v)));
    const mass = new Array<number>(K).fill(0);
    let all = 0;
    for (let p = 0; p < patterns; p++) {
      const c = counts[p] as number;
      all += c;
      for (let k = 0; k < K; k++) {
        const r = c * (responsibility[p * K + k] as number);
        mass[k] = (mass[k] as number) + r;
        const rows = sums[k] as number[][];
        for (let f = 0; f < F; f++) {
          const l = levels[p * F + f] as number;
          const row = rows[f] as number[];
          if (l !== missingLevel(f)) row[l] = (row[l] as number) + r;
        }
      }
    }
    const next = sums.map(normalise).map((rows, k) => rows.map((row, f) => options.fixed?.[k]?.[f] ?? row));
    const nextWeights = mass.map((m) => Math.min(1 - 1e-9, Math.max(1e-9, m / all)));
    let change = 0;
    for (let k = 0; k < K; k++) {
      change = Math.max(change, Math.abs((nextWeights[k] as number) - (weights[k] as number)));
      for (let f = 0; f < F; f++) {
        for (let l = 0; l < missingLevel(f); l++) {
          const before = ((probabilities[k] as number[][])[f] as number[])[l] as number;
          change = Math.max(
            change,
            Math.abs((((next[k] as number[][])[f] as number[])[l] as number) - before),
          );
        }
      }
    }
    [weights, probabilities] = [nextWeights, next];
    // Or when the likelihood has stopped moving: weakly told-apart classes (relatives, unrelated)
    // can drift for thousands of iterations without changing what matches look like.
    const gain = history.length > 1 ? logLikelihood - (history[history.length - 2] as number) : Infinity;
    converged = change < tolerance || gain < (options.likelihoodTolerance ?? 1e-7) * Math.abs(logLikelihood);
  }
  return { weights, probabilities, iterations, converged, logLikelihood: history, posterior };
}

/**
 * Term-frequency references (Winkler 1989): −log2 of the match-weighted mean of 2^−bits at each
 * adjusted level, what a match there usually carries; bits − reference is then log2(mean frequency /
 * this value's frequency). null where no match was seen.
 */
export function tfReferences(
  tf: TermFrequencyInput,
  levels: Uint8Array,
  counts: Float64Array,
  posterior: Float64Array,
): (number | null)[] {
  const weight = new Float64Array(tf.levels);
  const mass = new Float64Array(tf.levels);
  for (let p = 0; p < counts.length; p++) {
    const l = levels[p * F + tf.field] as number;
    if (l >= tf.levels) continue;
    const g = (counts[p] as number) * (posterior[p] as number);
    weight[l] = (weight[l] as number) + g;
    mass[l] = (mass[l] as number) + g * Math.pow(2, -(tf.bits[p] as number));
  }
  const out: (number | null)[] = Array.from({ length: LEVEL_COUNTS[tf.field] as number }, () => null);
  // Levels of one chain (ORDERED) share their reference; any other level has its own.
  const chains = orderedChains(FIELDS[tf.field] as Field).map((chain) => chain.filter((l) => l < tf.levels));
  for (let l = 0; l < tf.levels; l++) if (!chains.some((chain) => chain.includes(l))) chains.push([l]);
  for (const chain of chains) {
    const w = chain.reduce((s, l) => s + (weight[l] as number), 0);
    const m = chain.reduce((s, l) => s + (mass[l] as number), 0);
    if (w > 0.5 && m > 0) for (const l of chain) out[l] = -Math.log2(m / w);
  }
  return out;
}
