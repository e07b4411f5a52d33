/**
 * The audit hash chain. Rows are inserted by many concurrent transactions, so chaining them at
 * insert time would serialise every request on one lock. Instead each row carries a hash of its own
 * content, and a sealer (one at a time, under an advisory lock) appends committed rows to the chain:
 * chain_hash = sha256(previous chain_hash | position | content_hash). `verifyAuditChain` recomputes
 * everything, so an edited, inserted or deleted row — sealed or not — is reported.
 *
 * Limit: someone with write access to the database who recomputes every later hash and the head
 * can rewrite history; anchoring the head outside the database (e.g. printing it daily) closes that.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditContentHash, type AuditRow } from './audit-log.ts';

const SEAL_LOCK = 7_412_002;
const SEAL_BATCH = 5000;

function chainHash(previous: string, position: number, contentHash: string): string {
  return createHash('sha256').update(`${previous}|${position}|${contentHash}`).digest('hex');
}

type StoredRow = AuditRow & {
  seq: number;
  content_hash: string;
  chain_pos: number | null;
  chain_hash: string | null;
};

/** Appends committed, unsealed rows to the chain. Returns how many were sealed. */
export async function sealAuditChain(db: Kysely<Database>): Promise<number> {
  let total = 0;
  for (;;) {
    const sealed = await db.transaction().execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(${SEAL_LOCK})`.execute(tx);
      const head = await tx.selectFrom('audit_chain_head').select(['pos', 'hash']).executeTakeFirstOrThrow();
      const rows = (await tx
        .selectFrom('audit_event')
        .selectAll()
        .where('chain_pos', 'is', null)
        .orderBy('seq')
        .limit(SEAL_BATCH)
        .execute()) as unknown as StoredRow[];
      if (rows.length === 0) return 0;
      let pos = Number(head.pos);
      let hash = head.hash;
      const ids: string[] = [];
      const positions: number[] = [];
      const hashes: string[] = [];
      for (const row of rows) {
        pos += 1;
        hash = chainHash(hash, pos, row.content_hash);
        ids.push(row.id);
        positions.push(pos);
        hashes.push(hash);
      }
      await sql`UPDATE audit_event a SET chain_pos = u.pos, chain_hash = u.hash
        FROM unnest(${ids}::text[], ${positions}::bigint[], ${hashes}::text[]) AS u(id, pos, hash)
        WHERE a.id = u.id`.execute(tx);
      await tx
        .updateTable('audit_chain_head')
        .set({ pos: String(pos), hash })
        .execute();
      return rows.length;
    });
    total += sealed;
    if (sealed < SEAL_BATCH) return total;
  }
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  firstBrokenId: string | null;
  problem: string | null;
}

/** Seals what is pending, then recomputes every content hash and the whole chain. */
export async function verifyAuditChain(db: Kysely<Database>): Promise<ChainVerification> {
  await sealAuditChain(db);
  const head = await db.selectFrom('audit_chain_head').select(['pos', 'hash']).executeTakeFirstOrThrow();
  let previous = 'genesis';
  let expectedPos = 1;
  let checked = 0;
  let lastSeq = 0;
  const fail = (row: { id: string } | null, problem: string): ChainVerification => ({
    ok: false,
    checked,
    firstBrokenId: row?.id ?? null,
    problem,
  });
  for (;;) {
    const rows = (await db
      .selectFrom('audit_event')
      .selectAll()
      .where('seq', '>', String(lastSeq))
      .orderBy('seq')
      .limit(SEAL_BATCH)
      .execute()) as unknown as StoredRow[];
    if (rows.length === 0) break;
    // Chain order is seal order, which can differ from seq order when transactions commit late.
    rows.sort((a, b) => (a.chain_pos ?? Infinity) - (b.chain_pos ?? Infinity));
    for (const row of rows) {
      lastSeq = Math.max(lastSeq, Number(row.seq));
      if (auditContentHash(row) !== row.content_hash) return fail(row, `audit event ${row.id} was altered`);
      if (row.chain_pos === null) return fail(row, `audit event ${row.id} is not sealed into the chain`);
    }
    checked += rows.length;
  }
  // Walk the chain in position order: gaps mean deleted rows, bad hashes mean rewritten ones.
  let afterPos = 0;
  for (;;) {
    const rows = (await db
      .selectFrom('audit_event')
      .select(['id', 'content_hash', 'chain_pos', 'chain_hash'])
      .where('chain_pos', '>', String(afterPos))
      .orderBy('chain_pos')
      .limit(SEAL_BATCH)
      .execute()) as unknown as Pick<StoredRow, 'id' | 'content_hash' | 'chain_pos' | 'chain_hash'>[];
    if (rows.length === 0) break;
    for (const row of rows) {
      const pos = Number(row.chain_pos);
      if (pos !== expectedPos) {
        return fail(row, `audit chain position ${expectedPos} is missing: an event was deleted`);
      }
      previous = chainHash(previous, pos, row.content_hash);
      if (previous !== row.chain_hash) return fail(row, `audit chain is broken at event ${row.id}`);
      expectedPos += 1;
      afterPos = pos;
    }
  }
  if (Number(head.pos) !== expectedPos - 1 || head.hash !== previous) {
    return fail(null, `the chain head does not match the last event: events at the end were deleted`);
  }
  return { ok: true, checked, firstBrokenId: null, problem: null };
}
