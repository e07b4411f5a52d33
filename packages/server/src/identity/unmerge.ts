/**
 * Undoing a merge by writing new versions (history keeps everything). A record unchanged since the
 * merge gets back exactly the content it had before it. A record changed since keeps the change:
 * only what the merge did is reversed (the re-pointed references at their recorded paths; the copied
 * names, identifiers and links on the Patients). A moved record deleted since stays deleted. Merges
 * are undone last-first: while a later merge involves either person, the undo is refused (409).
 */
import { sql, type Kysely } from 'kysely';
import type { Patient, Resource } from '@medplum/fhirtypes';
import { conflict, notFound, type StoredResourceType } from '@passage/core';
import type { AccessContext } from '../access/access-context.ts';
import { recordAudit, type AuditEntry } from '../audit/audit-log.ts';
import type { Database } from '../db/schema.ts';
import type { FhirRepository, WriteOp } from '../fhir/store/repository.ts';
import { newId } from '../fhir/store/write.ts';
import { registerSize } from './blocking-store.ts';
import { personForCare, requireCareRights } from './identity-access.ts';
import { scorePatients, type PairScore } from './matcher.ts';
import { asConflict, careSite, type MovedEntry } from './merge.ts';
import { repointPaths, unabsorb, unretire, type Copied } from './merge-content.ts';
import { lifecycleProvenance } from './provenance.ts';

type Db = Kysely<Database>;
type Stored = Resource & { resourceType: StoredResourceType };

export interface UnmergeResult {
  mergeId: string;
  survivorId: string;
  duplicateId: string;
  /** Resources given back to the duplicate. */
  restored: string[];
  /** Moved resources deleted since the merge: left as they are. */
  kept: string[];
}

interface Row {
  type: string;
  id: string;
  version: number;
  deleted: boolean;
  content: Stored;
}

async function rowsOf(db: Db, table: 'fhir_resource' | 'fhir_history', moved: readonly MovedEntry[]) {
  const split = moved.map((m) => m.ref.split('/') as [string, string]);
  const types = split.map(([t]) => t);
  const ids = split.map(([, i]) => i);
  const versionJoin = table === 'fhir_history' ? sql`AND r.version = u.v` : sql``;
  const rows = await sql<Row>`SELECT r.type, r.id, r.version, r.deleted, r.content FROM ${sql.table(table)} r
    JOIN unnest(${types}::text[], ${ids}::text[], ${moved.map((m) => m.before)}::int[]) AS u(t, i, v)
      ON r.type = u.t AND r.id = u.i ${versionJoin}`.execute(db);
  return new Map(rows.rows.map((r) => [`${r.type}/${r.id}`, r]));
}

/**
 * The writes that give the moved resources back: the version before the merge when unchanged
 * since, else the current one re-pointed at the recorded paths. Deleted ones are kept as they are.
 */
async function giveBack(db: Db, moved: readonly MovedEntry[], s: string, d: string) {
  const current = await rowsOf(db, 'fhir_resource', moved);
  const before = await rowsOf(db, 'fhir_history', moved);
  const restored: string[] = [];
  const kept: string[] = [];
  const ops: WriteOp[] = [];
  for (const m of moved) {
    const live = current.get(m.ref);
    const old = before.get(m.ref);
    if (!live || live.deleted || !old) {
      kept.push(m.ref);
      continue;
    }
    const resource = live.version === m.after ? old.content : repointPaths(live.content, m.paths, s, d);
    ops.push({ method: 'PUT', resource, ifMatch: live.version });
    restored.push(m.ref);
  }
  return { ops, restored, kept };
}

