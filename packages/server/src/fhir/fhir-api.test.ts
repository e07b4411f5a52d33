import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, OperationOutcome, Patient } from '@medplum/fhirtypes';
import { createRoleUsers, createTestApp, type TestApp } from '../testing/test-app.ts';
import { testPatient } from '../testing/fixtures.ts';

let ta: TestApp;
let auth: Record<string, string>;

beforeAll(async () => {
  ta = await createTestApp({ PASSAGE_BODY_LIMIT_MB: '1' });
  await createRoleUsers(ta);
  auth = { authorization: `Bearer ${await ta.login('clinician')}` };
});
afterAll(() => ta.close());

const fhirJson = { 'content-type': 'application/fhir+json' };

describe('FHIR REST API', () => {
  it('create → read → stale If-Match is refused → history', async () => {
    const created = await ta.app.inject({
      method: 'POST',
      url: '/fhir/Patient',
      headers: { ...auth, ...fhirJson },
      payload: JSON.stringify(testPatient('site-a', 'حداد', 'محمد')),
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers['content-type']).toContain('application/fhir+json');
    const patient = created.json() as Patient;
    expect(created.headers.location).toContain(`/fhir/Patient/${patient.id}/_history/1`);
    expect(created.headers.etag).toBe('W/"1"');

    const read = await ta.app.inject({ method: 'GET', url: `/fhir/Patient/${patient.id}`, headers: auth });
    expect(read.statusCode).toBe(200);
    expect((read.json() as Patient).name?.[0]?.given).toEqual(['محمد']);

    const ok = await ta.app.inject({
      method: 'PUT',
      url: `/fhir/Patient/${patient.id}`,
      headers: { ...auth, ...fhirJson, 'if-match': 'W/"1"' },
      payload: JSON.stringify({ ...patient, gender: 'female' }),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('W/"2"');
    const stale = await ta.app.inject({
      method: 'PUT',
      url: `/fhir/Patient/${patient.id}`,
      headers: { ...auth, ...fhirJson, 'if-match': 'W/"1"' },
      payload: JSON.stringify({ ...patient, gender: 'other' }),
    });
    expect(stale.statusCode).toBe(412);
    expect((stale.json() as OperationOutcome).resourceType).toBe('OperationOutcome');

    const history = await ta.app.inject({
      method: 'GET',
      url: `/fhir/Patient/${patient.id}/_history`,
      headers: auth,
    });
    const bundle = history.json() as Bundle<Patient>;
    expect(bundle.type).toBe('history');
    expect(bundle.entry?.map((e) => e.resource?.meta?.versionId)).toEqual(['2', '1']);
    const v1 = await ta.app.inject({
      method: 'GET',
      url: `/fhir/Patient/${patient.id}/_history/1`,
      headers: auth,
    });
    expect((v1.json() as Patient).gender).toBe('male');

    const del = await ta.app.inject({ method: 'DELETE', url: `/fhir/Patient/${patient.id}`, headers: auth });
    expect(del.statusCode).toBe(204);
    const goneRead = await ta.app.inject({
      method: 'GET',
      url: `/fhir/Patient/${patient.id}`,
      headers: auth,
    });
    expect(goneRead.statusCode).toBe(410);
  });

  it('a transaction with one invalid entry changes nothing', async () => {
    const count = async () =>
      (
        await ta.t.db
          .selectFrom('fhir_resource')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const before = Number(await count());
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: 'urn:uuid:11111111-1111-4111-8111-111111111111',
          resource: testPatient('site-a', 'Kovalenko', 'Oleksandr'),
          request: { method: 'POST', url: 'Patient' },
        },
        {
          resource: {
            resourceType: 'Observation',
            status: 'final',
            code: { text: 'weight' },
            subject: { reference: 'urn:uuid:11111111-1111-4111-8111-111111111111' },
          },
          request: { method: 'POST', url: 'Observation' },
        },
        {
          resource: {
            resourceType: 'Observation',
            status: 'not-a-status',
            code: { text: 'x' },
            subject: { reference: 'urn:uuid:11111111-1111-4111-8111-111111111111' },
            bogus: true,
          } as never,
          request: { method: 'POST', url: 'Observation' },
        },
      ],
    };
    const res = await ta.app.inject({
      method: 'POST',
      url: '/fhir',
      headers: { ...auth, ...fhirJson },
      payload: JSON.stringify(bundle),
    });
    expect(res.statusCode).toBe(422);
    const outcome = res.json() as OperationOutcome;
    expect(outcome.issue?.[0]?.expression?.[0]).toContain('Bundle.entry[2]');
    expect(Number(await count())).toBe(before);

    bundle.entry?.pop();
    const good = await ta.app.inject({
      method: 'POST',
      url: '/fhir',
      headers: { ...auth, ...fhirJson },
      payload: JSON.stringify(bundle),
    });
    expect(good.statusCode).toBe(200);
    const response = good.json() as Bundle;
    expect(response.type).toBe('transaction-response');
    expect(response.entry?.map((e) => e.response?.status)).toEqual(['201 Created', '201 Created']);
    const obs = response.entry?.[1]?.resource as { subject?: { reference?: string } };
    expect(obs.subject?.reference).toBe(`Patient/${response.entry?.[0]?.resource?.id}`);
    expect(Number(await count())).toBe(before + 2);
  });

  it('searches with paging, totals and includes', async () => {
    for (let i = 0; i < 5; i++) {
      await ta.app.inject({
        method: 'POST',
        url: '/fhir/Patient',
        headers: { ...auth, ...fhirJson },
        payload: JSON.stringify(testPatient('site-a', `Diallo${i}`, 'Mamadou')),
      });
    }
    const page1 = (
      await ta.app.inject({
        method: 'GET',
        url: '/fhir/Patient?family=diallo&_count=2&_sort=family&_total=accurate',
        headers: auth,
      })
    ).json() as Bundle<Patient>;
    expect(page1.total).toBe(5);
    expect(page1.entry?.map((e) => e.resource?.name?.[0]?.family)).toEqual(['Diallo0', 'Diallo1']);
    const next = page1.link?.find((l) => l.relation === 'next')?.url as string;
    const page2 = (
      await ta.app.inject({
        method: 'GET',
        url: new URL(next).pathname + new URL(next).search,
        headers: auth,
      })
    ).json() as Bundle<Patient>;
    expect(page2.entry?.map((e) => e.resource?.name?.[0]?.family)).toEqual(['Diallo2', 'Diallo3']);
    const withOrg = (
      await ta.app.inject({
        method: 'GET',
        url: '/fhir/Patient?family=diallo0&_include=Patient:organization',
        headers: auth,
      })
    ).json() as Bundle;
    expect(withOrg.entry?.map((e) => `${e.resource?.resourceType}:${e.search?.mode}`)).toEqual([
      'Patient:match',
      'Organization:include',
    ]);
    const missing = (
      await ta.app.inject({
        method: 'GET',
        url: '/fhir/Patient?family=diallo&telecom:missing=true&gender=male',
        headers: auth,
      })
    ).json() as Bundle;
    expect(missing.entry).toHaveLength(5);
  });

  it('answers bad input with a 4xx OperationOutcome', async () => {
    const cases = [
      {
        method: 'POST' as const,
        url: '/fhir/Patient',
        headers: { ...auth, ...fhirJson },
        payload: '{"resourceType": "Patient",',
        status: 400,
      },
      {
        method: 'POST' as const,
        url: '/fhir/Patient',
        headers: { ...auth, 'content-type': 'text/plain' },
        payload: 'hello',
        status: 415,
      },
      {
        method: 'POST' as const,
        url: '/fhir/Patient',
        headers: { ...auth, ...fhirJson },
        payload: JSON.stringify({ resourceType: 'Patient', x: 'y'.repeat(2 * 1024 * 1024) }),
        status: 413,
      },
      { method: 'GET' as const, url: '/fhir/Nonsense/1', headers: auth, status: 404 },
      { method: 'GET' as const, url: '/fhir/Patient/bad$id', headers: auth, status: 400 },
      { method: 'GET' as const, url: '/fhir/Patient?unknown=1', headers: auth, status: 400 },
      { method: 'GET' as const, url: '/fhir/Patient?birthdate=2020-13-40', headers: auth, status: 400 },
      {
        method: 'POST' as const,
        url: '/fhir/Patient',
        headers: { ...auth, ...fhirJson },
        payload: JSON.stringify({
          resourceType: 'Patient',
          birthDate: 'yesterday',
          managingOrganization: { reference: 'Organization/site-a' },
        }),
        status: 422,
      },
      { method: 'GET' as const, url: '/fhir/Patient/123', headers: {}, status: 401 },
    ];
    for (const c of cases) {
      const res = await ta.app.inject(c);
      expect({ url: c.url, status: res.statusCode }).toEqual({ url: c.url, status: c.status });
      expect((res.json() as OperationOutcome).resourceType).toBe('OperationOutcome');
    }
  });

  it('publishes a CapabilityStatement', async () => {
    const res = await ta.app.inject({ method: 'GET', url: '/fhir/metadata' });
    const cs = res.json() as {
      fhirVersion: string;
      rest: { resource: { type: string; searchParam: { name: string }[] }[] }[];
    };
    expect(cs.fhirVersion).toBe('4.0.1');
    const patient = cs.rest[0]?.resource.find((r) => r.type === 'Patient');
    expect(patient?.searchParam.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'name',
        'family',
        'given',
        'birthdate',
        'gender',
        'identifier',
        'address-country',
      ]),
    );
  });
});
