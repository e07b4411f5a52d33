/**
 * The scan's speed on a generated population (people per second) and how many of the seeded
 * duplicates it finds. Runs only when PASSAGE_SCAN_PEOPLE is set, e.g.
 *   PASSAGE_SCAN_PEOPLE=10000 vitest run --project server-pglite packages/server/src/identity/scan-speed.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../access/access-context.ts';
import { FhirRepository } from '../fhir/store/repository.ts';
import { seedTestOrgs } from '../testing/fixtures.ts';
import { openTestDb, TEST_BACKEND, type TestDb } from '../testing/test-db.ts';
import { loadPopulation } from './scan-population.ts';
import { ScanRunner } from './scan.ts';

const PEOPLE = Number(process.env.PASSAGE_SCAN_PEOPLE ?? 0);

let t: TestDb;
beforeAll(async () => {
  if (!PEOPLE) return;
  t = await openTestDb();
  await seedTestOrgs(t.db);
});
afterAll(() => t?.close());

describe.skipIf(!PEOPLE)('scan speed', () => {
  it(`scans ${PEOPLE} people`, async () => {
    const repo = new FhirRepository(t.db);
    const loadStart = performance.now();
    const pairs = await loadPopulation(repo, {
      count: PEOPLE,
      seed: 2026,
      sites: ['site-a', 'site-b'],
      duplicateShare: 0.02,
    });
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const runner = new ScanRunner(t.db, (err) => console.error(err));
    const started = performance.now();
    const scanId = await runner.start(systemContext());
    let status = await runner.status(systemContext(), scanId);
    while (status.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = await runner.status(systemContext(), scanId);
    }
    const seconds = (performance.now() - started) / 1000;
    expect(status.status, status.error).toBe('done');
    const found = await t.db.selectFrom('identity_candidate').select(['a_id', 'b_id', 'grade']).execute();
    const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
    const foundKeys = new Set(found.map((f) => key(f.a_id, f.b_id)));
    const recall = pairs.filter(([a, b]) => foundKeys.has(key(a, b))).length / Math.max(1, pairs.length);
    const line = `${TEST_BACKEND}: ${status.total} people scanned in ${seconds.toFixed(1)} s = ${Math.round(status.total / seconds)} people/s; ${found.length} pairs queued; ${pairs.length} seeded duplicates, ${(recall * 100).toFixed(1)}% found (load: ${Math.round(status.total / loadSeconds)} people/s written)`;
    console.log(line);
    expect(recall).toBeGreaterThan(0.8);
  }, 3_600_000);
});
