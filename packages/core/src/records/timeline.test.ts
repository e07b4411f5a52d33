import type {
  AllergyIntolerance,
  Condition,
  Encounter,
  Immunization,
  MedicationStatement,
  Observation,
  Patient,
  Provenance,
  QuestionnaireResponse,
  Resource,
  ServiceRequest,
} from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { latestVitals } from './timeline-observations.ts';
import { openFollowUps, openRecommendations, openReferrals, pendingResults } from './timeline-pending.ts';
import { allergyList, immunizationHistory, medicationList, problemList } from './timeline-summary.ts';
import { buildTimeline, filterTimeline } from './timeline.ts';

// A hand-written record in the shapes assessment/extract.ts writes: an arrival assessment on
// 10 March 2024 and a follow-up visit on 12 April 2024.
const P = 'Patient/p1';
const E1 = 'Encounter/e1';
const E2 = 'Encounter/e2';
const A = 'https://passage.example.org/fhir/CodeSystem/assessment';
const V3 = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const restricted = {
  security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }],
};
const notifiable = {
  tag: [{ system: 'https://passage.example.org/fhir/CodeSystem/flags', code: 'notifiable' }],
};
const category = (code: string) => [
  { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code }] },
];
const loinc = (code: string, display: string) => ({
  coding: [{ system: 'http://loinc.org', code, display }],
  text: display,
});
const T1 = '2024-03-10T09:30:00Z';
const T2 = '2024-04-12T14:00:00Z';

const patient: Patient = { resourceType: 'Patient', id: 'p1', gender: 'female', birthDate: '1990' };

const encounters: Encounter[] = [
  {
    resourceType: 'Encounter',
    id: 'e1',
    status: 'finished',
    class: { code: 'AMB' },
    type: [{ coding: [{ system: A, code: 'arrival-assessment', display: 'Arrival health assessment' }] }],
    subject: { reference: P },
    participant: [{ individual: { display: 'Dr Amal Haddad (clinician)' } }],
    period: { start: '2024-03-10T09:00:00Z', end: T1 },
  },
  {
    resourceType: 'Encounter',
    id: 'e2',
    status: 'finished',
    class: { code: 'AMB' },
    type: [
      { coding: [{ system: A, code: 'follow-up', display: 'Follow-up visit' }], text: 'Follow-up visit' },
    ],
    subject: { reference: P },
    period: { start: T2, end: T2 },
  },
];

const response: QuestionnaireResponse = {
  resourceType: 'QuestionnaireResponse',
  id: 'qr1',
  status: 'completed',
  subject: { reference: P },
  encounter: { reference: E1 },
  authored: T1,
};

