/**
 * Writes: each resource is first turned into a plan (validated, versioned, its person found, access
 * checked, index rows extracted), then all plans of a request are persisted together with a few
 * multi-row statements in one transaction, so a Bundle of thousands costs a handful of round trips.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Resource } from '@medplum/fhirtypes';
import {
  emptyIndexRows,
  indexResource,
  notFound,
  parseRelativeReference,
  RESOURCE_TYPES,
  unprocessable,
  forbidden,
  type SearchIndexRows,
  type StoredResourceType,
} from '@passage/core';
import type { Database } from '../../db/schema.ts';
import { scopeAllows, type Scope } from './access-scope.ts';

export interface WritePlan {
  type: StoredResourceType;
  id: string;
  version: number;
  lastUpdated: Date;
  deleted: boolean;
  patientId: string | null;
  /** The stored JSON with meta.versionId and meta.lastUpdated; for deletes, the last live version. */
  resource: Resource;
  index: SearchIndexRows;
  /** Organisations where this Patient is registered (Patient writes only). */
  registeredAt: string | null;
  /** Whether rows of a previous version exist (update or delete). */
  replaces: boolean;
  action: 'create' | 'update' | 'delete';
}

export interface CurrentRow {
  version: number;
  deleted: boolean;
  patient_id: string | null;
  content: Resource;
}

/** Resolves the person a resource belongs to and the organisations that person is visible at. */
export interface PatientLookup {
  /** Access organisations of a Patient, or undefined when no such live Patient exists. */
  orgsOf(patientId: string): Promise<readonly string[] | undefined>;
  /** The person a stored resource belongs to (for Provenance targets). */
  patientOf(type: string, id: string): Promise<string | null | undefined>;
}

export function newId(): string {
  return randomUUID();
}

/** Finds the Patient a resource belongs to; clinical data must belong to someone. */
export async function resolvePatientId(resource: Resource, lookup: PatientLookup): Promise<string | null> {
  const type = resource.resourceType as StoredResourceType;
  const info = RESOURCE_TYPES[type];
  if (!('patientElement' in info)) return null;
  if (info.patientElement === 'self') return resource.id ?? null;
  const record = resource as unknown as Record<string, unknown>;
  const raw = record[info.patientElement];
  const refs = (Array.isArray(raw) ? raw : [raw]).map(
    (r) => (r as { reference?: unknown } | undefined)?.reference,
  );
  for (const ref of refs) {
    if (typeof ref !== 'string') continue;
    const parsed = parseRelativeReference(ref);
    if (parsed?.type === 'Patient') return parsed.id;
  }
  if (type === 'Provenance') {
    for (const ref of refs) {
      const parsed = typeof ref === 'string' ? parseRelativeReference(ref) : undefined;
      if (!parsed) continue;
      const patient = await lookup.patientOf(parsed.type, parsed.id);
      if (patient) return patient;
    }
  }
  throw unprocessable(`${type}.${info.patientElement} must reference the Patient this record belongs to`, [
    {
      expression: `${type}.${info.patientElement}`,
      message: 'a reference to a Patient is required',
      type: 'required',
    },
  ]);
}

function managingOrganization(resource: Resource): string {
  const ref = (resource as { managingOrganization?: { reference?: string } }).managingOrganization?.reference;
  const parsed = ref ? parseRelativeReference(ref) : undefined;
  if (parsed?.type !== 'Organization') {
    throw unprocessable('Patient.managingOrganization must name the site where the person is registered', [
      {
        expression: 'Patient.managingOrganization',
        message: 'a reference to the registering site (Organization/…) is required',
        type: 'required',
      },
    ]);
  }
  return parsed.id;
}

export interface PlanInput {
  resource: Resource & { resourceType: StoredResourceType };
  current: CurrentRow | undefined;
  scope: Scope;
  lookup: PatientLookup;
  /** Patients created or updated earlier in the same request, by id, with their registration site. */
  pending: ReadonlyMap<string, string>;
  now: Date;
}

