/**
 * One SQL dialect, PostgreSQL: an embedded PGlite database by default, a real server through a
 * `pg` pool when a URL is given. Everything above this file sees the same Kysely instance.
 */
import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { pglitePool } from './pglite-pool.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string | null /* null: in memory */ }
  | { kind: 'postgres'; url: string; schema?: string; poolSize?: number };

// Return bigint and numeric as JS numbers where safe, and timestamps as Date, on both drivers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export async function openDatabase(target: DatabaseTarget): Promise<Db> {
  if (target.kind === 'pglite') {
    if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
    const lite = target.dataDir ? new PGlite(target.dataDir) : new PGlite();
    await lite.waitReady;
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool: pglitePool(lite) }) });
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  });
  // A pool error on an idle client must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
