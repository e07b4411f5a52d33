// Term frequencies of the register (Winkler 1989, frequency-based matching): how many records carry a
// name family, a birth year, a real birth date or a nationality. Agreeing on a value few people have
// is worth more than agreeing on Mohammed, on a 1 January, or on Syrian nationality in a Syrian camp.
import type { RecordFeatures } from './features.ts';

/** Counts of records per value. JSON-friendly: the server stores it inside the model. */
export interface Frequencies {
  records: number;
  /** Per name family (NameUnit.tfKey). Values seen fewer than 3 times are left out: treated as rare. */
  names: Record<string, number>;
  /** Per birth year. */
  years: Record<string, number>;
  /** Per real birth date (YYYY-MM-DD), only where it is more common than a day of its year should be. */
  dates: Record<string, number>;
  nationalities: Record<string, number>;
  /**
   * Per pair of name families on one record ('a|b', a < b), seen at least 3 times: name parts are
   * far from independent (Osagie goes with Omoregie, Maxamed with Cabdi). Older models lack it.
   */
  namePairs?: Record<string, number>;
  /**
   * Per nationality (the first one a record gives), per name family, seen at least twice: names are
   * common or rare within a community (Gul among Afghans, Tesfay among Eritreans), and two people of
   * one nationality share its common names far more often than the register's counts say. Older
   * models lack it.
   */
  namesByNationality?: Record<string, Record<string, number>>;
}

/**
 * Pseudo-records of the register-wide frequency mixed into a nationality's own counts: a small
 * community's counts are noisy, and a name it has not shown yet is as rare there as anywhere.
 */
const NATIONALITY_PRIOR = 100;

function dateKey(f: RecordFeatures): string | undefined {
  const b = f.birth;
  if (!b?.precise) return undefined;
  return `${b.year}-${String(b.month).padStart(2, '0')}-${String(b.day).padStart(2, '0')}`;
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** Counts the values of a register, keeping what scoring needs (see Frequencies). */
export function countFrequencies(records: readonly RecordFeatures[]): Frequencies {
  const names = new Map<string, number>();
  const years = new Map<string, number>();
  const dates = new Map<string, number>();
  const nationalities = new Map<string, number>();
  const namePairs = new Map<string, number>();
  const byNationality = new Map<string, Map<string, number>>();
  for (const f of records) {
    const keys = [...new Set(f.names.map((u) => u.tfKey))].sort();
    for (const key of keys) increment(names, key);
    const nationality = f.nationalities[0];
    if (nationality !== undefined) {
      let counts = byNationality.get(nationality);
      if (!counts) byNationality.set(nationality, (counts = new Map()));
      for (const key of keys) increment(counts, key);
    }
    for (let i = 0; i < keys.length; i++)
      for (let j = i + 1; j < keys.length; j++) increment(namePairs, `${keys[i]}|${keys[j]}`);
    if (f.birth) increment(years, String(f.birth.year));
    const date = dateKey(f);
    if (date) increment(dates, date);
    for (const code of f.nationalities) increment(nationalities, code);
  }
  const keep = (counts: Map<string, number>, keepIf: (key: string, count: number) => boolean) =>
    Object.fromEntries(
      [...counts].filter(([key, count]) => keepIf(key, count)).sort(([a], [b]) => (a < b ? -1 : 1)),
    );
  return {
    records: records.length,
    names: keep(names, (_, count) => count >= 3),
    years: keep(years, () => true),
    dates: keep(dates, (key, count) => count >= 3 && count > (3 * (years.get(key.slice(0, 4)) ?? 0)) / 365),
    nationalities: keep(nationalities, () => true),
    namePairs: keep(namePairs, (_, count) => count >= 3),
    namesByNationality: Object.fromEntries(
      [...byNationality]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([code, counts]) => [code, keep(counts, (_, count) => count >= 2)]),
    ),
  };
}

function bits(count: number | undefined, records: number): number {
  return Math.log2(Math.max(records, 1) / Math.max(count ?? 1, 1));
}

