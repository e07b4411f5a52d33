/**
 * Writes: each resource is first turned into a plan (validated, versioned, its person found, access
 * checked, index rows extracted), then all plans of a request are persisted together with a few
 * multi-row statements in one transaction, so a Bundle of thousands costs a handful of round trips.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Consent, Organization, Resource } from '@medplum/fhirtypes';
import {
  emptyIndexRows,
  notFound,
  organizationLevel,
  parseRelativeReference,
  RESOURCE_TYPES,
  unprocessable,
  forbidden,
  type SearchIndexRows,
  type StoredResourceType,
} from '@passage/core';
import type { Database } from '../../db/schema.ts';
import { syncIdentityKeys } from '../../identity/blocking-store.ts';
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
  /** Search index rows, extracted before the transaction opened (version and time are not indexed). */
  index: SearchIndexRows;
}

/** Plans a create or update. The resource has been validated and has its final id. */
export async function planWrite(input: PlanInput): Promise<WritePlan> {
  const { resource, current, scope, lookup, pending, now, index } = input;
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
    index,
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

let written = 0;

/** Resources written by this process (rolled-back writes included): a cue for statistics upkeep. */
export function resourcesWritten(): number {
  return written;
}

/**
 * Persists plans in the given transaction. Rows go in as arrays through `unnest`: one statement per
 * table whatever the number of rows, instead of statements with thousands of parameters.
 */
export async function persistPlans(tx: Kysely<Database>, plans: readonly WritePlan[]): Promise<void> {
  if (plans.length === 0) return;
  written += plans.length;
  const types = plans.map((p) => p.type);
  const ids = plans.map((p) => p.id);
  const versions = plans.map((p) => p.version);
  const updated = plans.map((p) => p.lastUpdated);
  const deleted = plans.map((p) => p.deleted);
  const contents = plans.map((p) => JSON.stringify(p.resource));
  // Every table in one statement (data-modifying CTEs share one snapshot, so deleting a record's old
  // index rows and inserting its new ones cannot see each other): one round trip per request.
  const statements: RawBuilder<unknown>[] = [
    sql`INSERT INTO fhir_resource (type, id, version, last_updated, deleted, patient_id, content)
    SELECT * FROM unnest(${types}::text[], ${ids}::text[], ${versions}::int[], ${updated}::timestamptz[],
      ${deleted}::boolean[], ${plans.map((p) => p.patientId)}::text[], ${contents}::jsonb[])
    ON CONFLICT (type, id) DO UPDATE SET version = excluded.version, last_updated = excluded.last_updated,
      deleted = excluded.deleted, patient_id = excluded.patient_id, content = excluded.content`,
    sql`INSERT INTO fhir_history (type, id, version, last_updated, deleted, content)
    SELECT * FROM unnest(${types}::text[], ${ids}::text[], ${versions}::int[], ${updated}::timestamptz[],
      ${deleted}::boolean[], ${contents}::jsonb[])`,
  ];
  const replaced = plans.filter((p) => p.replaces);
  if (replaced.length > 0) {
    const rTypes = replaced.map((p) => p.type);
    const rIds = replaced.map((p) => p.id);
    for (const table of INDEX_TABLES) {
      statements.push(sql`DELETE FROM ${sql.table(table)} x USING unnest(${rTypes}::text[], ${rIds}::text[]) AS r(type, id)
        WHERE x.type = r.type AND x.id = r.id`);
    }
  }
  statements.push(...indexRowInserts(plans));
  const ctes = statements.map((statement, n) => sql`${sql.raw(`w${n}`)} AS (${statement})`);
  await sql`WITH ${sql.join(ctes)} SELECT 1`.execute(tx);

  const patients = plans.filter((p) => p.type === 'Patient');
  if (patients.length > 0) {
    // A deleted person keeps their access rows, so the people who could see them get 410, not 404.
    const replacedPatients = patients.filter((p) => p.replaces && !p.deleted).map((p) => p.id);
    if (replacedPatients.length > 0) {
      await sql`DELETE FROM patient_access WHERE reason = 'registered'
        AND patient_id = ANY(${replacedPatients}::text[])`.execute(tx);
    }
    const live = patients.filter((p) => !p.deleted && p.registeredAt);
    if (live.length > 0) {
      await sql`INSERT INTO patient_access (patient_id, org_id, reason)
        SELECT p, o, 'registered' FROM unnest(${live.map((p) => p.id)}::text[], ${live.map((p) => p.registeredAt)}::text[]) AS u(p, o)
        ON CONFLICT DO NOTHING`.execute(tx);
    }
    await syncIdentityKeys(tx, patients);
  }
  for (const consent of plans.filter((p) => p.type === 'Consent')) await syncSharing(tx, consent);
  for (const org of plans.filter((p) => p.type === 'Organization')) await syncOrgTree(tx, org);
}

/**
 * Sharing a record with another site is a FHIR Consent: status `active`, `provision.type` `permit`,
 * and the receiving sites as `provision.actor` Organization references (within its period, if any).
 * Each such Consent grants access rows tagged with its id; revoking, ending or deleting it removes
 * them. Writing a Consent needs clinical write rights at the person's site, as any clinical record.
 */
async function syncSharing(tx: Kysely<Database>, plan: WritePlan): Promise<void> {
  const reason = `consent:${plan.id}`;
  await sql`DELETE FROM patient_access WHERE reason = ${reason}`.execute(tx);
  const consent = plan.resource as Consent;
  if (plan.deleted || !plan.patientId || consent.status !== 'active' || consent.provision?.type !== 'permit')
    return;
  const end = consent.provision.period?.end;
  if (end && new Date(end).getTime() < Date.now()) return;
  const orgs = (consent.provision.actor ?? [])
    .map((a) => (a.reference?.reference ? parseRelativeReference(a.reference.reference) : undefined))
    .filter((r): r is { type: string; id: string } => r?.type === 'Organization')
    .map((r) => r.id);
  if (orgs.length === 0) return;
  await sql`INSERT INTO patient_access (patient_id, org_id, reason)
    SELECT ${plan.patientId}, o, ${reason} FROM unnest(${orgs}::text[]) AS u(o) ON CONFLICT DO NOTHING`.execute(
    tx,
  );
}

const INDEX_TABLES = [
  'search_token',
  'search_string',
  'search_date',
  'search_reference',
  'search_quantity',
] as const;

/** Column arrays for `unnest`, one per column, from rows of one shape. */
function columns<R extends object, K extends keyof R>(rows: readonly R[], keys: readonly K[]): R[K][][] {
  return keys.map((k) => rows.map((r) => r[k]));
}

/** The INSERTs of the search index rows of these plans. */
function indexRowInserts(plans: readonly WritePlan[]): RawBuilder<unknown>[] {
  const out: RawBuilder<unknown>[] = [];
  const owned = <R extends object>(pick: (p: WritePlan) => readonly R[]) =>
    plans.flatMap((p) => pick(p).map((r) => ({ type: p.type, id: p.id, ...r })));
  const token = owned((p) => p.index.token);
  if (token.length > 0) {
    const [t, i, c, sy, v] = columns(token, ['type', 'id', 'code', 'system', 'value']);
    out.push(sql`INSERT INTO search_token (type, id, code, system, value)
      SELECT * FROM unnest(${t}::text[], ${i}::text[], ${c}::text[], ${sy}::text[], ${v}::text[])`);
  }
  const string = owned((p) => p.index.string);
  if (string.length > 0) {
    const [t, i, c, v, e] = columns(string, ['type', 'id', 'code', 'value', 'exact']);
    out.push(sql`INSERT INTO search_string (type, id, code, value, exact)
      SELECT * FROM unnest(${t}::text[], ${i}::text[], ${c}::text[], ${v}::text[], ${e}::text[])`);
  }
  const date = owned((p) => p.index.date);
  if (date.length > 0) {
    const [t, i, c, lo, hi] = columns(date, ['type', 'id', 'code', 'low', 'high']);
    out.push(sql`INSERT INTO search_date (type, id, code, low, high)
      SELECT * FROM unnest(${t}::text[], ${i}::text[], ${c}::text[], ${lo}::timestamptz[], ${hi}::timestamptz[])`);
  }
  const reference = owned((p) => p.index.reference);
  if (reference.length > 0) {
    const [t, i, c, tt, ti] = columns(reference, ['type', 'id', 'code', 'targetType', 'targetId']);
    out.push(sql`INSERT INTO search_reference (type, id, code, target_type, target_id)
      SELECT * FROM unnest(${t}::text[], ${i}::text[], ${c}::text[], ${tt}::text[], ${ti}::text[])`);
  }
  const quantity = owned((p) => p.index.quantity);
  if (quantity.length > 0) {
    const [t, i, c, v, sy, u] = columns(quantity, ['type', 'id', 'code', 'value', 'system', 'unit']);
    out.push(sql`INSERT INTO search_quantity (type, id, code, value, system, unit)
      SELECT * FROM unnest(${t}::text[], ${i}::text[], ${c}::text[], ${v}::numeric[], ${sy}::text[], ${u}::text[])`);
  }
  return out;
}

/** Keeps the organisation hierarchy used for access in step with Organization resources. */
async function syncOrgTree(tx: Kysely<Database>, plan: WritePlan): Promise<void> {
  if (plan.deleted) {
    await tx.deleteFrom('org_tree').where('id', '=', plan.id).execute();
    return;
  }
  const org = plan.resource as Organization;
  const parent = org.partOf?.reference ? parseRelativeReference(org.partOf.reference) : undefined;
  const kind = organizationLevel(org);
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
