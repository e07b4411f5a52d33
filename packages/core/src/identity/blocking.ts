// Blocking: which stored records a new one is compared with, so that matching stays fast on a national
// register. Each record is stored under a few keys; a query looks up a few (its own and the
// neighbouring birth years), and only records sharing a key are scored. Keys are plain strings: the
// server keeps them in an indexed table (key, patient id).
//
//   f:<name family>:<birth year>:<sex>   every variant family of every name part (Muhammad = محمد)
//   p:<phonetic key>:<birth year>:<sex>  spellings outside the tables, typos (Tewolde, Tewelde)
//   i:<document number>                  any shared identifier number, whoever issued it
//   t:<phone number>                     the last nine digits of a phone number
//
// On generated registrations: about 8 keys stored per record; about 33 looked up per query (a record
// without a birth year looks up every year: up to some 1,300). Candidates per query grow with the
// register, about 2.4 per 1,000 records: ~12 at 5,000 records, ~107 at 44,000, ~360 at 147,000, and
// 99.5% of true pairs are among them. A key held by more than maxBlockSize records is skipped.
import type { Patient } from '@medplum/fhirtypes';
import { extractFeatures, type RecordFeatures } from './features.ts';

export interface BlockingScheme {
  /** Keys a record is stored under. */
  keys(record: RecordFeatures): string[];
  /** Keys a query looks up (a superset of its own keys: neighbouring birth years). */
  probes(record: RecordFeatures): string[];
  /** Keys held by more records than this are not looked up (stop words: a name and year everyone has). */
  readonly maxBlockSize: number;
}

const NO_YEAR = '?';
/** Key parts are cut to this length: a key must fit an index entry, whatever was typed. */
const PART = 100;
const part = (text: string): string => text.slice(0, PART);
/** A record without a birth year looks its names up in every year (and others look it up under '?'). */
const ALL_YEARS: readonly string[] = [NO_YEAR, ...Array.from({ length: 131 }, (_, i) => String(1900 + i))];

/** Sex in a key halves the blocks; a record of unknown sex sits in both. */
const SEXES: Readonly<Record<number, readonly string[]>> = { 0: ['m', 'f'], 1: ['m'], 2: ['f'] };

function yearKeys(record: RecordFeatures, years: readonly string[]): string[] {
  const keys = new Set<string>();
  const phonetic = record.birth !== undefined; // without a year, its families in every year suffice
  const suffixes = years.flatMap((year) =>
    (SEXES[record.sex] as readonly string[]).map((sex) => `${year}:${sex}`),
  );
  for (const unit of record.names) {
    for (const family of unit.families)
      for (const suffix of suffixes) keys.add(`f:${part(family)}:${suffix}`);
    if (phonetic)
      for (const p of unit.phonetics) for (const suffix of suffixes) keys.add(`p:${part(p)}:${suffix}`);
  }
  return [...keys];
}

function otherKeys(record: RecordFeatures): string[] {
  const keys: string[] = [];
  for (const identifier of record.identifiers) keys.push(`i:${part(identifier.number)}`);
  for (const phone of record.phones) keys.push(`t:${part(phone)}`);
  return keys;
}

/**
 * Birth years a record is stored under (its own; an estimated one also the years either side) and
 * looked up under (one more either side). Record i finds j exactly when j finds i — when the years
 * differ by at most 1, plus 1 for each estimated date — so a batch and the server find the same pairs.
 */
function years(record: RecordFeatures, probe: boolean): readonly string[] {
  const birth = record.birth;
  if (!birth) return probe ? ALL_YEARS : [NO_YEAR];
  const spread = (birth.estimated ? 1 : 0) + (probe ? 1 : 0);
  const out: string[] = probe ? [NO_YEAR] : [];
  for (let d = -spread; d <= spread; d++) out.push(String(birth.year + d));
  return out;
}

export const DEFAULT_BLOCKING: BlockingScheme = {
  keys: (record) => [...yearKeys(record, years(record, false)), ...otherKeys(record)],
  probes: (record) => [...yearKeys(record, years(record, true)), ...otherKeys(record)],
  maxBlockSize: 2000,
};

/**
 * The year-keyed blocks only (a name family or phonetic key, and the birth year): the pairs EM learns
 * m from. Pairs in them agree on a name part and the year by construction, and the few matches outside
 * them barely change what matches look like.
 */
export const TRAINING_BLOCKING: BlockingScheme = {
  keys: (record) => yearKeys(record, years(record, false)),
  probes: (record) => yearKeys(record, years(record, true)),
  maxBlockSize: DEFAULT_BLOCKING.maxBlockSize,
};

/** The keys the server stores for a Patient (see DEFAULT_BLOCKING). */
export function blockingKeys(patient: Patient, scheme: BlockingScheme = DEFAULT_BLOCKING): string[] {
  return scheme.keys(extractFeatures(patient));
}

/** The keys the server looks up to find candidates for a Patient. */
export function probeKeys(patient: Patient, scheme: BlockingScheme = DEFAULT_BLOCKING): string[] {
  return scheme.probes(extractFeatures(patient));
}

/**
 * Every candidate pair of a batch of records, each pair once (i < j), as the server would find them
 * one record at a time: record i's probes looked up among the other records' keys. Returned as a flat
 * array [i0, j0, i1, j1, …].
 */
export function candidatePairs(
  records: readonly RecordFeatures[],
  scheme: BlockingScheme = DEFAULT_BLOCKING,
): Uint32Array {
  const index = new Map<string, number[]>();
  records.forEach((record, i) => {
    for (const key of scheme.keys(record)) {
      const list = index.get(key);
      if (list) list.push(i);
      else index.set(key, [i]);
    }
  });
  let out = new Uint32Array(1 << 16);
  let length = 0;
  const seen = new Int32Array(records.length).fill(-1);
  records.forEach((record, i) => {
    for (const key of scheme.probes(record)) {
      const list = index.get(key);
      if (!list || list.length > scheme.maxBlockSize) continue;
      for (const j of list) {
        // Finding is symmetric (see years), so each pair is kept from its smaller index only.
        if (j <= i || seen[j] === i) continue;
        seen[j] = i;
        if (length + 2 > out.length) {
          const grown = new Uint32Array(out.length * 2);
          grown.set(out);
          out = grown;
        }
        out[length++] = i;
        out[length++] = j;
      }
    }
  });
  return out.slice(0, length);
}
