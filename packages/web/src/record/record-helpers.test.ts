import { DECISION_EXT } from '@passage/core';
import type { Condition, Observation, ServiceRequest } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { dayOf, formatFhirDate } from './dates';
import { emptyFollowUp, followUpBundle, plannedBy, validateFollowUp, type FollowUpForm } from './follow-up';
import { resolvedCondition, withRequestStatus, withTestResult } from './record-updates';

const restricted = {
  security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }],
};

describe('record updates', () => {
  it('resolves a condition and keeps everything else, security labels included', () => {
    const condition: Condition = {
      resourceType: 'Condition',
      id: 'c1',
      meta: restricted,
      subject: { reference: 'Patient/p1' },
      clinicalStatus: { coding: [{ code: 'active' }] },
      code: { text: 'Scabies' },
    };
    const resolved = resolvedCondition(condition, '2024-05-02');
    expect(resolved.clinicalStatus?.coding?.[0]?.code).toBe('resolved');
    expect(resolved.abatementDateTime).toBe('2024-05-02');
    expect(resolved.meta).toEqual(restricted);
    expect(resolved.code).toEqual(condition.code);
  });

  it('records a pending test result with the codings of the assessment extraction', () => {
    const pending: Observation = {
      resourceType: 'Observation',
      id: 'o1',
      status: 'registered',
      code: { text: 'IGRA' },
      note: [{ text: 'Sent to the regional lab' }],
    };
    const done = withTestResult(pending, 'positive', '2024-05-02T10:00:00Z', ' Repeat in 3 months ');
    expect(done).toMatchObject({
      status: 'final',
      issued: '2024-05-02T10:00:00Z',
      valueCodeableConcept: {
        coding: [{ system: 'https://passage.example.org/fhir/CodeSystem/assessment', code: 'positive' }],
        text: 'Positive',
      },
      interpretation: [
        {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'POS' },
          ],
        },
      ],
    });
    expect(done.note?.map((n) => n.text)).toEqual(['Sent to the regional lab', 'Repeat in 3 months']);
  });

  it('closes a recommendation and updates its decision', () => {
    const request: ServiceRequest = {
      resourceType: 'ServiceRequest',
      id: 's1',
      status: 'active',
      intent: 'order',
      subject: { reference: 'Patient/p1' },
      extension: [
        {
          url: 'https://passage.example.org/fhir/StructureDefinition/recommendation',
          valueString: 'screen-hcv',
        },
        { url: DECISION_EXT, valueCode: 'ordered' },
      ],
    };
    const declined = withRequestStatus(request, 'revoked');
    expect(declined.status).toBe('revoked');
    expect(declined.extension?.[1]).toEqual({ url: DECISION_EXT, valueCode: 'declined' });
    expect(declined.extension?.[0]).toEqual(request.extension?.[0]);
    expect(withRequestStatus({ ...request, extension: undefined }, 'completed').extension).toBeUndefined();
  });
});

