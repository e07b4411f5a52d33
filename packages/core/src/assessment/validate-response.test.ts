// validateResponse against the health assessment: each kind of issue with the path it is reported at,
// what is not checked (disabled items, required answers while not completing), and two properties: a
// response of valid answers has no issues, and no input makes it throw.
import type {
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
} from '@medplum/fhirtypes';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_VALUE_EXT, MIN_VALUE_EXT } from '../records/fhir-conventions.ts';
import { contextItems } from './context.ts';
import { CONTEXT, GAD7_ITEMS, PHQ9_ITEMS, healthAssessment } from './health-assessment.ts';
import { ALLOW_FUTURE_DATE_EXT } from './questionnaire-builder.ts';
import { indexQuestionnaire } from './response.ts';
import {
  buildResponse,
  optionsOf,
  scores,
  testCode,
  testPatient,
  type Spec,
} from './testing/response-builder.ts';
import {
  issueExpression,
  linkIdOfExpression,
  validateResponse,
  type ResponseIssue,
} from './validate-response.ts';

const TODAY = '2026-06-15';
type Answer = QuestionnaireResponseItemAnswer;

const validate = (spec: Spec | QuestionnaireResponse, completing = true, today = TODAY) =>
  validateResponse(
    healthAssessment,
    'resourceType' in spec ? (spec as QuestionnaireResponse) : buildResponse(spec),
    {
      today,
      completing,
    },
  );
const brief = (issues: ResponseIssue[]) => issues.map((i) => `${i.path} ${i.code}`);

const HBSAG = testCode('HBsAg');

/** A 30-year-old woman's assessment with every list filled in once: complete as it stands. */
const COMPLETE: Spec = {
  [CONTEXT.age]: 30.26,
  [CONTEXT.sex]: 'female',
  'encounter-type': 'arrival-assessment',
  consent: true,
  pregnant: 'no',
  parity: 1,
  medication: [{ 'medication-name': 'Metformin 500 mg' }],
  allergy: [{ 'allergy-substance': 'Penicillin' }],
  vaccine: [{ 'vaccine-code': '03', 'vaccine-source': 'documented' }],
  'exam-finding': [{ 'exam-system': 'skin', 'exam-description': 'Burrows between the fingers' }],
  ...scores(PHQ9_ITEMS, 0),
  ...scores(GAD7_ITEMS, 1),
  test: [{ 'test-code': HBSAG, 'test-date': '2026-06-10', 'test-result': 'negative' }],
  diagnosis: [{ 'diagnosis-code': 'B86', 'diagnosis-status': 'confirmed' }],
  referral: [{ 'referral-target': 'dentist', 'referral-reason': 'Caries', 'referral-urgency': 'routine' }],
};
const withAnswers = (extra: Spec): Spec => ({ ...COMPLETE, ...extra });

describe('validateResponse: a complete response', () => {
  it('has no issues', () => {
    expect(validate(COMPLETE)).toEqual([]);
  });

  it('has no issues with every optional question answered plausibly', () => {
    const full = withAnswers({
      'interpreter-used': true,
      'interpreter-language': 'Tigrinya',
      'interpreter-mode': 'remote',
      'chronic-conditions': ['E11.9', 'I10'],
      'tb-history': 'never',
      'hiv-known': false,
      'violence-injury': true,
      'violence-details': 'Fracture of the left wrist, 2023',
      pregnant: 'yes',
      lmp: '2026-03-01',
      'gestational-age': 15,
      'antenatal-care': false,
      parity: 2,
      'symptom-cough': false,
      temperature: 36.9,
      systolic: 121,
      diastolic: 79,
      'heart-rate': 72,
      'oxygen-saturation': 99,
      weight: 61.5,
      height: 158,
      'self-harm-risk': false,
      'substance-use': ['none'],
      'fitness-to-travel': 'fit',
      'isolation-needed': false,
      'follow-up-date': '2026-07-01',
      notes: 'Seen with her sister.',
    });
    expect(validate(full)).toEqual([]);
  });
});

