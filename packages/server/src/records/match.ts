/**
 * `Patient/$match`: candidates from the blocking-key table (the query's probe keys, crowded blocks
 * skipped), within what the caller may see and never a record already merged away, then scored by
 * the Fellegi–Sunter model for the register's size and graded as FHIR match grades.
 */
import { sql } from 'kysely';
import type { Patient } from '@medplum/fhirtypes';
import { parseFeatures, type MatchGrade } from '@passage/core';
import type { AccessContext } from '../access/access-context.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { readScope, scopePredicate } from '../fhir/store/access-scope.ts';
import type { FhirRepository } from '../fhir/store/repository.ts';
import { blockCandidates, notMergedAway, registerSize } from '../identity/blocking-store.ts';
import { matcherFor, probeKeys } from '../identity/matcher.ts';

export const MATCH_GRADE_EXT = 'http://hl7.org/fhir/StructureDefinition/match-grade';

export interface PatientMatch {
  patient: Patient;
  /** Match probability, 0–1. */
  score: number;
  grade: MatchGrade;
}

export async function matchPatients(
  repo: FhirRepository,
  ctx: AccessContext,
  query: Patient,
  options: { count: number; onlyCertain: boolean },
): Promise<PatientMatch[]> {
  const scope = readScope(ctx, 'Patient');
  const matcher = matcherFor(await registerSize(repo.db));
  const wanted = matcher.prepare(query);
  const ids = (await blockCandidates(repo.db, probeKeys(wanted))).filter((id) => id !== query.id);
  const rows =
    ids.length === 0
      ? []
      : (
          await sql<{ content: Patient; features: string | null }>`SELECT r.content, k.features
            FROM fhir_resource r
            LEFT JOIN identity_keyed k ON k.patient_id = r.id AND k.version = r.version
            WHERE r.type = 'Patient' AND r.id = ANY(${ids}::text[]) AND NOT r.deleted
            AND ${notMergedAway('r')} AND ${scopePredicate(scope)}`.execute(repo.db)
        ).rows;
  // Answered as the caller may see them; scored from the features stored with the keys (names,
  // dates, documents: nothing redaction hides), derived again only where none are stored.
  const visible = (await repo.redact(
    scope,
    rows.map((r) => r.content),
  )) as Patient[];
  const scored = visible
    .map((patient, i) => {
      const stored = rows[i]?.features ? parseFeatures(rows[i]?.features as string) : undefined;
      const features = stored ? matcher.adopt(stored) : matcher.prepare(patient);
      return { patient, ...matcher.score(wanted, features) };
    })
    .filter((m) => m.grade !== 'certainly-not' && (!options.onlyCertain || m.grade === 'certain'))
    .sort((a, b) => b.logOdds - a.logOdds)
    .slice(0, options.count);
  await recordAudit(repo.db, ctx, [
    {
      action: 'E',
      subtype: 'match',
      entityType: 'Patient',
      outcome: 'success',
      permission: scope.permission,
      detail: `$match → ${scored.length} candidate(s)${scored.length ? `: ${scored.map((m) => `Patient/${m.patient.id}`).join(' ')}` : ''}`,
    },
  ]);
  return scored.map(({ patient, probability, grade }) => ({ patient, score: probability, grade }));
}
