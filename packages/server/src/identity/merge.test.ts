/**
 * Merging and unmerging through the HTTP API: references moved and back, both records restored
 * exactly, provenance and audit, access at both sites, later changes kept, and precise 400s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, Observation, Patient, Provenance, Resource } from '@medplum/fhirtypes';
import { PASSAGE_ID_SYSTEM } from '@passage/core';
import { createRoleUsers, createTestApp, TEST_PASSWORD, type TestApp } from '../testing/test-app.ts';
import { allergy, assessment, caller, person, sharing, snapshot } from './identity-test-kit.ts';
import { LIFECYCLE_SYSTEM } from './provenance.ts';

let ta: TestApp;
let call: ReturnType<typeof caller>;
beforeAll(async () => {
  ta = await createTestApp();
  await createRoleUsers(ta);
  // A clinician for the whole region: the one who may merge records of sites A and B.
  await ta.services.users.create(null, {
    username: 'clinician-region',
    displayName: 'Region clinician',
    password: TEST_PASSWORD,
    roles: [{ role: 'clinician', organizationId: 'region-1' }],
  });
  for (const u of ['clinician', 'clinician-b', 'clinician-region', 'nurse', 'mediator', 'coordinator'])
    await ta.login(u);
  call = caller(ta);
});
afterAll(() => ta.close());

async function register(user: string, patient: Patient): Promise<string> {
  const res = await call(user, 'POST', '/fhir/Patient', patient);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

async function create(user: string, resource: Resource): Promise<string> {
  const res = await call(user, 'POST', `/fhir/${resource.resourceType}`, resource);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

const lifecycle = (r: Resource) =>
  r.resourceType === 'Provenance' && (r as Provenance).activity?.coding?.[0]?.system === LIFECYCLE_SYSTEM;
const merge = (user: string, survivorId: string, duplicateId: string) =>
  call(user, 'POST', '/api/identity/merges', { survivorId, duplicateId });

describe('merging and unmerging', () => {
  it('moves every record to the survivor and gives both records back exactly', async () => {
    const s = await register(
      'clinician',
      person('site-a', 'Haddad', 'Mohammed', { telecom: [{ system: 'phone', value: '+30 1' }] }),
    );
    const d = await register(
      'clinician',
      person('site-a', 'Hadad', 'Muhammad', {
        identifier: [{ system: 'urn:passage:id:sy:passport', value: 'N0123' }],
      }),
    );
    expect((await call('clinician', 'POST', '/api/assessments', assessment(d))).status).toBe(201);
    await create('clinician', allergy(d));
    await create('clinician', sharing(d, 'site-b'));
    await create('clinician', {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'survivor weight' },
      subject: { reference: `Patient/${s}` },
    });
    const beforeS = await snapshot(ta, s);
    const beforeD = await snapshot(ta, d);
    const types = new Set([...beforeD.keys()].map((k) => k.split('/')[0]));
    expect([...types].sort()).toEqual(
      expect.arrayContaining([
        'AllergyIntolerance',
        'Condition',
        'Consent',
        'Encounter',
        'Immunization',
        'Observation',
        'Patient',
        'Provenance',
        'QuestionnaireResponse',
      ]),
    );

    const merged = await merge('clinician', s, d);
    expect(merged.status, JSON.stringify(merged.body)).toBe(201);
    const moved = merged.body.moved as string[];
    expect([...moved].sort()).toEqual([...beforeD.keys()].filter((k) => k !== `Patient/${d}`).sort());

    // References moved: the survivor's compartment holds everything, no record names the duplicate.
    const afterS = await snapshot(ta, s);
    for (const ref of moved) {
      expect(afterS.has(ref), ref).toBe(true);
      const resource = afterS.get(ref) as Resource;
      if (resource.resourceType !== 'Provenance')
        expect(JSON.stringify(resource)).not.toContain(`Patient/${d}`);
    }
    const everything = (await call('clinician', 'GET', `/fhir/Patient/${s}/$everything`))
      .body as unknown as Bundle;
    const found = new Set(everything.entry?.map((e) => `${e.resource?.resourceType}/${e.resource?.id}`));
    for (const ref of moved) expect(found.has(ref), ref).toBe(true);
    const search = (await call('clinician', 'GET', `/fhir/Observation?subject=Patient/${s}&_count=100`))
      .body as unknown as Bundle;
    expect(search.entry?.length).toBe(moved.filter((m) => m.startsWith('Observation/')).length + 1);

    // The survivor replaces the duplicate and takes its other name and passport, not its Passage id.
    const survivor = (await call('clinician', 'GET', `/fhir/Patient/${s}`)).body as unknown as Patient;
    expect(survivor.link).toEqual([{ other: { reference: `Patient/${d}` }, type: 'replaces' }]);
    expect(survivor.name?.map((n) => n.family)).toEqual(['Haddad', 'Hadad']);
    expect(survivor.identifier?.map((i) => i.value)).toContain('N0123');
    expect(survivor.identifier?.filter((i) => i.system === PASSAGE_ID_SYSTEM)).toHaveLength(1);
    // The duplicate stays readable, inactive, pointing at the survivor, with its identifiers.
    const duplicate = (await call('clinician', 'GET', `/fhir/Patient/${d}`)).body as unknown as Patient;
    expect(duplicate).toMatchObject({
      active: false,
      link: [{ other: { reference: `Patient/${s}` }, type: 'replaced-by' }],
    });
    expect(duplicate.identifier?.map((i) => i.system)).toEqual(
      expect.arrayContaining([PASSAGE_ID_SYSTEM, 'urn:passage:id:sy:passport']),
    );

    // Provenance names the user, both Patients and every moved record; the audit trail has both people.
    const provenance = [...afterS.values()].find(lifecycle) as Provenance;
    expect(provenance.activity?.coding?.[0]?.code).toBe('merge');
    expect(provenance.agent[0]?.who.identifier?.value).toBeTruthy();
    expect(provenance.target.map((t) => t.reference)).toEqual([`Patient/${s}`, `Patient/${d}`, ...moved]);
    const audit = await ta.t.db
      .selectFrom('audit_event')
      .select(['patient_id', 'username'])
      .where('subtype', '=', 'merge')
      .where('outcome', '=', 'success')
      .where('patient_id', 'in', [s, d])
      .execute();
    expect(audit.map((a) => a.patient_id).sort()).toEqual([s, d].sort());

    const undone = await call(
      'clinician',
      'POST',
      `/api/identity/merges/${merged.body.mergeId as string}/undo`,
    );
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect((undone.body.restored as string[]).sort()).toEqual([...moved].sort());
    const restoredS = await snapshot(ta, s);
    const restoredD = await snapshot(ta, d);
    expect(Object.fromEntries(restoredD)).toEqual(Object.fromEntries(beforeD));
    // The survivor keeps only the Provenances of the merge and its undoing besides what it had.
    const provenances = [...restoredS.entries()].filter(([, r]) => lifecycle(r));
    expect(provenances.map(([, r]) => (r as Provenance).activity?.coding?.[0]?.code).sort()).toEqual([
      'merge',
      'unmerge',
    ]);
    for (const [k] of provenances) restoredS.delete(k);
    expect(Object.fromEntries(restoredS)).toEqual(Object.fromEntries(beforeS));
    // Nothing was deleted: history has every version.
    const history = (await call('clinician', 'GET', `/fhir/Patient/${d}/_history`)).body as unknown as Bundle;
    expect(history.entry).toHaveLength(3);
    const unmergeAudit = await ta.t.db
      .selectFrom('audit_event')
      .select('patient_id')
      .where('subtype', '=', 'unmerge')
      .where('outcome', '=', 'success')
      .execute();
    expect(unmergeAudit.map((a) => a.patient_id).sort()).toEqual([s, d].sort());

    expect(
      (await call('clinician', 'POST', `/api/identity/merges/${merged.body.mergeId as string}/undo`)).status,
    ).toBe(409);
  });

  it('keeps changes made after the merge when undoing it', async () => {
    const s = await register('clinician', person('site-a', 'Traore', 'Mamadou'));
    const d = await register('clinician', person('site-a', 'Traoré', 'Mamadu'));
    const obs = await create('clinician', {
      resourceType: 'Observation',
      status: 'preliminary',
      code: { text: 'hb' },
      subject: { reference: `Patient/${d}` },
    });
    const merged = await merge('clinician', s, d);
    expect(merged.status).toBe(201);
    const later = (await call('clinician', 'GET', `/fhir/Observation/${obs}`)).body as unknown as Observation;
    expect(later.subject?.reference).toBe(`Patient/${s}`);
    expect(
      (await call('clinician', 'PUT', `/fhir/Observation/${obs}`, { ...later, status: 'final' })).status,
    ).toBe(200);
    const survivor = (await call('clinician', 'GET', `/fhir/Patient/${s}`)).body as unknown as Patient;
    expect(
      (
        await call('clinician', 'PUT', `/fhir/Patient/${s}`, {
          ...survivor,
          telecom: [{ system: 'phone', value: '+30 2' }],
        })
      ).status,
    ).toBe(200);

    expect(
      (await call('clinician', 'POST', `/api/identity/merges/${merged.body.mergeId as string}/undo`)).status,
    ).toBe(200);
    const back = (await call('clinician', 'GET', `/fhir/Observation/${obs}`)).body as unknown as Observation;
    expect(back).toMatchObject({ status: 'final', subject: { reference: `Patient/${d}` } });
    const s2 = (await call('clinician', 'GET', `/fhir/Patient/${s}`)).body as unknown as Patient;
    expect(s2.telecom?.[0]?.value).toBe('+30 2');
    expect(s2.name?.map((n) => n.family)).toEqual(['Traore']);
    expect(s2.link).toBeUndefined();
    const d2 = (await call('clinician', 'GET', `/fhir/Patient/${d}`)).body as unknown as Patient;
    expect(d2.active).toBeUndefined();
    expect(d2.link).toBeUndefined();
  });

  it('undoes merges last-first and refuses to merge a record already merged away', async () => {
    const a = await register('clinician', person('site-a', 'Diallo', 'Fatoumata', { gender: 'female' }));
    const b = await register('clinician', person('site-a', 'Jallow', 'Fatumata', { gender: 'female' }));
    const c = await register('clinician', person('site-a', 'Djallo', 'Fatou', { gender: 'female' }));
    const first = await merge('clinician', a, b);
    expect(first.status).toBe(201);
    const again = await merge('clinician', c, b);
    expect(again.status).toBe(409);
    expect(again.body.message).toContain(`Patient/${a}`);
    const second = await merge('clinician', c, a);
    expect(second.status).toBe(201);
    const early = await call(
      'clinician',
      'POST',
      `/api/identity/merges/${first.body.mergeId as string}/undo`,
    );
    expect(early.status).toBe(409);
    expect(early.body.message).toContain(second.body.mergeId as string);
    expect(
      (await call('clinician', 'POST', `/api/identity/merges/${second.body.mergeId as string}/undo`)).status,
    ).toBe(200);
    expect(
      (await call('clinician', 'POST', `/api/identity/merges/${first.body.mergeId as string}/undo`)).status,
    ).toBe(200);
  });
});

describe('who may merge', () => {
  it('needs a care role at both records’ sites: 404 for a person out of sight, 403 without the rights', async () => {
    const a = await register('clinician', person('site-a', 'Shevchenko', 'Oleksandr'));
    const a2 = await register('clinician', person('site-a', 'Shevchenko', 'Aleksandr'));
    const b = await register('clinician-b', person('site-b', 'Shevchenko', 'Alexander'));
    expect((await merge('clinician', a, b)).status).toBe(404);
    expect((await merge('clinician-b', b, a)).status).toBe(404);
    for (const user of ['mediator', 'coordinator']) {
      const refused = await merge(user, a, a2);
      expect(refused.status, user).toBe(403);
      expect(refused.body.message).toContain('clinical.write');
    }
    const failures = await ta.t.db
      .selectFrom('audit_event')
      .select('id')
      .where('subtype', '=', 'merge')
      .where('outcome', '=', 'failure')
      .execute();
    expect(failures.length).toBeGreaterThanOrEqual(4);
    expect((await merge('nurse', a, a2)).status).toBe(201);
  });

  it('keeps the records of the merged-away person visible to the sites that cared for them', async () => {
    const s = await register('clinician', person('site-a', 'Rahimi', 'Zahra', { gender: 'female' }));
    const d = await register('clinician-b', person('site-b', 'Rahimi', 'Zahrah', { gender: 'female' }));
    const obs = await create('clinician-b', {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'bp' },
      subject: { reference: `Patient/${d}` },
    });
    const merged = await merge('clinician-region', s, d);
    expect(merged.status, JSON.stringify(merged.body)).toBe(201);
    // Site B still sees the record it made (now the survivor's), the survivor and the old record.
    expect((await call('clinician-b', 'GET', `/fhir/Observation/${obs}`)).status).toBe(200);
    expect((await call('clinician-b', 'GET', `/fhir/Patient/${s}`)).status).toBe(200);
    expect((await call('clinician-b', 'GET', `/fhir/Patient/${d}`)).status).toBe(200);
    expect((await call('clinician', 'GET', `/fhir/Observation/${obs}`)).status).toBe(200);
    // Only the region clinician reaches both sites: each site's clinician alone cannot undo it.
    expect(
      (await call('clinician', 'POST', `/api/identity/merges/${merged.body.mergeId as string}/undo`)).status,
    ).toBe(404);
    expect(
      (await call('clinician-region', 'POST', `/api/identity/merges/${merged.body.mergeId as string}/undo`))
        .status,
    ).toBe(200);
    expect((await call('clinician-b', 'GET', `/fhir/Observation/${obs}`)).status).toBe(200);
    expect((await call('clinician-b', 'GET', `/fhir/Patient/${s}`)).status).toBe(404);
    expect((await call('clinician', 'GET', `/fhir/Observation/${obs}`)).status).toBe(404);
  });
});

describe('malformed input', () => {
  it('answers 400 naming what is wrong, never 500', async () => {
    const p = await register('clinician', person('site-a', 'Kaya', 'Hüseyin'));
    const cases: [unknown, RegExp][] = [
      [{}, /survivorId/],
      [{ survivorId: p }, /duplicateId/],
      [{ survivorId: p, duplicateId: p }, /two different records/],
      [{ survivorId: 'a b', duplicateId: p }, /survivorId.*FHIR id/],
      [{ survivorId: p, duplicateId: 'x'.repeat(65) }, /duplicateId/],
      [{ survivorId: p, duplicateId: 'x', candidateId: 'nope' }, /candidateId.*candidate/],
      [{ survivorId: p, duplicateId: 'x', extra: 1 }, /extra/],
      [[p, 'x'], /object/],
    ];
    for (const [body, message] of cases) {
      const res = await call('clinician', 'POST', '/api/identity/merges', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.message, JSON.stringify(body)).toMatch(message);
    }
    const raw = await ta.app.inject({
      method: 'POST',
      url: '/api/identity/merges',
      headers: {
        authorization: `Bearer ${ta.tokens.get('clinician') ?? ''}`,
        'content-type': 'application/json',
      },
      payload: '{"survivorId": ',
    });
    expect(raw.statusCode).toBe(400);
    expect((await call('clinician', 'POST', '/api/identity/merges/not-a-merge/undo')).status).toBe(400);
    const unknown = await call(
      'clinician',
      'POST',
      '/api/identity/merges/00000000-0000-4000-8000-000000000000/undo',
    );
    expect(unknown.status).toBe(404);
    expect((await merge('clinician', p, 'no-such-person')).status).toBe(404);
  });
});