const obs = (id: string, o: Partial<Observation>): Observation => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code: { text: id },
  subject: { reference: P },
  encounter: { reference: E1 },
  effectiveDateTime: T1,
  ...o,
});
const kg = (value: number) => ({ value, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' });

const observations: Observation[] = [
  obs('temp', {
    category: category('vital-signs'),
    code: loinc('8310-5', 'Body temperature'),
    valueQuantity: { value: 37.2, unit: '°C' },
  }),
  obs('bp', {
    category: category('vital-signs'),
    code: loinc('85354-9', 'Blood pressure panel'),
    component: [
      { code: loinc('8480-6', 'Systolic blood pressure'), valueQuantity: { value: 148, unit: 'mmHg' } },
      { code: loinc('8462-4', 'Diastolic blood pressure'), valueQuantity: { value: 92, unit: 'mmHg' } },
    ],
  }),
  obs('weight1', {
    category: category('vital-signs'),
    code: loinc('29463-7', 'Body weight'),
    valueQuantity: kg(61.5),
  }),
  obs('tb-screen', {
    category: category('survey'),
    code: {
      coding: [{ system: A, code: 'tb-symptom-screen', display: 'TB symptom screen' }],
      text: 'TB symptom screen',
    },
    valueCodeableConcept: { coding: [{ system: A, code: 'negative', display: 'Negative: no symptom' }] },
    interpretation: [{ coding: [{ system: V3, code: 'NEG' }] }],
  }),
  obs('phq9', {
    meta: restricted,
    category: category('survey'),
    code: loinc('44261-6', 'PHQ-9 total score'),
    valueInteger: 11,
    interpretation: [{ coding: [{ system: A, code: 'moderate' }], text: 'Moderate depression' }],
  }),
  obs('igra', {
    status: 'registered',
    category: category('laboratory'),
    code: { coding: [{ system: A, code: 'igra', display: 'Interferon-gamma release assay (IGRA)' }] },
    effectiveDateTime: '2024-03-10',
  }),
  obs('hiv', {
    meta: restricted,
    category: category('laboratory'),
    code: loinc('56888-1', 'HIV 1+2 antibody and HIV-1 p24 antigen'),
    effectiveDateTime: '2024-03-10',
    valueCodeableConcept: {
      coding: [{ system: A, code: 'negative', display: 'Negative' }],
      text: 'Negative',
    },
    interpretation: [{ coding: [{ system: V3, code: 'NEG' }] }],
  }),
  obs('weight2', {
    encounter: { reference: E2 },
    effectiveDateTime: T2,
    category: category('vital-signs'),
    code: loinc('29463-7', 'Body weight'),
    valueQuantity: kg(63),
  }),
  obs('cough', {
    category: category('survey'),
    code: {
      coding: [
        { system: 'http://snomed.info/sct', code: '284523002', display: 'Persistent cough (over two weeks)' },
      ],
    },
    valueBoolean: false,
  }),
  obs('pain', {
    category: category('survey'),
    code: { coding: [{ system: 'http://snomed.info/sct', code: '22253000', display: 'Pain' }] },
    valueBoolean: true,
  }),
  obs('wrong', {
    status: 'entered-in-error',
    category: category('vital-signs'),
    code: loinc('29463-7', 'Body weight'),
  }),
];

const condition = (id: string, c: Partial<Condition>): Condition => ({
  resourceType: 'Condition',
  id,
  subject: { reference: P },
  encounter: { reference: E1 },
  recordedDate: T1,
  clinicalStatus: { coding: [{ code: 'active' }] },
  verificationStatus: { coding: [{ code: 'confirmed' }] },
  category: [{ coding: [{ code: 'problem-list-item' }] }],
  ...c,
});
const icd = (code: string, display: string) => ({
  coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code, display }],
  text: display,
});
const conditions: Condition[] = [
  condition('htn1', { code: icd('I10', 'Essential (primary) hypertension') }),
  condition('htn2', {
    code: icd('I10', 'Essential (primary) hypertension'),
    encounter: { reference: E2 },
    recordedDate: T2,
  }),
  condition('tb', {
    meta: notifiable,
    code: icd('A16.2', 'Tuberculosis of lung, without bacteriological or histological confirmation'),
    clinicalStatus: { coding: [{ code: 'resolved' }] },
  }),
  condition('scabies', {
    code: icd('B86', 'Scabies'),
    category: [{ coding: [{ code: 'encounter-diagnosis' }] }],
    verificationStatus: { coding: [{ code: 'provisional' }] },
  }),
  condition('refuted', {
    code: icd('B54', 'Unspecified malaria'),
    verificationStatus: { coding: [{ code: 'refuted' }] },
  }),
];

const cvx = (code: string, display: string) => ({
  coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code, display }],
});
const origin = (code: 'record' | 'recall') => ({
  coding: [{ system: 'http://terminology.hl7.org/CodeSystem/immunization-origin', code }],
});
const immunizations: Immunization[] = [
  {
    resourceType: 'Immunization',
    id: 'mmr1',
    status: 'completed',
    vaccineCode: cvx('03', 'MMR (measles, mumps, rubella)'),
    patient: { reference: P },
    occurrenceDateTime: '1991-06',
    recorded: T1,
    primarySource: false,
    reportOrigin: origin('record'),
    protocolApplied: [{ doseNumberPositiveInt: 1 }],
  },
  {
    resourceType: 'Immunization',
    id: 'mmr2',
    status: 'completed',
    vaccineCode: cvx('03', 'MMR (measles, mumps, rubella)'),
    patient: { reference: P },
    occurrenceString: 'date unknown',
    recorded: T1,
    primarySource: false,
    reportOrigin: origin('recall'),
  },
  {
    resourceType: 'Immunization',
    id: 'td',
    status: 'completed',
    vaccineCode: cvx('09', 'Td (tetanus and diphtheria, adult)'),
    patient: { reference: P },
    encounter: { reference: E1 },
    occurrenceDateTime: '2024-03-10',
    recorded: T1,
    primarySource: true,
  },
];

