// Field-by-field comparison of two records' features into discrete agreement levels (fields.ts), plus
// the bits of identifying information of what agreed, for term-frequency adjustment (Winkler 1989,
// "Frequency-based matching in Fellegi–Sunter model of record linkage"). The hot path allocates
// nothing: it runs on every candidate pair.
import type { BirthFeature, RecordFeatures } from './features.ts';
import { FIELD_INDEX } from './fields.ts';
import { unitAgreement, type NameUnit } from './name-units.ts';

const NAME = FIELD_INDEX.name;
const BIRTH = FIELD_INDEX.birthDate;
const SEX = FIELD_INDEX.sex;
const NATIONALITY = FIELD_INDEX.nationality;
const IDENTIFIER = FIELD_INDEX.identifier;
const PHONE = FIELD_INDEX.phone;
const FAMILY = FIELD_INDEX.family;
const ARRIVAL = FIELD_INDEX.arrival;

/** A matched pair of name units: indexes into each record's names and how they agree (3, 2, 1). */
export interface UnitMatch {
  readonly a: number;
  readonly b: number;
  readonly agreement: 1 | 2 | 3;
}

const MAX_UNITS = 12;
const grid = new Uint8Array(MAX_UNITS * MAX_UNITS);
const usedA = new Uint8Array(MAX_UNITS);
const usedB = new Uint8Array(MAX_UNITS);
const matchedA = new Uint8Array(MAX_UNITS);
const matchedB = new Uint8Array(MAX_UNITS);
const info = { bits: 0 };

/**
 * Aligns two names as sets of parts, whatever their order: best agreements first (same spelling, then
 * same family, then similar), each part used once. Level index into LEVELS.name.
 */
export function compareNames(
  a: readonly NameUnit[],
  b: readonly NameUnit[],
  matches?: UnitMatch[],
  pairsA?: Float64Array,
  pairsB?: Float64Array,
): number {
  info.bits = 0;
  const n = Math.min(a.length, MAX_UNITS);
  const m = Math.min(b.length, MAX_UNITS);
  if (n === 0 || m === 0) return 9;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++) grid[i * m + j] = unitAgreement(a[i] as NameUnit, b[j] as NameUnit);
  usedA.fill(0, 0, n);
  usedB.fill(0, 0, m);
  let count = 0;
  let worst = 3;
  for (let agreement = 3; agreement >= 1; agreement--) {
    for (let i = 0; i < n; i++) {
      if (usedA[i]) continue;
      for (let j = 0; j < m; j++) {
        if (usedB[j] || grid[i * m + j] !== agreement) continue;
        usedA[i] = usedB[j] = 1;
        matchedA[count] = i;
        matchedB[count] = j;
        count++;
        worst = agreement;
        info.bits += Math.min((a[i] as NameUnit).info, (b[j] as NameUnit).info);
        matches?.push({ a: i, b: j, agreement: agreement as 1 | 2 | 3 });
        break;
      }
    }
  }
  if (count === 0) return 8;
  if (count > 1 && pairsA && pairsB)
    info.bits = Math.min(
      info.bits,
      jointBits(a, matchedA, count, pairsA),
      jointBits(b, matchedB, count, pairsB),
    );
  const shorter = Math.min(n, m);
  if (count === 1 && shorter === 1) return n === m ? 3 : 4;
  if (count < shorter) return ownDiffers(a, n, usedA) && ownDiffers(b, m, usedB) ? 7 : count === 1 ? 6 : 5;
  return 3 - worst; // exact 0, variant 1, similar 2
}

/**
 * Bits of the agreeing parts of one name: the two most informative counted together (their joint
 * frequency in the register), the others added as they are.
 */
function jointBits(
  units: readonly NameUnit[],
  matched: Uint8Array,
  count: number,
  pairs: Float64Array,
): number {
  let first = -1;
  let second = -1;
  let sum = 0;
  for (let k = 0; k < count; k++) {
    const u = matched[k] as number;
    const bits = (units[u] as NameUnit).info;
    sum += bits;
    if (first < 0 || bits > (units[first] as NameUnit).info) [first, second] = [u, first];
    else if (second < 0 || bits > (units[second] as NameUnit).info) second = u;
  }
  const pair = pairs[first * units.length + second] as number;
  return sum - (units[first] as NameUnit).info - (units[second] as NameUnit).info + pair;
}

/** Whether a name's own given name is known and was left unmatched. */
function ownDiffers(units: readonly NameUnit[], n: number, used: Uint8Array): boolean {
  let own = false;
  for (let i = 0; i < n; i++) {
    if (!(units[i] as NameUnit).own) continue;
    if (used[i]) return false;
    own = true;
  }
  return own;
}

