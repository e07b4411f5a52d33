/**
 * Structured-data-capture extraction (the behaviour of SDC `QuestionnaireResponse/$extract`): a
 * completed assessment becomes the FHIR resources the rest of Passage reads — an Encounter,
 * Observations, Conditions, Immunizations, AllergyIntolerances, MedicationStatements,
 * ServiceRequests — and a Provenance naming who, where and when. Pure: the server writes the result
 * in one transaction, so either all of it is stored or none.
 */
import type {
  AllergyIntolerance,
  Coding,
  Condition,
  Encounter,
  Immunization,
  MedicationStatement,
  Meta,
  Observation,
  Patient,
  Provenance,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  Reference,
  Resource,
  ServiceRequest,
} from '@medplum/fhirtypes';
import {
  OBSERVATION_EXTRACT_EXT,
  QUESTIONNAIRE_UNIT_EXT,
  SENSITIVE_ITEM_EXT,
  SENSITIVE_LABEL,
} from '../records/fhir-conventions.ts';
import { icd10Coding, icd10Entry } from '../terminology/icd10.ts';
import { cvxCoding, isCvxCode } from '../decision-support/vaccines.ts';
import { TESTS } from '../decision-support/screening-tests.ts';
import { ASSESSMENT_TESTS, OBSERVATION_CODES as OBS } from './codes.ts';
import { GAD7_ITEMS, PHQ9_ITEMS } from './health-assessment.ts';
import { OBSERVATION_CATEGORY_EXT, PASSAGE_CODE_SYSTEM, passageCode } from './questionnaire-builder.ts';
import { answersOf, groupInstances, walkResponse, type Answer } from './response.ts';
import { growthObservations } from './growth-observations.ts';
import { decisionRequests, type RecommendationDecision } from './decisions.ts';

export const FLAG_SYSTEM = 'https://passage.example.org/fhir/CodeSystem/flags';
export const NOTIFIABLE_TAG: Coding = {
  system: FLAG_SYSTEM,
  code: 'notifiable',
  display: 'Notifiable disease',
};
const OBSERVATION_CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/observation-category';
const CONDITION_CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/condition-category';
const CONDITION_CLINICAL_SYSTEM = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const CONDITION_VERIFICATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
const INTERPRETATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

export interface Author {
  /** The Passage user id, kept as an identifier so the record names who without a Practitioner. */
  userId: string;
  display: string;
  role: string;
}

export interface ExtractionInput {
  questionnaire: Questionnaire;
  /** Validated, with disabled answers pruned and context filled; it has its id already. */
  response: QuestionnaireResponse & { id: string };
  patient: Patient & { id: string };
  siteId: string;
  /** The site's name, kept on references so a printout needs no second look-up. */
  siteName?: string;
  author: Author;
  /** ISO date-time of completion. */
  now: string;
  newId: () => string;
  decisions?: readonly RecommendationDecision[];
}

export interface Extraction {
  encounter: Encounter & { id: string };
  /** The completed response, linked to the encounter. */
  response: QuestionnaireResponse & { id: string };
  /** Everything extracted, encounter first, provenance last. */
  resources: (Resource & { id: string })[];
  provenance: Provenance & { id: string };
}

type WithId<T> = T & { id: string };

