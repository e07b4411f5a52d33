/**
 * A first, explainable person-match score: names (any script, compared on normalised tokens),
 * birth date (respecting its precision, tolerant of day/month swaps), sex, nationality and shared
 * identifiers. Each field's contribution is reported so a reviewer sees why two records match.
 * Probabilistic linkage with weights learned from the data is planned to replace the fixed weights.
 */
import type { Patient } from '@medplum/fhirtypes';
import { normalizeForSearch } from '../fhir/normalize.ts';
import { NATIONALITY_EXT, PASSAGE_ID_SYSTEM } from '../records/fhir-conventions.ts';
import { detectScript } from '../names/script.ts';
import { suggestTransliterations } from '../names/transliterate.ts';
import { nameVariantKey, nameVariants } from '../names/variants.ts';

export type MatchGrade = 'certain' | 'probable' | 'possible' | 'certainly-not';

export interface FieldScore {
  field: 'identifier' | 'name' | 'birthDate' | 'sex' | 'nationality';
  score: number;
  note: string;
}

export interface MatchScore {
  score: number;
  grade: MatchGrade;
  fields: FieldScore[];
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

/** Every normalised name token of a Patient, in every script it was written in. */
export function nameTokens(patient: Patient): Set<string> {
  const tokens = new Set<string>();
  for (const name of patient.name ?? []) {
    const parts = [name.family, ...(name.given ?? []), name.text].filter((p): p is string => Boolean(p));
    for (const part of parts) {
      for (const token of normalizeForSearch(part).split(/[\s\-'’]+/)) {
        const t = token.replace(/^(al|el)(?=[a-z]{3,})/, '');
        if (t.length >= 2 && !PARTICLES.has(t)) tokens.add(t);
      }
    }
  }
  return tokens;
}

function nationalities(patient: Patient): string[] {
  return (patient.extension ?? [])
    .filter((e) => e.url === NATIONALITY_EXT)
    .flatMap((e) => e.extension?.filter((x) => x.url === 'code') ?? [])
    .flatMap((x) => x.valueCodeableConcept?.coding?.map((c) => c.code ?? '') ?? [])
    .filter(Boolean);
}

function identifierKeys(patient: Patient): Set<string> {
  return new Set(
    (patient.identifier ?? [])
      .filter((i) => i.value)
      .map((i) => `${i.system ?? ''}|${normalizeForSearch(i.value as string)}`),
  );
}

function birthDateScore(a: string | undefined, b: string | undefined): FieldScore {
  if (!a || !b) return { field: 'birthDate', score: 0, note: 'not known for both' };
  if (a === b && a.length === 10) return { field: 'birthDate', score: 0.3, note: 'same date' };
  const [ya, ma, da] = a.split('-');
  const [yb, mb, db] = b.split('-');
  if (ya === yb && ma && mb && da && db && ma === db && da === mb) {
    return { field: 'birthDate', score: 0.25, note: 'day and month swapped' };
  }
  const placeholder = (m?: string, d?: string) => !m || (m === '01' && d === '01');
  if (ya === yb) {
    return placeholder(ma, da) || placeholder(mb, db)
      ? { field: 'birthDate', score: 0.18, note: 'same year (one date is a year or 1 January)' }
      : { field: 'birthDate', score: 0.08, note: 'same year, different day' };
  }
  const gap = Math.abs(Number(ya) - Number(yb));
  if (gap <= 2) return { field: 'birthDate', score: 0.04, note: `${gap} year(s) apart` };
  return { field: 'birthDate', score: -0.3, note: `${gap} years apart` };
}

export function scoreMatch(query: Patient, candidate: Patient): MatchScore {
  const fields: FieldScore[] = [];
  const qIds = identifierKeys(query);
  const shared = [...identifierKeys(candidate)].filter((k) => qIds.has(k));
  if (shared.length > 0) {
    const passage = shared.some((k) => k.startsWith(`${PASSAGE_ID_SYSTEM}|`));
    fields.push({
      field: 'identifier',
      score: 1,
      note: passage ? 'same Passage identifier' : 'same document number',
    });
    return { score: 1, grade: 'certain', fields };
  }
  const q = nameKeys(query);
  const c = nameKeys(candidate);
  const common = [...q].filter((t) => c.has(t)).length;
  const nameShare = q.size === 0 || c.size === 0 ? 0 : common / Math.min(q.size, c.size);
  fields.push({
    field: 'name',
    score: Math.round(0.5 * nameShare * 100) / 100,
    note: `${common} name part(s) in common`,
  });
  fields.push(birthDateScore(query.birthDate, candidate.birthDate));
  const known = (g?: string) => g === 'male' || g === 'female';
  if (known(query.gender) && known(candidate.gender)) {
    fields.push(
      query.gender === candidate.gender
        ? { field: 'sex', score: 0.1, note: 'same sex' }
        : { field: 'sex', score: -0.3, note: 'different sex' },
    );
  }
  const qn = nationalities(query);
  if (qn.length > 0 && nationalities(candidate).some((n) => qn.includes(n))) {
    fields.push({ field: 'nationality', score: 0.1, note: 'same nationality' });
  }
  const score = Math.max(0, Math.min(0.99, Math.round(fields.reduce((s, f) => s + f.score, 0) * 100) / 100));
  const grade: MatchGrade = score >= 0.75 ? 'probable' : score >= 0.5 ? 'possible' : 'certainly-not';
  return { score, grade, fields };
}
