/**
 * Merging two records of one person, in one transaction through the repository's write path (so
 * indexes, history, access rows and the audit trail stay right): the duplicate's resources are
 * re-pointed at the survivor, the survivor `replaces` the duplicate, which becomes inactive and
 * `replaced-by` the survivor but stays readable, and a Provenance names everything touched. The
 * merge record keeps what an unmerge needs to restore both records exactly.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Resource } from '@medplum/fhirtypes';
import { badRequest, conflict, notFound, PassageError, type StoredResourceType } from '@passage/core';
import { orgsWith, type AccessContext } from '../access/access-context.ts';
import { recordAudit, type AuditEntry } from '../audit/audit-log.ts';
import type { Database } from '../db/schema.ts';
import type { FhirRepository, WriteOp } from '../fhir/store/repository.ts';
import { isMergedAway } from './blocking-store.ts';
import { personForCare, requireCareRights, type Person } from './identity-access.ts';
import { absorb, repoint, retire, type JsonPath } from './merge-content.ts';
import { lifecycleProvenance } from './provenance.ts';

type Db = Kysely<Database>;

export interface MergeRequest {
  survivorId: string;
  duplicateId: string;
  candidateId?: string | undefined;
}

export interface MergeResult {
  mergeId: string;
  survivorId: string;
  duplicateId: string;
  moved: string[];
}

/** One re-pointed resource: its versions either side of the merge, and which references changed. */
export interface MovedEntry {
  ref: string;
  before: number;
  after: number;
  paths: JsonPath[];
}

interface StoredRow {
  type: StoredResourceType;
  id: string;
  version: number;
  content: Resource & { resourceType: StoredResourceType };
}

/**
 * The live resources in a person's compartment that a merge moves: everything but the Patient, and
 * but Provenances about the Patient record itself (they document that record, which stays).
 */
const movable = (patientId: string) => sql`patient_id = ${patientId} AND NOT deleted AND type <> 'Patient'
  AND NOT (type = 'Provenance' AND content->'target' @> ${JSON.stringify([{ reference: `Patient/${patientId}` }])}::jsonb)`;

/** Other Provenances come last, after the resources they target have been re-planned. */
export async function movableResources(db: Db, patientId: string): Promise<StoredRow[]> {
  const rows = await sql<StoredRow>`SELECT type, id, version, content FROM fhir_resource
    WHERE ${movable(patientId)} ORDER BY (type = 'Provenance'), type, id`.execute(db);
  return rows.rows;
}

async function hasMovable(db: Db, patientId: string): Promise<boolean> {
  const rows = await sql`SELECT 1 FROM fhir_resource WHERE ${movable(patientId)} LIMIT 1`.execute(db);
  return rows.rows.length > 0;
}

/** 412 from an If-Match inside a merge means someone changed a record meanwhile. */
export function asConflict(err: unknown): unknown {
  return err instanceof PassageError && err.status === 412
    ? conflict('conflict', 'A record of one of these people changed meanwhile: reload and try again')
    : err;
}

export const careSite = (ctx: AccessContext, person: Person): string | undefined =>
  person.orgs.find((o) => ctx.system || orgsWith(ctx, 'clinical.write').includes(o));