describe('validateResponse: required answers', () => {
  it.each(['consent', 'encounter-type'])('a missing %s is reported at its path', (linkId) => {
    const spec = { ...COMPLETE };
    delete spec[linkId];
    const issues = validate(spec);
    expect(issues).toEqual([
      expect.objectContaining({ linkId, path: `encounter/${linkId}`, code: 'required' }),
    ]);
    expect(issues[0]?.message).toMatch(/required/);
  });

  it('a response without the visit section at all is refused', () => {
    const spec = { ...COMPLETE };
    delete spec['consent'];
    delete spec['encounter-type'];
    const issues = validate(spec);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.code === 'required' && i.path.startsWith('encounter'))).toBe(true);
  });

  it('a required answer inside a repeating group instance is reported with the instance number', () => {
    const spec = withAnswers({
      test: [
        { 'test-code': HBSAG, 'test-date': '2026-06-10', 'test-result': 'negative' },
        { 'test-code': HBSAG, 'test-date': '2026-06-11' },
        { 'test-date': '2026-06-12', 'test-result': 'pending' },
      ],
    });
    expect(validate(spec)).toEqual([
      expect.objectContaining({ linkId: 'test-result', path: 'tests/test[1]/test-result', code: 'required' }),
      expect.objectContaining({ linkId: 'test-code', path: 'tests/test[2]/test-code', code: 'required' }),
    ]);
  });

  it('a required question in an enabled section is required (pregnancy status for a woman)', () => {
    const spec = { ...COMPLETE };
    delete spec['pregnant'];
    expect(brief(validate(spec))).toEqual(['pregnancy/pregnant required']);
    expect(validate({ ...spec, [CONTEXT.sex]: 'male' })).toEqual([]);
  });

  it('completing: false skips the required checks but not the others', () => {
    expect(validate({ consent: true }, false)).toEqual([]);
    expect(validate({}, false)).toEqual([]);
    expect(brief(validate({ weight: 0 }, false))).toEqual(['examination/anthropometry/weight range']);
  });

  // Regression: walkResponse visits the children of a repeating group that has no instance (and of an absent
  // optional group) with `enabled` true, so validateResponse reports their required children as
  // missing. A completed assessment must then list a medicine, an allergy, a vaccine, an abnormal
  // finding, a test, a diagnosis and a referral — none of which most people have.
  it('lists with no entry (no medication, allergy, vaccine, finding, test, diagnosis, referral) are fine', () => {
    const spec = { ...COMPLETE };
    for (const group of ['medication', 'allergy', 'vaccine', 'exam-finding', 'test', 'diagnosis', 'referral'])
      delete spec[group];
    expect(validate(spec)).toEqual([]);
  });

  // Regression (same cause): every PHQ-9 and GAD-7 question is required whenever the (always enabled) mental
  // health section is, so a 3-year-old's assessment cannot be completed without answering "thoughts
  // that you would be better off dead". extract.ts already treats the instruments as optional ("only
  // when all 9 answered").
  it("a 3-year-old's complete assessment needs no PHQ-9 or GAD-7", () => {
    const spec: Spec = { ...COMPLETE, [CONTEXT.age]: 3.2, [CONTEXT.sex]: 'male' };
    for (const id of [...PHQ9_ITEMS, ...GAD7_ITEMS]) delete spec[id];
    expect(validate(spec)).toEqual([]);
  });
});

