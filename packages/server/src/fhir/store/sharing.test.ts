import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consent, Observation } from '@medplum/fhirtypes';
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

function share(patientId: string, site: string, status: Consent['status'] = 'active'): Consent {
  return {
    resourceType: 'Consent',
    status,
    scope: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }],
    },
    category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
    patient: { reference: `Patient/${patientId}` },
    policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }] },
    provision: {
      type: 'permit',
      actor: [{ role: { text: 'recipient' }, reference: { reference: `Organization/${site}` } }],
    },
  };
}

describe('sharing a record with another site', () => {
  it('grants access through an active Consent and withdraws it when revoked', async () => {
    const a = await contextFor(t.db, 'clinician', 'site-a');
    const b = await contextFor(t.db, 'clinician', 'site-b');
    const patient = await repo.create(a, testPatient('site-a', 'Tesfay', 'Yonas'));
    const obs = (await repo.create(a, {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'weight' },
      subject: { reference: `Patient/${patient.id}` },
    } satisfies Observation)) as Observation;
    await expect(repo.read(b, 'Observation', obs.id as string)).rejects.toMatchObject({ status: 404 });

    // Site B cannot share a record it cannot see.
    await expect(repo.create(b, share(patient.id as string, 'site-b'))).rejects.toMatchObject({
      status: 422,
    });

    const consent = await repo.create(a, share(patient.id as string, 'site-b'));
    expect((await repo.read(b, 'Observation', obs.id as string)).id).toBe(obs.id);
    expect((await repo.read(b, 'Patient', patient.id as string)).id).toBe(patient.id);

    await repo.update(a, 'Consent', consent.id as string, {
      ...share(patient.id as string, 'site-b', 'inactive'),
      id: consent.id,
    });
    await expect(repo.read(b, 'Observation', obs.id as string)).rejects.toMatchObject({ status: 404 });
  });
});
