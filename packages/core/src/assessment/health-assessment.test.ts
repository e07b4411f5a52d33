// The health assessment Questionnaire: structurally valid FHIR R4 (Medplum's validator, plus the
// Questionnaire invariants que-1…que-13 that it does not evaluate), internally consistent (linkIds,
// enableWhen targets and answer types, value sets, units and ranges) and covering the data set of
// shared/reference/assessment-dataset.md.
import { validateResource } from '@medplum/core';
import type { QuestionnaireItem } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ITEM_CONTROL_EXT,
  MAX_VALUE_EXT,
  MIN_VALUE_EXT,
  OBSERVATION_EXTRACT_EXT,
  QUESTIONNAIRE_UNIT_EXT,
  SENSITIVE_ITEM_EXT,
  UCUM_SYSTEM,
} from '../records/fhir-conventions.ts';
import { expandValueSet } from '../terminology/value-sets.ts';
import { ASSESSMENT_TESTS, FREQUENCY_SCALE } from './codes.ts';
import {
  CONTEXT,
  GAD7_ITEMS,
  HEALTH_ASSESSMENT_ID,
  HEALTH_ASSESSMENT_URL,
  HEALTH_ASSESSMENT_VERSION,
  PHQ9_ITEMS,
  healthAssessment,
} from './health-assessment.ts';
import { ALLOW_FUTURE_DATE_EXT, OBSERVATION_CATEGORY_EXT } from './questionnaire-builder.ts';
import { SENSITIVE_QUESTIONS, loadFhirDefinitions, optionsOf } from './testing/response-builder.ts';

/** Every item with its parent (undefined at the top), depth first, in questionnaire order. */
function allItems(): { item: QuestionnaireItem; parent: QuestionnaireItem | undefined }[] {
  const out: { item: QuestionnaireItem; parent: QuestionnaireItem | undefined }[] = [];
  const walk = (items: readonly QuestionnaireItem[] | undefined, parent: QuestionnaireItem | undefined) => {
    for (const item of items ?? []) {
      out.push({ item, parent });
      walk(item.item, item);
    }
  };
  walk(healthAssessment.item, undefined);
  return out;
}
const items = allItems().map((e) => e.item);
const byLinkId = new Map(items.map((i) => [i.linkId, i]));
const ext = (item: QuestionnaireItem, url: string) => item.extension?.find((e) => e.url === url);
const descendants = (item: QuestionnaireItem): QuestionnaireItem[] =>
  (item.item ?? []).flatMap((child) => [child, ...descendants(child)]);

