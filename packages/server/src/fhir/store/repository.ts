/**
 * The FHIR record store: create, read, vread, update, delete, history and search, each bounded by
 * the caller's access scope and each recorded in the audit trail. Framework-free: the HTTP layer,
 * the CLI and the tests call the same methods.
 */
import { sql, type Kysely } from 'kysely';
import type { BundleEntry, Resource } from '@medplum/fhirtypes';
import {
  gone,
  notFound,
  redactSensitive,
  restoreSensitive,
  PassageError,
  preconditionFailed,
  RESOURCE_TYPES,
  indexResource,
  type SearchIndexRows,
  type SearchRequest,
  type StoredResourceType,
} from '@passage/core';
import type { AccessContext } from '../../access/access-context.ts';
import { recordAudit, type AuditEntry } from '../../audit/audit-log.ts';
import { readAuditEvent } from '../../audit/audit-fhir.ts';
import { requirePermission } from '../../access/access-context.ts';
import type { Database } from '../../db/schema.ts';
import {
  hidesSensitive,
  readScope,
  scopeAllows,
  scopePredicate,
  writeScope,
  type Scope,
} from './access-scope.ts';
import { CachedPatientLookup } from './lookup.ts';
import { withPassageIds } from '../../records/passage-ids.ts';
import { loadFhirDefinitions } from '../definitions.ts';
import { filterPredicate, orderBy } from './search-sql.ts';
import { asResource, validateFhir } from './validate.ts';
import { newId, persistPlans, planDelete, planWrite, type CurrentRow, type WritePlan } from './write.ts';

type Db = Kysely<Database>;

export const isPersonalData = (type: StoredResourceType): boolean => {
  const c = RESOURCE_TYPES[type].category;
  return c === 'demographic' || c === 'clinical';
};

export interface SearchResult {
  matches: Resource[];
  included: Resource[];
  total: number | undefined;
  hasMore: boolean;
}

/** Told of every committed write (after the commit): for work that follows a write but is not part of it. */
export type CommitListener = (plans: readonly WritePlan[]) => void;

export class FhirRepository {
  readonly db: Db;
  private readonly commitListeners: CommitListener[] = [];

  constructor(db: Db) {
    this.db = db;
    loadFhirDefinitions();
  }

  /** Adds a listener for committed writes; returns a function that removes it. */
  onCommit(listener: CommitListener): () => void {
    this.commitListeners.push(listener);
    return () => {
      const at = this.commitListeners.indexOf(listener);
      if (at >= 0) this.commitListeners.splice(at, 1);
    };
  }

  /** Resolves the scope, recording a refused attempt at personal data before rethrowing. */
  async scopeFor(
    ctx: AccessContext,
    type: StoredResourceType,
    mode: 'read' | 'write',
    entry: AuditEntry,
  ): Promise<Scope> {
    try {
      return mode === 'read' ? readScope(ctx, type) : writeScope(ctx, type);
    } catch (err) {
      if (isPersonalData(type))
        await recordAudit(this.db, ctx, [{ ...entry, outcome: 'failure', detail: (err as Error).message }]);
      throw err;
    }
  }

  async read(ctx: AccessContext, type: StoredResourceType, id: string): Promise<Resource> {
    if (type === 'AuditEvent') {
      requirePermission(ctx, 'audit.read');
      return readAuditEvent(this.db, id);
    }
    const audit: AuditEntry = {
      action: 'R',
      subtype: 'read',
      entityType: type,
      entityId: id,
      outcome: 'success',
    };
    const scope = await this.scopeFor(ctx, type, 'read', audit);
    const row = await this.db
      .selectFrom('fhir_resource as r')
      .select(['r.content', 'r.deleted', 'r.patient_id'])
      .where('r.type', '=', type)
      .where('r.id', '=', id)
      .where(scopePredicate(scope))
      .executeTakeFirst();
    const personal = isPersonalData(type);
    if (!row) {
      if (personal)
        await recordAudit(this.db, ctx, [
          { ...audit, outcome: 'failure', permission: scope.permission, detail: 'not found or not visible' },
        ]);
      throw notFound(`${type}/${id} was not found`);
    }
    if (personal)
      await recordAudit(this.db, ctx, [
        { ...audit, permission: scope.permission, patientId: row.patient_id },
      ]);
    if (row.deleted) throw gone(`${type}/${id} was deleted`);
    const [visible] = await this.redact(scope, [row.content as Resource]);
    return visible as Resource;
  }