export function extractAssessment(input: ExtractionInput): Extraction {
  const { response, patient, now, newId } = input;
  const items = response.item ?? [];
  const subject: Reference<Patient> = { reference: `Patient/${patient.id}` };
  const encounterRef: Reference<Encounter> = { reference: `Encounter/${newId()}` };
  const encounterId = (encounterRef.reference as string).slice('Encounter/'.length);
  const derivedFrom = [{ reference: `QuestionnaireResponse/${response.id}` }];
  const performer = [{ display: input.author.display, identifier: { value: input.author.userId } }];
  const today = now.slice(0, 10);
  const out: WithId<Resource>[] = [];
  const one = (linkId: string): Answer | undefined => answersOf(items, linkId)[0];
  const code = (linkId: string) => one(linkId)?.valueCoding?.code;

  // --- Encounter ------------------------------------------------------------------------------
  const type = one('encounter-type')?.valueCoding;
  const participant: Encounter['participant'] = [
    {
      type: [
        { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'PPRF' }] },
      ],
      individual: {
        display: `${input.author.display} (${input.author.role})`,
        identifier: { value: input.author.userId },
      },
    },
  ];
  if (one('interpreter-used')?.valueBoolean) {
    const language = one('interpreter-language')?.valueString;
    const mode = one('interpreter-mode')?.valueCoding?.display;
    participant.push({
      type: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
              code: 'TRANSL',
              display: 'Translator',
            },
          ],
        },
      ],
      individual: { display: ['Interpreter', language, mode].filter(Boolean).join(', ') },
    });
  }
  const encounter: WithId<Encounter> = {
    resourceType: 'Encounter',
    id: encounterId,
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
    ...(type ? { type: [{ coding: [type], text: type.display }] } : {}),
    subject,
    participant,
    period: { start: response.authored ?? now, end: now },
    serviceProvider: {
      reference: `Organization/${input.siteId}`,
      ...(input.siteName ? { display: input.siteName } : {}),
    },
  };
  out.push(encounter);

  const base = { subject, encounter: encounterRef };
  const labelled = (sensitive: boolean, extra?: Meta): Meta | undefined => {
    const meta: Meta = { ...(extra ?? {}) };
    if (sensitive) meta.security = [{ ...SENSITIVE_LABEL }];
    return Object.keys(meta).length > 0 ? meta : undefined;
  };
  const observation = (
    o: Omit<Observation, 'resourceType' | 'status' | 'subject'> & { status?: Observation['status'] },
    sensitive = false,
  ): WithId<Observation> => {
    const meta = labelled(sensitive);
    return {
      resourceType: 'Observation',
      id: newId(),
      ...(meta ? { meta } : {}),
      status: 'final',
      ...o,
      ...base,
      effectiveDateTime: o.effectiveDateTime ?? now,
      performer,
      derivedFrom,
    } as WithId<Observation>;
  };
  const category = (c: string): Observation['category'] => [
    { coding: [{ system: OBSERVATION_CATEGORY_SYSTEM, code: c }] },
  ];

  // --- Observations marked for extraction ------------------------------------------------------
  walkResponse(input.questionnaire, response, ({ definition, responses, enabled }) => {
    if (!enabled || !isObservationItem(definition)) return;
    const sensitive = isSensitive(definition);
    for (const answer of responses.flatMap((r) => r.answer ?? [])) {
      const value = observationValue(definition, answer);
      if (!value) continue;
      out.push(
        observation(
          {
            category: category(observationCategory(definition)),
            code: { coding: definition.code, text: definition.code?.[0]?.display },
            ...value,
          },
          sensitive,
        ),
      );
    }
  });

  const systolic = one('systolic')?.valueInteger;
  const diastolic = one('diastolic')?.valueInteger;
  if (systolic !== undefined || diastolic !== undefined) {
    const mmHg = (value: number) => ({
      value,
      unit: 'mmHg',
      system: 'http://unitsofmeasure.org',
      code: 'mm[Hg]',
    });
    out.push(
      observation({
        category: category('vital-signs'),
        code: { coding: [OBS.bloodPressure], text: OBS.bloodPressure.display },
        component: [
          ...(systolic !== undefined
            ? [{ code: { coding: [OBS.systolic] }, valueQuantity: mmHg(systolic) }]
            : []),
          ...(diastolic !== undefined
            ? [{ code: { coding: [OBS.diastolic] }, valueQuantity: mmHg(diastolic) }]
            : []),
        ],
      }),
    );
  }

  const weight = one('weight')?.valueDecimal ?? one('weight')?.valueInteger;
  const height = one('height')?.valueDecimal ?? one('height')?.valueInteger;
  if (weight !== undefined && height !== undefined) {
    const bmi = Math.round((weight / (height / 100) ** 2) * 10) / 10;
    out.push(
      observation({
        category: category('vital-signs'),
        code: { coding: [OBS.bmi], text: OBS.bmi.display },
        valueQuantity: { value: bmi, unit: 'kg/m2', system: 'http://unitsofmeasure.org', code: 'kg/m2' },
      }),
    );
  }
  for (const growth of growthObservations(patient, items, today)) {
    out.push(observation({ category: category('exam'), ...growth, code: growth.code ?? { text: 'growth' } }));
  }

  const tbAnswers = [
    'symptom-cough',
    'symptom-haemoptysis',
    'symptom-fever',
    'symptom-night-sweats',
    'symptom-weight-loss',
  ]
    .map((id) => one(id)?.valueBoolean)
    .filter((v): v is boolean => v !== undefined);
  if (tbAnswers.length > 0) {
    const positive = tbAnswers.some(Boolean);
    out.push(
      observation({
        category: category('survey'),
        code: { coding: [OBS.tbSymptomScreen], text: OBS.tbSymptomScreen.display },
        valueCodeableConcept: {
          coding: [
            passageCode(
              positive ? 'positive' : 'negative',
              positive ? 'Positive: at least one symptom' : 'Negative: no symptom',
            ),
          ],
        },
        interpretation: [{ coding: [{ system: INTERPRETATION_SYSTEM, code: positive ? 'POS' : 'NEG' }] }],
      }),
    );
  }

  for (const [items_, coding, bands] of [
    [PHQ9_ITEMS, OBS.phq9, PHQ9_BANDS],
    [GAD7_ITEMS, OBS.gad7, GAD7_BANDS],
  ] as const) {
    const scores = items_.map((id) => code(id)).filter((c): c is string => c !== undefined);
    if (scores.length !== items_.length) continue;
    const total = scores.reduce((sum, c) => sum + Number(c), 0);
    const band = bands.find((b) => total <= b.max) ?? bands[bands.length - 1];
    out.push(
      observation(
        {
          category: category('survey'),
          code: { coding: [coding], text: coding.display },
          valueInteger: total,
          ...(band
            ? { interpretation: [{ coding: [passageCode(band.code, band.display)], text: band.display }] }
            : {}),
        },
        true,
      ),
    );
  }

  for (const instance of groupInstances(items, 'exam-finding')) {
    const system = answersOf(instance.item, 'exam-system')[0]?.valueCoding;
    const description = answersOf(instance.item, 'exam-description')[0]?.valueString;
    if (!system || !description) continue;
    out.push(
      observation({
        category: category('exam'),
        code: { coding: [OBS.examFinding], text: `${system.display ?? system.code}: ${description}` },
        bodySite: { coding: [system], text: system.display },
        valueString: description,
      }),
    );
  }

  for (const instance of groupInstances(items, 'test')) {
    const test = answersOf(instance.item, 'test-code')[0]?.valueCoding;
    const date = answersOf(instance.item, 'test-date')[0]?.valueDate;
    const result = answersOf(instance.item, 'test-result')[0]?.valueCoding?.code;
    const note = answersOf(instance.item, 'test-note')[0]?.valueString;
    if (!test || !result) continue;
    const known = ASSESSMENT_TESTS.find((t) => t.code === test.code) ?? test;
    const common = {
      category: category(known.code === TESTS.chestXray.code ? 'imaging' : 'laboratory'),
      code: { coding: [known], text: known.display },
      effectiveDateTime: date ?? today,
      ...(note ? { note: [{ text: note }] } : {}),
    };
    const sensitiveTest = isSensitiveTest(known.code);
    if (result === 'pending') out.push(observation({ ...common, status: 'registered' }, sensitiveTest));
    else if (result === 'declined')
      out.push(
        observation(
          {
            ...common,
            status: 'cancelled',
            dataAbsentReason: {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason',
                  code: 'asked-declined',
                },
              ],
            },
          },
          sensitiveTest,
        ),
      );
    else out.push(observation({ ...common, ...testResultValue(result) }, sensitiveTest));
  }

  // --- Conditions ------------------------------------------------------------------------------
  const condition = (
    icd10: string,
    kind: 'problem-list-item' | 'encounter-diagnosis',
    verification: string,
    clinical = 'active',
  ): WithId<Condition> => {
    const entry = icd10Entry(icd10);
    const meta = labelled(
      Boolean(entry?.sensitive),
      entry?.notifiable && clinical === 'active' ? { tag: [NOTIFIABLE_TAG] } : undefined,
    );
    return {
      resourceType: 'Condition',
      id: newId(),
      ...(meta ? { meta } : {}),
      clinicalStatus: { coding: [{ system: CONDITION_CLINICAL_SYSTEM, code: clinical }] },
      verificationStatus: { coding: [{ system: CONDITION_VERIFICATION_SYSTEM, code: verification }] },
      category: [{ coding: [{ system: CONDITION_CATEGORY_SYSTEM, code: kind }] }],
      code: { coding: [icd10Coding(icd10)], text: entry?.display },
      ...base,
      recordedDate: now,
      recorder: { display: input.author.display, identifier: { value: input.author.userId } },
    };
  };
  const conditionCodes = new Set<string>();
  for (const answer of answersOf(items, 'chronic-conditions')) {
    const c = answer.valueCoding?.code;
    if (c && !conditionCodes.has(c)) {
      conditionCodes.add(c);
      out.push(condition(c, 'problem-list-item', 'confirmed'));
    }
  }
  for (const instance of groupInstances(items, 'diagnosis')) {
    const c = answersOf(instance.item, 'diagnosis-code')[0]?.valueCoding?.code;
    const status = answersOf(instance.item, 'diagnosis-status')[0]?.valueCoding?.code ?? 'provisional';
    if (!c || conditionCodes.has(c)) continue;
    conditionCodes.add(c);
    out.push(condition(c, 'encounter-diagnosis', status));
  }
  if (one('hiv-known')?.valueBoolean && ![...conditionCodes].some((c) => c === 'Z21' || c === 'B24')) {
    out.push(condition('Z21', 'problem-list-item', 'confirmed'));
  }
  const tb = code('tb-history');
  if (tb === 'treated-completed' || tb === 'treated-incomplete' || tb === 'on-treatment') {
    if (![...conditionCodes].some((c) => c.startsWith('A1'))) {
      out.push(
        condition(
          'A16.2',
          'problem-list-item',
          'confirmed',
          tb === 'treated-completed' ? 'resolved' : 'active',
        ),
      );
    }
  }

  // --- Immunizations ---------------------------------------------------------------------------
  for (const instance of groupInstances(items, 'vaccine')) {
    const cvx = answersOf(instance.item, 'vaccine-code')[0]?.valueCoding?.code;
    const date = answersOf(instance.item, 'vaccine-date')[0]?.valueDate;
    const dose = answersOf(instance.item, 'vaccine-dose')[0]?.valueInteger;
    const source = answersOf(instance.item, 'vaccine-source')[0]?.valueCoding?.code ?? 'self-reported';
    if (!cvx || !isCvxCode(cvx)) continue;
    const givenToday = source === 'given-today';
    const immunization: WithId<Immunization> = {
      resourceType: 'Immunization',
      id: newId(),
      status: 'completed',
      vaccineCode: { coding: [cvxCoding(cvx)] },
      patient: subject,
      encounter: encounterRef,
      ...(givenToday
        ? { occurrenceDateTime: date ?? today }
        : date
          ? { occurrenceDateTime: date }
          : { occurrenceString: 'date unknown' }),
      recorded: now,
      primarySource: givenToday,
      ...(givenToday
        ? {
            performer: [
              { actor: { display: input.author.display, identifier: { value: input.author.userId } } },
            ],
          }
        : {
            reportOrigin: {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/immunization-origin',
                  code: source === 'documented' ? 'record' : 'recall',
                  display: source === 'documented' ? 'Written record' : 'Parent/guardian/patient recall',
                },
              ],
            },
          }),
      ...(dose !== undefined ? { protocolApplied: [{ doseNumberPositiveInt: dose }] } : {}),
    };
    out.push(immunization);
  }

  // --- Allergies, medication -------------------------------------------------------------------
  for (const instance of groupInstances(items, 'allergy')) {
    const substance = answersOf(instance.item, 'allergy-substance')[0]?.valueString;
    const reaction = answersOf(instance.item, 'allergy-reaction')[0]?.valueString;
    const severity = answersOf(instance.item, 'allergy-severity')[0]?.valueCoding?.code as
      'mild' | 'moderate' | 'severe' | undefined;
    if (!substance) continue;
    const allergy: WithId<AllergyIntolerance> = {
      resourceType: 'AllergyIntolerance',
      id: newId(),
      clinicalStatus: {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' },
        ],
      },
      verificationStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
            code: 'unconfirmed',
          },
        ],
      },
      code: { text: substance },
      patient: subject,
      encounter: encounterRef,
      recordedDate: now,
      ...(severity === 'severe' ? { criticality: 'high' as const } : {}),
      ...(reaction || severity
        ? {
            reaction: [
              {
                manifestation: [{ text: reaction ?? 'reaction not described' }],
                ...(severity ? { severity } : {}),
              },
            ],
          }
        : {}),
    };
    out.push(allergy);
  }
  for (const instance of groupInstances(items, 'medication')) {
    const name = answersOf(instance.item, 'medication-name')[0]?.valueString;
    const dose = answersOf(instance.item, 'medication-dose')[0]?.valueString;
    const supply = answersOf(instance.item, 'medication-supply-days')[0]?.valueInteger;
    if (!name) continue;
    const statement: WithId<MedicationStatement> = {
      resourceType: 'MedicationStatement',
      id: newId(),
      status: 'active',
      medicationCodeableConcept: { text: name },
      subject,
      context: encounterRef,
      dateAsserted: now,
      informationSource: subject,
      ...(dose ? { dosage: [{ text: dose }] } : {}),
      ...(supply !== undefined ? { note: [{ text: `Supply left: ${supply} days` }] } : {}),
    };
    out.push(statement);
  }

  // --- Referrals, follow-up, decisions on recommendations --------------------------------------
  const requester = { display: input.author.display, identifier: { value: input.author.userId } };
  for (const instance of groupInstances(items, 'referral')) {
    const target = answersOf(instance.item, 'referral-target')[0]?.valueCoding;
    const reason = answersOf(instance.item, 'referral-reason')[0]?.valueString;
    const urgency = answersOf(instance.item, 'referral-urgency')[0]?.valueCoding?.code as
      ServiceRequest['priority'] | undefined;
    if (!target) continue;
    out.push(
      serviceRequest({
        category: REFERRAL_CATEGORY,
        code: target,
        priority: urgency ?? 'routine',
        reason,
        requester,
      }),
    );
  }
  const followUp = one('follow-up-date')?.valueDate;
  if (followUp) {
    out.push(
      serviceRequest({
        category: FOLLOW_UP_CATEGORY,
        code: passageCode('follow-up-visit', 'Follow-up visit'),
        priority: 'routine',
        occurrence: followUp,
        requester,
      }),
    );
  }
  function serviceRequest(r: {
    category: Coding;
    code: Coding;
    priority: ServiceRequest['priority'];
    reason?: string | undefined;
    occurrence?: string;
    requester: ServiceRequest['requester'];
    status?: ServiceRequest['status'];
    extension?: ServiceRequest['extension'];
  }): WithId<ServiceRequest> {
    return {
      resourceType: 'ServiceRequest',
      id: newId(),
      ...(r.extension ? { extension: r.extension } : {}),
      status: r.status ?? 'active',
      intent: 'order',
      category: [{ coding: [r.category] }],
      code: { coding: [r.code], text: r.code.display },
      ...(r.priority ? { priority: r.priority } : {}),
      ...base,
      ...(r.occurrence ? { occurrenceDateTime: r.occurrence } : {}),
      authoredOn: now,
      requester: r.requester,
      ...(r.reason ? { reasonCode: [{ text: r.reason }] } : {}),
    };
  }
  for (const request of decisionRequests(input.decisions ?? [], today)) {
    out.push(serviceRequest({ ...request, requester }));
  }

  // --- The response itself and its provenance --------------------------------------------------
  const completed: WithId<QuestionnaireResponse> = {
    ...tagSensitiveItems(input.questionnaire, response),
    status: 'completed',
    subject,
    encounter: encounterRef,
    authored: now,
    author: { display: input.author.display, identifier: { value: input.author.userId } },
  };
  const provenance: WithId<Provenance> = {
    resourceType: 'Provenance',
    id: newId(),
    target: [
      { reference: `QuestionnaireResponse/${response.id}` },
      ...out.map((r) => ({ reference: `${r.resourceType}/${r.id}` })),
    ],
    recorded: now,
    activity: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation', code: 'CREATE' }],
    },
    agent: [
      {
        type: {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: 'author' },
          ],
        },
        who: {
          display: `${input.author.display} (${input.author.role})`,
          identifier: { value: input.author.userId },
        },
        onBehalfOf: {
          reference: `Organization/${input.siteId}`,
          ...(input.siteName ? { display: input.siteName } : {}),
        },
      },
    ],
    entity: [{ role: 'source', what: { reference: `QuestionnaireResponse/${response.id}` } }],
  };
  return { encounter, response: completed, resources: out, provenance };
}