describe('health assessment Questionnaire: FHIR R4 structure', () => {
  beforeAll(loadFhirDefinitions);

  it("passes Medplum's R4 validator without errors", () => {
    expect(() => validateResource(healthAssessment)).not.toThrow();
  });

  it('the validator really runs: a broken copy is refused', () => {
    const broken = { ...healthAssessment, item: [{ linkId: 'empty', text: 'Empty', type: 'group' }] };
    expect(() => validateResource(broken as typeof healthAssessment)).toThrow(/que-1/);
    const wrongType = {
      ...healthAssessment,
      item: [{ linkId: 'x', text: 'X', type: 'string', required: 'yes' }],
    };
    expect(() => validateResource(wrongType as unknown as typeof healthAssessment)).toThrow(/boolean/);
  });

  it('survives a JSON round trip unchanged (no undefined, functions or class instances inside)', () => {
    expect(JSON.parse(JSON.stringify(healthAssessment))).toStrictEqual(healthAssessment);
  });

  it('has a canonical url, a version and an id derived from the version', () => {
    expect(healthAssessment.url).toBe(HEALTH_ASSESSMENT_URL);
    expect(healthAssessment.version).toBe(HEALTH_ASSESSMENT_VERSION);
    expect(healthAssessment.id).toBe(HEALTH_ASSESSMENT_ID);
    expect(HEALTH_ASSESSMENT_ID).toBe(`health-assessment-${HEALTH_ASSESSMENT_VERSION.replace(/\./g, '-')}`);
    expect(healthAssessment.status).toBe('active');
    expect(healthAssessment.subjectType).toEqual(['Patient']);
    // que-0: name is computer friendly
    expect(healthAssessment.name).toMatch(/^[A-Z]([A-Za-z0-9_]){0,254}$/);
  });

  it('que-2: every linkId is unique', () => {
    const seen = new Map<string, number>();
    for (const item of items) seen.set(item.linkId, (seen.get(item.linkId) ?? 0) + 1);
    const duplicates = [...seen].filter(([, count]) => count > 1).map(([linkId]) => linkId);
    expect(duplicates).toEqual([]);
    expect(items.length).toBeGreaterThan(100);
  });

  it('linkIds are short, stable identifiers (lowercase, digits, hyphens, dots)', () => {
    for (const item of items) expect(item.linkId, item.linkId).toMatch(/^[a-z0-9][a-z0-9.-]*$/);
  });

  it('every item has text', () => {
    for (const item of items) expect(item.text?.trim(), item.linkId).toBeTruthy();
  });

  it('que-1: groups have items; display items have none', () => {
    for (const item of items) {
      if (item.type === 'group') expect(item.item?.length, item.linkId).toBeGreaterThan(0);
      if (item.type === 'display') expect(item.item, item.linkId).toBeUndefined();
    }
  });

  it('que-3, que-6, que-9: display items have no code, required, repeats or readOnly', () => {
    for (const item of items.filter((i) => i.type === 'display')) {
      expect(item.code, item.linkId).toBeUndefined();
      expect(item.required, item.linkId).toBeUndefined();
      expect(item.repeats, item.linkId).toBeUndefined();
      expect(item.readOnly, item.linkId).toBeUndefined();
    }
  });

  it('que-4, que-5: only choice items have options, never both answerOption and answerValueSet', () => {
    for (const item of items) {
      if (item.answerOption || item.answerValueSet) {
        expect(['choice', 'open-choice'], item.linkId).toContain(item.type);
      }
      expect(Boolean(item.answerOption && item.answerValueSet), item.linkId).toBe(false);
      if (item.type === 'choice') {
        expect(Boolean(item.answerOption?.length || item.answerValueSet), item.linkId).toBe(true);
      }
    }
  });

  it('que-12: more than one enableWhen needs enableBehavior', () => {
    for (const item of items) {
      if ((item.enableWhen?.length ?? 0) > 1) expect(item.enableBehavior, item.linkId).toBeDefined();
    }
  });

  it('que-7: an "exists" condition has a boolean answer; other conditions exactly one answer[x]', () => {
    for (const item of items) {
      for (const condition of item.enableWhen ?? []) {
        const answerKeys = Object.keys(condition).filter((k) => k.startsWith('answer'));
        expect(answerKeys, item.linkId).toHaveLength(1);
        if (condition.operator === 'exists') expect(answerKeys, item.linkId).toEqual(['answerBoolean']);
      }
    }
  });

  it('help texts are display items with the help item control', () => {
    for (const item of items.filter((i) => i.linkId.endsWith('.help'))) {
      expect(item.type).toBe('display');
      expect(ext(item, ITEM_CONTROL_EXT)?.valueCodeableConcept?.coding?.[0]?.code).toBe('help');
    }
  });

  it('item controls are codes of the FHIR questionnaire-item-control value set that suit the item', () => {
    const allowed: Record<string, readonly string[]> = {
      'radio-button': ['choice'],
      'check-box': ['choice'],
      'drop-down': ['choice'],
      autocomplete: ['choice'],
      help: ['display'],
    };
    for (const item of items) {
      const code = ext(item, ITEM_CONTROL_EXT)?.valueCodeableConcept?.coding?.[0]?.code;
      if (code === undefined) continue;
      expect(allowed[code], `${item.linkId}: ${code}`).toContain(item.type);
      if (code === 'check-box') expect(item.repeats, item.linkId).toBe(true);
      if (code === 'radio-button') expect(item.repeats, item.linkId).toBeUndefined();
    }
  });
});

