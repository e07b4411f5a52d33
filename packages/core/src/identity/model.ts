// The Fellegi–Sunter linkage model (Fellegi & Sunter 1969, "A theory for record linkage", JASA 64):
// for each field and agreement level, m = P(level | same person) and u = P(level | different people);
// a pair's weight is the sum over fields of log2(m/u), adjusted by term frequency (Winkler 1989), and
// its match probability follows from the weight and the prior chance that two records of a register
// of that size are the same person. m comes from EM on candidate pairs, u from random pairs (train.ts).
// The model is plain JSON so the server can store it, and every weight can be explained field by field.
import type { Patient } from '@medplum/fhirtypes';
import { compareInto } from './compare.ts';
import { extractFeatures, type RecordFeatures } from './features.ts';
import { FIELD_INDEX, FIELDS, LEVEL_COUNTS, LEVELS, isMissing, orderedChains, type Field } from './fields.ts';
import { applyFrequencies, type Frequencies } from './frequencies.ts';

export type MatchGrade = 'certain' | 'probable' | 'possible' | 'certainly-not';

/**
 * Posterior log-odds (bits: weight + prior log-odds) from which a pair is graded. The prior falls as
 * the register grows, so the same threshold asks for more evidence where there are more look-alikes.
 */
export interface Thresholds {
  certain: number;
  probable: number;
  possible: number;
}

/** Term-frequency adjustment of one field: bits of the agreeing value minus the level's reference. */
export interface TermFrequency {
  /** Per level: reference information (bits) of a true match at that level; null: no adjustment. */
  reference: (number | null)[];
  /** Share of the difference applied; under 1 where values are correlated (given and family names). */
  scale: number;
  /** Largest adjustment either way, in bits. */
  cap: number;
}

export interface LinkageModel {
  version: 1;
  /** Other registrations of the same person per record, on average (from EM). */
  matchesPerRecord: number;
  /** Records in the training register: the register size priors assume unless told otherwise. */
  registerSize: number;
  /** m and u probabilities per field (FIELDS order) and level (LEVELS order). */
  m: Record<Field, number[]>;
  u: Record<Field, number[]>;
  termFrequency: Partial<Record<Field, TermFrequency>>;
  thresholds: Thresholds;
  frequencies: Frequencies;
  /** How it was trained, for the record. */
  training?: {
    records: number;
    pairs: number;
    iterations: number;
    converged: boolean;
    /** false when EM's match class did not look like matches and the starting model was kept. */
    settled: boolean;
    logLikelihood: number;
  };
}

export interface PairScore {
  /** Sum of the fields' log2(m/u), term-frequency adjusted. */
  weight: number;
  /** weight + prior log-odds (bits): what the grade is read from. */
  logOdds: number;
  /** Match probability, 1 / (1 + 2^−logOdds). */
  probability: number;
  grade: MatchGrade;
  /**
   * The same Passage identifier; or the same document number from the same issuer with no name, birth
   * date or sex contradicting it (children travel on a parent's passport).
   */
  sharedIdentifier: boolean;
}

/** A compiled model: features prepared once per record, then pairs scored in microseconds. */
export interface Matcher {
  readonly model: LinkageModel;
  /** Prior log-odds (bits) that two records of the register are the same person. */
  readonly priorBits: number;
  /** Features of a Patient with the register's term frequencies applied. */
  prepare(patient: Patient): RecordFeatures;
  /** Re-applies this model's term frequencies to features extracted elsewhere. */
  adopt(features: RecordFeatures): RecordFeatures;
  /** The total weight only: the fast path for ranking. */
  weight(a: RecordFeatures, b: RecordFeatures): number;
  score(a: RecordFeatures, b: RecordFeatures): PairScore;
  /** Weight of a field at a level with the given bits of agreeing information. */
  fieldWeight(field: number, level: number, bits: number): { levelWeight: number; tfAdjustment: number };
}