  /**
   * Removes sensitive parts (a Patient's migration category, sensitive answers) for users who may
   * read the record but not what is sensitive in it. Whole sensitive resources never reach here:
   * the scope's SQL predicate leaves them out.
   */
  async redact(scope: Scope, resources: Resource[]): Promise<Resource[]> {
    if (scope.kind !== 'orgs' || !scope.sensitive) return resources;
    const lookup = new CachedPatientLookup(this.db);
    const partial = resources.filter(
      (r) => r.resourceType === 'Patient' || r.resourceType === 'QuestionnaireResponse',
    );
    await lookup.prefetch(partial.map(patientIdOf).filter((p): p is string => Boolean(p)));
    return Promise.all(
      resources.map(async (r) => {
        if (r.resourceType !== 'Patient' && r.resourceType !== 'QuestionnaireResponse') return r;
        const patientId = patientIdOf(r);
        const orgs = patientId ? ((await lookup.orgsOf(patientId)) ?? []) : [];
        return hidesSensitive(scope, orgs) ? redactSensitive(r) : r;
      }),
    );
  }

  async vread(ctx: AccessContext, type: StoredResourceType, id: string, version: number): Promise<Resource> {
    const versions = await this.historyRows(ctx, type, id, 'vread', version);
    const found = versions[0];
    if (!found) throw notFound(`${type}/${id} has no version ${version}`);
    if (found.deleted) throw gone(`${type}/${id} version ${version} is a deletion`);
    return found.content;
  }

  async history(
    ctx: AccessContext,
    type: StoredResourceType,
    id: string,
  ): Promise<{ content: Resource; deleted: boolean; version: number; lastUpdated: Date }[]> {
    return this.historyRows(ctx, type, id, 'history');
  }

  private async historyRows(
    ctx: AccessContext,
    type: StoredResourceType,
    id: string,
    subtype: string,
    version?: number,
  ) {
    if (type === 'AuditEvent') {
      requirePermission(ctx, 'audit.read');
      throw new PassageError(
        405,
        'not_versioned',
        'AuditEvents are not versioned: read them at /fhir/AuditEvent/{id}',
      );
    }
    const audit: AuditEntry = { action: 'R', subtype, entityType: type, entityId: id, outcome: 'success' };
    const scope = await this.scopeFor(ctx, type, 'read', audit);
    // Visibility follows the current version: who may see the record may see its history.
    const current = await this.db
      .selectFrom('fhir_resource as r')
      .select(['r.patient_id'])
      .where('r.type', '=', type)
      .where('r.id', '=', id)
      .where(scopePredicate(scope))
      .executeTakeFirst();
    if (!current) {
      if (isPersonalData(type))
        await recordAudit(this.db, ctx, [{ ...audit, outcome: 'failure', permission: scope.permission }]);
      throw notFound(`${type}/${id} was not found`);
    }
    let query = this.db
      .selectFrom('fhir_history')
      .select(['content', 'deleted', 'version', 'last_updated'])
      .where('type', '=', type)
      .where('id', '=', id)
      .orderBy('version', 'desc');
    if (version !== undefined) query = query.where('version', '=', version);
    const rows = await query.execute();
    if (isPersonalData(type)) {
      const found = rows.length > 0;
      await recordAudit(this.db, ctx, [
        {
          ...audit,
          permission: scope.permission,
          patientId: current.patient_id,
          ...(found ? {} : { outcome: 'failure', detail: `no version ${version}` }),
        },
      ]);
    }
    const visible = await this.redact(
      scope,
      rows.map((r) => r.content as Resource),
    );
    return rows.map((r, i) => ({
      content: visible[i] as Resource,
      deleted: r.deleted,
      version: r.version,
      lastUpdated: r.last_updated,
    }));
  }

