import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation, Patient } from '@medplum/fhirtypes';
import { parseSearch, PassageError } from '@passage/core';
import { openTestDb, type TestDb } from '../../testing/test-db.ts';
import { contextFor, seedTestOrgs, testPatient } from '../../testing/fixtures.ts';
import { FhirRepository } from './repository.ts';

let t: TestDb;
let repo: FhirRepository;

beforeAll(async () => {
  t = await openTestDb();
  await seedTestOrgs(t.db);
  repo = new FhirRepository(t.db);
});
afterAll(() => t.close());

describe('FHIR repository', () => {
  it('creates, reads, updates with version checks and keeps history', async () => {
    const ctx = await contextFor(t.db, 'clinician', 'site-a');
    const created = (await repo.create(ctx, testPatient('site-a'))) as Patient;
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.meta?.versionId).toBe('1');
    const read = await repo.read(ctx, 'Patient', created.id as string);
    expect(read).toEqual(created);
    const updated = await repo.update(
      ctx,
      'Patient',
      created.id as string,
      { ...created, gender: 'female' },
      1,
    );
    expect(updated.resource.meta?.versionId).toBe('2');
    await expect(
      repo.update(ctx, 'Patient', created.id as string, { ...created, gender: 'other' }, 1),
    ).rejects.toMatchObject({ status: 412 });
    const history = await repo.history(ctx, 'Patient', created.id as string);
    expect(history.map((h) => h.version)).toEqual([2, 1]);
  });

  it('hides people at another site', async () => {
    const a = await contextFor(t.db, 'clinician', 'site-a');
    const b = await contextFor(t.db, 'clinician', 'site-b');
    const p = await repo.create(a, testPatient('site-a', 'Traoré', 'Fatoumata'));
    await expect(repo.read(b, 'Patient', p.id as string)).rejects.toMatchObject({ status: 404 });
    const found = await repo.search(b, parseSearch('Patient', [['name', 'traore']]), 'name=traore');
    expect(found.matches).toHaveLength(0);
    const foundA = await repo.search(a, parseSearch('Patient', [['name', 'traore']]), 'name=traore');
    expect(foundA.matches.map((m) => m.id)).toEqual([p.id]);
  });

  it('searches observations by code, date and quantity', async () => {
    const ctx = await contextFor(t.db, 'nurse', 'site-a');
    const p = await repo.create(ctx, testPatient('site-a', 'Kovalenko', 'Oleksandr'));
    const obs: Observation = {
      resourceType: 'Observation',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] },
      subject: { reference: `Patient/${p.id}` },
      effectiveDateTime: '2026-03-04T10:00:00Z',
      valueQuantity: { value: 71.5, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
    };
    const o = await repo.create(ctx, obs);
    const q = (params: [string, string][]) => repo.search(ctx, parseSearch('Observation', params), 'q');
    expect((await q([['code', 'http://loinc.org|29463-7']])).matches.map((m) => m.id)).toContain(o.id);
    expect((await q([['date', 'ge2026-03']])).matches.map((m) => m.id)).toContain(o.id);
    expect((await q([['date', 'lt2026-03']])).matches.map((m) => m.id)).not.toContain(o.id);
    expect((await q([['value-quantity', 'gt70']])).matches.map((m) => m.id)).toContain(o.id);
    expect(
      (await q([['value-quantity', '71.5|http://unitsofmeasure.org|kg']])).matches.map((m) => m.id),
    ).toContain(o.id);
    expect((await q([['patient', `Patient/${p.id}`]])).matches.map((m) => m.id)).toEqual([o.id]);
  });

  it('refuses clinical data for a person who does not exist', async () => {
    const ctx = await contextFor(t.db, 'nurse', 'site-a');
    const err = await repo
      .create(ctx, {
        resourceType: 'Observation',
        status: 'final',
        code: { text: 'x' },
        subject: { reference: 'Patient/nope' },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PassageError);
    expect((err as PassageError).status).toBe(422);
  });
});
