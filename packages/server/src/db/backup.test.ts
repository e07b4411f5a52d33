import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../access/access-context.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { FhirRepository } from '../fhir/store/repository.ts';
import { openTestDb, type TestDb } from '../testing/test-db.ts';
import { BACKUP_TABLES, backupDatabase, restoreDatabase } from './backup.ts';

let source: TestDb;
let target: TestDb;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'passage-backup-'));
  source = await openTestDb();
  target = await openTestDb();
});
afterAll(async () => {
  await source.close();
  await target.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every row of every table, in a total order (index tables have rows equal in their keys). */
async function snapshot(db: TestDb['db']): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [table] of BACKUP_TABLES) {
    const rows = await sql<{
      row: string;
    }>`SELECT row_to_json(t)::text AS row FROM ${sql.table(table)} t ORDER BY 1`.execute(db);
    out[table] = rows.rows.map((r) => r.row).join('\n');
  }
  return out;
}

describe('backup and restore', () => {
  it('restores to an identical database', async () => {
    await seedDemo(source.db, 'passage-demo-password');
    const repo = new FhirRepository(source.db);
    const patient = (
      await source.db
        .selectFrom('fhir_resource')
        .select('content')
        .where('type', '=', 'Patient')
        .executeTakeFirstOrThrow()
    ).content as { id: string };
    await repo.update(systemContext(), 'Patient', patient.id, { ...patient, gender: 'female' });
    const file = join(dir, 'passage.backup.gz');
    await backupDatabase(source.db, file);
    await target.db
      .insertInto('org_tree')
      .values({ id: 'junk', parent_id: null, kind: 'site', name: 'to be replaced' })
      .execute();
    const { rows } = await restoreDatabase(target.db, file);
    expect(rows).toBeGreaterThan(1000);
    expect(await snapshot(target.db)).toEqual(await snapshot(source.db));
    // The restored database keeps working: new audit events continue the sequence.
    await new FhirRepository(target.db).read(systemContext(), 'Patient', patient.id);
  }, 120_000);

  it('refuses a file that is not a backup and leaves the database as it was', async () => {
    const before = await snapshot(target.db);
    const { writeFileSync } = await import('node:fs');
    const { gzipSync } = await import('node:zlib');
    const file = join(dir, 'not-a-backup.gz');
    writeFileSync(file, gzipSync('{"hello":"world"}\n'));
    await expect(restoreDatabase(target.db, file)).rejects.toThrow(/not a Passage backup/);
    expect(await snapshot(target.db)).toEqual(before);
  });
});
