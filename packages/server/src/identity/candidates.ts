/**
 * The review queue: possible duplicates side by side, each with the reason for its score. A caller
 * sees a pair only when they may read both records (the access scope applied in SQL), and the
 * Patients come redacted exactly as any read would return them.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Patient } from '@medplum/fhirtypes';
import { conflict, notFound } from '@passage/core';
import type { AccessContext } from '../access/access-context.ts';
import { recordAudit, type AuditEntry } from '../audit/audit-log.ts';
import { scopePredicate, type Scope } from '../fhir/store/access-scope.ts';
import type { FhirRepository } from '../fhir/store/repository.ts';
import { notMergedAway } from './blocking-store.ts';
import { personForCare, requireCareRights } from './identity-access.ts';
import type { Db } from '../db/database.ts';
import type { FieldReason, Grade, PairScore } from './matcher.ts';

export type CandidateStatus = 'pending' | 'merged' | 'dismissed';

export interface CandidateItem {
  id: string;
  score: number;
  grade: Grade;
  fields: FieldReason[];
  a: Patient;
  b: Patient;
  status: CandidateStatus;
  foundAt: string;
  /** For a merged pair, the merge to undo. */
  mergeId?: string | undefined;
}

/** The merge (not undone) of a pair, if any: what the queue offers to undo. */
const LATEST_MERGE = sql`LEFT JOIN LATERAL (SELECT x.id FROM identity_merge x WHERE x.undone_at IS NULL
  AND ((x.survivor_id = c.a_id AND x.duplicate_id = c.b_id) OR (x.survivor_id = c.b_id AND x.duplicate_id = c.a_id))
  ORDER BY x.merged_at DESC LIMIT 1) m ON true`;

/** Pairs of this status whose two records the scope reaches (pending: neither merged away since). */
function visiblePairs(scope: Scope, status: CandidateStatus, join = sql``) {
  return sql`FROM identity_candidate c
    JOIN fhir_resource a ON a.type = 'Patient' AND a.id = c.a_id AND NOT a.deleted
    JOIN fhir_resource b ON b.type = 'Patient' AND b.id = c.b_id AND NOT b.deleted
    ${join}
    WHERE c.status = ${status} AND ${scopePredicate(scope, 'a')} AND ${scopePredicate(scope, 'b')}
    ${status === 'pending' ? sql`AND ${notMergedAway('a')} AND ${notMergedAway('b')}` : sql``}`;
}