/** compareNames with the aligned parts and the information (bits) of what agreed, for explanations. */
export function compareNamesDetailed(
  a: readonly NameUnit[],
  b: readonly NameUnit[],
): { level: number; bits: number; matches: UnitMatch[] } {
  const matches: UnitMatch[] = [];
  const level = compareNames(a, b, matches);
  return { level, bits: info.bits, matches };
}

/** Level index into LEVELS.birthDate. */
export function compareBirth(a: BirthFeature | undefined, b: BirthFeature | undefined): number {
  if (!a || !b) return 9;
  const years = Math.abs(a.year - b.year);
  if (a.precise && b.precise) {
    if (years === 0) {
      if (a.month === b.month && a.day === b.day) return 0;
      if (a.month === b.day && a.day === b.month) return 1;
      return a.month === b.month || a.day === b.day ? 2 : 7;
    }
    if (years === 1) return a.month === b.month && a.day === b.day ? 2 : 7;
    return 8;
  }
  const oneDay = a.precise || b.precise ? 1 : 0;
  if (years === 0) return 3 + oneDay;
  return years === 1 || (years === 2 && (a.estimated || b.estimated)) ? 5 + oneDay : 8;
}

function shared(a: readonly string[], b: readonly string[]): boolean {
  for (const x of a) if (b.includes(x)) return true;
  return false;
}

function compareIdentifiers(a: RecordFeatures, b: RecordFeatures): number {
  if (a.identifiers.length === 0 || b.identifiers.length === 0) return 4;
  let level = 4;
  for (const x of a.identifiers) {
    for (const y of b.identifiers) {
      if (x.number === y.number) {
        if (x.passage && y.passage) return 0;
        level = Math.min(level, x.system === y.system || x.system === '' || y.system === '' ? 1 : 2);
      } else if (x.system === y.system && x.system !== '' && !x.passage) {
        // Every registration is given its own Passage identifier: two of them differing says nothing.
        level = Math.min(level, 3);
      }
    }
  }
  return level;
}

function compareFamily(a: RecordFeatures, b: RecordFeatures): number {
  if ((a.id && b.linked.includes(`Patient/${a.id}`)) || (b.id && a.linked.includes(`Patient/${b.id}`)))
    return 2;
  if (a.relatives.length === 0 || b.relatives.length === 0) return 3;
  if (shared(a.relatives, b.relatives)) return 0;
  // Different mothers (or fathers) are evidence against; other roles are not exclusive.
  for (const x of a.relatives) {
    if (!x.startsWith('MTH|') && !x.startsWith('FTH|')) continue;
    const role = x.slice(0, 4);
    if (b.relatives.some((y) => y.startsWith(role))) return 1;
  }
  return 3;
}

function compareArrival(a: RecordFeatures, b: RecordFeatures): number {
  if (!a.arrival || !b.arrival) return 3;
  const days = Math.abs(a.arrival.day - b.arrival.day);
  if (days === 0 && (a.arrival.place === b.arrival.place || !a.arrival.place || !b.arrival.place)) return 0;
  return days <= 30 ? 1 : 2;
}

/**
 * Compares two records field by field: levels[f] is the agreement level of field f (FIELDS order),
 * bits[f] the information in bits of the agreeing values (0 where no term frequency applies).
 */
export function compareInto(
  a: RecordFeatures,
  b: RecordFeatures,
  levels: Uint8Array,
  bits: Float64Array,
): void {
  levels[NAME] = compareNames(a.names, b.names, undefined, a.pairInfo, b.pairInfo);
  bits[NAME] = info.bits;
  const birth = compareBirth(a.birth, b.birth);
  levels[BIRTH] = birth;
  bits[BIRTH] =
    birth <= 2 ? Math.min(a.dateInfo, b.dateInfo) : birth <= 4 ? Math.min(a.yearInfo, b.yearInfo) : 0;
  levels[SEX] = a.sex === 0 || b.sex === 0 ? 2 : a.sex === b.sex ? 0 : 1;
  bits[SEX] = 0;
  const nationality =
    a.nationalities.length === 0 || b.nationalities.length === 0
      ? 2
      : shared(a.nationalities, b.nationalities)
        ? 0
        : 1;
  levels[NATIONALITY] = nationality;
  bits[NATIONALITY] = nationality === 0 ? Math.min(a.nationalityInfo, b.nationalityInfo) : 0;
  levels[IDENTIFIER] = compareIdentifiers(a, b);
  bits[IDENTIFIER] = 0;
  levels[PHONE] = a.phones.length === 0 || b.phones.length === 0 ? 2 : shared(a.phones, b.phones) ? 0 : 1;
  bits[PHONE] = 0;
  levels[FAMILY] = compareFamily(a, b);
  bits[FAMILY] = 0;
  levels[ARRIVAL] = compareArrival(a, b);
  bits[ARRIVAL] = 0;
}