describe('validateResponse: values', () => {
  it.each([
    [0, 'range'],
    [0.49, 'range'],
    [0.5, undefined],
    [300, undefined],
    [300.1, 'range'],
  ])('a weight of %s kg → %s', (weight, code) => {
    const issues = validate(withAnswers({ weight }));
    if (code === undefined) expect(issues).toEqual([]);
    else {
      expect(issues).toEqual([
        expect.objectContaining({ linkId: 'weight', path: 'examination/anthropometry/weight', code }),
      ]);
      expect(issues[0]?.message).toContain(String(weight));
    }
  });

  it('ranges apply to integers too, and an integer question wants a whole number in valueInteger', () => {
    expect(brief(validate(withAnswers({ 'heart-rate': 300 })))).toEqual([
      'examination/vitals/heart-rate range',
    ]);
    expect(brief(validate(withAnswers({ 'heart-rate': 80.5 })))).toEqual([
      'examination/vitals/heart-rate type',
    ]);
    expect(brief(validate(withAnswers({ 'heart-rate': { valueDecimal: 80 } })))).toEqual([
      'examination/vitals/heart-rate type',
    ]);
    expect(brief(validate(withAnswers({ parity: -1 })))).toEqual(['pregnancy/parity range']);
  });

  it('a decimal question accepts valueInteger (lenient)', () => {
    expect(validate(withAnswers({ weight: { valueInteger: 70 } }))).toEqual([]);
  });

  it.each([
    [{ valueString: 'true' }, 'consent'],
    [{ valueBoolean: 'yes' }, 'consent'],
    [{ valueDecimal: Number.NaN }, 'temperature'],
    [{ valueDecimal: Number.POSITIVE_INFINITY }, 'temperature'],
    [{ valueString: '37' }, 'temperature'],
    [{ valueCoding: { system: 'x' } }, 'encounter-type'],
    [{ valueString: 'arrival' }, 'encounter-type'],
    [{ valueBoolean: true }, 'interpreter-language'],
  ])('a wrong answer type %j for %s → type', (answer, linkId) => {
    const issues = validate(withAnswers({ 'interpreter-used': true, [linkId]: answer }));
    expect(issues).toEqual([expect.objectContaining({ linkId, code: 'type' })]);
  });

  it('a test date in the future is refused; today and partial dates up to now are not', () => {
    const test = (date: string) =>
      brief(
        validate(
          withAnswers({ test: [{ 'test-code': HBSAG, 'test-date': date, 'test-result': 'pending' }] }),
        ),
      );
    expect(test('2026-06-16')).toEqual(['tests/test[0]/test-date future-date']);
    expect(test('2026-07')).toEqual(['tests/test[0]/test-date future-date']);
    expect(test('2027')).toEqual(['tests/test[0]/test-date future-date']);
    expect(test(TODAY)).toEqual([]);
    expect(test('2026-06')).toEqual([]);
    expect(test('2026')).toEqual([]);
  });

  it('"today" may be a date-time', () => {
    expect(validate(withAnswers({ lmp: '2026-06-15' }), true, '2026-06-15T23:59:00Z')).toEqual([]);
    expect(brief(validate(withAnswers({ lmp: '2026-06-16' }), true, '2026-06-15T23:59:00Z'))).toEqual([
      'pregnancy/lmp future-date',
    ]);
  });

  it('other past-only dates too (LMP, vaccination date)', () => {
    expect(brief(validate(withAnswers({ lmp: '2026-07-01' })))).toEqual(['pregnancy/lmp future-date']);
    const vaccine = [{ 'vaccine-code': '03', 'vaccine-date': '2030-01-01', 'vaccine-source': 'documented' }];
    expect(brief(validate(withAnswers({ vaccine })))).toEqual([
      'vaccination/vaccine[0]/vaccine-date future-date',
    ]);
  });

  it('a follow-up date in the future is allowed', () => {
    expect(validate(withAnswers({ 'follow-up-date': '2026-07-15' }))).toEqual([]);
    expect(validate(withAnswers({ 'follow-up-date': '2031-01-01' }))).toEqual([]);
  });

  it.each([
    '15/06/2026',
    '2026-6-1',
    '2026/06/01',
    '2026-02-30',
    '2025-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-06-15T10:00:00Z',
    '',
    'yesterday',
  ])('an invalid date %j → date-format', (date) => {
    expect(brief(validate(withAnswers({ lmp: date })))).toEqual(['pregnancy/lmp date-format']);
  });

  it('a leap day is a date; a date-time answer to a date question is not', () => {
    expect(validate(withAnswers({ lmp: '2024-02-29' }))).toEqual([]);
    expect(brief(validate(withAnswers({ lmp: { valueDateTime: '2026-06-01' } })))).toEqual([
      'pregnancy/lmp date-format',
    ]);
  });

  it('a date before 1900 is implausible', () => {
    expect(brief(validate(withAnswers({ lmp: '1899-12-31' })))).toEqual(['pregnancy/lmp range']);
    expect(validate(withAnswers({ lmp: '1900-01-01' }))).toEqual([]);
  });

  it('an unknown ICD-10 code → unknown-code, for chronic conditions and diagnoses', () => {
    const unknownCode = { valueCoding: { system: 'http://hl7.org/fhir/sid/icd-10', code: 'X99.9' } };
    expect(brief(validate(withAnswers({ 'chronic-conditions': ['I10', unknownCode] })))).toEqual([
      'history/chronic-conditions unknown-code',
    ]);
    const diagnosis = [{ 'diagnosis-code': unknownCode, 'diagnosis-status': 'confirmed' }];
    const issues = validate(withAnswers({ diagnosis }));
    expect(brief(issues)).toEqual(['conclusion/diagnosis[0]/diagnosis-code unknown-code']);
    expect(issues[0]?.message).toContain('X99.9');
  });

  it('a listed ICD-10 code under another code system is unknown; without a system it is matched by code', () => {
    const snomed = { valueCoding: { system: 'http://snomed.info/sct', code: 'I10' } };
    expect(brief(validate(withAnswers({ 'chronic-conditions': [snomed] })))).toEqual([
      'history/chronic-conditions unknown-code',
    ]);
    expect(validate(withAnswers({ 'chronic-conditions': [{ valueCoding: { code: 'I10' } }] }))).toEqual([]);
  });

  it('an unknown CVX code → unknown-code', () => {
    const vaccine = [
      {
        'vaccine-code': { valueCoding: { system: 'http://hl7.org/fhir/sid/cvx', code: '999' } },
        'vaccine-source': 'documented',
      },
    ];
    expect(brief(validate(withAnswers({ vaccine })))).toEqual([
      'vaccination/vaccine[0]/vaccine-code unknown-code',
    ]);
  });

  it('a choice code that is not one of the answerOptions → unknown-code', () => {
    const system = optionsOf(
      indexQuestionnaire(healthAssessment).get('encounter-type') as QuestionnaireItem,
    )[0]?.system;
    expect(
      brief(validate(withAnswers({ 'encounter-type': { valueCoding: { system, code: 'home-visit' } } }))),
    ).toEqual(['encounter/encounter-type unknown-code']);
    // the option of another question is not an option of this one
    expect(
      brief(validate(withAnswers({ 'encounter-type': { valueCoding: { system, code: 'severe' } } }))),
    ).toEqual(['encounter/encounter-type unknown-code']);
    expect(
      brief(
        validate(
          withAnswers({ 'encounter-type': { valueCoding: { system: 'urn:other', code: 'follow-up' } } }),
        ),
      ),
    ).toEqual(['encounter/encounter-type unknown-code']);
  });

  it('two answers to a single-answer question → too-many; several to a repeating one are fine', () => {
    expect(brief(validate(withAnswers({ consent: [true, false] })))).toEqual(['encounter/consent too-many']);
    expect(validate(withAnswers({ 'chronic-conditions': ['I10', 'E11.9', 'J45.9'] }))).toEqual([]);
    expect(validate(withAnswers({ 'substance-use': ['alcohol', 'tobacco'] }))).toEqual([]);
  });

  it('the same question twice in a group, or a non-repeating group twice → too-many', () => {
    const r = buildResponse(COMPLETE);
    const encounter = r.item?.find((i) => i.linkId === 'encounter') as QuestionnaireResponseItem;
    encounter.item = [...(encounter.item ?? []), { linkId: 'consent', answer: [{ valueBoolean: true }] }];
    expect(brief(validate(r))).toEqual(['encounter/consent too-many']);
    const twice = buildResponse(COMPLETE);
    twice.item = [
      ...(twice.item ?? []),
      { linkId: 'encounter', item: [{ linkId: 'interpreter-used', answer: [{ valueBoolean: false }] }] },
    ];
    expect(brief(validate(twice))).toContain('encounter too-many');
  });

  it('a string longer than 2,000 characters (text: 20,000) → too-long; blank → type', () => {
    const used = { 'interpreter-used': true };
    expect(validate(withAnswers({ ...used, 'interpreter-language': 'a'.repeat(2000) }))).toEqual([]);
    expect(brief(validate(withAnswers({ ...used, 'interpreter-language': 'a'.repeat(2001) })))).toEqual([
      'encounter/interpreter-language too-long',
    ]);
    expect(validate(withAnswers({ notes: 'a'.repeat(20_000) }))).toEqual([]);
    expect(brief(validate(withAnswers({ notes: 'a'.repeat(20_001) })))).toEqual([
      'conclusion/notes too-long',
    ]);
    expect(brief(validate(withAnswers({ notes: '  \n ' })))).toEqual(['conclusion/notes type']);
  });

  it('an unknown linkId → unknown-item, at the top or nested', () => {
    const r = buildResponse(COMPLETE);
    r.item?.push({ linkId: 'favourite-colour', answer: [{ valueString: 'blue' }] });
    r.item
      ?.find((i) => i.linkId === 'history')
      ?.item?.push({ linkId: 'bogus', answer: [{ valueBoolean: true }] });
    const issues = validate(r);
    expect(brief(issues).sort()).toEqual(['favourite-colour unknown-item', 'history/bogus unknown-item']);
    expect(issues.find((i) => i.path === 'history/bogus')?.linkId).toBe('bogus');
  });
});