  async create(ctx: AccessContext, body: unknown): Promise<Resource> {
    const resource = asResource(body);
    const stored = await this.writeAll(ctx, [{ method: 'POST', resource: { ...resource, id: newId() } }]);
    return (stored[0] as WritePlan).resource;
  }

  async update(
    ctx: AccessContext,
    type: StoredResourceType,
    id: string,
    body: unknown,
    ifMatch?: number,
  ): Promise<{ resource: Resource; created: boolean }> {
    const resource = asResource(body);
    if (resource.resourceType !== type)
      throw new PassageError(400, 'bad_request', `The body holds a ${resource.resourceType}, not a ${type}`, [
        { message: 'resourceType does not match the URL', expression: 'resourceType' },
      ]);
    if (resource.id !== id)
      throw new PassageError(
        400,
        'bad_request',
        `The body's id (${resource.id ?? 'none'}) must equal the id in the URL (${id})`,
        [{ message: 'id does not match the URL', expression: `${type}.id` }],
      );
    const [plan] = await this.writeAll(ctx, [{ method: 'PUT', resource, ifMatch }]);
    return { resource: (plan as WritePlan).resource, created: (plan as WritePlan).action === 'create' };
  }

  async delete(ctx: AccessContext, type: StoredResourceType, id: string): Promise<void> {
    await this.writeAll(ctx, [{ method: 'DELETE', type, id }]);
  }

