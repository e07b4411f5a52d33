/**
 * Turns an access context into the rows of one resource type a user may read or write. This is the
 * only place that decides it: the repository applies the scope to every read, search and write.
 */
import { sql, type RawBuilder } from 'kysely';
import {
  CONFIDENTIALITY_SYSTEM,
  forbidden,
  PassageError,
  RESOURCE_TYPES,
  type Permission,
  type StoredResourceType,
} from '@passage/core';
import { orgsWith, type AccessContext } from '../../access/access-context.ts';

export type Scope =
  | { kind: 'all'; permission: Permission }
  | { kind: 'orgs'; permission: Permission; orgs: readonly string[]; sensitive?: SensitiveAccess }
  | { kind: 'patient'; permission: Permission; patientId: string };

/**
 * Set when the user may not see sensitive data of every person in scope: sensitive resources and
 * parts are then visible only for people registered at (or shared with) `orgs`, where the user holds
 * `sensitive.read` (often none).
 */
export interface SensitiveAccess {
  readonly orgs: readonly string[];
}

const SENSITIVE_LABEL_JSON = JSON.stringify([{ system: CONFIDENTIALITY_SYSTEM, code: 'R' }]);

const READ: Record<string, Permission> = {
  demographic: 'demographics.read',
  clinical: 'clinical.read',
  reference: 'reference.read',
  audit: 'audit.read',
};
const WRITE: Record<string, Permission | undefined> = {
  demographic: 'demographics.write',
  clinical: 'clinical.write',
  reference: 'reference.write',
  audit: undefined,
};

export function readScope(ctx: AccessContext, type: StoredResourceType): Scope {
  const category = RESOURCE_TYPES[type].category;
  const permission = READ[category] as Permission;
  if (ctx.system) return { kind: 'all', permission };
  const orgs = orgsWith(ctx, permission);
  if (orgs.length > 0) {
    if (category === 'reference' || category === 'audit') return { kind: 'all', permission };
    const sensitiveOrgs = orgsWith(ctx, 'sensitive.read');
    const seesAll = orgs.every((o) => sensitiveOrgs.includes(o));
    return seesAll
      ? { kind: 'orgs', permission, orgs }
      : { kind: 'orgs', permission, orgs, sensitive: { orgs: sensitiveOrgs } };
  }
  if (
    (category === 'demographic' || category === 'clinical') &&
    ctx.ownPatientId &&
    orgsWith(ctx, 'own-record.read').length > 0
  ) {
    return { kind: 'patient', permission: 'own-record.read', patientId: ctx.ownPatientId };
  }
  throw forbidden(`Your roles do not allow reading ${type} resources`);
}

export function writeScope(ctx: AccessContext, type: StoredResourceType): Scope {
  const category = RESOURCE_TYPES[type].category;
  const permission = WRITE[category];
  if (!permission)
    throw new PassageError(405, 'not_allowed', `${type} resources are written by the server only`);
  if (ctx.system) return { kind: 'all', permission };
  const orgs = orgsWith(ctx, permission);
  if (orgs.length === 0) throw forbidden(`Your roles do not allow writing ${type} resources`);
  return category === 'reference' ? { kind: 'all', permission } : { kind: 'orgs', permission, orgs };
}

/** SQL predicate over a `fhir_resource` row aliased `alias`. */
export function scopePredicate(scope: Scope, alias = 'r'): RawBuilder<boolean> {
  const col = sql.ref(`${alias}.patient_id`);
  switch (scope.kind) {
    case 'all':
      return sql<boolean>`true`;
    case 'patient':
      return sql<boolean>`${col} = ${scope.patientId}`;
    case 'orgs': {
      const inScope = sql<boolean>`${col} IN (SELECT pa.patient_id FROM patient_access pa WHERE pa.org_id IN (${sql.join(
        scope.orgs,
      )}))`;
      if (!scope.sensitive) return inScope;
      const labelled = sql<boolean>`coalesce(${sql.ref(`${alias}.content`)}->'meta'->'security' @> ${SENSITIVE_LABEL_JSON}::jsonb, false)`;
      const allowed =
        scope.sensitive.orgs.length === 0
          ? sql<boolean>`false`
          : sql<boolean>`${col} IN (SELECT pa.patient_id FROM patient_access pa WHERE pa.org_id IN (${sql.join(
              scope.sensitive.orgs,
            )}))`;
      return sql<boolean>`${inScope} AND (NOT ${labelled} OR ${allowed})`;
    }
  }
}

/** Whether this scope must hide the sensitive parts of a person's record with these organisations. */
export function hidesSensitive(scope: Scope, patientOrgs: readonly string[]): boolean {
  if (scope.kind !== 'orgs' || !scope.sensitive) return false;
  const allowed = scope.sensitive.orgs;
  return !patientOrgs.some((o) => allowed.includes(o));
}

/** Whether a person with these access organisations is within the scope. */
export function scopeAllows(scope: Scope, patientId: string | null, patientOrgs: readonly string[]): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'patient':
      return patientId === scope.patientId;
    case 'orgs':
      return patientOrgs.some((o) => scope.orgs.includes(o));
  }
}
