/**
 * The blocking-key table: every live Patient stored under its keys (matcher.ts), so that a scan
 * compares each person only with the few who share a key. Kept in step on every Patient write; a
 * scan first keys whoever is missing or stale (records written before this table, a new key scheme).
 */
import { sql, type Kysely } from 'kysely';
import type { Patient, Resource } from '@medplum/fhirtypes';
import type { Database } from '../db/schema.ts';
import { KEY_SCHEME, MAX_BLOCK_SIZE, storedKeys } from './matcher.ts';

type Db = Kysely<Database>;

export interface KeyedVersion {
  id: string;
  version: number;
  deleted: boolean;
  resource: Resource;
}

/** A duplicate already merged into another record: never proposed again, never scanned. */
export function isMergedAway(patient: Patient): boolean {
  return (patient.link ?? []).some((l) => l.type === 'replaced-by');
}

/** SQL for the same test on a `fhir_resource` row. */
export const notMergedAway = (alias: string) =>
  sql<boolean>`NOT coalesce(${sql.ref(`${alias}.content`)}->'link' @> '[{"type":"replaced-by"}]'::jsonb, false)`;

function keysOf(patient: Patient): string[] {
  try {
    return storedKeys(patient);
  } catch {
    // Keys help find duplicates; a name the key code cannot handle must never block a write.
    return [];
  }
}

/** Replaces the keys of these Patient versions; called in the transaction that writes them. */
export async function syncIdentityKeys(tx: Db, patients: readonly KeyedVersion[]): Promise<void> {
  await writeIdentityKeys(tx, patients.map(withKeys));
}

interface Keyed {
  id: string;
  version: number;
  keys: readonly string[];
}

function withKeys(p: KeyedVersion): Keyed {
  const live = !p.deleted && !isMergedAway(p.resource as Patient);
  return { id: p.id, version: p.version, keys: live ? keysOf(p.resource as Patient) : [] };
}

async function writeIdentityKeys(tx: Db, patients: readonly Keyed[]): Promise<void> {
  if (patients.length === 0) return;
  const ids = patients.map((p) => p.id);
  await sql`DELETE FROM identity_block WHERE patient_id = ANY(${ids}::text[])`.execute(tx);
  const keys = patients.flatMap((p) => p.keys);
  const owners = patients.flatMap((p) => p.keys.map(() => p.id));
  if (keys.length > 0) {
    await sql`INSERT INTO identity_block (key, patient_id)
      SELECT * FROM unnest(${keys}::text[], ${owners}::text[]) ON CONFLICT DO NOTHING`.execute(tx);
  }
  await sql`INSERT INTO identity_keyed (patient_id, version, scheme)
    SELECT p, v, ${KEY_SCHEME} FROM unnest(${ids}::text[], ${patients.map((p) => p.version)}::int[]) AS u(p, v)
    ON CONFLICT (patient_id) DO UPDATE SET version = excluded.version, scheme = excluded.scheme`.execute(tx);
}

/**
 * Keys every Patient whose keys are missing or stale, a page at a time. Keys are computed outside
 * any transaction (PGlite has one connection); a version written meanwhile was keyed by its own
 * write and is left alone. Returns how many were keyed.
 */
export async function keyStalePatients(
  db: Db,
  hooks: { pause?: () => Promise<void>; onPage?: () => Promise<void> } = {},
  page = 500,
): Promise<number> {
  let keyed = 0;
  for (;;) {
    const rows = await sql<{ id: string; version: number; deleted: boolean; content: Resource }>`
      SELECT r.id, r.version, r.deleted, r.content FROM fhir_resource r
      LEFT JOIN identity_keyed k ON k.patient_id = r.id
      WHERE r.type = 'Patient' AND (k.patient_id IS NULL OR k.version <> r.version OR k.scheme <> ${KEY_SCHEME})
      ORDER BY r.id LIMIT ${page}`.execute(db);
    const computed: Keyed[] = [];
    for (const [i, r] of rows.rows.entries()) {
      if (i % 50 === 49) await hooks.pause?.();
      computed.push(withKeys({ id: r.id, version: r.version, deleted: r.deleted, resource: r.content }));
    }
    if (computed.length === 0) return keyed;
    await db.transaction().execute(async (tx) => {
      const current = await sql<{ id: string; version: number }>`SELECT id, version FROM fhir_resource
        WHERE type = 'Patient' AND id = ANY(${computed.map((c) => c.id)}::text[]) FOR UPDATE`.execute(tx);
      const versions = new Map(current.rows.map((r) => [r.id, r.version]));
      await writeIdentityKeys(
        tx,
        computed.filter((c) => versions.get(c.id) === c.version),
      );
    });
    keyed += computed.length;
    if (rows.rows.length < page) return keyed;
    await hooks.onPage?.();
  }
}

/** Keys shared by too many people to tell anyone apart: skipped for the whole scan (both ways). */
export async function crowdedKeys(db: Db): Promise<Set<string>> {
  const rows = await sql<{ key: string }>`SELECT key FROM identity_block GROUP BY key
    HAVING count(*) > ${MAX_BLOCK_SIZE}`.execute(db);
  return new Set(rows.rows.map((r) => r.key));
}

/**
 * Pairs (person, candidate) sharing a key that is not crowded, each with the candidate's id above
 * the person's: with symmetric keys, that finds every pair once.
 */
export async function blockedPairs(
  db: Db,
  probes: readonly { id: string; keys: readonly string[] }[],
  crowded: ReadonlySet<string>,
): Promise<{ pid: string; cid: string }[]> {
  const pids: string[] = [];
  const keys: string[] = [];
  for (const p of probes) {
    for (const key of p.keys) {
      if (crowded.has(key)) continue;
      pids.push(p.id);
      keys.push(key);
    }
  }
  if (keys.length === 0) return [];
  const rows = await sql<{ pid: string; cid: string }>`SELECT DISTINCT p.pid, b.patient_id AS cid
    FROM unnest(${pids}::text[], ${keys}::text[]) AS p(pid, key)
    JOIN identity_block b ON b.key = p.key
    WHERE b.patient_id > p.pid`.execute(db);
  return rows.rows;
}