describe('validateResponse: disabled items are not validated', () => {
  it("a man's pregnancy answers, however wrong, are ignored (pruning removes them)", () => {
    const spec = withAnswers({
      [CONTEXT.sex]: 'male',
      pregnant: { valueString: 'no idea' },
      'gestational-age': 99,
      lmp: '2099-01-01',
      parity: 400,
    });
    expect(validate(spec)).toEqual([]);
  });

  it('an interpreter language without an interpreter, and child questions for an adult, are ignored', () => {
    const spec = withAnswers({
      'interpreter-used': false,
      'interpreter-language': 'x'.repeat(5000),
      'birth-history': { valueBoolean: true },
      school: 'yes',
      muac: 0,
      'head-circumference': 1000,
    });
    expect(validate(spec)).toEqual([]);
  });

  it('the same answers are checked once the item is enabled', () => {
    const spec = withAnswers({
      [CONTEXT.age]: 1.5,
      [CONTEXT.sex]: 'male',
      muac: 0,
      'head-circumference': 1000,
    });
    expect(brief(validate(spec))).toEqual([
      'examination/anthropometry/muac range',
      'examination/anthropometry/head-circumference range',
    ]);
  });
});

describe('validateResponse: answers outside their place', () => {
  // Regression: only the linkId is checked against the questionnaire, not where the item sits. An answer
  // placed under the wrong parent (here at the top level) is never visited by walkResponse, so no
  // check runs on it, pruneDisabled keeps it and tagSensitiveItems does not tag it — but extraction's
  // answersOf() finds it anywhere: a weight of 0 reaches BMI and growthZScores (which throws for 0).
  it('a known question placed at the wrong level is reported', () => {
    const r = buildResponse(COMPLETE);
    r.item?.push({ linkId: 'weight', answer: [{ valueDecimal: 0 }] });
    expect(validate(r).map((i) => i.linkId)).toContain('weight');
  });

  // Regression (same cause): a sensitive answer moved out of its group escapes the sensitive tag, so
  // redaction shows it to every role.
  it('a sensitive question placed at the wrong level is reported', () => {
    const r = buildResponse(COMPLETE);
    r.item?.push({ linkId: 'violence-details', answer: [{ valueString: 'Tortured in detention' }] });
    expect(validate(r).map((i) => i.linkId)).toContain('violence-details');
  });
});