const F = FIELDS.length;
const IDENTIFIER = FIELD_INDEX.identifier;
const BIRTH = FIELD_INDEX.birthDate;
const PHONE = FIELD_INDEX.phone;
const SWAPPED = LEVELS.birthDate.indexOf('swapped');
const SAME_NUMBER = LEVELS.identifier.indexOf('same-number');
const CONTRADICTING: readonly (readonly [number, number])[] = [
  [FIELD_INDEX.name, LEVELS.name.indexOf('disagree')],
  [FIELD_INDEX.birthDate, LEVELS.birthDate.indexOf('disagree')],
  [FIELD_INDEX.sex, LEVELS.sex.indexOf('disagree')],
];

export function log2Ratio(m: number, u: number): number {
  return Math.log2(Math.max(m, 1e-9) / Math.max(u, 1e-9));
}

/**
 * A pair's grade: a shared identifier is certain; otherwise the posterior log-odds decide, and
 * `certain` (FHIR: a full match without review) also needs evidence beyond names and a birth year —
 * the same birth day, a document or a phone number: however rare a name looks in the register, a
 * name and a year are what look-alikes share.
 */
export function gradeOf(
  logOdds: number,
  sharedIdentifier: boolean,
  thresholds: Thresholds,
  beyondNameAndYear = true,
): MatchGrade {
  if (sharedIdentifier || (logOdds >= thresholds.certain && beyondNameAndYear)) return 'certain';
  if (logOdds >= thresholds.probable) return 'probable';
  return logOdds >= thresholds.possible ? 'possible' : 'certainly-not';
}

/** Prior log-odds that two given records of a register of this size are the same person. */
export function priorLogOdds(model: LinkageModel, registerSize = model.registerSize): number {
  const p = Math.min(0.5, model.matchesPerRecord / Math.max(1, registerSize - 1));
  return Math.log2(p / (1 - p));
}

/**
 * Compiles a model for scoring. registerSize: records the query is matched against (default: the
 * training register's size); it sets the prior, so grades keep their precision as a register grows.
 */
export function compileModel(model: LinkageModel, options: { registerSize?: number } = {}): Matcher {
  const offsets = LEVEL_COUNTS.map((_, f) => LEVEL_COUNTS.slice(0, f).reduce((s, n) => s + n, 0));
  const table = new Float64Array(LEVEL_COUNTS.reduce((s, n) => s + n, 0));
  const reference = new Float64Array(table.length).fill(NaN);
  const scale = new Float64Array(F);
  const cap = new Float64Array(F);
  FIELDS.forEach((field, f) => {
    const tf = model.termFrequency[field];
    if (tf) [scale[f], cap[f]] = [tf.scale, tf.cap];
    for (let l = 0; l < (LEVEL_COUNTS[f] as number); l++) {
      const at = (offsets[f] as number) + l;
      table[at] = isMissing(f, l) ? 0 : log2Ratio(model.m[field][l] as number, model.u[field][l] as number);
      const r = tf?.reference[l];
      if (r !== null && r !== undefined) reference[at] = r;
    }
  });
  FIELDS.forEach((field, f) => {
    for (const chain of orderedChains(field))
      monotone(table, offsets[f] as number, chain, model.m[field], model.u[field]);
  });
  const priorBits = priorLogOdds(model, options.registerSize);
  const levels = new Uint8Array(F);
  const bits = new Float64Array(F);

  /**
   * The term-frequency adjustment of field f at level l for an agreeing value of b bits: capped, and
   * never taking an agreement below nothing (agreeing on what everyone has tells little, not against).
   */
  const adjustment = (f: number, at: number, b: number): number => {
    const r = reference[at] as number;
    if (Number.isNaN(r)) return 0;
    const c = cap[f] as number;
    const adjusted = Math.max(-c, Math.min(c, (scale[f] as number) * (b - r)));
    const level = table[at] as number;
    return level > 0 ? Math.max(adjusted, -level) : adjusted;
  };
  const fieldWeight = (f: number, l: number, b: number) => {
    const at = (offsets[f] as number) + l;
    return { levelWeight: table[at] as number, tfAdjustment: adjustment(f, at, b) };
  };
  const total = (): number => {
    let w = 0;
    for (let f = 0; f < F; f++) {
      const at = (offsets[f] as number) + (levels[f] as number);
      w += (table[at] as number) + adjustment(f, at, bits[f] as number);
    }
    return w;
  };
  /** The same birth day (or day and month swapped), a document or a phone number agree. */
  const beyondNameAndYear = (): boolean =>
    (levels[BIRTH] as number) <= SWAPPED ||
    (levels[IDENTIFIER] as number) <= SAME_NUMBER ||
    levels[PHONE] === 0;
  const sharedIdentifier = (): boolean =>
    levels[IDENTIFIER] === 0 ||
    (levels[IDENTIFIER] === 1 && CONTRADICTING.every(([f, l]) => levels[f] !== l));

  const adopt = (features: RecordFeatures) => {
    applyFrequencies(features, model.frequencies);
    return features;
  };
  return {
    model,
    priorBits,
    prepare: (patient) => adopt(extractFeatures(patient)),
    adopt,
    weight(a, b) {
      compareInto(a, b, levels, bits);
      return total();
    },
    score(a, b) {
      compareInto(a, b, levels, bits);
      const weight = total();
      const logOdds = weight + priorBits;
      const shared = sharedIdentifier();
      const probability = 1 / (1 + Math.pow(2, -logOdds));
      return {
        weight,
        logOdds,
        probability,
        grade: gradeOf(logOdds, shared, model.thresholds, beyondNameAndYear()),
        sharedIdentifier: shared,
      };
    },
    fieldWeight,
  };
}