/** Plans a create or update. The resource has been validated and has its final id. */
export async function planWrite(input: PlanInput): Promise<WritePlan> {
  const { resource, current, scope, lookup, pending, now } = input;
  const type = resource.resourceType;
  const id = resource.id as string;
  let registeredAt: string | null = null;
  const patientId = await resolvePatientId(resource, lookup);

  // A deleted record stays bound to its sites: nobody elsewhere may take its id over (and with it
  // the history), and a deleted person cannot be re-registered at another site.
  if (current && scope.kind !== 'all') {
    const orgs = current.patient_id ? ((await lookup.orgsOf(current.patient_id)) ?? []) : [];
    if (!scopeAllows(scope, current.patient_id, orgs)) throw notFound(`${type}/${id} was not found`);
  }
  if (type === 'Patient') {
    registeredAt = managingOrganization(resource);
    if (!scopeAllows(scope, id, [registeredAt])) {
      throw forbidden(
        `You cannot register people at Organization/${registeredAt}: you hold no such role there`,
      );
    }
  } else if (patientId) {
    const orgs = pending.has(patientId) ? [pending.get(patientId) as string] : await lookup.orgsOf(patientId);
    // One answer whether the person does not exist or is registered elsewhere: a caller must not
    // learn that someone is known at another site.
    if (!orgs || !scopeAllows(scope, patientId, orgs)) {
      const message = `Patient/${patientId} was not found among the people you care for`;
      throw unprocessable(message, [
        {
          expression: `${type}.${'patientElement' in RESOURCE_TYPES[type] ? RESOURCE_TYPES[type].patientElement : 'subject'}`,
          message,
          type: 'not-found',
        },
      ]);
    }
  }

  const version = (current?.version ?? 0) + 1;
  const stored = {
    ...resource,
    meta: { ...resource.meta, versionId: String(version), lastUpdated: now.toISOString() },
  } as Resource;
  return {
    type,
    id,
    version,
    lastUpdated: now,
    deleted: false,
    patientId,
    resource: stored,
    index: indexResource(stored),
    registeredAt,
    replaces: current !== undefined,
    action: current && !current.deleted ? 'update' : 'create',
  };
}

export function planDelete(type: StoredResourceType, id: string, current: CurrentRow, now: Date): WritePlan {
  const version = current.version + 1;
  return {
    type,
    id,
    version,
    lastUpdated: now,
    deleted: true,
    patientId: current.patient_id,
    resource: {
      ...current.content,
      meta: { ...current.content.meta, versionId: String(version), lastUpdated: now.toISOString() },
    },
    index: emptyIndexRows(),
    registeredAt: null,
    replaces: true,
    action: 'delete',
  };
}

const CHUNK = 1000;