export const REFERRAL_CATEGORY: Coding = {
  system: 'http://snomed.info/sct',
  code: '3457005',
  display: 'Patient referral',
};
export const FOLLOW_UP_CATEGORY: Coding = {
  system: PASSAGE_CODE_SYSTEM,
  code: 'follow-up',
  display: 'Follow-up',
};

const PHQ9_BANDS = [
  { max: 4, code: 'minimal', display: 'Minimal depression' },
  { max: 9, code: 'mild', display: 'Mild depression' },
  { max: 14, code: 'moderate', display: 'Moderate depression' },
  { max: 19, code: 'moderately-severe', display: 'Moderately severe depression' },
  { max: 27, code: 'severe', display: 'Severe depression' },
] as const;
const GAD7_BANDS = [
  { max: 4, code: 'minimal', display: 'Minimal anxiety' },
  { max: 9, code: 'mild', display: 'Mild anxiety' },
  { max: 14, code: 'moderate', display: 'Moderate anxiety' },
  { max: 21, code: 'severe', display: 'Severe anxiety' },
] as const;

function isObservationItem(item: QuestionnaireItem): boolean {
  return Boolean(
    item.extension?.some((e) => e.url === OBSERVATION_EXTRACT_EXT && e.valueBoolean) && item.code?.length,
  );
}

