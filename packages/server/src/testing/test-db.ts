/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a private schema on
 * the PostgreSQL server named by TEST_DATABASE_URL (so the suite runs on both).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Db } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { loadFhirDefinitions } from '../fhir/definitions.ts';

export const TEST_BACKEND: 'pglite' | 'postgres' =
  process.env.PASSAGE_TEST_BACKEND === 'postgres' ? 'postgres' : 'pglite';

export interface TestDb {
  db: Db;
  close(): Promise<void>;
}

export async function openTestDb(): Promise<TestDb> {
  loadFhirDefinitions();
  if (TEST_BACKEND === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('PASSAGE_TEST_BACKEND=postgres needs TEST_DATABASE_URL');
    const schema = `test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const db = await openDatabase({ kind: 'postgres', url, schema, poolSize: 5 });
    await migrate(db);
    return {
      db,
      async close() {
        await db.destroy();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP SCHEMA ${schema} CASCADE`);
        await c.end();
      },
    };
  }
  const db = await openDatabase({ kind: 'pglite', dataDir: null });
  await migrate(db);
  return { db, close: () => db.destroy() };
}