  /**
   * Plans and persists writes atomically: all or nothing. Entries are processed in the given order;
   * Bundle processing has already resolved ids and references. `within` runs last in the same
   * transaction, for bookkeeping that must commit (or roll back) with the writes.
   */
  async writeAll(
    ctx: AccessContext,
    requested: readonly WriteOp[],
    onEntryError?: (index: number, err: unknown) => never,
    within?: (tx: Db, plans: readonly WritePlan[]) => Promise<void>,
  ): Promise<WritePlan[]> {
    const ops = await withPassageIds(this.db, requested);
    // Role-level refusals are decided (and audited) before the transaction opens: an audit write
    // must never wait for the connection the transaction holds (PGlite has only one).
    const scopes = new Map<StoredResourceType, Scope>();
    for (const [index, op] of ops.entries()) {
      const { type, id } = opTarget(op);
      if (scopes.has(type)) continue;
      try {
        scopes.set(type, await this.scopeFor(ctx, type, 'write', writeAudit(op, type, id)));
      } catch (err) {
        onEntryError?.(index, err);
        throw err;
      }
    }
    // Validation and index extraction are pure CPU work: done before the transaction, so that a
    // connection is held only for database work and concurrent requests overlap.
    const prepared = ops.map((op, index) => {
      if (op.method === 'DELETE') return undefined;
      try {
        validateFhir(op.resource);
        return indexResource(op.resource);
      } catch (err) {
        onEntryError?.(index, err);
        throw err;
      }
    });
    let refused: AuditEntry | undefined;
    try {
      const committed = await this.db.transaction().execute(async (tx) => {
        const lookup = new CachedPatientLookup(tx);
        await lookup.prefetch(
          ops.flatMap((op) => (op.method === 'DELETE' ? [] : referencedPatients(op.resource))),
        );
        const current = await currentRows(tx, ops);
        const pending = new Map<string, string>();
        const plans: WritePlan[] = [];
        const now = new Date();
        for (const [index, op] of ops.entries()) {
          const { type, id } = opTarget(op);
          const key = `${type}/${id}`;
          try {
            const existing = current.get(key);
            const scope = scopes.get(type) as Scope;
            let plan: WritePlan;
            if (op.method === 'DELETE') {
              if (!existing || existing.deleted) throw notFound(`${key} was not found`);
              const orgs = existing.patient_id ? ((await lookup.orgsOf(existing.patient_id)) ?? []) : [];
              if (!scopeAllows(scope, existing.patient_id, orgs)) throw notFound(`${key} was not found`);
              plan = planDelete(type, id, existing, now);
            } else {
              if (
                op.method === 'PUT' &&
                op.ifMatch !== undefined &&
                op.ifMatch !== (existing?.version ?? 0)
              ) {
                throw preconditionFailed(
                  `${key} is at version ${existing?.version ?? 'none'}, not ${op.ifMatch}: reload it and apply your change again`,
                );
              }
              let resource = op.resource;
              if (op.method === 'PUT' && existing && !existing.deleted && existing.patient_id) {
                // Someone who saw the record without its sensitive parts must not erase them.
                const seen = safeScope(ctx, type);
                const orgs = (await lookup.orgsOf(existing.patient_id)) ?? [];
                if (!seen || hidesSensitive(seen, orgs))
                  resource = restoreSensitive(existing.content, resource);
              }
              plan = await planWrite({
                resource,
                index: prepared[index] as SearchIndexRows,
                current: existing,
                scope,
                lookup,
                pending,
                now,
              });
              if (plan.registeredAt) pending.set(plan.id, plan.registeredAt);
            }
            lookup.remember(type, id, plan.patientId);
            current.set(key, {
              version: plan.version,
              deleted: plan.deleted,
              patient_id: plan.patientId,
              content: plan.resource,
            });
            plans.push(plan);
          } catch (err) {
            if (
              err instanceof PassageError &&
              (err.status === 403 || err.status === 404 || err.issues.some((i) => i.type === 'not-found'))
            ) {
              refused = { ...writeAudit(op, type, id), outcome: 'failure', detail: err.message };
            }
            if (onEntryError) onEntryError(index, err);
            throw err;
          }
        }
        await persistPlans(tx, plans);
        await recordAudit(
          tx,
          ctx,
          plans
            .filter((p) => isPersonalData(p.type) || RESOURCE_TYPES[p.type].category === 'reference')
            .map((p) => ({
              action: p.action === 'create' ? 'C' : p.action === 'update' ? 'U' : 'D',
              subtype: p.action,
              entityType: p.type,
              entityId: p.id,
              patientId: p.patientId,
              outcome: 'success',
              permission: WRITE_PERMISSION[RESOURCE_TYPES[p.type].category],
            })),
        );
        await within?.(tx, plans);
        return plans;
      });
      for (const listener of this.commitListeners) listener(committed);
      return committed;
    } catch (err) {
      // Recorded after the rollback, so the refusal is kept although the write is not.
      if (refused && isPersonalData(refused.entityType as StoredResourceType)) {
        await recordAudit(this.db, ctx, [refused]);
      }
      throw err;
    }
  }

