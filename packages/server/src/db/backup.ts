/**
 * Logical backup and restore that work the same on PGlite and PostgreSQL: every table's rows as
 * JSON lines (gzip), restored in one transaction into a database at the same schema version.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'kysely';
import type { Db } from './database.ts';
import { listMigrations } from './migrate.ts';

/** Tables in restore order, each with the key that orders its rows. */
export const BACKUP_TABLES = [
  ['schema_migration', 'version'],
  ['org_tree', 'id'],
  ['fhir_resource', 'type, id'],
  ['fhir_history', 'type, id, version'],
  // Index tables have no key: every column orders them, so that pages of equal prefixes can neither
  // repeat a row nor skip one (rows equal in every column are interchangeable).
  ['search_token', 'type, id, code, value, system'],
  ['search_string', 'type, id, code, value, exact'],
  ['search_date', 'type, id, code, low, high'],
  ['search_reference', 'type, id, code, target_id, target_type'],
  ['search_quantity', 'type, id, code, value, system, unit'],
  ['patient_access', 'patient_id, org_id, reason'],
  ['app_user', 'id'],
  ['user_role', 'user_id, role, org_id'],
  ['user_session', 'token_hash'],
  ['audit_event', 'seq'],
  ['audit_chain_head', 'singleton'],
  ['identity_key', 'key, patient_id'],
  ['identity_keyed', 'patient_id'],
  ['identity_candidate', 'id'],
  ['identity_merge', 'id'],
  ['identity_scan', 'id'],
] as const;

const PAGE = 2000;

async function* backupLines(db: Db): AsyncGenerator<string> {
  yield `${JSON.stringify({ format: 'passage-backup', version: 1, schema: listMigrations().at(-1)?.version ?? 0, created: new Date().toISOString() })}\n`;
  for (const [table, key] of BACKUP_TABLES) {
    yield `${JSON.stringify({ table })}\n`;
    for (let offset = 0; ; offset += PAGE) {
      const rows = await sql<{
        row: string;
      }>`SELECT row_to_json(t)::text AS row FROM ${sql.table(table)} t ORDER BY ${sql.raw(key)} LIMIT ${PAGE} OFFSET ${offset}`.execute(
        db,
      );
      for (const r of rows.rows) yield `${r.row}\n`;
      if (rows.rows.length < PAGE) break;
    }
  }
}

export async function backupDatabase(db: Db, file: string): Promise<void> {
  await pipeline(Readable.from(backupLines(db)), createGzip(), createWriteStream(file));
}

/** Replaces the whole content of the database with the backup; all or nothing. */
export async function restoreDatabase(db: Db, file: string): Promise<{ rows: number }> {
  let header = undefined as { format?: string; schema?: number } | undefined;
  let table: string | undefined;
  let batch: string[] = [];
  let rows = 0;
  const known = new Set<string>(BACKUP_TABLES.map(([t]) => t));
  await db.transaction().execute(async (tx) => {
    const flush = async () => {
      if (!table || batch.length === 0) return;
      await sql`INSERT INTO ${sql.table(table)} SELECT * FROM json_populate_recordset(null::${sql.table(table)}, ${`[${batch.join(',')}]`}::json)`.execute(
        tx,
      );
      rows += batch.length;
      batch = [];
    };
    // Created right where it is read: readline drops lines emitted before iteration starts, and
    // waiting for the connection (PostgreSQL) would lose the header.
    const lines = createInterface({
      input: createReadStream(file).pipe(createGunzip()),
      crlfDelay: Infinity,
    });
    for await (const line of lines) {
      if (!line) continue;
      if (!header) {
        const parsedHeader = JSON.parse(line) as { format?: string; schema?: number };
        header = parsedHeader;
        if (parsedHeader.format !== 'passage-backup') throw new Error(`${file} is not a Passage backup`);
        const schema = listMigrations().at(-1)?.version ?? 0;
        if (parsedHeader.schema !== schema) {
          throw new Error(`The backup has schema ${parsedHeader.schema}; this database has ${schema}`);
        }
        await sql.raw(`TRUNCATE ${BACKUP_TABLES.map(([t]) => t).join(', ')}`).execute(tx);
        continue;
      }
      const parsed = JSON.parse(line) as Record<string, unknown>;
      if (Object.keys(parsed).length === 1 && typeof parsed.table === 'string' && known.has(parsed.table)) {
        await flush();
        table = parsed.table;
        continue;
      }
      batch.push(line);
      if (batch.length >= PAGE) await flush();
    }
    await flush();
    if (!header) throw new Error(`${file} is empty`);
    await sql`SELECT setval(pg_get_serial_sequence('audit_event', 'seq'), coalesce((SELECT max(seq) FROM audit_event), 0) + 1, false)`.execute(
      tx,
    );
  });
  return { rows };
}