export function isSensitive(item: QuestionnaireItem): boolean {
  return Boolean(item.extension?.some((e) => e.url === SENSITIVE_ITEM_EXT && e.valueBoolean));
}

function observationCategory(item: QuestionnaireItem): string {
  return item.extension?.find((e) => e.url === OBSERVATION_CATEGORY_EXT)?.valueCode ?? 'survey';
}

function observationValue(item: QuestionnaireItem, answer: Answer): Partial<Observation> | undefined {
  if (answer.valueBoolean !== undefined) return { valueBoolean: answer.valueBoolean };
  if (answer.valueCoding)
    return { valueCodeableConcept: { coding: [answer.valueCoding], text: answer.valueCoding.display } };
  if (answer.valueDate) return { valueDateTime: answer.valueDate };
  const number = answer.valueDecimal ?? answer.valueInteger;
  if (number !== undefined) {
    const unit = item.extension?.find((e) => e.url === QUESTIONNAIRE_UNIT_EXT)?.valueCoding;
    if (!unit) return { valueInteger: number };
    return {
      valueQuantity: { value: number, unit: unit.display ?? unit.code, system: unit.system, code: unit.code },
    };
  }
  if (answer.valueString) return { valueString: answer.valueString };
  return undefined;
}

export function testResultValue(result: string): Partial<Observation> {
  const interpretation = { positive: 'POS', negative: 'NEG', indeterminate: 'IND' }[result] ?? 'IND';
  const display =
    { positive: 'Positive', negative: 'Negative', indeterminate: 'Indeterminate' }[result] ?? result;
  return {
    valueCodeableConcept: { coding: [passageCode(result, display)], text: display },
    interpretation: [{ coding: [{ system: INTERPRETATION_SYSTEM, code: interpretation }] }],
  };
}