  async search(ctx: AccessContext, request: SearchRequest, queryText: string): Promise<SearchResult> {
    const type = request.resourceType;
    const audit: AuditEntry = {
      action: 'E',
      subtype: 'search',
      entityType: type,
      outcome: 'success',
      detail: redactQuery(queryText),
    };
    const scope = await this.scopeFor(ctx, type, 'read', audit);
    const where = sql.join(
      [
        sql`r.type = ${type}`,
        sql`NOT r.deleted`,
        scopePredicate(scope),
        ...request.filters.map(filterPredicate),
      ],
      sql` AND `,
    );
    let matches: Resource[] = [];
    let hasMore = false;
    if (!request.summaryCount && request.count > 0) {
      const rows = await sql<{ content: Resource }>`SELECT r.content FROM fhir_resource r WHERE ${where}
        ORDER BY ${orderBy(request)} LIMIT ${request.count + 1} OFFSET ${request.offset}`.execute(this.db);
      hasMore = rows.rows.length > request.count;
      matches = await this.redact(
        scope,
        rows.rows.slice(0, request.count).map((r) => r.content),
      );
    }
    let total: number | undefined;
    if (request.total === 'accurate') {
      const counted = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM fhir_resource r WHERE ${where}`.execute(this.db);
      total = Number(counted.rows[0]?.n ?? 0);
    } else if (!hasMore && (request.offset === 0 || matches.length > 0)) {
      total = request.offset + matches.length;
    }
    const included = await this.includes(ctx, request, matches);
    const personal = [...matches, ...included].filter((r) =>
      isPersonalData(r.resourceType as StoredResourceType),
    );
    if (isPersonalData(type) || personal.length > 0) {
      const patients = new Set(personal.map((r) => patientIdOf(r)).filter((p): p is string => Boolean(p)));
      await recordAudit(this.db, ctx, [
        {
          ...audit,
          permission: scope.permission,
          patientId: patients.size === 1 ? [...patients][0] : null,
          detail: `${redactQuery(queryText)} → ${personal.length} result(s)${
            personal.length
              ? `: ${personal
                  .slice(0, 50)
                  .map((r) => `${r.resourceType}/${r.id}`)
                  .join(' ')}`
              : ''
          }`,
        },
      ]);
    }
    return { matches, included, total, hasMore };
  }

  private async includes(
    ctx: AccessContext,
    request: SearchRequest,
    matches: readonly Resource[],
  ): Promise<Resource[]> {
    if (matches.length === 0) return [];
    const ids = matches.map((m) => m.id as string);
    const out = new Map<string, Resource>();
    for (const rule of request.include) {
      const targets = await this.db
        .selectFrom('search_reference')
        .select(['target_type', 'target_id'])
        .where('type', '=', rule.sourceType)
        .where('code', '=', rule.code)
        .where('id', 'in', ids)
        .execute();
      const byType = new Map<string, string[]>();
      for (const t of targets) {
        if (!t.target_type || (rule.targetType && t.target_type !== rule.targetType)) continue;
        byType.set(t.target_type, [...(byType.get(t.target_type) ?? []), t.target_id]);
      }
      for (const [targetType, targetIds] of byType) {
        const scope = safeScope(ctx, targetType as StoredResourceType);
        if (!scope) continue;
        const rows = await this.db
          .selectFrom('fhir_resource as r')
          .select('r.content')
          .where('r.type', '=', targetType)
          .where('r.id', 'in', targetIds)
          .where('r.deleted', '=', false)
          .where(scopePredicate(scope))
          .execute();
        for (const r of await this.redact(
          scope,
          rows.map((row) => row.content as Resource),
        ))
          out.set(`${targetType}/${r.id}`, r);
      }
    }
    for (const rule of request.revinclude) {
      const scope = safeScope(ctx, rule.sourceType);
      if (!scope) continue;
      const rows = await sql<{ content: Resource }>`SELECT r.content FROM fhir_resource r
        WHERE r.type = ${rule.sourceType} AND NOT r.deleted AND ${scopePredicate(scope)}
        AND EXISTS (SELECT 1 FROM search_reference x WHERE x.type = r.type AND x.id = r.id AND x.code = ${rule.code}
          AND x.target_type = ${request.resourceType} AND x.target_id IN (${sql.join(ids)}))
        LIMIT 1000`.execute(this.db);
      for (const r of await this.redact(
        scope,
        rows.rows.map((row) => row.content),
      ))
        out.set(`${r.resourceType}/${r.id}`, r);
    }
    for (const m of matches) out.delete(`${m.resourceType}/${m.id}`);
    return [...out.values()];
  }
}

const WRITE_PERMISSION = {
  demographic: 'demographics.write',
  clinical: 'clinical.write',
  reference: 'reference.write',
  audit: undefined,
} as const;

function opTarget(op: WriteOp): { type: StoredResourceType; id: string } {
  return op.method === 'DELETE'
    ? { type: op.type, id: op.id }
    : { type: op.resource.resourceType, id: op.resource.id as string };
}

function writeAudit(op: WriteOp, type: StoredResourceType, id: string): AuditEntry {
  return {
    action: op.method === 'POST' ? 'C' : op.method === 'PUT' ? 'U' : 'D',
    subtype: op.method === 'DELETE' ? 'delete' : op.method === 'POST' ? 'create' : 'update',
    entityType: type,
    entityId: id,
    outcome: 'success',
  };
}

export type WriteOp =
  | { method: 'POST'; resource: Resource & { resourceType: StoredResourceType } }
  | { method: 'PUT'; resource: Resource & { resourceType: StoredResourceType }; ifMatch?: number | undefined }
  | { method: 'DELETE'; type: StoredResourceType; id: string };

const RESULT_PARAMS = new Set([
  '_count',
  '_offset',
  '_sort',
  '_total',
  '_summary',
  '_include',
  '_revinclude',
]);

/**
 * The audit trail names which parameters a search used but not their values: a search for an HIV
 * diagnosis code must not reach the administrators who read the trail.
 */
export function redactQuery(url: string): string {
  const [path = '', query] = url.split('?');
  if (!query) return path;
  const parts = [...new URLSearchParams(query)].map(([k, v]) => `${k}=${RESULT_PARAMS.has(k) ? v : '…'}`);
  return `${path}?${parts.join('&')}`;
}

function safeScope(ctx: AccessContext, type: StoredResourceType): Scope | undefined {
  try {
    return readScope(ctx, type);
  } catch {
    return undefined;
  }
}

function patientIdOf(resource: Resource): string | undefined {
  if (resource.resourceType === 'Patient') return resource.id;
  const info = RESOURCE_TYPES[resource.resourceType as StoredResourceType];
  if (!info || !('patientElement' in info)) return undefined;
  const ref: unknown = (resource as unknown as Record<string, { reference?: unknown } | undefined>)[
    info.patientElement
  ]?.reference;
  return typeof ref === 'string' && ref.startsWith('Patient/') ? ref.slice(8) : undefined;
}

function referencedPatients(resource: Resource): string[] {
  const id = patientIdOf(resource);
  return id && resource.resourceType !== 'Patient' ? [id] : [];
}

async function currentRows(tx: Db, ops: readonly WriteOp[]): Promise<Map<string, CurrentRow>> {
  const keys = ops
    .filter((op) => op.method !== 'POST')
    .map((op) =>
      op.method === 'DELETE'
        ? { type: op.type, id: op.id }
        : { type: op.resource.resourceType, id: op.resource.id as string },
    );
  const map = new Map<string, CurrentRow>();
  for (let i = 0; i < keys.length; i += 500) {
    const part = keys.slice(i, i + 500);
    const rows = await tx
      .selectFrom('fhir_resource')
      .select(['type', 'id', 'version', 'deleted', 'patient_id', 'content'])
      .where((eb) => eb.or(part.map((k) => eb.and([eb('type', '=', k.type), eb('id', '=', k.id)]))))
      .forUpdate()
      .execute();
    for (const r of rows)
      map.set(`${r.type}/${r.id}`, {
        version: r.version,
        deleted: r.deleted,
        patient_id: r.patient_id,
        content: r.content as Resource,
      });
  }
  return map;
}

export function toEntry(resource: Resource, baseUrl: string, mode?: 'match' | 'include'): BundleEntry {
  return {
    fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id}`,
    resource,
    ...(mode ? { search: { mode } } : {}),
  };
}