function chunks<T>(list: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Persists plans in the given transaction. */
export async function persistPlans(tx: Kysely<Database>, plans: readonly WritePlan[]): Promise<void> {
  if (plans.length === 0) return;
  for (const part of chunks(plans)) {
    const rows = part.map((p) => ({
      type: p.type,
      id: p.id,
      version: p.version,
      last_updated: p.lastUpdated,
      deleted: p.deleted,
      content: JSON.stringify(p.resource),
    }));
    await tx
      .insertInto('fhir_resource')
      .values(rows.map((row, i) => ({ ...row, patient_id: (part[i] as WritePlan).patientId })))
      .onConflict((oc) =>
        oc.columns(['type', 'id']).doUpdateSet((eb) => ({
          version: eb.ref('excluded.version'),
          last_updated: eb.ref('excluded.last_updated'),
          deleted: eb.ref('excluded.deleted'),
          patient_id: eb.ref('excluded.patient_id'),
          content: eb.ref('excluded.content'),
        })),
      )
      .execute();
    await tx.insertInto('fhir_history').values(rows).execute();
  }

  const replaced = plans.filter((p) => p.replaces);
  for (const [type, all] of groupIds(replaced)) {
    for (const ids of chunks(all)) {
      for (const table of INDEX_TABLES) {
        await tx.deleteFrom(table).where('type', '=', type).where('id', 'in', ids).execute();
      }
    }
  }
  await insertIndexRows(tx, plans);

  const patients = plans.filter((p) => p.type === 'Patient');
  if (patients.length > 0) {
    // A deleted person keeps their access rows, so the people who could see them get 410, not 404.
    const replacedPatients = patients.filter((p) => p.replaces && !p.deleted).map((p) => p.id);
    for (const ids of chunks(replacedPatients)) {
      await tx
        .deleteFrom('patient_access')
        .where('patient_id', 'in', ids)
        .where('reason', '=', 'registered')
        .execute();
    }
    const live = patients.filter((p) => !p.deleted && p.registeredAt);
    for (const part of chunks(live)) {
      await tx
        .insertInto('patient_access')
        .values(
          part.map((p) => ({ patient_id: p.id, org_id: p.registeredAt as string, reason: 'registered' })),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }
  for (const org of plans.filter((p) => p.type === 'Organization')) await syncOrgTree(tx, org);
}

const INDEX_TABLES = [
  'search_token',
  'search_string',
  'search_date',
  'search_reference',
  'search_quantity',
] as const;

function groupIds(plans: readonly WritePlan[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const p of plans) map.set(p.type, [...(map.get(p.type) ?? []), p.id]);
  return map;
}

async function insertIndexRows(tx: Kysely<Database>, plans: readonly WritePlan[]): Promise<void> {
  const token = plans.flatMap((p) => p.index.token.map((r) => ({ type: p.type, id: p.id, ...r })));
  const string = plans.flatMap((p) => p.index.string.map((r) => ({ type: p.type, id: p.id, ...r })));
  const date = plans.flatMap((p) => p.index.date.map((r) => ({ type: p.type, id: p.id, ...r })));
  const reference = plans.flatMap((p) =>
    p.index.reference.map((r) => ({
      type: p.type,
      id: p.id,
      code: r.code,
      target_type: r.targetType,
      target_id: r.targetId,
    })),
  );
  const quantity = plans.flatMap((p) => p.index.quantity.map((r) => ({ type: p.type, id: p.id, ...r })));
  for (const part of chunks(token)) await tx.insertInto('search_token').values(part).execute();
  for (const part of chunks(string)) await tx.insertInto('search_string').values(part).execute();
  for (const part of chunks(date)) await tx.insertInto('search_date').values(part).execute();
  for (const part of chunks(reference)) await tx.insertInto('search_reference').values(part).execute();
  for (const part of chunks(quantity)) await tx.insertInto('search_quantity').values(part).execute();
}

/** Keeps the organisation hierarchy used for access in step with Organization resources. */
async function syncOrgTree(tx: Kysely<Database>, plan: WritePlan): Promise<void> {
  if (plan.deleted) {
    await tx.deleteFrom('org_tree').where('id', '=', plan.id).execute();
    return;
  }
  const org = plan.resource as {
    name?: string;
    partOf?: { reference?: string };
    type?: { coding?: { code?: string }[] }[];
  };
  const parent = org.partOf?.reference ? parseRelativeReference(org.partOf.reference) : undefined;
  const kind =
    org.type?.flatMap((t) => t.coding ?? []).find((c) => ['country', 'region', 'site'].includes(c.code ?? ''))
      ?.code ?? 'site';
  const row = {
    id: plan.id,
    parent_id: parent?.type === 'Organization' ? parent.id : null,
    kind,
    name: org.name ?? plan.id,
  };
  await tx
    .insertInto('org_tree')
    .values(row)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({ parent_id: row.parent_id, kind: row.kind, name: row.name }),
    )
    .execute();
}
