/**
 * `Patient/{id}/$everything`: the person and every resource in their compartment that the caller may
 * see — the basis of the record page and its timeline. One read, one audit entry.
 */
import { sql } from 'kysely';
import type { Patient, Resource } from '@medplum/fhirtypes';
import type { AccessContext } from '../access/access-context.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { readScope, scopePredicate } from '../fhir/store/access-scope.ts';
import type { FhirRepository } from '../fhir/store/repository.ts';

/** More than a lifetime of visits; a record this large is paged by type-specific searches instead. */
export const EVERYTHING_LIMIT = 10_000;

export async function patientEverything(
  repo: FhirRepository,
  ctx: AccessContext,
  patientId: string,
): Promise<{ patient: Patient; resources: Resource[]; truncated: boolean }> {
  const patient = (await repo.read(ctx, 'Patient', patientId)) as Patient;
  let scope;
  try {
    scope = readScope(ctx, 'Observation');
  } catch {
    // Demographics only (a mediator, say): the person, no clinical data.
    return { patient, resources: [], truncated: false };
  }
  const rows = await sql<{ content: Resource }>`SELECT r.content FROM fhir_resource r
    WHERE r.patient_id = ${patientId} AND r.type <> 'Patient' AND NOT r.deleted AND ${scopePredicate(scope)}
    ORDER BY r.last_updated DESC LIMIT ${EVERYTHING_LIMIT + 1}`.execute(repo.db);
  const truncated = rows.rows.length > EVERYTHING_LIMIT;
  const resources = await repo.redact(
    scope,
    rows.rows.slice(0, EVERYTHING_LIMIT).map((r) => r.content),
  );
  await recordAudit(repo.db, ctx, [
    {
      action: 'R',
      subtype: 'everything',
      entityType: 'Patient',
      entityId: patientId,
      patientId,
      outcome: 'success',
      permission: scope.permission,
      detail: `$everything → ${resources.length} resource(s)`,
    },
  ]);
  return { patient, resources, truncated };
}