describe('issue expressions', () => {
  it('name the linkId so the form can place server issues', () => {
    for (const issue of validate({ consent: true, weight: 0 })) {
      const expression = issueExpression(issue);
      expect(expression).toBe(`QuestionnaireResponse.item.where(linkId='${issue.linkId}')`);
      expect(linkIdOfExpression(expression)).toBe(issue.linkId);
    }
    expect(linkIdOfExpression('Patient.name')).toBeUndefined();
  });
});

// --- Properties -----------------------------------------------------------------------------------
const ext = (def: QuestionnaireItem, url: string) => def.extension?.find((e) => e.url === url);
const DAY = 86_400_000;

/** A plausible answer for a question, from its own definition. */
function validAnswer(def: QuestionnaireItem): fc.Arbitrary<Answer> {
  switch (def.type) {
    case 'boolean':
      return fc.boolean().map((valueBoolean) => ({ valueBoolean }));
    case 'decimal': {
      const min = ext(def, MIN_VALUE_EXT)?.valueDecimal ?? -1e6;
      const max = ext(def, MAX_VALUE_EXT)?.valueDecimal ?? 1e6;
      return fc.double({ min, max, noNaN: true }).map((valueDecimal) => ({ valueDecimal }));
    }
    case 'integer': {
      const min = ext(def, MIN_VALUE_EXT)?.valueInteger ?? -1e6;
      const max = ext(def, MAX_VALUE_EXT)?.valueInteger ?? 1e6;
      return fc.integer({ min, max }).map((valueInteger) => ({ valueInteger }));
    }
    case 'date': {
      const max = ext(def, ALLOW_FUTURE_DATE_EXT)?.valueBoolean ? Date.UTC(2100, 0, 1) : Date.parse(TODAY);
      return fc
        .tuple(fc.integer({ min: Date.UTC(1900, 0, 1) / DAY, max: max / DAY }), fc.constantFrom(4, 7, 10))
        .map(([day, length]) => ({ valueDate: new Date(day * DAY).toISOString().slice(0, length) }));
    }
    case 'string':
    case 'text':
      return fc
        .string({ minLength: 1, maxLength: 40, unit: 'grapheme' })
        .filter((s) => s.trim() !== '')
        .map((valueString) => ({ valueString }));
    case 'choice':
      return fc.constantFrom(...optionsOf(def)).map((valueCoding) => ({ valueCoding }));
    default:
      throw new Error(`no generator for ${def.type}`);
  }
}