export async function unmerge(
  repo: FhirRepository,
  ctx: AccessContext,
  mergeId: string,
  now = new Date(),
): Promise<UnmergeResult> {
  const audit: AuditEntry = { action: 'E', subtype: 'unmerge', entityType: 'Patient', outcome: 'success' };
  await requireCareRights(repo, ctx, audit);
  const merge = await repo.db
    .selectFrom('identity_merge')
    .selectAll()
    .where('id', '=', mergeId)
    .executeTakeFirst();
  if (!merge) throw notFound(`Merge ${mergeId} was not found`);
  const s = merge.survivor_id;
  const d = merge.duplicate_id;
  const survivor = await personForCare(repo, ctx, s, { ...audit, entityId: s });
  const duplicate = await personForCare(repo, ctx, d, { ...audit, entityId: d });
  if (merge.undone_at) throw conflict('already_undone', `Merge ${mergeId} was already undone`);
  const later = await laterMerge(repo.db, mergeId, merge.merged_at, [s, d]);
  if (later)
    throw conflict('later_merge', `Undo merge ${later} first: it involves the same people and came later`);

  const { ops: movedOps, restored, kept } = await giveBack(repo.db, merge.moved as MovedEntry[], s, d);
  const survivorBefore = merge.survivor_before as Patient;
  const duplicateBefore = merge.duplicate_before as Patient;
  const survivorBack =
    survivor.version === merge.survivor_after
      ? survivorBefore
      : unabsorb(survivor.patient, survivorBefore, d, merge.copied as Copied);
  const duplicateBack =
    duplicate.version === merge.duplicate_after
      ? duplicateBefore
      : unretire(duplicate.patient, duplicateBefore, s);
  const provenance = lifecycleProvenance({
    ctx,
    activity: 'unmerge',
    targets: [`Patient/${s}`, `Patient/${d}`, ...restored],
    site: careSite(ctx, survivor),
    now,
    reason: `Merge ${mergeId} undone: Patient/${d} is kept apart from Patient/${s}`,
  });
  const ops: WriteOp[] = [
    ...movedOps,
    {
      method: 'PUT',
      resource: { ...survivorBack, id: s, resourceType: 'Patient' },
      ifMatch: survivor.version,
    },
    {
      method: 'PUT',
      resource: { ...duplicateBack, id: d, resourceType: 'Patient' },
      ifMatch: duplicate.version,
    },
    { method: 'POST', resource: provenance },
  ];
  const pair = scoreForTheRecord(survivorBack, duplicateBack, await registerSize(repo.db));

  await repo
    .writeAll(ctx, ops, undefined, async (tx) => {
      const done = await tx
        .updateTable('identity_merge')
        .set({ undone_at: now, undone_by: ctx.userId })
        .where('id', '=', mergeId)
        .where('undone_at', 'is', null)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1)
        throw conflict('already_undone', `Merge ${mergeId} was already undone`);
      await sql`DELETE FROM patient_access WHERE reason = ${`merge:${mergeId}`}`.execute(tx);
      // An undone merge says these are two people: the pair is not proposed again.
      const [a, b] = [s, d].sort() as [string, string];
      await sql`INSERT INTO identity_candidate (id, a_id, b_id, score, grade, fields, status, found_at, found_by, decided_at, decided_by)
        VALUES (${newId()}, ${a}, ${b}, ${pair.score}, ${pair.grade}, ${JSON.stringify(pair.fields)}::jsonb, 'dismissed',
          ${now}, 'unmerge', ${now}, ${ctx.userId})
        ON CONFLICT (a_id, b_id) DO UPDATE SET status = 'dismissed', decided_at = excluded.decided_at,
          decided_by = excluded.decided_by`.execute(tx);
      const detail = `merge ${mergeId} undone: Patient/${d} separated from Patient/${s}, ${restored.length} resource(s) given back`;
      await recordAudit(
        tx,
        ctx,
        [s, d].map((id) => ({
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
  return { mergeId, survivorId: s, duplicateId: d, restored, kept };
}

/** The pair's score, kept with the dismissal for the record only: a scorer failure must not block the undo. */
function scoreForTheRecord(a: Patient, b: Patient, registerSize: number): PairScore {
  try {
    return scorePatients(a, b, registerSize);
  } catch {
    return { score: 0, grade: 'certainly-not', fields: [] };
  }
}

async function laterMerge(db: Db, mergeId: string, mergedAt: Date, people: readonly string[]) {
  const row = await db
    .selectFrom('identity_merge')
    .select('id')
    .where('id', '<>', mergeId)
    .where('undone_at', 'is', null)
    .where('merged_at', '>=', mergedAt)
    .where((eb) => eb.or([eb('survivor_id', 'in', people), eb('duplicate_id', 'in', people)]))
    .executeTakeFirst();
  return row?.id;
}