const allergies: AllergyIntolerance[] = [
  {
    resourceType: 'AllergyIntolerance',
    id: 'pen',
    patient: { reference: P },
    code: { text: 'Penicillin' },
    criticality: 'high',
    clinicalStatus: { coding: [{ code: 'active' }] },
    verificationStatus: { coding: [{ code: 'unconfirmed' }] },
    recordedDate: T1,
    reaction: [{ manifestation: [{ text: 'Hives, swollen lips' }], severity: 'severe' }],
  },
  {
    resourceType: 'AllergyIntolerance',
    id: 'old',
    patient: { reference: P },
    code: { text: 'Cotrimoxazole' },
    clinicalStatus: { coding: [{ code: 'resolved' }] },
    recordedDate: '2020-01-01',
  },
];

const medications: MedicationStatement[] = [
  {
    resourceType: 'MedicationStatement',
    id: 'aml',
    status: 'active',
    medicationCodeableConcept: { text: 'Amlodipine' },
    subject: { reference: P },
    context: { reference: E1 },
    dateAsserted: T1,
    dosage: [{ text: '5 mg once a day' }],
    note: [{ text: 'Supply left: 10 days' }],
  },
  {
    resourceType: 'MedicationStatement',
    id: 'para',
    status: 'completed',
    medicationCodeableConcept: { text: 'Paracetamol' },
    subject: { reference: P },
    dateAsserted: '2023-12-01',
  },
];

const request = (id: string, s: Partial<ServiceRequest>): ServiceRequest => ({
  resourceType: 'ServiceRequest',
  id,
  status: 'active',
  intent: 'order',
  subject: { reference: P },
  encounter: { reference: E1 },
  authoredOn: T1,
  ...s,
});
const referral = [{ coding: [{ system: 'http://snomed.info/sct', code: '3457005' }] }];
const requests: ServiceRequest[] = [
  request('ref-tb', {
    category: referral,
    code: { coding: [{ system: A, code: 'tb-clinic', display: 'TB clinic' }], text: 'TB clinic' },
    priority: 'urgent',
    reasonCode: [{ text: 'IGRA pending, cough' }],
  }),
  request('ref-done', { status: 'completed', category: referral, code: { text: 'Dentist' } }),
  request('fu', {
    category: [{ coding: [{ system: A, code: 'follow-up' }] }],
    code: { coding: [{ system: A, code: 'follow-up-visit', display: 'Follow-up visit' }] },
    occurrenceDateTime: '2024-04-10',
  }),
  request('scr-hcv', {
    category: [{ coding: [{ system: A, code: 'screening' }] }],
    code: { coding: [{ system: A, code: 'hepatitis-c', display: 'Hepatitis C screening' }] },
    occurrenceDateTime: '2024-03-10',
  }),
  request('vac-mmr', {
    status: 'revoked',
    category: [{ coding: [{ system: A, code: 'vaccination' }] }],
    code: { coding: [{ system: A, code: 'mmr', display: 'MMR catch-up' }] },
  }),
];

const provenance: Provenance = {
  resourceType: 'Provenance',
  id: 'prov',
  target: [{ reference: E1 }],
  recorded: T1,
  agent: [{ who: { display: 'Dr Amal Haddad' } }],
};

const record: Resource[] = [
  patient,
  ...encounters,
  response,
  ...observations,
  ...conditions,
  ...immunizations,
  ...allergies,
  ...medications,
  ...requests,
  provenance,
];