/**
 * Pool-adjacent-violators along a chain of levels (strongest first): where a weaker level would weigh
 * more than a stronger one, both take the weight of their pooled m and u.
 */
function monotone(
  table: Float64Array,
  offset: number,
  chain: readonly number[],
  m: readonly number[],
  u: readonly number[],
): void {
  const blocks: { levels: number[]; m: number; u: number }[] = [];
  for (const l of chain) {
    blocks.push({ levels: [l], m: m[l] as number, u: u[l] as number });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1] as (typeof blocks)[number];
      const before = blocks[blocks.length - 2] as (typeof blocks)[number];
      if (log2Ratio(before.m, before.u) >= log2Ratio(last.m, last.u)) break;
      blocks.splice(-2, 2, {
        levels: [...before.levels, ...last.levels],
        m: before.m + last.m,
        u: before.u + last.u,
      });
    }
  }
  for (const block of blocks) for (const l of block.levels) table[offset + l] = log2Ratio(block.m, block.u);
}

function isProbabilities(values: unknown, length: number): values is number[] {
  return (
    Array.isArray(values) &&
    values.length === length &&
    values.every((v) => typeof v === 'number' && v >= 0 && v <= 1)
  );
}

/** Reads a stored model (JSON text or parsed), checking its shape; throws on anything malformed. */
export function loadModel(json: string | unknown): LinkageModel {
  const model = (typeof json === 'string' ? JSON.parse(json) : json) as LinkageModel;
  const ok =
    model !== null &&
    typeof model === 'object' &&
    model.version === 1 &&
    typeof model.matchesPerRecord === 'number' &&
    model.matchesPerRecord > 0 &&
    typeof model.registerSize === 'number' &&
    FIELDS.every((field, f) => isProbabilities(model.m?.[field], LEVEL_COUNTS[f] as number)) &&
    FIELDS.every((field, f) => isProbabilities(model.u?.[field], LEVEL_COUNTS[f] as number)) &&
    ['certain', 'probable', 'possible'].every(
      (k) => typeof model.thresholds?.[k as keyof Thresholds] === 'number',
    ) &&
    typeof model.frequencies?.records === 'number' &&
    typeof model.termFrequency === 'object';
  if (!ok) throw new Error('not a Passage linkage model (version 1)');
  return model;
}

/** The model as JSON text, for storage. */
export function serializeModel(model: LinkageModel): string {
  return JSON.stringify(model);
}
