/**
 * `Patient/$match`: candidates are found through the search indexes (shared name parts or a shared
 * identifier, within what the caller may see), then scored field by field.
 */
import { sql } from 'kysely';
import type { Patient } from '@medplum/fhirtypes';
import { candidateTokens, scoreMatch, type MatchGrade } from '@passage/core';
import type { AccessContext } from '../access/access-context.ts';
import { readScope, scopePredicate } from '../fhir/store/access-scope.ts';
import type { FhirRepository } from '../fhir/store/repository.ts';
import { recordAudit } from '../audit/audit-log.ts';

export const MATCH_GRADE_EXT = 'http://hl7.org/fhir/StructureDefinition/match-grade';
const MAX_CANDIDATES = 500;

export interface PatientMatch {
  patient: Patient;
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
  const tokens = candidateTokens(query);
  const identifiers = (query.identifier ?? []).flatMap((i) => (i.value ? [i.value] : []));
  if (tokens.length === 0 && identifiers.length === 0) return [];
  const rows = await sql<{ content: Patient }>`SELECT r.content FROM fhir_resource r
    WHERE r.type = 'Patient' AND NOT r.deleted AND ${scopePredicate(scope)}
    AND r.id IN (
      SELECT s.id FROM search_string s WHERE s.type = 'Patient' AND s.code IN ('family', 'given')
        AND s.value = ANY(${tokens}::text[])
      UNION
      SELECT t.id FROM search_token t WHERE t.type = 'Patient' AND t.code = 'identifier'
        AND t.value = ANY(${identifiers}::text[])
    )
    LIMIT ${MAX_CANDIDATES}`.execute(repo.db);
  const visible = await repo.redact(
    scope,
    rows.rows.map((r) => r.content),
  );
  const scored = visible
    .filter((p) => p.id !== query.id)
    .map((patient) => ({ patient: patient as Patient, ...scoreMatch(query, patient as Patient) }))
    .filter((m) => m.grade !== 'certainly-not' && (!options.onlyCertain || m.grade === 'certain'))
    .sort((a, b) => b.score - a.score)
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
  return scored.map(({ patient, score, grade }) => ({ patient, score, grade }));
}
