/**
 * The clinical record through the HTTP API: registration with a Passage identifier, completing an
 * assessment (validation per field, extraction in one transaction), $everything, sensitive data,
 * decision support and $match.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Bundle,
  Patient,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  Resource,
} from '@medplum/fhirtypes';
import {
  HEALTH_ASSESSMENT_ID,
  HEALTH_ASSESSMENT_URL,
  HEALTH_ASSESSMENT_VERSION,
  MIGRATION_CATEGORY_EXT,
  MIGRATION_CATEGORY_SYSTEM,
  NATIONALITY_EXT,
  PASSAGE_ID_SYSTEM,
  parsePassageId,
  SENSITIVE_ITEM_EXT,
} from '@passage/core';
import { sql } from 'kysely';
import { createRoleUsers, createTestApp, type TestApp } from '../testing/test-app.ts';
import { testPatient } from '../testing/fixtures.ts';
import type { FhirRepository, WriteOp } from '../fhir/store/repository.ts';

let ta: TestApp;
beforeAll(async () => {
  ta = await createTestApp();
  await createRoleUsers(ta);
  for (const user of ['clinician', 'coordinator', 'mediator', 'clinician-b']) await ta.login(user);
});
afterAll(() => ta.close());

const auth = (user: string) => ({ authorization: `Bearer ${ta.tokens.get(user)}` });
async function call(user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  const res = await ta.app.inject({
    method,
    url,
    headers: auth(user),
    ...(payload ? { payload: payload as object } : {}),
  });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> & Resource };
}

function somaliWoman(): Patient {
  return {
    ...testPatient('site-a', 'Warsame', 'Faadumo'),
    gender: 'female',
    birthDate: '1996-03-04',
    extension: [
      {
        url: NATIONALITY_EXT,
        extension: [
          { url: 'code', valueCodeableConcept: { coding: [{ system: 'urn:iso:std:iso:3166', code: 'SO' }] } },
        ],
      },
      {
        url: MIGRATION_CATEGORY_EXT,
        valueCoding: { system: MIGRATION_CATEGORY_SYSTEM, code: 'asylum-seeker' },
      },
    ],
  };
}

const item = (
  linkId: string,
  answer: QuestionnaireResponseItem['answer'] | QuestionnaireResponseItem[],
): QuestionnaireResponseItem =>
  Array.isArray(answer) && answer.length > 0 && 'linkId' in (answer[0] as object)
    ? { linkId, item: answer as QuestionnaireResponseItem[] }
    : { linkId, answer: answer as QuestionnaireResponseItem['answer'] };
const code = (c: string, system?: string) => [{ valueCoding: { ...(system ? { system } : {}), code: c } }];

function assessment(
  patientId: string,
  overrides: { weight?: number; testDate?: string; icd10?: string; consent?: boolean } = {},
): QuestionnaireResponse {
  return {
    resourceType: 'QuestionnaireResponse',
    status: 'completed',
    questionnaire: `${HEALTH_ASSESSMENT_URL}|${HEALTH_ASSESSMENT_VERSION}`,
    subject: { reference: `Patient/${patientId}` },
    item: [
      item('encounter', [
        item(
          'encounter-type',
          code('arrival-assessment', 'https://passage.example.org/fhir/CodeSystem/assessment'),
        ),
        ...(overrides.consent === false ? [] : [item('consent', [{ valueBoolean: true }])]),
      ]),
      item('pregnancy', [
        item('pregnant', code('no', 'https://passage.example.org/fhir/CodeSystem/assessment')),
      ]),
      item('symptoms', [
        item('tb-symptoms', [
          item('symptom-cough', [{ valueBoolean: true }]),
          item('symptom-fever', [{ valueBoolean: false }]),
        ]),
      ]),
      item('examination', [
        item('vitals', [
          item('temperature', [{ valueDecimal: 37.9 }]),
          item('heart-rate', [{ valueInteger: 88 }]),
        ]),
        item('anthropometry', [
          item('weight', [{ valueDecimal: overrides.weight ?? 58 }]),
          item('height', [{ valueDecimal: 165 }]),
        ]),
      ]),
      item('mental-health', [
        item(
          'phq9',
          Array.from({ length: 9 }, (_, i) =>
            item(`phq9-${i + 1}`, code('1', 'https://passage.example.org/fhir/CodeSystem/assessment')),
          ),
        ),
      ]),
      item('vaccination', [
        item('vaccine', [
          item('vaccine-code', code('03', 'http://hl7.org/fhir/sid/cvx')),
          item(
            'vaccine-source',
            code('given-today', 'https://passage.example.org/fhir/CodeSystem/assessment'),
          ),
        ]),
      ]),
      item('tests', [
        item('test', [
          item('test-code', code('24648-8', 'http://loinc.org')),
          item('test-date', [{ valueDate: overrides.testDate ?? '2026-01-10' }]),
          item('test-result', code('pending', 'https://passage.example.org/fhir/CodeSystem/assessment')),
        ]),
      ]),
      item('conclusion', [
        item('diagnosis', [
          item('diagnosis-code', code(overrides.icd10 ?? 'F43.1', 'http://hl7.org/fhir/sid/icd-10')),
          item('diagnosis-status', code('provisional')),
        ]),
      ]),
    ],
  };
}

async function countClinical(): Promise<number> {
  const r = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM fhir_resource WHERE type NOT IN ('Patient', 'Organization', 'Questionnaire')`.execute(
    ta.t.db,
  );
  return Number(r.rows[0]?.n);
}

describe('registration', () => {
  it('gives every new person a Passage identifier with a valid check symbol', async () => {
    const { status, body } = await call(
      'clinician',
      'POST',
      '/fhir/Patient',
      testPatient('site-a', 'Haddad', 'Mona'),
    );
    expect(status).toBe(201);
    const id = (body as Patient).identifier?.find((i) => i.system === PASSAGE_ID_SYSTEM)?.value as string;
    expect(parsePassageId(id)).toEqual({ ok: true, id });
    const found = await call(
      'clinician',
      'GET',
      `/fhir/Patient?identifier=${encodeURIComponent(`${PASSAGE_ID_SYSTEM}|${id}`)}`,
    );
    expect((found.body as Bundle).entry?.map((e) => e.resource?.id)).toEqual([body.id]);
  });

  it('refuses a mistyped Passage identifier and one that belongs to someone else', async () => {
    const first = await call('clinician', 'POST', '/fhir/Patient', testPatient('site-a'));
    const taken = (first.body as Patient).identifier?.[0]?.value as string;
    const mistyped = `${taken.slice(0, 3)}${taken[3] === '0' ? '1' : '0'}${taken.slice(4)}`;
    const withId = (value: string) => ({
      ...testPatient('site-a'),
      identifier: [{ system: PASSAGE_ID_SYSTEM, value }],
    });
    const bad = await call('clinician', 'POST', '/fhir/Patient', withId(mistyped));
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('does not add up');
    expect((await call('clinician', 'POST', '/fhir/Patient', withId(taken))).status).toBe(409);
  });
});

describe('implausible values, whichever client sends them', () => {
  it('refuses a birth date in the future and a weight of 0, naming the element', async () => {
    const born = await call('clinician', 'POST', '/fhir/Patient', {
      ...testPatient('site-a'),
      birthDate: '2999-01-01',
    });
    expect(born.status).toBe(422);
    expect(JSON.stringify(born.body)).toContain('Patient.birthDate');
    const patientId = (await call('clinician', 'POST', '/fhir/Patient', testPatient('site-a'))).body
      .id as string;
    const weighed = await call('clinician', 'POST', '/fhir/Observation', {
      resourceType: 'Observation',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] },
      subject: { reference: `Patient/${patientId}` },
      valueQuantity: { value: 0, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
    });
    expect(weighed.status).toBe(422);
    expect(JSON.stringify(weighed.body)).toContain('Observation.valueQuantity');
  });
});

describe('completing a health assessment', () => {
  let patientId: string;
  beforeAll(async () => {
    patientId = (await call('clinician', 'POST', '/fhir/Patient', somaliWoman())).body.id as string;
  });

  it('serves the Questionnaire it validates against', async () => {
    const { status, body } = await call('clinician', 'GET', `/fhir/Questionnaire/${HEALTH_ASSESSMENT_ID}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ url: HEALTH_ASSESSMENT_URL, version: HEALTH_ASSESSMENT_VERSION });
  });

  it('refuses bad answers with one message per field, and writes nothing', async () => {
    const before = await countClinical();
    for (const [overrides, linkId] of [
      [{ weight: 0 }, 'weight'],
      [{ testDate: '2099-01-01' }, 'test-date'],
      [{ icd10: 'Q99.9' }, 'diagnosis-code'],
      [{ consent: false }, 'consent'],
    ] as const) {
      const { status, body } = await call('clinician', 'POST', '/api/assessments', {
        response: assessment(patientId, overrides),
      });
      expect(status, linkId).toBe(422);
      const issues = body.issues as { expression: string; message: string }[];
      expect(issues.map((i) => i.expression)).toEqual([
        `QuestionnaireResponse.item.where(linkId='${linkId}')`,
      ]);
    }
    expect(await countClinical()).toBe(before);
  });

  it('stores the response and everything extracted from it, with provenance', async () => {
    const { status, body } = await call('clinician', 'POST', '/api/assessments', {
      response: assessment(patientId),
    });
    expect(status, JSON.stringify(body)).toBe(201);
    const created = body.created as string[];
    const types = created.map((c) => c.split('/')[0]);
    expect(types).toEqual(expect.arrayContaining(['Encounter', 'Observation', 'Condition', 'Immunization']));
    const everything = (await call('clinician', 'GET', `/fhir/Patient/${patientId}/$everything`))
      .body as Bundle;
    const ids = new Set(everything.entry?.map((e) => `${e.resource?.resourceType}/${e.resource?.id}`));
    for (const c of created) expect(ids.has(c), c).toBe(true);
    expect(ids.has(`QuestionnaireResponse/${body.responseId as string}`)).toBe(true);
    const provenance = everything.entry?.find((e) => e.resource?.resourceType === 'Provenance')?.resource;
    expect(provenance).toMatchObject({ agent: [{ onBehalfOf: { reference: 'Organization/site-a' } }] });
  });

  it('leaves no trace when a write inside the transaction fails', async () => {
    const before = await countClinical();
    const repo = ta.services.repo as FhirRepository;
    const original = repo.writeAll.bind(repo);
    // A last operation that cannot succeed: deleting a record that does not exist.
    repo.writeAll = (ctx, ops, onError) =>
      original(
        ctx,
        [...ops, { method: 'DELETE', type: 'Observation', id: 'does-not-exist' } satisfies WriteOp],
        onError,
      );
    try {
      const { status } = await call('clinician', 'POST', '/api/assessments', {
        response: assessment(patientId),
      });
      expect(status).toBe(404);
    } finally {
      repo.writeAll = original;
    }
    expect(await countClinical()).toBe(before);
  });

  it('hides sensitive data from roles that do not need it, and never loses it', async () => {
    const coordinator = (await call('coordinator', 'GET', `/fhir/Patient/${patientId}/$everything`))
      .body as Bundle;
    const clinician = (await call('clinician', 'GET', `/fhir/Patient/${patientId}/$everything`))
      .body as Bundle;
    const codes = (b: Bundle) =>
      b.entry?.flatMap((e) =>
        ((e.resource as { code?: { coding?: { code?: string }[] } }).code?.coding ?? []).map((c) => c.code),
      ) ?? [];
    expect(codes(clinician)).toEqual(expect.arrayContaining(['F43.1', '44261-6']));
    expect(codes(coordinator)).not.toContain('F43.1');
    expect(codes(coordinator)).not.toContain('44261-6');
    const response = (b: Bundle) =>
      JSON.stringify(b.entry?.find((e) => e.resource?.resourceType === 'QuestionnaireResponse')?.resource);
    expect(response(clinician)).toContain(SENSITIVE_ITEM_EXT);
    expect(response(coordinator)).not.toContain('phq9-1');
    const patient = (b: Bundle) => b.entry?.[0]?.resource as Patient;
    expect(JSON.stringify(patient(coordinator))).not.toContain(MIGRATION_CATEGORY_EXT);

    // A mediator updates the person's phone number without seeing the migration category.
    const seen = (await call('mediator', 'GET', `/fhir/Patient/${patientId}`)).body as Patient;
    expect(JSON.stringify(seen)).not.toContain(MIGRATION_CATEGORY_EXT);
    const saved = await call('mediator', 'PUT', `/fhir/Patient/${patientId}`, {
      ...seen,
      telecom: [{ system: 'phone', value: '+30 690 000 0000' }],
    });
    expect(saved.status).toBe(200);
    const after = (await call('clinician', 'GET', `/fhir/Patient/${patientId}`)).body as Patient;
    expect(after.telecom?.[0]?.value).toBe('+30 690 000 0000');
    expect(JSON.stringify(after)).toContain(MIGRATION_CATEGORY_EXT);

    // A mediator sees who the person is, not their health.
    const mediator = (await call('mediator', 'GET', `/fhir/Patient/${patientId}/$everything`)).body as Bundle;
    expect(mediator.entry?.map((e) => e.resource?.resourceType)).toEqual(['Patient']);
  });

  it('recommends screenings from origin and age, and records decisions as requests', async () => {
    const { status, body } = await call('clinician', 'GET', `/api/people/${patientId}/recommendations`);
    expect(status).toBe(200);
    const recommendations = body.recommendations as { id: string; status: string; reason: string }[];
    const ltbi = recommendations.find((r) => r.id === 'screen-ltbi');
    expect(ltbi).toMatchObject({ status: 'due' });
    expect(ltbi?.reason).toMatch(/Somalia|SO/);
    const done = await call('clinician', 'POST', '/api/assessments', {
      response: assessment(patientId),
      decisions: [{ recommendationId: 'screen-ltbi', decision: 'ordered' }],
    });
    expect(done.status).toBe(201);
    const bogus = await call('clinician', 'POST', '/api/assessments', {
      response: assessment(patientId),
      decisions: [{ recommendationId: 'screen-nothing', decision: 'ordered' }],
    });
    expect(bogus.status).toBe(422);
  });

  it('is refused for a person at another site, as if they did not exist', async () => {
    const { status } = await call('clinician-b', 'POST', '/api/assessments', {
      response: assessment(patientId),
    });
    expect(status).toBe(404);
  });
});

describe('Patient/$match', () => {
  it('finds a likely existing record while registering', async () => {
    await call('clinician', 'POST', '/fhir/Patient', {
      ...testPatient('site-a', 'Al-Rashid', 'Omar'),
      gender: 'male',
      birthDate: '1990-01-01',
    });
    const query: Patient = {
      resourceType: 'Patient',
      name: [{ family: 'Rashid', given: ['Omar'] }],
      gender: 'male',
      birthDate: '1990',
    };
    const { status, body } = await call('clinician', 'POST', '/fhir/Patient/$match', {
      resourceType: 'Parameters',
      parameter: [
        { name: 'resource', resource: query },
        { name: 'count', valueInteger: 5 },
      ],
    });
    expect(status).toBe(200);
    const first = (body as Bundle).entry?.[0];
    expect(first?.search?.score).toBeGreaterThan(0.5);
    expect(first?.search?.extension?.[0]?.valueCode).toMatch(/probable|possible/);
    const outside = await call('clinician-b', 'POST', '/fhir/Patient/$match', {
      resourceType: 'Parameters',
      parameter: [{ name: 'resource', resource: query }],
    });
    expect((outside.body as Bundle).entry ?? []).toEqual([]);
  });

  it('answers malformed input with a 400 OperationOutcome', async () => {
    const { status, body } = await call('clinician', 'POST', '/fhir/Patient/$match', {
      resourceType: 'Patient',
    });
    expect(status).toBe(400);
    expect(body.resourceType).toBe('OperationOutcome');
  });
});
