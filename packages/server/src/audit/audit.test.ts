import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoleUsers, createTestApp, type TestApp } from '../testing/test-app.ts';
import { testPatient, seedTestOrgs } from '../testing/fixtures.ts';
import { systemContext } from '../access/access-context.ts';
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { loadFhirDefinitions } from '../fhir/definitions.ts';
import { FhirRepository } from '../fhir/store/repository.ts';
import { sealAuditChain, verifyAuditChain } from './chain.ts';
import { TEST_BACKEND } from '../testing/test-db.ts';

let ta: TestApp;

beforeAll(async () => {
  ta = await createTestApp();
  await createRoleUsers(ta);
});
afterAll(() => ta.close());

describe('audit trail', () => {
  it('records reading a Patient as an AuditEvent', async () => {
    const headers = { authorization: `Bearer ${await ta.login('clinician')}` };
    const created = (
      await ta.app.inject({ method: 'POST', url: '/fhir/Patient', headers, payload: testPatient('site-a') })
    ).json() as { id: string };
    await ta.app.inject({ method: 'GET', url: `/fhir/Patient/${created.id}`, headers });
    const rows = await ta.t.db
      .selectFrom('audit_event')
      .selectAll()
      .where('entity_id', '=', created.id)
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => [r.action, r.subtype, r.outcome, r.username, r.role, r.site, r.purpose])).toEqual([
      ['C', 'create', 'success', 'clinician', 'clinician', 'site-a', 'TREAT'],
      ['R', 'read', 'success', 'clinician', 'clinician', 'site-a', 'TREAT'],
    ]);
    const admin = { authorization: `Bearer ${await ta.login('admin')}` };
    const fhir = await ta.app.inject({
      method: 'GET',
      url: `/fhir/AuditEvent?patient=${created.id}`,
      headers: admin,
    });
    const bundle = fhir.json() as {
      entry: { resource: { resourceType: string; action: string; outcome: string } }[];
    };
    expect(bundle.entry.map((e) => e.resource.action)).toEqual(['R', 'C']);
    expect(bundle.entry[0]?.resource.outcome).toBe('0');
  });

  it('records refused access as a failure', async () => {
    const headers = { authorization: `Bearer ${await ta.login('clinician-b')}` };
    const patient = await ta.services.repo.create(systemContext(), testPatient('site-a', 'Osman', 'Abdi'));
    const res = await ta.app.inject({ method: 'GET', url: `/fhir/Patient/${patient.id}`, headers });
    expect(res.statusCode).toBe(404);
    const row = await ta.t.db
      .selectFrom('audit_event')
      .selectAll()
      .where('entity_id', '=', patient.id as string)
      .where('username', '=', 'clinician-b')
      .executeTakeFirstOrThrow();
    expect(row.outcome).toBe('failure');
  });

  it('detects an edited, a deleted and a truncated audit row', async () => {
    await sealAuditChain(ta.t.db);
    expect((await verifyAuditChain(ta.t.db)).ok).toBe(true);
    const victim = await ta.t.db
      .selectFrom('audit_event')
      .select(['id', 'username'])
      .where('subtype', '=', 'read')
      .executeTakeFirstOrThrow();
    await ta.t.db
      .updateTable('audit_event')
      .set({ username: 'someone-else' })
      .where('id', '=', victim.id)
      .execute();
    const edited = await verifyAuditChain(ta.t.db);
    expect(edited).toMatchObject({ ok: false, firstBrokenId: victim.id });
    await ta.t.db
      .updateTable('audit_event')
      .set({ username: victim.username })
      .where('id', '=', victim.id)
      .execute();
    expect((await verifyAuditChain(ta.t.db)).ok).toBe(true);

    const middle = await ta.t.db
      .selectFrom('audit_event')
      .select(['id'])
      .where('chain_pos', '=', '3')
      .executeTakeFirstOrThrow();
    const saved = await ta.t.db
      .selectFrom('audit_event')
      .selectAll()
      .where('id', '=', middle.id)
      .executeTakeFirstOrThrow();
    await ta.t.db.deleteFrom('audit_event').where('id', '=', middle.id).execute();
    expect((await verifyAuditChain(ta.t.db)).problem).toMatch(/deleted/);
    await ta.t.db.insertInto('audit_event').values(saved).execute();
    expect((await verifyAuditChain(ta.t.db)).ok).toBe(true);

    await sql`DELETE FROM audit_event WHERE chain_pos = (SELECT max(chain_pos) FROM audit_event)`.execute(
      ta.t.db,
    );
    expect((await verifyAuditChain(ta.t.db)).problem).toMatch(/end were deleted/);
  });
});

describe.runIf(TEST_BACKEND === 'pglite')('passage audit verify (CLI)', () => {
  it('exits 0 on an intact trail and 1 after an audit row is edited', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passage-audit-'));
    try {
      loadFhirDefinitions();
      const db = await openDatabase({ kind: 'pglite', dataDir: dir });
      await migrate(db);
      await seedTestOrgs(db);
      await new FhirRepository(db).create(systemContext(), testPatient('site-a'));
      await db.destroy();
      const cli = new URL('../cli.ts', import.meta.url).pathname;
      const run = promisify(execFile);
      const env = { ...process.env, PASSAGE_DATA_DIR: dir, PASSAGE_DEMO: 'false', NODE_ENV: 'production' };
      const intact = await run(process.execPath, [cli, 'audit', 'verify'], { env });
      expect(intact.stdout).toMatch(/intact/);

      const db2 = await openDatabase({ kind: 'pglite', dataDir: dir });
      await db2.updateTable('audit_event').set({ detail: 'forged' }).execute();
      await db2.destroy();
      const broken = await run(process.execPath, [cli, 'audit', 'verify'], { env }).then(
        () => ({ code: 0, stderr: '' }),
        (err: { code: number; stderr: string }) => err,
      );
      expect(broken.code).toBe(1);
      expect(broken.stderr).toMatch(/AUDIT TRAIL BROKEN/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
