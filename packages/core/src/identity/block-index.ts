// Candidate pairs of a whole register at once: every record's window keys (blocking.ts,
// forEachWindowKey) grouped into blocks in an open-addressing hash table over typed arrays, then
// every pair inside a block that is not crowded. No record looks anything up: two records are a
// pair when they share a block, so several threads can each take their share of the pairs (by the
// smaller record) from the same blocks without finding any pair twice. Typed arrays keep a million
// records' ~60 million keys out of the JavaScript heap and the work linear.
import {
  DEFAULT_BLOCKING,
  forEachWindowKey,
  KIND_CODE,
  KINDS,
  keyPlan,
  type BlockingScheme,
  type KeyKind,
  type KeyPlan,
} from './blocking.ts';
import type { RecordFeatures } from './features.ts';

const EMPTY = -1;
const TWO_32 = 0x1_0000_0000;
/** Records (or blocks) handled between two steps of the generators below. */
const STEP = 2000;

/** The pairs whose smaller record, modulo count, is index: one thread's share of a register. */
export interface Partition {
  readonly index: number;
  readonly count: number;
}

/** Kinds whose blocks span two birth years: twice a look-up block's records. */
const WINDOWED: ReadonlySet<KeyKind> = new Set(['u', 'q']);

/** A growable Uint32Array. */
class U32List {
  data = new Uint32Array(1 << 16);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

/** Blocks: per hash slot, its kind, first member and size; members grouped by block. */
interface Blocks {
  kind: Uint8Array;
  start: Uint32Array;
  size: Uint32Array;
  members: Uint32Array;
}

function* buildBlocks(plans: readonly KeyPlan[], scheme: BlockingScheme): Generator<void, Blocks, void> {
  let entries = 0;
  for (const plan of plans) forEachWindowKey(plan, scheme, () => entries++);
  let capacity = 1 << 10;
  while (capacity < entries * 1.2) capacity *= 2;
  const mask = capacity - 1;
  let keys: Float64Array | undefined = new Float64Array(capacity).fill(EMPTY);
  const kind = new Uint8Array(capacity);
  const size = new Uint32Array(capacity);
  const slots = new Uint32Array(entries);
  const owners = new Uint32Array(entries);
  let e = 0;
  for (let owner = 0; owner < plans.length; owner++) {
    forEachWindowKey(plans[owner] as KeyPlan, scheme, (key, k) => {
      const table = keys as Float64Array;
      let s = (key % TWO_32) & mask;
      for (;;) {
        const found = table[s] as number;
        if (found === key) break;
        if (found === EMPTY) {
          table[s] = key;
          kind[s] = KIND_CODE[k];
          break;
        }
        s = (s + 1) & mask;
      }
      (size[s] as number)++;
      slots[e] = s;
      owners[e++] = owner;
    });
    if (owner % STEP === STEP - 1) yield;
  }
  keys = undefined; // blocks are known by slot from here on
  const start = new Uint32Array(capacity);
  let offset = 0;
  for (let s = 0; s < capacity; s++) {
    start[s] = offset;
    offset += size[s] as number;
  }
  yield;
  const placed = start.slice();
  const members = new Uint32Array(entries);
  for (let k = 0; k < entries; k++) members[(placed[slots[k] as number] as number)++] = owners[k] as number;
  return { kind, start, size, members };
}

/**
 * Every candidate pair of a batch of records, each once, as a flat array [i0, j0, i1, j1, …] with
 * i < j, ordered by i then j. With a partition, only the pairs whose i is in that share.
 */
export function candidatePairs(
  records: readonly RecordFeatures[],
  scheme: BlockingScheme = DEFAULT_BLOCKING,
  partition?: Partition,
): Uint32Array {
  const steps = candidatePairSteps(records, scheme, partition);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * candidatePairs in steps: the generator yields every few thousand records or blocks, so that a
 * caller can serve requests while it blocks a whole register; it returns the pairs.
 */
export function* candidatePairSteps(
  records: readonly RecordFeatures[],
  scheme: BlockingScheme = DEFAULT_BLOCKING,
  partition?: Partition,
): Generator<void, Uint32Array, void> {
  const plans: KeyPlan[] = [];
  for (let i = 0; i < records.length; i++) {
    plans.push(keyPlan(records[i] as RecordFeatures, scheme));
    if (i % STEP === STEP - 1) yield;
  }
  yield;
  const blocks: Blocks = yield* buildBlocks(plans, scheme);
  // A block's rule, by kind: every pair when it holds at most `all` records; up to `one` records,
  // only the pairs with a one-part name (one who has one name has it at every border).
  const rules = KINDS.map((kind) => {
    const cap = scheme.caps[kind];
    const factor = WINDOWED.has(kind) ? 2 : 1;
    if (!cap) return { all: 0, one: 0 };
    return kind === 'u'
      ? { all: cap.many * factor, one: cap.one * factor }
      : { all: cap.many * factor, one: 0 };
  });
  const count = partition && partition.count > 1 ? partition.count : 1;
  const index = partition?.index ?? 0;
  const low = new U32List();
  const high = new U32List();
  const emit = (a: number, b: number) => {
    if (a === b) return;
    const i = Math.min(a, b);
    if (count > 1 && i % count !== index) return;
    low.push(i);
    high.push(Math.max(a, b));
  };
  const { kind, start, size, members } = blocks;
  for (let s = 0; s < size.length; s++) {
    if (s % (STEP * 256) === 0) yield;
    const n = size[s] as number;
    if (n < 2) continue;
    const rule = rules[(kind[s] as number) - 1] as { all: number; one: number };
    const from = start[s] as number;
    if (n <= rule.all) {
      for (let x = from; x < from + n; x++)
        for (let y = x + 1; y < from + n; y++) emit(members[x] as number, members[y] as number);
    } else if (n <= rule.one) {
      for (let x = from; x < from + n; x++) {
        const a = members[x] as number;
        if ((plans[a] as KeyPlan).many) continue;
        for (let y = from; y < from + n; y++) emit(a, members[y] as number);
      }
    }
  }
  yield;
  return uniquePairs(low, high, records.length);
}

/** Pairs grouped by their first record (a counting sort), duplicates dropped. */
function uniquePairs(low: U32List, high: U32List, records: number): Uint32Array {
  const count = new Uint32Array(records + 1);
  for (let k = 0; k < low.length; k++) (count[(low.data[k] as number) + 1] as number)++;
  for (let r = 0; r < records; r++) (count[r + 1] as number) += count[r] as number;
  const fill = count.slice(0, records);
  const sorted = new Uint32Array(low.length);
  for (let k = 0; k < low.length; k++)
    sorted[(fill[low.data[k] as number] as number)++] = high.data[k] as number;
  const stamp = new Int32Array(records).fill(-1);
  let length = 0;
  const out = new Uint32Array(low.length * 2);
  for (let i = 0; i < records; i++) {
    const row = sorted.subarray(count[i] as number, count[i + 1] as number).sort();
    for (const j of row) {
      if (stamp[j] === i) continue;
      stamp[j] = i;
      out[length++] = i;
      out[length++] = j;
    }
  }
  return out.slice(0, length);
}