describe('health assessment Questionnaire: enableWhen', () => {
  const conditions = allItems().flatMap(({ item }) =>
    (item.enableWhen ?? []).map((condition) => ({ item, condition })),
  );

  it('has conditions to check', () => {
    expect(conditions.length).toBeGreaterThan(10);
  });

  it('every enableWhen.question is the linkId of an existing question', () => {
    for (const { item, condition } of conditions) {
      const target = byLinkId.get(condition.question);
      expect(target, `${item.linkId} → ${condition.question}`).toBeDefined();
      expect(['group', 'display'], `${item.linkId} → ${condition.question}`).not.toContain(target?.type);
    }
  });

  it('no item depends on itself or on one of its own descendants', () => {
    for (const { item, condition } of conditions) {
      expect(condition.question, item.linkId).not.toBe(item.linkId);
      expect(
        descendants(item).map((d) => d.linkId),
        item.linkId,
      ).not.toContain(condition.question);
    }
  });

  it("the answer[x] type matches the question's type", () => {
    const expected: Record<string, string[]> = {
      boolean: ['answerBoolean'],
      decimal: ['answerDecimal'],
      integer: ['answerInteger', 'answerDecimal'],
      date: ['answerDate'],
      string: ['answerString'],
      text: ['answerString'],
      choice: ['answerCoding'],
    };
    for (const { item, condition } of conditions) {
      if (condition.operator === 'exists') continue;
      const target = byLinkId.get(condition.question);
      const key = Object.keys(condition).find((k) => k.startsWith('answer')) ?? '';
      expect(expected[target?.type ?? ''], `${item.linkId} → ${condition.question}`).toContain(key);
    }
  });

  it("a coded condition names one of the question's own answer codes", () => {
    for (const { item, condition } of conditions) {
      const expected = condition.answerCoding;
      if (!expected) continue;
      const target = byLinkId.get(condition.question);
      const match = optionsOf(target as QuestionnaireItem).some(
        (o) => o.code === expected.code && (!expected.system || o.system === expected.system),
      );
      expect(match, `${item.linkId}: ${JSON.stringify(expected)}`).toBe(true);
    }
  });

  it('ordering conditions compare numbers with numbers', () => {
    for (const { item, condition } of conditions) {
      if (['<', '<=', '>', '>='].includes(condition.operator)) {
        const target = byLinkId.get(condition.question);
        expect(['decimal', 'integer'], item.linkId).toContain(target?.type);
      }
    }
  });

  it('the skip logic reads the context items as the data set describes', () => {
    const age = (linkId: string) =>
      byLinkId
        .get(linkId)
        ?.enableWhen?.filter((c) => c.question === CONTEXT.age)
        .map((c) => `${c.operator}${c.answerDecimal}`);
    expect(age('pregnancy')).toEqual(['>=10']);
    expect(byLinkId.get('pregnancy')?.enableBehavior).toBe('all');
    expect(byLinkId.get('pregnancy')?.enableWhen).toContainEqual(
      expect.objectContaining({
        question: CONTEXT.sex,
        answerCoding: expect.objectContaining({ code: 'female' }),
      }),
    );
    expect(age('child')).toEqual(['<18']);
    expect(age('school')).toEqual(['>=5']);
    expect(age('muac')).toEqual(['<5']);
    expect(age('measure-position')).toEqual(['<5']);
    expect(age('head-circumference')).toEqual(['<2']);
    expect(age('systolic')).toEqual(['>=3']);
    expect(age('diastolic')).toEqual(['>=3']);
    for (const linkId of ['interpreter-language', 'interpreter-mode']) {
      expect(byLinkId.get(linkId)?.enableWhen).toEqual([
        { question: 'interpreter-used', operator: '=', answerBoolean: true },
      ]);
    }
  });

  it('the context items are read-only and not asked again elsewhere', () => {
    const context = byLinkId.get('context');
    expect(context?.item?.map((i) => i.linkId)).toEqual([CONTEXT.age, CONTEXT.sex]);
    for (const item of context?.item ?? []) expect(item.readOnly).toBe(true);
    expect(healthAssessment.item?.[0]?.linkId).toBe('context');
  });
});