export async function listCandidates(
  repo: FhirRepository,
  ctx: AccessContext,
  query: { status: CandidateStatus; limit: number; offset: number },
): Promise<{ items: CandidateItem[]; total: number }> {
  const audit: AuditEntry = {
    action: 'E',
    subtype: 'duplicate-review',
    entityType: 'Patient',
    outcome: 'success',
  };
  const scope = await repo.scopeFor(ctx, 'Patient', 'read', audit);
  const counted = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n ${visiblePairs(scope, query.status)}`.execute(repo.db);
  const rows = await sql<{
    id: string;
    score: number;
    grade: Grade;
    fields: FieldReason[];
    status: CandidateStatus;
    found_at: Date;
    a: Patient;
    b: Patient;
    merge_id: string | null;
  }>`SELECT c.id, c.score, c.grade, c.fields, c.status, c.found_at, a.content AS a, b.content AS b, m.id AS merge_id
    ${visiblePairs(scope, query.status, LATEST_MERGE)}
    ORDER BY c.score DESC, c.id LIMIT ${query.limit} OFFSET ${query.offset}`.execute(repo.db);
  const patients = (await repo.redact(
    scope,
    rows.rows.flatMap((r) => [r.a, r.b]),
  )) as Patient[];
  const items = rows.rows.map((r, i) => ({
    id: r.id,
    score: Number(r.score),
    grade: r.grade,
    fields: r.fields,
    a: patients[2 * i] as Patient,
    b: patients[2 * i + 1] as Patient,
    status: r.status,
    foundAt: new Date(r.found_at).toISOString(),
    ...(r.merge_id ? { mergeId: r.merge_id } : {}),
  }));
  const shown = rows.rows.flatMap((r) => [`Patient/${r.a.id}`, `Patient/${r.b.id}`]);
  await recordAudit(repo.db, ctx, [
    {
      ...audit,
      permission: scope.permission,
      detail: `${query.status} candidates → ${items.length} pair(s)${shown.length ? `: ${shown.slice(0, 100).join(' ')}` : ''}`,
    },
  ]);
  return { items, total: Number(counted.rows[0]?.n ?? 0) };
}

/** Records that a pair is two people: it leaves the queue, and no later scan proposes it again. */
export async function dismissCandidate(repo: FhirRepository, ctx: AccessContext, id: string): Promise<void> {
  const audit: AuditEntry = {
    action: 'E',
    subtype: 'duplicate-dismiss',
    entityType: 'Patient',
    outcome: 'success',
  };
  await requireCareRights(repo, ctx, audit);
  const scope = await repo.scopeFor(ctx, 'Patient', 'read', audit);
  const row = await sql<{
    a_id: string;
    b_id: string;
    status: CandidateStatus;
  }>`SELECT c.a_id, c.b_id, c.status
    FROM identity_candidate c
    JOIN fhir_resource a ON a.type = 'Patient' AND a.id = c.a_id
    JOIN fhir_resource b ON b.type = 'Patient' AND b.id = c.b_id
    WHERE c.id = ${id} AND ${scopePredicate(scope, 'a')} AND ${scopePredicate(scope, 'b')}`.execute(repo.db);
  const pair = row.rows[0];
  if (!pair) {
    const err = notFound(`Candidate ${id} was not found`);
    await recordAudit(repo.db, ctx, [{ ...audit, outcome: 'failure', detail: err.message }]);
    throw err;
  }
  for (const person of [pair.a_id, pair.b_id])
    await personForCare(repo, ctx, person, { ...audit, entityId: person });
  if (pair.status === 'merged')
    throw conflict('already_merged', `Candidate ${id} was merged: undo the merge instead`);
  if (pair.status === 'dismissed') return;
  await repo.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('identity_candidate')
      .set({ status: 'dismissed', decided_at: new Date(), decided_by: ctx.userId })
      .where('id', '=', id)
      .execute();
    await recordAudit(
      tx,
      ctx,
      [pair.a_id, pair.b_id].map((p) => ({
        ...audit,
        entityId: p,
        patientId: p,
        permission: 'demographics.write' as const,
        detail: `candidate ${id}: Patient/${pair.a_id} and Patient/${pair.b_id} are different people`,
      })),
    );
  });
}

/** A pair to queue, its ids ordered (a < b). */
export interface FoundPair {
  a: string;
  b: string;
  score: PairScore;
}

/**
 * Queues pairs for review, found by a scan (its id) or by 'registration'; a pair already in the
 * queue, whatever its status, is left as it is. Returns how many were new.
 */
export async function queueCandidates(db: Db, pairs: readonly FoundPair[], foundBy: string): Promise<number> {
  if (pairs.length === 0) return 0;
  const inserted =
    await sql`INSERT INTO identity_candidate (id, a_id, b_id, score, grade, fields, found_at, found_by)
    SELECT u.id, u.a, u.b, u.score, u.grade, u.fields, now(), ${foundBy}
    FROM unnest(${pairs.map(() => randomUUID())}::text[], ${pairs.map((h) => h.a)}::text[], ${pairs.map((h) => h.b)}::text[],
      ${pairs.map((h) => h.score.score)}::float8[], ${pairs.map((h) => h.score.grade)}::text[],
      ${pairs.map((h) => JSON.stringify(h.score.fields))}::jsonb[]) AS u(id, a, b, score, grade, fields)
    ON CONFLICT (a_id, b_id) DO NOTHING`.execute(db);
  return Number(inserted.numAffectedRows ?? 0);
}
