/**
 * `Patient/$match`: candidates from the blocking-key table (the query's probe keys, crowded blocks
 * skipped), within what the caller may see and never a record already merged away, then scored by
 * the Fellegi–Sunter model for the register's size and graded as FHIR match grades.
 */
import { sql } from 'kysely';
import type { Patient } from '@medplum/fhirtypes';
import type { MatchGrade } from '@passage/core';
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
          await sql<{ content: Patient }>`SELECT r.content FROM fhir_resource r
            WHERE r.type = 'Patient' AND r.id = ANY(${ids}::text[]) AND NOT r.deleted
            AND ${notMergedAway('r')} AND ${scopePredicate(scope)}`.execute(repo.db)
        ).rows;
  // Scored as the caller sees them: a hidden field must not move a score.
  const visible = (await repo.redact(
    scope,
    rows.map((r) => r.content),
  )) as Patient[];
  const scored = visible
    .map((patient) => ({ patient, ...matcher.score(wanted, matcher.prepare(patient)) }))
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