describe('follow-up form', () => {
  const today = '2024-05-02';
  const form = (change: Partial<FollowUpForm>): FollowUpForm => ({ ...emptyFollowUp(today), ...change });

  it('asks for something to record and refuses future dates', () => {
    expect(validateFollowUp(form({}), today)).toEqual({ form: { problem: 'empty' } });
    expect(validateFollowUp(form({ notes: 'Better', date: '2024-05-03' }), today)).toEqual({
      date: { problem: 'future' },
    });
    expect(validateFollowUp(form({ notes: 'x', date: '2024-02-30' }), today).date).toEqual({
      problem: 'invalidDate',
    });
  });

  it('checks plausible vital signs', () => {
    const issues = validateFollowUp(
      form({ temperature: 52, weight: 0, heartRate: 300, systolic: 80, diastolic: 95 }),
      today,
    );
    expect(issues).toEqual({
      temperature: { problem: 'range', min: 30, max: 45 },
      weight: { problem: 'positive' },
      heartRate: { problem: 'range', min: 20, max: 250 },
      systolic: { problem: 'systolicAboveDiastolic' },
    });
    expect(validateFollowUp(form({ systolic: 120 }), today)).toEqual({
      diastolic: { problem: 'bothPressures' },
    });
    expect(validateFollowUp(form({ systolic: 120, diastolic: 80, weight: 61.5 }), today)).toEqual({});
  });

  it('wants the next follow-up after this visit and a known diagnosis', () => {
    expect(validateFollowUp(form({ notes: 'x', nextFollowUp: today }), today)).toEqual({
      nextFollowUp: { problem: 'afterVisit' },
    });
    expect(validateFollowUp(form({ diagnosis: 'X99.9' }), today)).toEqual({
      diagnosis: { problem: 'unknownDiagnosis' },
    });
  });

  it('writes one transaction with local references to the new encounter', () => {
    let n = 0;
    const planned: (ServiceRequest & { id: string })[] = [
      {
        resourceType: 'ServiceRequest',
        id: 'due',
        status: 'active',
        intent: 'order',
        subject: { reference: 'Patient/p1' },
        occurrenceDateTime: '2024-05-01',
      },
      {
        resourceType: 'ServiceRequest',
        id: 'later',
        status: 'active',
        intent: 'order',
        subject: { reference: 'Patient/p1' },
        occurrenceDateTime: '2024-08-01',
      },
    ];
    const bundle = followUpBundle(
      form({
        notes: 'Cough better. Continue treatment.',
        temperature: 37.1,
        systolic: 128,
        diastolic: 82,
        weight: 62,
        diagnosis: 'A53.9',
        diagnosisStatus: 'confirmed',
        nextFollowUp: '2024-06-01',
      }),
      {
        patientId: 'p1',
        siteId: 'site-a',
        author: { userId: 'u1', display: 'Dr Amal Haddad', role: 'clinician' },
        now: '2024-05-02T10:00:00Z',
        today,
        newId: () => `id-${++n}`,
        planned,
      },
    );
    expect(bundle.type).toBe('transaction');
    const entries = bundle.entry ?? [];
    expect(entries.map((e) => `${e.request?.method} ${e.request?.url}`)).toEqual([
      'POST Encounter',
      'POST Observation',
      'POST Observation',
      'POST Observation',
      'POST Observation',
      'POST Condition',
      'POST ServiceRequest',
      'PUT ServiceRequest/due',
    ]);
    const encounterUrl = entries[0]?.fullUrl;
    expect(encounterUrl).toBe('urn:uuid:id-1');
    expect(entries[0]?.resource).toMatchObject({
      type: [{ coding: [{ code: 'follow-up' }] }],
      period: { start: '2024-05-02T10:00:00Z' },
      serviceProvider: { reference: 'Organization/site-a' },
    });
    for (const entry of entries.slice(1, 7))
      expect(entry.resource).toMatchObject({
        subject: { reference: 'Patient/p1' },
        encounter: { reference: encounterUrl },
      });
    // Syphilis is notifiable and sensitive, as in the assessment's extraction.
    expect(entries[5]?.resource?.meta).toMatchObject({
      tag: [{ code: 'notifiable' }],
      security: [{ code: 'R' }],
    });
    expect(entries[7]?.resource).toMatchObject({ id: 'due', status: 'completed' });
  });

  it('closes planned follow-ups due by two weeks after the visit', () => {
    const r = (id: string, due?: string): ServiceRequest => ({
      resourceType: 'ServiceRequest',
      id,
      status: 'active',
      intent: 'order',
      subject: { reference: 'Patient/p1' },
      ...(due ? { occurrenceDateTime: due } : {}),
    });
    const planned = [r('a', '2024-04-01'), r('b', '2024-05-16'), r('c', '2024-05-17'), r('d')];
    expect(plannedBy(planned, today).map((x) => x.id)).toEqual(['a', 'b', 'd']);
  });
});

describe('dates', () => {
  it('shows partial dates as partial', () => {
    expect(formatFhirDate('1990', 'en')).toBe('1990');
    expect(formatFhirDate('1990-05', 'en')).toBe('May 1990');
    expect(formatFhirDate('1990-05', 'fr')).toBe('mai 1990');
    expect(formatFhirDate('1990-05-03', 'en')).toBe('May 3, 1990');
    expect(formatFhirDate('not a date', 'en')).toBe('not a date');
    expect(dayOf('2024-03')).toBe('2024-03');
  });
});
