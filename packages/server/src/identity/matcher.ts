/**
 * The one place the server meets the person-matching model: blocking keys and pair scores. Today it
 * wraps core's explainable `scoreMatch` and `candidateTokens`; the Fellegi–Sunter model replaces the
 * insides of this file (bump KEY_SCHEME when the keys change: stored keys are then rebuilt).
 *
 * Contract the scan relies on: the keys are symmetric — `probeKeys(a)` meets `storedKeys(b)` exactly
 * when `probeKeys(b)` meets `storedKeys(a)` — so each pair is scored once, from its smaller id.
 */
import type { Patient } from '@medplum/fhirtypes';
import { candidateTokens, normalizeForSearch, scoreMatch, type MatchGrade } from '@passage/core';

export const KEY_SCHEME = 'tokens-year-v1';
/** Keys shared by more people than this are skipped: a common name in a common year tells little. */
export const MAX_BLOCK_SIZE = 1000;
/** Birth years further apart than this are not compared: a wrong year by more is rare. */
const YEAR_SPREAD = 2;
/** Parts of a key are cut to this length: a key must fit a btree index entry, whatever was typed. */
const PART = 100;
const part = (text: string): string => text.slice(0, PART);

export type Grade = MatchGrade;
export interface FieldReason {
  field: string;
  score: number;
  note: string;
}
export interface PairScore {
  score: number;
  grade: Grade;
  /** Each field's contribution and why: what a reviewer reads. */
  fields: FieldReason[];
}

/** A Patient made ready for scoring (the model will keep extracted features here). */
export interface Prepared {
  readonly id: string;
  readonly patient: Patient;
}

export function prepare(patient: Patient): Prepared {
  return { id: patient.id ?? '', patient };
}

export function scorePair(a: Prepared, b: Prepared): PairScore {
  const { score, grade, fields } = scoreMatch(a.patient, b.patient);
  return { score, grade, fields: fields.map((f) => ({ field: f.field, score: f.score, note: f.note })) };
}

/** Grades worth a reviewer's time. */
export const REVIEW_GRADES: readonly Grade[] = ['certain', 'probable', 'possible'];

function birthYear(patient: Patient): number | undefined {
  const m = /^(\d{4})/.exec(patient.birthDate ?? '');
  return m ? Number(m[1]) : undefined;
}

function identifierKeys(patient: Patient): string[] {
  return (patient.identifier ?? [])
    .filter((i) => i.value)
    .map((i) => `i:${part(i.system ?? '')}|${part(normalizeForSearch(i.value as string))}`);
}

const years = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
/** Birth years an undated record may be compared with. */
const EARLIEST_YEAR = 1900;

/**
 * Name-token keys by birth year: one row per token stored. A dated record is stored under its year
 * and probes the years within YEAR_SPREAD and `?`; an undated one (rare) is stored under `?` and
 * probes `?` and every year, so that it meets dated records from its side as they meet it from theirs.
 */
function nameKeys(patient: Patient, probe: boolean): string[] {
  const year = birthYear(patient);
  const suffixes =
    year === undefined
      ? probe
        ? ['?', ...years(EARLIEST_YEAR, new Date().getUTCFullYear())]
        : ['?']
      : probe
        ? [...years(year - YEAR_SPREAD, year + YEAR_SPREAD), '?']
        : [String(year)];
  return candidateTokens(patient).flatMap((token) => suffixes.map((s) => `n:${part(token)}:${s}`));
}

/** Keys a Patient is stored under. */
export function storedKeys(patient: Patient): string[] {
  return [...new Set([...nameKeys(patient, false), ...identifierKeys(patient)])];
}

/** Keys looked up to find a Patient's candidates. */
export function probeKeys(patient: Patient): string[] {
  return [...new Set([...nameKeys(patient, true), ...identifierKeys(patient)])];
}
