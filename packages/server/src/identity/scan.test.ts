/**
 * The scan and the review queue through the HTTP API: seeded near-duplicates are found with their
 * reasons while progress shows, the queue hides pairs whose two records the caller cannot both see,
 * dismissed pairs are not proposed again, a merge from the queue can be undone, and bad input is a
 * precise 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATION_CATEGORY_EXT, MIGRATION_CATEGORY_SYSTEM } from '@passage/core';
import { systemContext } from '../access/access-context.ts';
import { createRoleUsers, createTestApp, TEST_PASSWORD, type TestApp } from '../testing/test-app.ts';
import { caller, person } from './identity-test-kit.ts';
import { REVIEW_GRADES } from './matcher.ts';
import { loadPopulation } from './scan-population.ts';
import { ScanRunner, type ScanStatus } from './scan.ts';

let ta: TestApp;
let call: ReturnType<typeof caller>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  ta = await createTestApp();
  await createRoleUsers(ta);
  await ta.services.users.create(null, {
    username: 'clinician-region',
    displayName: 'Region clinician',
    password: TEST_PASSWORD,
    roles: [{ role: 'clinician', organizationId: 'region-1' }],
  });
  const users = [
    'clinician',
    'nurse',
    'clinician-b',
    'clinician-region',
    'mediator',
    'coordinator',
    'person',
    'officer',
  ];
  for (const u of users) await ta.login(u);
  call = caller(ta);
  // Everyday people around the duplicates, so blocking has something to skip.
  await loadPopulation(ta.services.repo, {
    count: 300,
    seed: 7,
    sites: ['site-a', 'site-b'],
    duplicateShare: 0,
  });
  const register = async (
    key: string,
    user: string,
    site: string,
    family: string,
    given: string,
    extra = {},
  ) => {
    const res = await call(user, 'POST', '/fhir/Patient', person(site, family, given, extra));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids[key] = res.body.id as string;
  };
  const refugee = {
    extension: [
      { url: MIGRATION_CATEGORY_EXT, valueCoding: { system: MIGRATION_CATEGORY_SYSTEM, code: 'refugee' } },
    ],
  };
  // The same man registered twice at site A: another spelling of both names.
  await register('haddadA', 'clinician', 'site-a', 'Al-Haddad', 'Mohammed', {
    birthDate: '1988-03-02',
    ...refugee,
  });
  await register('haddadB', 'clinician', 'site-a', 'Haddad', 'Muhammad', { birthDate: '1988-03-02' });
  // Twice at site B.
  const ukrainian = (birthDate: string, gender: 'male' | 'female') => ({
    birthDate,
    gender,
    extension: [
      {
        url: 'http://hl7.org/fhir/StructureDefinition/patient-nationality',
        extension: [
          { url: 'code', valueCodeableConcept: { coding: [{ system: 'urn:iso:std:iso:3166', code: 'UA' }] } },
        ],
      },
    ],
  });
  await register(
    'kovalenkoA',
    'clinician-b',
    'site-b',
    'Kovalenko',
    'Oleksandr',
    ukrainian('1979-07-21', 'male'),
  );
  await register(
    'kovalenkoB',
    'clinician-b',
    'site-b',
    'Kovalenko',
    'Aleksandr',
    ukrainian('1979-07-21', 'male'),
  );
  // Once at each site: day and month swapped too.
  await register(
    'bondarenkoA',
    'clinician',
    'site-a',
    'Bondarenko',
    'Yuliia',
    ukrainian('1995-11-05', 'female'),
  );
  await register(
    'bondarenkoB',
    'clinician-b',
    'site-b',
    'Bondarenko',
    'Julia',
    ukrainian('1995-05-11', 'female'),
  );
  // Registration already queues likely duplicates in the background: kept aside, so the scan's
  // tests below see what the scan finds.
  await ta.services.registrations.idle();
  registered = await ta.t.db
    .selectFrom('identity_candidate')
    .select(['a_id', 'b_id', 'grade'])
    .where('found_by', '=', 'registration')
    .execute();
  await ta.t.db.deleteFrom('identity_candidate').execute();
});
afterAll(() => ta.close());

let registered: { a_id: string; b_id: string; grade: string }[] = [];

describe('registering a person already in the register', () => {
  it('queues the likely duplicate for review in the background, without the write waiting', () => {
    const pair = (x: string, y: string) =>
      registered.find((r) => [r.a_id, r.b_id].sort().join() === [ids[x], ids[y]].sort().join());
    expect(REVIEW_GRADES).toContain(pair('haddadA', 'haddadB')?.grade);
    expect(pair('bondarenkoA', 'bondarenkoB')).toBeDefined();
    for (const r of registered) expect(r.a_id < r.b_id).toBe(true);
  });
});

async function scan(user: string): Promise<{ final: ScanStatus; seen: ScanStatus[] }> {
  const started = await call(user, 'POST', '/api/identity/scans');
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const scanId = started.body.scanId as string;
  const seen: ScanStatus[] = [];
  for (let i = 0; i < 1200; i++) {
    const res = await call(user, 'GET', `/api/identity/scans/${scanId}`);
    expect(res.status).toBe(200);
    const status = res.body as unknown as ScanStatus;
    seen.push(status);
    if (status.status !== 'running') return { final: status, seen };
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the scan did not end');
}

interface Item {
  id: string;
  score: number;
  grade: string;
  fields: { field: string; note: string }[];
  a: { id: string; extension?: { url: string }[] };
  b: { id: string };
  status: string;
  mergeId?: string;
}
async function queue(user: string, status = 'pending'): Promise<Item[]> {
  const res = await call(user, 'GET', `/api/identity/candidates?status=${status}&limit=100`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as Item[];
}
const pairOf = (items: Item[], x: string, y: string): Item | undefined =>
  items.find((i) => [i.a.id, i.b.id].sort().join() === [ids[x], ids[y]].sort().join());
const siteOf = async (id: string) =>
  (await ta.t.db.selectFrom('patient_access').select('org_id').where('patient_id', '=', id).execute()).map(
    (r) => r.org_id,
  );

describe('scanning for duplicates', () => {
  it('finds a person registered twice with other spellings, one scan at a time, with progress', async () => {
    const first = await call('clinician', 'POST', '/api/identity/scans');
    expect(first.status).toBe(202);
    const second = await call('nurse', 'POST', '/api/identity/scans');
    expect(second.status).toBe(409);
    expect(second.body.message).toMatch(/already running/);
    const scanId = first.body.scanId as string;
    const seen: ScanStatus[] = [];
    for (let status: ScanStatus | undefined; status?.status !== 'done';) {
      status = (await call('clinician', 'GET', `/api/identity/scans/${scanId}`))
        .body as unknown as ScanStatus;
      seen.push(status);
      expect(status.status).not.toBe('failed');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(seen[0]?.status).toBe('running');
    const final = seen.at(-1) as ScanStatus;
    const siteA = await ta.t.db
      .selectFrom('patient_access')
      .select('patient_id')
      .where('org_id', '=', 'site-a')
      .where('reason', '=', 'registered')
      .execute();
    expect(final).toMatchObject({ processed: siteA.length, total: siteA.length });
    expect(final.found).toBeGreaterThanOrEqual(1);
    expect(final.finishedAt).toBeTruthy();
    const processed = seen.map((s) => s.processed);
    expect(processed).toEqual([...processed].sort((x, y) => x - y));

    const items = await queue('clinician');
    const haddad = pairOf(items, 'haddadA', 'haddadB');
    expect(REVIEW_GRADES).toContain(haddad?.grade);
    expect(haddad?.fields.map((f) => f.field)).toEqual(expect.arrayContaining(['name', 'birthDate']));
    expect(haddad?.fields.find((f) => f.field === 'birthDate')?.note).toMatch(/\w/);
    // The clinician's scan covers site A: nothing of site B is compared or shown.
    for (const item of items) {
      for (const id of [item.a.id, item.b.id]) expect(await siteOf(id)).toContain('site-a');
    }
  });

  it('shows a pair only to those who may read both records, redacted as any read', async () => {
    const { final } = await scan('clinician-region');
    expect(final.status).toBe('done');
    expect(REVIEW_GRADES).toContain(
      pairOf(await queue('clinician-region'), 'bondarenkoA', 'bondarenkoB')?.grade,
    );
    expect(pairOf(await queue('clinician-region'), 'kovalenkoA', 'kovalenkoB')).toBeTruthy();
    expect(pairOf(await queue('clinician'), 'bondarenkoA', 'bondarenkoB')).toBeUndefined();
    expect(pairOf(await queue('clinician-b'), 'bondarenkoA', 'bondarenkoB')).toBeUndefined();
    expect(pairOf(await queue('clinician-b'), 'kovalenkoA', 'kovalenkoB')).toBeTruthy();
    expect(pairOf(await queue('clinician'), 'kovalenkoA', 'kovalenkoB')).toBeUndefined();
    // A mediator reviews without merging, and does not see what is sensitive.
    const seenByMediator = pairOf(await queue('mediator'), 'haddadA', 'haddadB');
    const seenByClinician = pairOf(await queue('clinician'), 'haddadA', 'haddadB');
    expect(JSON.stringify(seenByClinician)).toContain(MIGRATION_CATEGORY_EXT);
    expect(seenByMediator).toBeTruthy();
    expect(JSON.stringify(seenByMediator)).not.toContain(MIGRATION_CATEGORY_EXT);
    expect((await call('coordinator', 'GET', '/api/identity/candidates')).status).toBe(200);
    for (const user of ['person', 'officer']) {
      expect((await call(user, 'GET', '/api/identity/candidates')).status, user).toBe(403);
    }
    // A scan's progress is for those who may see everyone it counted.
    const regionScan = final.scanId;
    expect((await call('clinician-region', 'GET', `/api/identity/scans/${regionScan}`)).status).toBe(200);
    expect((await call('clinician', 'GET', `/api/identity/scans/${regionScan}`)).status).toBe(404);
    expect((await scan('mediator')).final.status).toBe('done');
  });

  it('does not propose a dismissed pair again, and a merge from the queue can be undone', async () => {
    const haddad = pairOf(await queue('clinician'), 'haddadA', 'haddadB') as Item;
    expect((await call('mediator', 'POST', `/api/identity/candidates/${haddad.id}/dismiss`)).status).toBe(
      403,
    );
    expect((await call('clinician-b', 'POST', `/api/identity/candidates/${haddad.id}/dismiss`)).status).toBe(
      404,
    );
    expect((await call('clinician', 'POST', `/api/identity/candidates/${haddad.id}/dismiss`)).status).toBe(
      204,
    );
    expect(pairOf(await queue('clinician'), 'haddadA', 'haddadB')).toBeUndefined();
    expect(pairOf(await queue('clinician', 'dismissed'), 'haddadA', 'haddadB')?.status).toBe('dismissed');
    const { final } = await scan('clinician');
    expect(final.status).toBe('done');
    expect(pairOf(await queue('clinician'), 'haddadA', 'haddadB')).toBeUndefined();
    const rows = await ta.t.db
      .selectFrom('identity_candidate')
      .select('status')
      .where('a_id', 'in', [ids.haddadA ?? '', ids.haddadB ?? ''])
      .where('b_id', 'in', [ids.haddadA ?? '', ids.haddadB ?? ''])
      .execute();
    expect(rows).toEqual([{ status: 'dismissed' }]);

    const kovalenko = pairOf(await queue('clinician-b'), 'kovalenkoA', 'kovalenkoB') as Item;
    const merged = await call('clinician-b', 'POST', '/api/identity/merges', {
      survivorId: ids.kovalenkoA,
      duplicateId: ids.kovalenkoB,
      candidateId: kovalenko.id,
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(201);
    expect(pairOf(await queue('clinician-b'), 'kovalenkoA', 'kovalenkoB')).toBeUndefined();
    const done = pairOf(await queue('clinician-b', 'merged'), 'kovalenkoA', 'kovalenkoB');
    expect(done?.mergeId).toBe(merged.body.mergeId);
    expect(
      (await call('clinician-b', 'POST', `/api/identity/candidates/${kovalenko.id}/dismiss`)).status,
    ).toBe(409);
    expect(
      (await call('clinician-b', 'POST', `/api/identity/merges/${done?.mergeId ?? ''}/undo`)).status,
    ).toBe(200);
    // Undone: they are two people, and the pair is not proposed again.
    expect(pairOf(await queue('clinician-b', 'dismissed'), 'kovalenkoA', 'kovalenkoB')).toBeTruthy();
  });

  it('answers malformed input with a precise 400', async () => {
    const cases: [string, string, RegExp][] = [
      ['GET', '/api/identity/candidates?status=maybe', /status/],
      ['GET', '/api/identity/candidates?limit=0', /limit/],
      ['GET', '/api/identity/candidates?limit=many', /limit/],
      ['GET', '/api/identity/candidates?offset=-1', /offset/],
      ['GET', '/api/identity/candidates?sort=score', /sort/],
      ['POST', '/api/identity/candidates/42/dismiss', /candidate/],
      ['GET', '/api/identity/scans/last', /scan/],
    ];
    for (const [method, url, message] of cases) {
      const res = await call('clinician', method as 'GET' | 'POST', url);
      expect(res.status, url).toBe(400);
      expect(res.body.message, url).toMatch(message);
    }
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await call('clinician', 'POST', `/api/identity/candidates/${unknown}/dismiss`)).status).toBe(404);
    expect((await call('clinician', 'GET', `/api/identity/scans/${unknown}`)).status).toBe(404);
  });
});

describe('a scan that fails or is stopped', () => {
  it('is marked failed with its error, and stops cleanly when the server shuts down', async () => {
    const other = await createTestApp();
    try {
      await createRoleUsers(other);
      await other.login('clinician');
      await loadPopulation(other.services.repo, {
        count: 400,
        seed: 9,
        sites: ['site-a'],
        duplicateShare: 0.05,
      });
      const callOther = caller(other);
      // A broken database: the scan fails and says why.
      await other.t.db.schema.alterTable('identity_candidate').renameTo('identity_candidate_away').execute();
      const broken = await callOther('clinician', 'POST', '/api/identity/scans');
      expect(broken.status).toBe(202);
      let status: ScanStatus;
      do {
        await new Promise((resolve) => setTimeout(resolve, 20));
        status = (await callOther('clinician', 'GET', `/api/identity/scans/${broken.body.scanId as string}`))
          .body as unknown as ScanStatus;
      } while (status.status === 'running');
      expect(status.status).toBe('failed');
      expect(status.error).toMatch(/identity_candidate/);
      await other.t.db.schema.alterTable('identity_candidate_away').renameTo('identity_candidate').execute();

      // Keys missing (records written before the table, or a new key scheme) are made at scan start;
      // progress shows page by page.
      await other.t.db.deleteFrom('identity_key').execute();
      await other.t.db.deleteFrom('identity_keyed').execute();
      const written: number[] = [];
      const runner = new ScanRunner(other.t.db, () => undefined, {
        pageSize: 50,
        onProgress: (processed) => written.push(processed),
      });
      const scanId = await runner.start(systemContext());
      const seen: ScanStatus[] = [];
      do {
        seen.push(await runner.status(systemContext(), scanId));
        await new Promise((resolve) => setTimeout(resolve, 5));
      } while (seen.at(-1)?.status === 'running');
      const total = seen.at(-1)?.total ?? 0;
      expect(seen.at(-1)).toMatchObject({ status: 'done', processed: total });
      // Progress is written page by page while people are compared.
      expect(written.filter((n) => n > 0 && n < total).length).toBeGreaterThan(3);
      expect(seen.some((s) => s.status === 'running' && s.total === total)).toBe(true);
      expect(seen.at(-1)?.found).toBeGreaterThan(0);
      const keyed = await other.t.db.selectFrom('identity_keyed').select('patient_id').execute();
      expect(keyed.length).toBeGreaterThanOrEqual(total);

      // Shutdown stops a running scan and records why.
      const running = await callOther('clinician', 'POST', '/api/identity/scans');
      expect(running.status).toBe(202);
      await other.app.close();
      const row = await other.t.db
        .selectFrom('identity_scan')
        .selectAll()
        .where('id', '=', running.body.scanId as string)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('failed');
      expect(row.error).toMatch(/shut down/);
    } finally {
      await other.t.close();
    }
  });
});