/**
 * Response items for a list of definitions: required questions always answered, others sometimes;
 * repeating groups with `minInstances`..2 instances.
 */
function itemsFor(
  defs: readonly QuestionnaireItem[],
  answer: (def: QuestionnaireItem) => fc.Arbitrary<Answer>,
  minInstances: number,
): fc.Arbitrary<QuestionnaireResponseItem[]> {
  const parts = defs
    .filter((def) => def.type !== 'display')
    .map((def): fc.Arbitrary<QuestionnaireResponseItem[]> => {
      if (def.type === 'group') {
        const children = itemsFor(def.item ?? [], answer, minInstances);
        if (def.repeats) {
          return fc
            .array(children, { minLength: minInstances, maxLength: 2 })
            .map((instances) => instances.map((item) => ({ linkId: def.linkId, item })));
        }
        return children.map((item) => (item.length > 0 ? [{ linkId: def.linkId, item }] : []));
      }
      const answers = def.repeats
        ? fc.array(answer(def), { minLength: 1, maxLength: 3 })
        : answer(def).map((a) => [a]);
      return fc
        .tuple(def.required ? fc.constant(true) : fc.boolean(), answers)
        .map(([present, a]) => (present ? [{ linkId: def.linkId, answer: a }] : []));
    });
  return fc.tuple(...parts).map((lists) => lists.flat());
}