/** Fills in the information (bits) of each value of a record, against a register's frequencies. */
export function applyFrequencies(f: RecordFeatures, freq: Frequencies): void {
  const n = freq.records;
  for (const unit of f.names) unit.info = bits(freq.names[unit.tfKey], n);
  if (freq.namePairs) f.pairInfo = pairInformation(f, freq.namePairs, n);
  const nationality = f.nationalities[0] ?? likelyNationality(f, freq);
  const local = nationality !== undefined ? freq.namesByNationality?.[nationality] : undefined;
  const people = nationality !== undefined ? (freq.nationalities[nationality] ?? 0) : 0;
  if (local && people > 0) withinNationality(f, freq, local, people);
  const yearCount = f.birth ? freq.years[String(f.birth.year)] : undefined;
  f.yearInfo = bits(yearCount, n);
  const date = dateKey(f);
  // A date not listed is as common as an average day of its year.
  f.dateInfo = date ? bits(freq.dates[date] ?? Math.max(1, (yearCount ?? 1) / 365), n) : f.yearInfo;
  f.nationalityInfo =
    f.nationalities.length > 0 ? bits(freq.nationalities[f.nationalities[0] as string], n) : 0;
}

/**
 * The joint information of each pair of a record's name units: at least that of the rarer part and
 * at most the sum of both (what independent parts would give); a pair never counted is as rare as the
 * register can tell.
 */
function pairInformation(f: RecordFeatures, pairs: Record<string, number>, n: number): Float64Array {
  const units = f.names;
  const size = units.length;
  const table = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = i + 1; j < size; j++) {
      const a = units[i] as RecordFeatures['names'][number];
      const b = units[j] as RecordFeatures['names'][number];
      const sum = a.info + b.info;
      const joint =
        a.tfKey === b.tfKey
          ? sum
          : Math.min(
              sum,
              Math.max(
                a.info,
                b.info,
                bits(pairs[a.tfKey < b.tfKey ? `${a.tfKey}|${b.tfKey}` : `${b.tfKey}|${a.tfKey}`], n),
              ),
            );
      table[i * size + j] = table[j * size + i] = joint;
    }
  }
  return table;
}

/**
 * For a record without a nationality, the one whose people most often bear its names: its names'
 * information is then read on the same scale as everyone else's (within a nationality), not the
 * register's, which would make any name without a nationality look rarer than it is.
 */
function likelyNationality(f: RecordFeatures, freq: Frequencies): string | undefined {
  const tables = freq.namesByNationality;
  if (!tables || f.names.length === 0) return undefined;
  let best: string | undefined;
  let most = 0;
  for (const code in tables) {
    const counts = tables[code] as Record<string, number>;
    let sum = 0;
    for (const unit of f.names) sum += counts[unit.tfKey] ?? 0;
    if (sum > most) [best, most] = [code, sum];
  }
  return best;
}

/**
 * Name information within the record's nationality: the register-wide share of a name smoothed
 * towards the nationality's own (NATIONALITY_PRIOR). Pairs of parts lose what the nationality
 * explains of them, the most either part lost, staying between the rarer part and the sum of both.
 */
function withinNationality(
  f: RecordFeatures,
  freq: Frequencies,
  local: Record<string, number>,
  people: number,
): void {
  const n = Math.max(freq.records, 1);
  const units = f.names;
  const lost = units.map((unit) => {
    const global = Math.max(freq.names[unit.tfKey] ?? 1, 1) / n;
    const share = ((local[unit.tfKey] ?? 0) + NATIONALITY_PRIOR * global) / (people + NATIONALITY_PRIOR);
    const info = -Math.log2(Math.min(1, share));
    const before = unit.info;
    unit.info = info;
    return before - info;
  });
  const table = f.pairInfo;
  if (!table) return;
  const size = units.length;
  for (let i = 0; i < size; i++) {
    for (let j = i + 1; j < size; j++) {
      const a = (units[i] as RecordFeatures['names'][number]).info;
      const b = (units[j] as RecordFeatures['names'][number]).info;
      const joint = (table[i * size + j] as number) - Math.max(lost[i] as number, lost[j] as number);
      table[i * size + j] = table[j * size + i] = Math.min(a + b, Math.max(a, b, joint));
    }
  }
}
