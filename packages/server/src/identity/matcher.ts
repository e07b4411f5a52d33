/**
 * The one place the server meets core's person-matching model (Fellegi–Sunter, core identity/):
 * blocking keys, pair scores with their reasons, and the prior for the register's size. Bump
 * KEY_SCHEME when core's keys change: stored keys are then rebuilt by the next scan.
 */
import type { Patient } from '@medplum/fhirtypes';
import {
  blockingKeys,
  compileModel,
  defaultModel,
  explainMatch,
  probeKeys as coreProbeKeys,
  STORED_FEATURES_VERSION,
  type MatchGrade,
  type Matcher,
  type RecordFeatures,
} from '@passage/core';

/** Stored keys and features of another scheme are rebuilt (core's STORED_FEATURES_VERSION is part of it). */
export const KEY_SCHEME = `fs-hashed-v2.${STORED_FEATURES_VERSION}`;

export type Grade = MatchGrade;
export interface FieldReason {
  field: string;
  /** The field's weight in bits: positive for, negative against. */
  score: number;
  /** What was compared and what was seen (English). */
  note: string;
  /** The agreement level (core identity/fields.ts): the web app shows it translated. */
  level: string;
}
export interface PairScore {
  /** Match probability (0–1), from the weight and the prior for the register's size. */
  score: number;
  grade: Grade;
  /** Each field's contribution and why: what a reviewer reads. */
  fields: FieldReason[];
}

/** Grades worth a reviewer's time. */
export const REVIEW_GRADES: readonly Grade[] = ['certain', 'probable', 'possible'];

/** Compiled matchers by register size, rounded so that a growing register reuses one for a while. */
const matchers = new Map<number, Matcher>();

/**
 * A register smaller than this is scored as if it were this size: a new site's few records say
 * nothing about how many look-alikes the people arriving there have, and a name and a birth year
 * must never be "certain" because the register is still empty.
 */
export const MIN_REGISTER_SIZE = 10_000;

/** The model compiled for a register of about this many people (the prior depends on it). */
export function matcherFor(registerSize: number): Matcher {
  const size = Math.max(MIN_REGISTER_SIZE, registerSize);
  // Within a factor of 2^(1/4) the prior moves by under 0.3 bits.
  const rounded = Math.round(2 ** (Math.round(Math.log2(size) * 4) / 4));
  let matcher = matchers.get(rounded);
  if (!matcher) {
    matcher = compileModel(defaultModel(), { registerSize: rounded });
    matchers.set(rounded, matcher);
  }
  return matcher;
}

/** A pair's score with the reasons a reviewer reads. */
export function explainPair(matcher: Matcher, a: RecordFeatures, b: RecordFeatures): PairScore {
  const explained = explainMatch(matcher, a, b);
  return {
    score: explained.probability,
    grade: explained.grade,
    fields: explained.fields.map((f) => ({ field: f.field, score: f.weight, note: f.why, level: f.level })),
  };
}

/** Keys a Patient is stored under (52-bit numbers: a bigint column). */
export function storedKeys(patient: Patient): number[] {
  return blockingKeys(patient);
}

/** Keys looked up to find a Patient's candidates, each with the largest block worth reading. */
export function probeKeys(patient: Patient | RecordFeatures): { key: number; cap: number }[] {
  return coreProbeKeys(patient);
}

/** Two Patients' score with reasons, for a register of about registerSize people. */
export function scorePatients(a: Patient, b: Patient, registerSize: number): PairScore {
  const matcher = matcherFor(registerSize);
  return explainPair(matcher, matcher.prepare(a), matcher.prepare(b));
}