describe('buildTimeline', () => {
  const timeline = buildTimeline(record);
  const entry = (id: string) => timeline.find((e) => e.id === id);

  it('puts the newest first, each visit before what was found at it', () => {
    expect(timeline[0]).toMatchObject({ id: 'Encounter/e2', kind: 'visit', title: 'Follow-up visit' });
    expect(timeline[1]).toMatchObject({ kind: 'vital-signs', encounterId: 'e2' });
    const ids = timeline.map((e) => e.id);
    expect(ids.indexOf('Encounter/e1')).toBeLessThan(ids.indexOf('QuestionnaireResponse/qr1'));
    expect(ids.indexOf('QuestionnaireResponse/qr1')).toBeLessThan(ids.indexOf('Observation/igra'));
    // A vaccine from 1991 recorded at the 2024 visit keeps its own date.
    expect(ids.at(-1)).toBe('Immunization/mmr1');
  });

  it('leaves out the Patient, provenance and records entered in error', () => {
    expect(timeline.some((e) => e.id === 'Patient/p1' || e.id === 'Provenance/prov')).toBe(false);
    expect(timeline.some((e) => e.members?.some((m) => m.id === 'wrong'))).toBe(false);
  });

  it("groups one visit's vital signs into one entry, in chart order", () => {
    const vitals = timeline.filter((e) => e.kind === 'vital-signs' && e.encounterId === 'e1');
    expect(vitals).toHaveLength(1);
    expect(vitals[0]?.values?.map((v) => v.label)).toEqual([
      'Body temperature',
      'Blood pressure panel',
      'Body weight',
    ]);
    expect(vitals[0]?.values?.[1]?.quantities).toEqual([
      { value: 148, unit: 'mmHg' },
      { value: 92, unit: 'mmHg' },
    ]);
    expect(vitals[0]?.members).toHaveLength(3);
    expect(vitals[0]?.group).toBe('vital-signs');
  });

  it("groups one visit's symptom review, marking the symptoms not present", () => {
    const symptoms = timeline.filter((e) => e.group === 'symptoms');
    expect(symptoms).toHaveLength(1);
    expect(symptoms[0]).toMatchObject({ kind: 'observation', title: 'Symptom review', encounterId: 'e1' });
    expect(symptoms[0]?.values?.map((v) => [v.label, v.text, v.absent])).toEqual([
      ['Persistent cough (over two weeks)', 'No', true],
      ['Pain', 'Yes', undefined],
    ]);
  });

  it('marks pending and sensitive results and keeps coded values translatable', () => {
    expect(entry('Observation/igra')).toMatchObject({ kind: 'result', status: 'pending', values: [] });
    expect(entry('Observation/hiv')).toMatchObject({ kind: 'result', status: 'final', sensitive: true });
    expect(entry('Observation/hiv')?.values?.[0]).toMatchObject({
      text: 'Negative',
      valueCode: { code: 'negative' },
    });
    expect(entry('Observation/phq9')).toMatchObject({ kind: 'observation', sensitive: true });
    expect(entry('Observation/phq9')?.values?.[0]).toMatchObject({
      quantities: [{ value: 11, unit: '' }],
      interpretation: 'Moderate depression',
    });
  });

  it('describes conditions, vaccines, allergies, medication and requests', () => {
    expect(entry('Condition/tb')).toMatchObject({ kind: 'condition', status: 'resolved', notifiable: true });
    expect(entry('Immunization/td')).toMatchObject({ kind: 'immunization', status: 'given' });
    expect(entry('Immunization/mmr2')).toMatchObject({
      status: 'self-reported',
      date: T1,
      detail: 'date unknown',
    });
    expect(entry('AllergyIntolerance/pen')?.detail).toBe('Hives, swollen lips');
    expect(entry('MedicationStatement/aml')?.detail).toBe('5 mg once a day');
    expect(entry('ServiceRequest/ref-tb')).toMatchObject({ kind: 'referral', detail: 'IGRA pending, cough' });
    expect(entry('ServiceRequest/fu')).toMatchObject({ kind: 'follow-up', due: '2024-04-10' });
    expect(entry('ServiceRequest/scr-hcv')?.kind).toBe('screening');
    expect(entry('ServiceRequest/vac-mmr')).toMatchObject({ kind: 'vaccination', status: 'revoked' });
    expect(entry('QuestionnaireResponse/qr1')).toMatchObject({ kind: 'assessment', encounterId: 'e1' });
  });
});

