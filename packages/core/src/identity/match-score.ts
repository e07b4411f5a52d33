/**
 * The person-match score the server's `Patient/$match` uses, now on the Fellegi–Sunter model
 * (model.ts) with the default model (default-model.ts): a match probability, a FHIR match grade and
 * every field's weight with the reason for it. Also the name tokens the server's current candidate
 * search looks up, until it stores blocking keys (blocking.ts).
 */
import type { Patient } from '@medplum/fhirtypes';
import { normalizeForSearch } from '../fhir/normalize.ts';
import { detectScript } from '../names/script.ts';
import { suggestTransliterations } from '../names/transliterate.ts';
import { nameVariantKey, nameVariants } from '../names/variants.ts';
import { defaultMatcher } from './default-model.ts';
import { explainMatch } from './explain.ts';
import type { Field } from './fields.ts';
import type { MatchGrade, Matcher } from './model.ts';

export type { MatchGrade } from './model.ts';

export interface FieldScore {
  field: Field;
  /** The field's weight in bits, log2(m/u) adjusted for how common the agreeing value is. */
  score: number;
  /** Its agreement level and why, e.g. "variant: Mohammed ≈ Muhammad, Al-Rashid = Rashid". */
  note: string;
}

export interface MatchScore {
  /** Match probability, 0–1 (FHIR Bundle.entry.search.score). */
  score: number;
  grade: MatchGrade;
  /** The fields that could be compared, in FIELDS order. */
  fields: FieldScore[];
}

/**
 * Scores a candidate against a query Patient. matcher: a compiled model (compileModel), by default
 * the shipped one; the server passes its own trained model and register size.
 */
export function scoreMatch(
  query: Patient,
  candidate: Patient,
  matcher: Matcher = defaultMatcher(),
): MatchScore {
  const explanation = explainMatch(matcher, matcher.prepare(query), matcher.prepare(candidate));
  return {
    score: Math.round(explanation.probability * 1000) / 1000,
    grade: explanation.grade,
    fields: explanation.fields
      .filter((f) => f.level !== 'missing')
      .map((f) => ({ field: f.field, score: f.weight, note: `${f.level}: ${f.why}` })),
  };
}

/** Latin spellings of a name part: itself if Latin, else its suggested transliterations. */
function latinForms(token: string): string[] {
  return detectScript(token) === 'latin' ? [token] : suggestTransliterations(token);
}

/**
 * Comparison keys of a Patient's names: one per variant family (Mohammed = Muhammad = محمد), so
 * spellings from different borders and scripts meet.
 */
export function nameKeys(patient: Patient): Set<string> {
  const keys = new Set<string>();
  for (const token of nameTokens(patient)) {
    for (const form of latinForms(token)) keys.add(nameVariantKey(form));
  }
  return keys;
}

/** Index values to look candidates up by: every token with its known variants and transliterations. */
export function candidateTokens(patient: Patient): string[] {
  const out = new Set<string>();
  for (const token of nameTokens(patient)) {
    out.add(token);
    for (const form of latinForms(token)) {
      for (const variant of [form, ...nameVariants(form)]) out.add(normalizeForSearch(variant));
    }
  }
  return [...out];
}

/** Articles and kinship particles: they join names, they do not tell people apart. */
const PARTICLES = new Set([
  'al',
  'el',
  'ul',
  'bin',
  'ibn',
  'bint',
  'ben',
  'de',
  'da',
  'di',
  'du',
  'van',
  'von',
]);

/**
 * Every normalised name token of a Patient, in every script it was written in; a token with a joined
 * article (Alrashid) also without it (rashid), the token itself kept (Alexander stays Alexander).
 */
export function nameTokens(patient: Patient): Set<string> {
  const tokens = new Set<string>();
  for (const name of patient.name ?? []) {
    const parts = [name.family, ...(name.given ?? []), name.text].filter((p): p is string => Boolean(p));
    for (const part of parts) {
      for (const token of normalizeForSearch(part).split(/[\s\-'’]+/)) {
        if (token.length < 2 || PARTICLES.has(token)) continue;
        tokens.add(token);
        const bare = token.replace(/^(al|el)(?=[a-z]{4,})/, '');
        if (bare !== token) tokens.add(bare);
      }
    }
  }
  return tokens;
}
