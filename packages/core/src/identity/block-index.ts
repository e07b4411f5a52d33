// Candidate pairs of a whole register at once, as the server would find them one record at a time
// (blocking.ts): every record's stored keys in an open-addressing hash table over typed arrays, each
// record's probes looked up there, crowded blocks skipped. A pair counts when either record finds the
// other, and is returned once. Typed arrays keep a million records' keys (some 45 million) out of the
// JavaScript heap and the work linear.
import {
  DEFAULT_BLOCKING,
  forEachProbeKey,
  forEachStoredKey,
  keyPlan,
  type BlockingScheme,
  type KeyPlan,
} from './blocking.ts';
import type { RecordFeatures } from './features.ts';

const EMPTY = -1;
/** Records handled between two steps of the generators below. */
const STEP = 2000;
const TWO_32 = 0x1_0000_0000;

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

/**
 * A share of the keys (those whose value modulo count is index), so that several threads can block
 * one register, each its share: a pair sharing keys of two shares is found by both.
 */
export interface Partition {
  readonly index: number;
  readonly count: number;
}

function partitionFilter(partition: Partition | undefined): (key: number) => boolean {
  if (!partition || partition.count <= 1) return () => true;
  const { index, count } = partition;
  // The key's high bits: the low ones also pick the hash slot.
  return (key) => Math.floor(key / TWO_32) % count === index;
}

/** Block sizes and offsets are packed into one number: offset · 2^26 + size (each under 2^26). */
const SIZE_BITS = 0x400_0000;

/**
 * Blocks of a register: key → the records stored under it. Open addressing over one Float64Array of
 * [key, offset · 2^26 + size] pairs, so that looking a key up touches one cache line.
 */
export class BlockIndex {
  private readonly mask: number;
  private readonly table: Float64Array;
  private readonly members: Uint32Array;

  private constructor(table: Float64Array, members: Uint32Array) {
    this.mask = table.length / 2 - 1;
    this.table = table;
    this.members = members;
  }

  /** The index of these records' keys, at once. */
  static of(plans: readonly KeyPlan[], partition?: Partition): BlockIndex {
    const steps = BlockIndex.build(plans, partition);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /** The index built in steps (it yields every few thousand records). */
  static *build(plans: readonly KeyPlan[], partition?: Partition): Generator<void, BlockIndex, void> {
    const mine = partitionFilter(partition);
    let entries = 0;
    for (const plan of plans)
      forEachStoredKey(plan, (key) => {
        if (mine(key)) entries++;
      });
    if (entries >= SIZE_BITS) throw new RangeError(`too many keys to index at once (${entries})`);
    let capacity = 1 << 10;
    while (capacity < entries * 1.3) capacity *= 2;
    const mask = capacity - 1;
    const table = new Float64Array(capacity * 2);
    for (let s = 0; s < capacity; s++) table[2 * s] = EMPTY;
    const slots = new Uint32Array(entries);
    const owners = new Uint32Array(entries);
    let e = 0;
    for (let owner = 0; owner < plans.length; owner++) {
      forEachStoredKey(plans[owner] as KeyPlan, (key) => {
        if (!mine(key)) return;
        let s = (key % TWO_32) & mask;
        for (;;) {
          const found = table[2 * s] as number;
          if (found === key) break;
          if (found === EMPTY) {
            table[2 * s] = key;
            break;
          }
          s = (s + 1) & mask;
        }
        (table[2 * s + 1] as number)++;
        slots[e] = s;
        owners[e++] = owner;
      });
      if (owner % STEP === STEP - 1) yield;
    }
    // Sizes become offset · 2^26 + size; a second array counts the members placed so far.
    const placed = new Uint32Array(capacity);
    let offset = 0;
    for (let s = 0; s < capacity; s++) {
      const size = table[2 * s + 1] as number;
      placed[s] = offset;
      table[2 * s + 1] = offset * SIZE_BITS + size;
      offset += size;
    }
    yield;
    const members = new Uint32Array(entries);
    for (let k = 0; k < entries; k++) members[(placed[slots[k] as number] as number)++] = owners[k] as number;
    return new BlockIndex(table, members);
  }

  /** The slot of a key, or -1. */
  slot(key: number): number {
    let s = (key % TWO_32) & this.mask;
    for (;;) {
      const found = this.table[2 * s] as number;
      if (found === key) return s;
      if (found === EMPTY) return -1;
      s = (s + 1) & this.mask;
    }
  }

  /** Calls visit(member) for each record of the block at a slot, if it holds at most cap records. */
  forEachMember(slot: number, cap: number, visit: (member: number) => void): void {
    const packed = this.table[2 * slot + 1] as number;
    const n = packed % SIZE_BITS;
    if (n > cap) return;
    const from = (packed - n) / SIZE_BITS;
    for (let k = from; k < from + n; k++) visit(this.members[k] as number);
  }
}

/**
 * Every candidate pair of a batch of records, each once, as a flat array [i0, j0, i1, j1, …] with
 * i < j, ordered by i then j.
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
 * candidatePairs in steps: the generator yields every few thousand records, so that a server can
 * serve requests while it blocks a whole register; it returns the pairs.
 */
export function* candidatePairSteps(
  records: readonly RecordFeatures[],
  scheme: BlockingScheme = DEFAULT_BLOCKING,
  partition?: Partition,
): Generator<void, Uint32Array, void> {
  const mine = partitionFilter(partition);
  const plans: KeyPlan[] = [];
  for (let i = 0; i < records.length; i++) {
    plans.push(keyPlan(records[i] as RecordFeatures, scheme));
    if (i % STEP === STEP - 1) yield;
  }
  yield;
  const index: BlockIndex = yield* BlockIndex.build(plans, partition);
  // Each record's finds, as (smaller, larger); the same pair found from both ends is merged below.
  const low = new U32List();
  const high = new U32List();
  const stamp = new Int32Array(records.length).fill(-1);
  for (let i = 0; i < plans.length; i++) {
    if (i % STEP === STEP - 1) yield;
    forEachProbeKey(plans[i] as KeyPlan, scheme, (key, cap) => {
      if (!mine(key)) return;
      const slot = index.slot(key);
      if (slot < 0) return;
      index.forEachMember(slot, cap, (j) => {
        if (j === i || stamp[j] === i) return;
        stamp[j] = i;
        low.push(Math.min(i, j));
        high.push(Math.max(i, j));
      });
    });
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
  const out = new Uint32Array(low.length * 2);
  let length = 0;
  for (let i = 0; i < records; i++) {
    const from = count[i] as number;
    const to = count[i + 1] as number;
    const row = sorted.subarray(from, to).sort();
    for (const j of row) {
      if (stamp[j] === i) continue;
      stamp[j] = i;
      out[length++] = i;
      out[length++] = j;
    }
  }
  return out.slice(0, length);
}
