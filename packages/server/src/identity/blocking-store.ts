/**
 * The blocking-key table: every live Patient stored under its keys (matcher.ts), so that `$match`
 * and registration compare a person only with the few who share a key. Kept in step on every
 * Patient write; a scan first keys whoever is missing or stale (records written before this table,
 * a new key scheme).
 */
import { sql, type Kysely } from 'kysely';
import type { Patient, Resource } from '@medplum/fhirtypes';
import type { Database } from '../db/schema.ts';
import { blockingKeys, extractFeatures, serializeFeatures } from '@passage/core';
import { KEY_SCHEME } from './matcher.ts';

type Db = Kysely<Database>;

export interface KeyedVersion {
  id: string;
  version: number;
  deleted: boolean;
  resource: Resource;
  /** false for a record written for the first time: it has no keys to remove. */
  replaces?: boolean;
}

/** A duplicate already merged into another record: never proposed again, never scanned. */
export function isMergedAway(patient: Patient): boolean {
  return (patient.link ?? []).some((l) => l.type === 'replaced-by');
}

/** SQL for the same test on a `fhir_resource` row. */
export const notMergedAway = (alias: string) =>
  sql<boolean>`NOT coalesce(${sql.ref(`${alias}.content`)}->'link' @> '[{"type":"replaced-by"}]'::jsonb, false)`;

/** Keys and stored features of a live Patient. */
function keysOf(patient: Patient): { keys: number[]; features: string | null } {
  try {
    const features = extractFeatures(patient);
    return { keys: blockingKeys(features), features: serializeFeatures(features) };
  } catch {
    // Keys help find duplicates; a name the key code cannot handle must never block a write.
    return { keys: [], features: null };
  }
}

/** Replaces the keys of these Patient versions; called in the transaction that writes them. */
export async function syncIdentityKeys(tx: Db, patients: readonly KeyedVersion[]): Promise<void> {
  await writeIdentityKeys(tx, patients.map(withKeys));
}

interface Keyed {
  id: string;
  version: number;
  replaces: boolean;
  keys: readonly number[];
  features: string | null;
}

function withKeys(p: KeyedVersion): Keyed {
  const live = !p.deleted && !isMergedAway(p.resource as Patient);
  return {
    id: p.id,
    version: p.version,
    replaces: p.replaces !== false,
    ...(live ? keysOf(p.resource as Patient) : { keys: [], features: null }),
  };
}

async function writeIdentityKeys(tx: Db, patients: readonly Keyed[]): Promise<void> {
  if (patients.length === 0) return;
  const ids = patients.map((p) => p.id);
  const replaced = patients.filter((p) => p.replaces).map((p) => p.id);
  if (replaced.length > 0)
    await sql`DELETE FROM identity_key WHERE patient_id = ANY(${replaced}::text[])`.execute(tx);
  const keys = patients.flatMap((p) => p.keys.map(String));
  const owners = patients.flatMap((p) => p.keys.map(() => p.id));
  if (keys.length > 0) {
    await sql`INSERT INTO identity_key (key, patient_id)
      SELECT * FROM unnest(${keys}::bigint[], ${owners}::text[]) ON CONFLICT DO NOTHING`.execute(tx);
  }
  await sql`INSERT INTO identity_keyed (patient_id, version, scheme, features)
    SELECT p, v, ${KEY_SCHEME}, f FROM unnest(${ids}::text[], ${patients.map((p) => p.version)}::int[],
      ${patients.map((p) => p.features)}::text[]) AS u(p, v, f)
    ON CONFLICT (patient_id) DO UPDATE SET version = excluded.version, scheme = excluded.scheme,
      features = excluded.features`.execute(tx);
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

/**
 * Patients stored under any of these keys, skipping a key whose block holds more than its cap: the
 * candidates `$match` scores. At most cap + 1 rows are read per key.
 */
export async function blockCandidates(
  db: Db,
  probes: readonly { key: number; cap: number }[],
): Promise<string[]> {
  return (await blockCandidatesOf(db, [probes]))[0] ?? [];
}

/**
 * Most candidates kept per query: those sharing the most keys with it. A query without a birth year
 * looks its name pairs up in every year, and "Mohammed Ahmed, any year" must not mean scoring
 * thousands of people.
 */
export const MAX_CANDIDATES = 300;

/** blockCandidates for several queries in one statement: per query, the ids found. */
export async function blockCandidatesOf(
  db: Db,
  queries: readonly (readonly { key: number; cap: number }[])[],
): Promise<string[][]> {
  const keys: string[] = [];
  const caps: number[] = [];
  const owners: number[] = [];
  queries.forEach((probes, owner) => {
    for (const p of probes) {
      keys.push(String(p.key));
      caps.push(p.cap);
      owners.push(owner);
    }
  });
  const found: string[][] = queries.map(() => []);
  if (keys.length === 0) return found;
  const rows = await sql<{ owner: number; id: string }>`SELECT owner, id FROM (
      SELECT h.owner, h.patient_id AS id,
        row_number() OVER (PARTITION BY h.owner ORDER BY count(*) DESC, h.patient_id) AS rank
      FROM (
        SELECT p.owner, p.cap, m.patient_id, count(*) OVER (PARTITION BY p.owner, p.key) AS n
        FROM unnest(${keys}::bigint[], ${caps}::int[], ${owners}::int[]) AS p(key, cap, owner)
        CROSS JOIN LATERAL (SELECT b.patient_id FROM identity_key b WHERE b.key = p.key LIMIT p.cap + 1) m
      ) h WHERE h.n <= h.cap
      GROUP BY h.owner, h.patient_id
    ) ranked WHERE rank <= ${MAX_CANDIDATES}`.execute(db);
  for (const r of rows.rows) found[r.owner]?.push(r.id);
  return found;
}

let registerCache: { db: Db; size: number; at: number; refreshing?: Promise<number> } | undefined;
/** How long a counted register size is used before it is counted again: the prior barely moves. */
const REGISTER_TTL_MS = 60_000;

async function countRegister(db: Db): Promise<number> {
  const counted = await sql<{ n: number }>`SELECT count(*)::int AS n FROM fhir_resource
    WHERE type = 'Patient' AND NOT deleted`.execute(db);
  const size = Number(counted.rows[0]?.n ?? 0);
  registerCache = { db, size, at: Date.now() };
  return size;
}

/**
 * Live Patients in the register: the size the prior assumes. Counted once; afterwards an old count
 * is answered at once while a new one is made in the background (counting a million rows takes
 * longer than a match should).
 */
export async function registerSize(db: Db): Promise<number> {
  const cache = registerCache;
  if (cache?.db !== db) return countRegister(db);
  if (Date.now() - cache.at >= REGISTER_TTL_MS && !cache.refreshing) {
    cache.refreshing = countRegister(db);
    cache.refreshing.catch(() => {
      cache.refreshing = undefined;
    });
  }
  return cache.size;
}