const allLinkIds = [...indexQuestionnaire(healthAssessment).keys()];
const jsonish = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);
const ANSWER_KEYS = [
  'valueBoolean',
  'valueDecimal',
  'valueInteger',
  'valueDate',
  'valueDateTime',
  'valueTime',
  'valueString',
  'valueUri',
  'valueCoding',
  'valueQuantity',
  'valueReference',
];
const jsonishAnswer: fc.Arbitrary<Answer> = fc
  .dictionary(fc.constantFrom(...ANSWER_KEYS), jsonish, { maxKeys: 2 })
  .map((a) => JSON.parse(JSON.stringify(a)) as Answer);
const { items: jsonishItems } = fc.letrec<{
  items: QuestionnaireResponseItem[];
  item: QuestionnaireResponseItem;
}>((tie) => ({
  items: fc.array(tie('item'), { maxLength: 4 }),
  item: fc.record(
    {
      linkId: fc.oneof(fc.constantFrom(...allLinkIds), fc.string({ maxLength: 8 })),
      answer: fc.array(jsonishAnswer, { maxLength: 3 }),
      item: fc.option(tie('items'), { nil: undefined, depthSize: 'small', maxDepth: 4 }),
    },
    { requiredKeys: ['linkId'] },
  ),
}));

describe('validateResponse: properties', { timeout: 60_000 }, () => {
  const patients = fc.record({
    birthDay: fc.integer({ min: Date.UTC(1930, 0, 1) / DAY, max: Date.parse(TODAY) / DAY }),
    gender: fc.constantFrom('male', 'female', 'other', 'unknown') as fc.Arbitrary<
      'male' | 'female' | 'other' | 'unknown'
    >,
  });
  const withoutContext = (healthAssessment.item ?? []).filter((i) => i.linkId !== 'context');

  it('a response of valid answers (context from a real patient) has no issues when completed', () => {
    fc.assert(
      fc.property(patients, itemsFor(withoutContext, validAnswer, 1), ({ birthDay, gender }, items) => {
        const birthDate = new Date(birthDay * DAY).toISOString().slice(0, 10);
        const context = contextItems(testPatient(birthDate, gender), TODAY);
        const issues = validate(buildResponse([context, ...items]));
        expect(issues).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('a response of valid answers to any items, context included, has no issues while in progress', () => {
    fc.assert(
      fc.property(itemsFor(healthAssessment.item ?? [], validAnswer, 0), (items) => {
        expect(validate(buildResponse(items), false)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws for JSON-ish answers in the right places', () => {
    fc.assert(
      fc.property(
        itemsFor(healthAssessment.item ?? [], () => jsonishAnswer, 0),
        fc.boolean(),
        (items, completing) => {
          const issues = validate(buildResponse(items), completing);
          for (const issue of issues) expect(typeof issue.message).toBe('string');
        },
      ),
      { numRuns: Number(process.env.PASSAGE_FUZZ_RUNS ?? 300) },
    );
  });

  it('never throws for JSON-ish item trees with known and unknown linkIds', () => {
    fc.assert(
      fc.property(jsonishItems, fc.boolean(), (items, completing) => {
        expect(Array.isArray(validate(buildResponse(items), completing))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  // Regression: checkAnswer puts coding.code into its message with a template literal; a JSON object whose
  // `toString` key is not a function cannot be converted and the validator throws a TypeError (a 500
  // where a 400 is due). JSON.parse yields such objects from any request body.
  it('does not throw for a coding whose code is a JSON object', () => {
    const answer = JSON.parse('{"valueCoding":{"code":{"toString":1}}}') as Answer;
    expect(() => validate(withAnswers({ 'encounter-type': answer }))).not.toThrow();
  });
});