/** HIV and syphilis results are sensitive; other screening results are not. */
function isSensitiveTest(code: string | undefined): boolean {
  return code === '56888-1' || code === '20507-0';
}

/** A coded answer with a sensitive ICD-10 entry, or a test group recording an HIV or syphilis test. */
function hasSensitiveAnswer(definition: QuestionnaireItem, item: QuestionnaireResponseItem): boolean {
  if (definition.linkId === 'test')
    return isSensitiveTest(answersOf(item.item, 'test-code')[0]?.valueCoding?.code);
  return Boolean(
    definition.answerValueSet &&
    item.answer?.some((a) => a.valueCoding?.code && icd10Entry(a.valueCoding.code)?.sensitive),
  );
}

/** Marks the response's answers to sensitive questions, so redaction needs no Questionnaire. */
export function tagSensitiveItems<T extends QuestionnaireResponse>(
  questionnaire: Questionnaire,
  response: T,
): T {
  const sensitive = new Set<QuestionnaireResponseItem>();
  walkResponse(questionnaire, response, ({ definition, responses }) => {
    for (const r of responses)
      if (isSensitive(definition) || hasSensitiveAnswer(definition, r)) sensitive.add(r);
  });
  const tag = (items: QuestionnaireResponseItem[] | undefined): QuestionnaireResponseItem[] | undefined =>
    items?.map((item) => ({
      ...item,
      ...(sensitive.has(item)
        ? {
            extension: [
              ...(item.extension ?? []).filter((e) => e.url !== SENSITIVE_ITEM_EXT),
              { url: SENSITIVE_ITEM_EXT, valueBoolean: true },
            ],
          }
        : {}),
      ...(item.item ? { item: tag(item.item) } : {}),
    }));
  return { ...response, item: tag(response.item) ?? [] };
}