describe('health assessment Questionnaire: codes, value sets, units and ranges', () => {
  it('every observation-extract item has a code with system, code and display, and a category', () => {
    const extracted = items.filter((i) => ext(i, OBSERVATION_EXTRACT_EXT)?.valueBoolean);
    expect(extracted.length).toBeGreaterThan(20);
    for (const item of extracted) {
      expect(item.code?.length, item.linkId).toBeGreaterThan(0);
      for (const coding of item.code ?? []) {
        expect(coding.system, item.linkId).toMatch(/^https?:\/\//);
        expect(coding.code, item.linkId).toBeTruthy();
        expect(coding.display, item.linkId).toBeTruthy();
      }
      expect(['vital-signs', 'exam', 'survey', 'laboratory', 'social-history'], item.linkId).toContain(
        ext(item, OBSERVATION_CATEGORY_EXT)?.valueCode,
      );
      expect(['group', 'display'], item.linkId).not.toContain(item.type);
    }
  });

  it('items with a code are exactly the extracted ones (no stray codes)', () => {
    for (const item of items.filter((i) => i.code)) {
      expect(ext(item, OBSERVATION_EXTRACT_EXT)?.valueBoolean, item.linkId).toBe(true);
    }
  });

  it('observation codes are distinct, so extracted Observations can be told apart', () => {
    const codes = items.flatMap((i) => (i.code ?? []).map((c) => `${c.system}|${c.code}`));
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('every answerValueSet expands to a non-empty list of distinct, complete codings', () => {
    const bound = items.filter((i) => i.answerValueSet);
    expect(bound.map((i) => i.linkId).sort()).toEqual([
      'chronic-conditions',
      'diagnosis-code',
      'vaccine-code',
    ]);
    for (const item of bound) {
      const expansion = expandValueSet(item.answerValueSet as string);
      expect(expansion, item.linkId).toBeDefined();
      expect(expansion?.length, item.linkId).toBeGreaterThan(10);
      for (const coding of expansion ?? []) {
        expect(coding.system, item.linkId).toBeTruthy();
        expect(coding.code, item.linkId).toBeTruthy();
        expect(coding.display, item.linkId).toBeTruthy();
      }
      const codes = (expansion ?? []).map((c) => c.code);
      expect(new Set(codes).size, item.linkId).toBe(codes.length);
    }
  });

  it('an unknown value set URL does not expand', () => {
    expect(expandValueSet('https://example.org/ValueSet/nothing')).toBeUndefined();
  });

  it('answerOption codings have a code and a display, and are distinct within an item', () => {
    for (const item of items.filter((i) => i.answerOption)) {
      const codes = optionsOf(item).map((c) => c.code);
      expect(codes.length, item.linkId).toBe(item.answerOption?.length);
      for (const coding of optionsOf(item)) {
        expect(coding.code, item.linkId).toBeTruthy();
        expect(coding.display, item.linkId).toBeTruthy();
      }
      expect(new Set(codes).size, item.linkId).toBe(codes.length);
    }
  });

  it('every number item has min < max of its own type; every decimal (quantity) has a UCUM unit', () => {
    const numbers = items.filter((i) => i.type === 'decimal' || i.type === 'integer');
    expect(numbers.length).toBeGreaterThanOrEqual(15);
    for (const item of numbers) {
      const key = item.type === 'integer' ? 'valueInteger' : 'valueDecimal';
      const min = ext(item, MIN_VALUE_EXT)?.[key];
      const max = ext(item, MAX_VALUE_EXT)?.[key];
      expect(typeof min, `${item.linkId} min`).toBe('number');
      expect(typeof max, `${item.linkId} max`).toBe('number');
      expect(min as number, item.linkId).toBeLessThan(max as number);
      if (item.type === 'integer') {
        expect(Number.isInteger(min) && Number.isInteger(max), item.linkId).toBe(true);
      }
      if (item.type === 'decimal') expect(ext(item, QUESTIONNAIRE_UNIT_EXT), item.linkId).toBeDefined();
    }
  });

  it('every unit is a UCUM coding with a display, on a number item', () => {
    const withUnit = items.filter((i) => ext(i, QUESTIONNAIRE_UNIT_EXT));
    expect(withUnit.length).toBeGreaterThan(10);
    for (const item of withUnit) {
      const unit = ext(item, QUESTIONNAIRE_UNIT_EXT)?.valueCoding;
      expect(unit?.system, item.linkId).toBe(UCUM_SYSTEM);
      expect(unit?.code, item.linkId).toBeTruthy();
      expect(unit?.display, item.linkId).toBeTruthy();
      expect(['decimal', 'integer'], item.linkId).toContain(item.type);
    }
  });

  it('plausible ranges hold for the measurements clinicians will enter', () => {
    const range = (linkId: string) => {
      const item = byLinkId.get(linkId) as QuestionnaireItem;
      const min = ext(item, MIN_VALUE_EXT);
      const max = ext(item, MAX_VALUE_EXT);
      return [min?.valueDecimal ?? min?.valueInteger, max?.valueDecimal ?? max?.valueInteger];
    };
    const unit = (linkId: string) =>
      ext(byLinkId.get(linkId) as QuestionnaireItem, QUESTIONNAIRE_UNIT_EXT)?.valueCoding?.code;
    expect(unit('temperature')).toBe('Cel');
    expect(range('temperature')).toEqual([30, 45]);
    expect(unit('weight')).toBe('kg');
    expect(range('weight')[0]).toBeGreaterThan(0); // a weight of 0 is out of range
    expect(unit('height')).toBe('cm');
    expect(unit('systolic')).toBe('mm[Hg]');
    expect(unit('heart-rate')).toBe('/min');
    expect(unit('oxygen-saturation')).toBe('%');
    expect(range('oxygen-saturation')[1]).toBe(100);
    expect(unit(CONTEXT.age)).toBe('a');
  });

  it('only the follow-up date may lie in the future', () => {
    const dates = items.filter((i) => i.type === 'date');
    expect(dates.length).toBeGreaterThanOrEqual(4);
    const future = dates.filter((i) => ext(i, ALLOW_FUTURE_DATE_EXT)?.valueBoolean).map((i) => i.linkId);
    expect(future).toEqual(['follow-up-date']);
  });

  it('PHQ-9 and GAD-7 are complete instruments on the 0–3 frequency scale', () => {
    expect(PHQ9_ITEMS).toHaveLength(9);
    expect(GAD7_ITEMS).toHaveLength(7);
    for (const linkId of [...PHQ9_ITEMS, ...GAD7_ITEMS]) {
      const item = byLinkId.get(linkId);
      expect(item?.type, linkId).toBe('choice');
      expect(optionsOf(item as QuestionnaireItem)).toEqual(FREQUENCY_SCALE);
    }
    expect(FREQUENCY_SCALE.map((c) => Number(c.code))).toEqual([0, 1, 2, 3]);
  });

  it('the screening tests have distinct codes and LOINC where a code is used', () => {
    const codes = ASSESSMENT_TESTS.map((t) => t.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const test of ASSESSMENT_TESTS) {
      expect(test.system, test.code).toMatch(/^https?:\/\//);
      if (/^\d+-\d$/.test(test.code ?? '')) expect(test.system, test.code).toBe('http://loinc.org');
    }
    expect(optionsOf(byLinkId.get('test-code') as QuestionnaireItem)).toEqual(ASSESSMENT_TESTS);
  });

  it('sensitive questions are marked sensitive, and only those', () => {
    const sensitive = items.filter((i) => ext(i, SENSITIVE_ITEM_EXT)?.valueBoolean).map((i) => i.linkId);
    expect(sensitive.sort()).toEqual([...SENSITIVE_QUESTIONS].sort());
  });
});

describe('health assessment Questionnaire: covers the data set', () => {
  it('asks what assessment-dataset.md lists, section by section', () => {
    const expected = [
      // 2. Encounter context
      'encounter-type',
      'consent',
      'interpreter-used',
      'interpreter-language',
      'interpreter-mode',
      // 3. History
      'chronic-conditions',
      'tb-history',
      'hiv-known',
      'hepatitis-known',
      'malaria-past',
      'surgery-history',
      'violence-injury',
      'medication-name',
      'medication-supply-days',
      'allergy-substance',
      'allergy-reaction',
      'allergy-severity',
      'family-history',
      // 4. Women's and child health
      'pregnant',
      'lmp',
      'gestational-age',
      'antenatal-care',
      'parity',
      'breastfeeding',
      'contraception',
      'fgm',
      'birth-history',
      'development-concern',
      'school',
      'muac',
      'head-circumference',
      // 5. Vaccination
      'vaccine-code',
      'vaccine-date',
      'vaccine-dose',
      'vaccine-source',
      // 6. Symptoms (TB screen first)
      'symptom-cough',
      'symptom-haemoptysis',
      'symptom-fever',
      'symptom-night-sweats',
      'symptom-weight-loss',
      'symptom-diarrhoea',
      'symptom-jaundice',
      'symptom-dental',
      'symptom-sleep',
      // 7. Examination
      'temperature',
      'systolic',
      'diastolic',
      'heart-rate',
      'respiratory-rate',
      'oxygen-saturation',
      'weight',
      'height',
      'exam-system',
      'exam-description',
      // 8. Mental health
      'phq9',
      'gad7',
      'self-harm-risk',
      'substance-use',
      // 9. Tests
      'test-code',
      'test-date',
      'test-result',
      // 10. Conclusion
      'diagnosis-code',
      'diagnosis-status',
      'fitness-to-travel',
      'isolation-needed',
      'treatment-given',
      'health-education',
      'referral-target',
      'referral-reason',
      'referral-urgency',
      'follow-up-date',
    ];
    for (const linkId of expected) expect(byLinkId.has(linkId), linkId).toBe(true);
  });

  it('lists are repeating groups with their required parts', () => {
    for (const [group, required] of [
      ['medication', ['medication-name']],
      ['allergy', ['allergy-substance']],
      ['vaccine', ['vaccine-code', 'vaccine-source']],
      ['exam-finding', ['exam-system', 'exam-description']],
      ['test', ['test-code', 'test-date', 'test-result']],
      ['diagnosis', ['diagnosis-code', 'diagnosis-status']],
      ['referral', ['referral-target', 'referral-reason', 'referral-urgency']],
    ] as const) {
      const item = byLinkId.get(group);
      expect(item?.type, group).toBe('group');
      expect(item?.repeats, group).toBe(true);
      expect(
        item?.item?.filter((i) => i.required).map((i) => i.linkId),
        group,
      ).toEqual(required);
    }
  });

  it('the TB symptom screen has the five WHO screening symptoms', () => {
    expect(byLinkId.get('tb-symptoms')?.item?.map((i) => i.linkId)).toEqual([
      'symptom-cough',
      'symptom-haemoptysis',
      'symptom-fever',
      'symptom-night-sweats',
      'symptom-weight-loss',
    ]);
  });

  it('the chronic conditions and diagnoses are coded in ICD-10; vaccines in CVX', () => {
    expect(optionsOf(byLinkId.get('chronic-conditions') as QuestionnaireItem)[0]?.system).toBe(
      'http://hl7.org/fhir/sid/icd-10',
    );
    expect(optionsOf(byLinkId.get('diagnosis-code') as QuestionnaireItem)[0]?.system).toBe(
      'http://hl7.org/fhir/sid/icd-10',
    );
    expect(optionsOf(byLinkId.get('vaccine-code') as QuestionnaireItem)[0]?.system).toBe(
      'http://hl7.org/fhir/sid/cvx',
    );
    expect(byLinkId.get('chronic-conditions')?.repeats).toBe(true);
  });
});
