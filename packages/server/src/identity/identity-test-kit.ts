/** Shared by the identity tests: HTTP calls as a test user, people, assessments and record snapshots. */
import type {
  Consent,
  Patient,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  Resource,
} from '@medplum/fhirtypes';
import { sql } from 'kysely';
import {
  HEALTH_ASSESSMENT_URL,
  HEALTH_ASSESSMENT_VERSION,
  NATIONALITY_EXT,
  PASSAGE_CODE_SYSTEM,
} from '@passage/core';
import type { TestApp } from '../testing/test-app.ts';

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

export function caller(ta: TestApp) {
  return async (
    user: string,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
  ): Promise<Answer> => {
    const res = await ta.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${ta.tokens.get(user) ?? ''}` },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    return { status: res.statusCode, body: (res.body ? res.json() : {}) as Record<string, unknown> };
  };
}

export function person(
  site: string,
  family: string,
  given: string,
  extra: Partial<Patient> = {},
): Patient & { resourceType: 'Patient' } {
  return {
    resourceType: 'Patient',
    name: [{ family, given: [given] }],
    gender: 'male',
    birthDate: '1990-05-12',
    managingOrganization: { reference: `Organization/${site}` },
    extension: [
      {
        url: NATIONALITY_EXT,
        extension: [
          { url: 'code', valueCodeableConcept: { coding: [{ system: 'urn:iso:std:iso:3166', code: 'SY' }] } },
        ],
      },
    ],
    ...extra,
  };
}

const group = (linkId: string, item: QuestionnaireResponseItem[]): QuestionnaireResponseItem => ({
  linkId,
  item,
});
const answer = (linkId: string, a: QuestionnaireResponseItem['answer']): QuestionnaireResponseItem => ({
  linkId,
  answer: a,
});
const coded = (code: string, system = PASSAGE_CODE_SYSTEM) => [{ valueCoding: { system, code } }];

/** An assessment that extracts an Encounter, Observations, a Condition and an Immunization. */
export function assessment(patientId: string): { response: QuestionnaireResponse } {
  return {
    response: {
      resourceType: 'QuestionnaireResponse',
      status: 'completed',
      questionnaire: `${HEALTH_ASSESSMENT_URL}|${HEALTH_ASSESSMENT_VERSION}`,
      subject: { reference: `Patient/${patientId}` },
      item: [
        group('encounter', [
          answer('encounter-type', coded('arrival-assessment')),
          answer('consent', [{ valueBoolean: true }]),
        ]),
        group('pregnancy', [answer('pregnant', coded('no'))]),
        group('examination', [
          group('vitals', [
            answer('temperature', [{ valueDecimal: 37.2 }]),
            answer('heart-rate', [{ valueInteger: 80 }]),
          ]),
          group('anthropometry', [
            answer('weight', [{ valueDecimal: 64 }]),
            answer('height', [{ valueDecimal: 170 }]),
          ]),
        ]),
        group('vaccination', [
          group('vaccine', [
            answer('vaccine-code', coded('03', 'http://hl7.org/fhir/sid/cvx')),
            answer('vaccine-source', coded('given-today')),
          ]),
        ]),
        group('conclusion', [
          group('diagnosis', [
            answer('diagnosis-code', coded('J02.9', 'http://hl7.org/fhir/sid/icd-10')),
            answer('diagnosis-status', [{ valueCoding: { code: 'provisional' } }]),
          ]),
        ]),
      ],
    },
  };
}

export function allergy(patientId: string): Resource {
  return {
    resourceType: 'AllergyIntolerance',
    clinicalStatus: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' },
      ],
    },
    patient: { reference: `Patient/${patientId}` },
    code: { text: 'Penicillin' },
  };
}

/** A Consent sharing a person's record with another site. */
export function sharing(patientId: string, site: string): Consent {
  return {
    resourceType: 'Consent',
    status: 'active',
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

const withoutVersion = (r: Resource): Resource => {
  const { meta: stored, ...rest } = r;
  const { versionId: _v, lastUpdated: _l, ...meta } = stored ?? {};
  return Object.keys(meta).length === 0 ? rest : { ...rest, meta };
};

/** Every live resource in a person's compartment, by `Type/id`, without version and time. */
export async function snapshot(ta: TestApp, patientId: string): Promise<Map<string, Resource>> {
  const rows = await sql<{ content: Resource }>`SELECT content FROM fhir_resource
    WHERE patient_id = ${patientId} AND NOT deleted`.execute(ta.t.db);
  return new Map(
    rows.rows.map((r) => [`${r.content.resourceType}/${r.content.id}`, withoutVersion(r.content)]),
  );
}