export async function mergePatients(
  repo: FhirRepository,
  ctx: AccessContext,
  request: MergeRequest,
  now = new Date(),
): Promise<MergeResult> {
  const { survivorId, duplicateId } = request;
  if (survivorId === duplicateId) {
    throw badRequest('survivorId and duplicateId must name two different records', 'duplicateId');
  }
  const audit: AuditEntry = { action: 'E', subtype: 'merge', entityType: 'Patient', outcome: 'success' };
  await requireCareRights(repo, ctx, audit);
  const survivor = await personForCare(repo, ctx, survivorId, { ...audit, entityId: survivorId });
  const duplicate = await personForCare(repo, ctx, duplicateId, { ...audit, entityId: duplicateId });
  for (const person of [survivor, duplicate]) {
    if (isMergedAway(person.patient)) {
      const into =
        person.patient.link?.find((l) => l.type === 'replaced-by')?.other.reference ?? 'another record';
      throw conflict('already_merged', `Patient/${person.id} was already merged into ${into}`);
    }
  }
  if (request.candidateId) await checkCandidate(repo.db, request.candidateId, survivorId, duplicateId);

  const rows = await movableResources(repo.db, duplicateId);
  const moved: MovedEntry[] = [];
  const movedOps: WriteOp[] = rows.map((row) => {
    // Provenances record what happened to specific records: their references stay as written, and
    // they follow their targets into the survivor's compartment.
    const { resource, paths } =
      row.type === 'Provenance'
        ? { resource: row.content, paths: [] }
        : repoint(row.content, duplicateId, survivorId);
    moved.push({ ref: `${row.type}/${row.id}`, before: row.version, after: row.version + 1, paths });
    return { method: 'PUT', resource, ifMatch: row.version };
  });
  const { patient: survivorAfter, copied } = absorb(survivor.patient, duplicate.patient);
  const mergeId = randomUUID();
  const provenance = lifecycleProvenance({
    ctx,
    activity: 'merge',
    targets: [`Patient/${survivorId}`, `Patient/${duplicateId}`, ...moved.map((m) => m.ref)],
    site: careSite(ctx, survivor),
    now,
    reason: `Patient/${duplicateId} is the same person as Patient/${survivorId} (merge ${mergeId})`,
  });
  const ops: WriteOp[] = [
    ...movedOps,
    { method: 'PUT', resource: { ...survivorAfter, resourceType: 'Patient' }, ifMatch: survivor.version },
    {
      method: 'PUT',
      resource: { ...retire(duplicate.patient, survivorId), resourceType: 'Patient' },
      ifMatch: duplicate.version,
    },
    { method: 'POST', resource: provenance },
  ];

  await repo
    .writeAll(ctx, ops, undefined, async (tx, plans) => {
      // Anything recorded for the duplicate while this merge was prepared would be left behind.
      if (await hasMovable(tx, duplicateId)) {
        throw conflict('conflict', `Patient/${duplicateId} received new records meanwhile: try again`);
      }
      const versionOf = (id: string) => plans.find((p) => p.type === 'Patient' && p.id === id)?.version ?? 0;
      await tx
        .insertInto('identity_merge')
        .values({
          id: mergeId,
          survivor_id: survivorId,
          duplicate_id: duplicateId,
          candidate_id: request.candidateId ?? null,
          merged_at: now,
          merged_by: ctx.userId,
          moved: JSON.stringify(moved),
          survivor_before: JSON.stringify(survivor.patient),
          duplicate_before: JSON.stringify(duplicate.patient),
          survivor_after: versionOf(survivorId),
          duplicate_after: versionOf(duplicateId),
          copied: JSON.stringify(copied),
        })
        .execute();
      // The sites that cared for the duplicate keep seeing its records, now the survivor's. Sharing
      // by Consent is not copied: the Consents moved with the records and keep governing it.
      await sql`INSERT INTO patient_access (patient_id, org_id, reason)
        SELECT ${survivorId}, org_id, ${`merge:${mergeId}`} FROM patient_access
        WHERE patient_id = ${duplicateId} AND reason NOT LIKE 'consent:%'
        ON CONFLICT DO NOTHING`.execute(tx);
      const [a, b] = [survivorId, duplicateId].sort() as [string, string];
      await tx
        .updateTable('identity_candidate')
        .set({ status: 'merged', decided_at: now, decided_by: ctx.userId })
        .where('a_id', '=', a)
        .where('b_id', '=', b)
        .execute();
      const detail = `Patient/${duplicateId} merged into Patient/${survivorId} (merge ${mergeId}): ${moved.length} resource(s) moved`;
      await recordAudit(
        tx,
        ctx,
        [survivorId, duplicateId].map((id) => ({
          ...audit,
          entityId: id,
          patientId: id,
          permission: 'demographics.write' as const,
          detail,
        })),
      );
    })
    .catch((err: unknown) => {
      throw asConflict(err);
    });
  return { mergeId, survivorId, duplicateId, moved: moved.map((m) => m.ref) };
}

async function checkCandidate(db: Db, candidateId: string, s: string, d: string): Promise<void> {
  const row = await db
    .selectFrom('identity_candidate')
    .select(['a_id', 'b_id', 'status'])
    .where('id', '=', candidateId)
    .executeTakeFirst();
  if (!row) throw notFound(`Candidate ${candidateId} was not found`);
  if (![row.a_id, row.b_id].includes(s) || ![row.a_id, row.b_id].includes(d)) {
    throw badRequest(
      `Candidate ${candidateId} pairs other records than survivorId and duplicateId`,
      'candidateId',
    );
  }
}
