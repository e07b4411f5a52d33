/**
 * Who may review, merge and unmerge: whoever holds demographics.write and clinical.write (the care
 * roles: clinician, nurse) reaching each person's sites. Decided through the same scopes as every
 * FHIR read and write; refusals are audited like any refused access to personal data.
 */
import type { Patient } from '@medplum/fhirtypes';
import {
  forbidden,
  gone,
  notFound,
  parseRelativeReference,
  type Permission,
  type StoredResourceType,
} from '@passage/core';
import { hasPermission, type AccessContext } from '../access/access-context.ts';
import type { Db } from '../db/database.ts';
import { recordAudit, type AuditEntry } from '../audit/audit-log.ts';
import { readScope, scopeAllows, scopePredicate, writeScope } from '../fhir/store/access-scope.ts';
import type { FhirRepository } from '../fhir/store/repository.ts';

/** A resource type of each category a merge writes: demographic (Patient) and clinical. */
const CARE_TYPES: readonly StoredResourceType[] = ['Patient', 'Observation'];

/** Refuses (403, audited) a caller who holds one of these permissions nowhere. */
export async function requirePermissions(
  db: Db,
  ctx: AccessContext,
  permissions: readonly Permission[],
  audit: AuditEntry,
): Promise<void> {
  const missing = ctx.system ? undefined : permissions.find((p) => !hasPermission(ctx, p));
  if (!missing) return;
  const message = `Your roles do not allow this (${missing} is needed)`;
  await recordAudit(db, ctx, [{ ...audit, outcome: 'failure', detail: message }]);
  throw forbidden(message);
}

/** The rights to review and merge: demographics.write and clinical.write. */
export const CARE_RIGHTS: readonly Permission[] = ['demographics.write', 'clinical.write'];

export const requireCareRights = (
  repo: FhirRepository,
  ctx: AccessContext,
  audit: AuditEntry,
): Promise<void> => requirePermissions(repo.db, ctx, CARE_RIGHTS, audit);

export interface Person {
  id: string;
  patient: Patient & { id: string };
  version: number;
  orgs: string[];
}

/**
 * Loads a person the caller may change as a carer: 404 when they cannot see them, 410 when deleted,
 * 403 when they see them without care rights at their sites (each refusal audited).
 */
export async function personForCare(
  repo: FhirRepository,
  ctx: AccessContext,
  id: string,
  audit: AuditEntry,
): Promise<Person> {
  const refuse = async (err: Error): Promise<never> => {
    await recordAudit(repo.db, ctx, [
      { ...audit, entityType: 'Patient', entityId: id, outcome: 'failure', detail: err.message },
    ]);
    throw err;
  };
  const scope = readScope(ctx, 'Patient');
  const row = await repo.db
    .selectFrom('fhir_resource as r')
    .select(['r.content', 'r.version', 'r.deleted'])
    .where('r.type', '=', 'Patient')
    .where('r.id', '=', id)
    .where(scopePredicate(scope))
    .executeTakeFirst();
  if (!row) return refuse(notFound(`Patient/${id} was not found`));
  if (row.deleted) return refuse(gone(`Patient/${id} was deleted`));
  const patient = row.content as Patient & { id: string };
  const orgs = (
    await repo.db.selectFrom('patient_access').select('org_id').where('patient_id', '=', id).execute()
  ).map((r) => r.org_id);
  const registered = parseRelativeReference(patient.managingOrganization?.reference ?? '')?.id;
  for (const type of CARE_TYPES) {
    const scope = writeScope(ctx, type);
    if (!scopeAllows(scope, id, orgs) || (registered && !scopeAllows(scope, id, [registered]))) {
      return refuse(
        forbidden(`You hold no care role at the site where Patient/${id} is registered: ask a carer there`),
      );
    }
  }
  return { id, patient, version: row.version, orgs };
}