describe('filterTimeline', () => {
  const timeline = buildTimeline(record);
  it('filters by kind, by days (both included) and by words, ignoring case and accents', () => {
    expect(filterTimeline(timeline, { kinds: ['visit'] }).map((e) => e.id)).toEqual([
      'Encounter/e2',
      'Encounter/e1',
    ]);
    expect(
      filterTimeline(timeline, { from: '2024-04-12', to: '2024-04-12' }).every((e) => e.encounterId === 'e2'),
    ).toBe(true);
    expect(filterTimeline(timeline, { to: '1991-12-31' }).map((e) => e.id)).toEqual(['Immunization/mmr1']);
    expect(filterTimeline(timeline, { from: '1991-06-15', to: '1991-06-15' })).toHaveLength(1); // a month covers its days
    expect(filterTimeline(timeline, { text: 'SCABIÉS' }).map((e) => e.id)).toEqual(['Condition/scabies']);
    expect(filterTimeline(timeline, { text: 'mmHg' })).toHaveLength(0);
    expect(
      filterTimeline(timeline, { text: 'gale', textOf: (e) => (e.code?.code === 'B86' ? ['Gale'] : []) }),
    ).toHaveLength(1);
  });
});

describe('summary lists', () => {
  it('lists problems once per code, newest record first, active apart from resolved', () => {
    const { active, resolved } = problemList(record);
    expect(active.map((p) => p.condition.id)).toEqual(['htn2', 'scabies']);
    expect(active[0]?.others.map((c) => c.id)).toEqual(['htn1']);
    expect(active[1]).toMatchObject({ verificationStatus: 'provisional', category: 'encounter-diagnosis' });
    expect(resolved.map((p) => p.condition.id)).toEqual(['tb']);
    expect(resolved[0]?.notifiable).toBe(true);
  });

  it('splits current from past medication and puts active allergies first', () => {
    const meds = medicationList(record);
    expect(meds.current.map((m) => [m.name, m.dosage, m.note])).toEqual([
      ['Amlodipine', '5 mg once a day', 'Supply left: 10 days'],
    ]);
    expect(meds.past.map((m) => m.name)).toEqual(['Paracetamol']);
    expect(allergyList(record).map((a) => [a.substance, a.active, a.highRisk])).toEqual([
      ['Penicillin', true, true],
      ['Cotrimoxazole', false, false],
    ]);
  });

  it('gives the vaccine history by vaccine and by antigen, documented apart from self-reported', () => {
    const { vaccines, antigens } = immunizationHistory(record);
    const mmr = vaccines.find((v) => v.key === '03');
    expect(mmr?.doses.map((d) => [d.source, d.date, d.doseNumber])).toEqual([
      ['documented', '1991-06', 1],
      ['self-reported', undefined, undefined],
    ]);
    expect(vaccines.find((v) => v.key === '09')?.doses[0]?.source).toBe('given');
    expect(antigens.find((a) => a.antigen === 'measles')).toEqual({
      antigen: 'measles',
      documented: 1,
      selfReported: 1,
      latest: '1991-06',
    });
    expect(antigens.find((a) => a.antigen === 'tetanus')).toMatchObject({
      documented: 1,
      latest: '2024-03-10',
    });
  });

  it('lists what is pending: results, referrals, recommendations and follow-ups', () => {
    expect(pendingResults(record).map((r) => [r.title, r.taken])).toEqual([
      ['Interferon-gamma release assay (IGRA)', '2024-03-10'],
    ]);
    expect(openReferrals(record, '2024-04-20').map((r) => [r.title, r.priority, r.overdue])).toEqual([
      ['TB clinic', 'urgent', false],
    ]);
    expect(openRecommendations(record, '2024-04-20').map((r) => [r.kind, r.title, r.overdue])).toEqual([
      ['screening', 'Hepatitis C screening', true],
    ]);
    expect(openFollowUps(record).map((r) => [r.due, r.overdue])).toEqual([['2024-04-10', false]]);
  });

  it('keeps the latest reading of each vital sign', () => {
    expect(latestVitals(record).map((v) => [v.code, v.date])).toEqual([
      ['8310-5', T1],
      ['85354-9', T1],
      ['29463-7', T2],
    ]);
  });
});
