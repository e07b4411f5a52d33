// The "about the person" context items filled from the Patient, and withContext, which replaces
// whatever context a form sent with the Patient's.
import type { Patient, QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageInYears } from '../records/age.ts';
import { ADMINISTRATIVE_GENDER, SEX_OPTIONS } from './codes.ts';
import { contextItems, withContext } from './context.ts';
import { CONTEXT, healthAssessment } from './health-assessment.ts';
import { isItemEnabled } from './response.ts';
import { testPatient } from './testing/response-builder.ts';
import { validateResponse } from './validate-response.ts';

const TODAY = '2026-06-15';
const patient = testPatient;
const age = (item: QuestionnaireResponseItem) =>
  item.item?.find((i) => i.linkId === CONTEXT.age)?.answer?.[0]?.valueDecimal;
const sex = (item: QuestionnaireResponseItem) =>
  item.item?.find((i) => i.linkId === CONTEXT.sex)?.answer?.[0]?.valueCoding;
/** Two decimals, within a hundredth of the exact age (rounding may go either way). */
const expectAge = (value: number | undefined, exact: number) => {
  expect(value).toBeDefined();
  expect(Math.round((value as number) * 100) / 100).toBe(value);
  expect(Math.abs((value as number) - exact)).toBeLessThanOrEqual(0.01 + 1e-9);
};
const enabledFor = (p: Patient, path: string, today = TODAY) =>
  isItemEnabled(
    healthAssessment,
    withContext({ resourceType: 'QuestionnaireResponse', status: 'in-progress', item: [] }, p, today),
    path,
  );

describe('contextItems: age', () => {
  it('from a full birth date: years with two decimals', () => {
    const item = contextItems(patient('1996-03-12', 'female'), TODAY);
    expect(item.linkId).toBe('context');
    expectAge(age(item), ageInYears('1996-03-12', TODAY) as number); // 30.259…
    expect(item.item?.map((i) => i.linkId)).toEqual([CONTEXT.age, CONTEXT.sex]);
  });

  it('from a month-and-year birth date: counted from the middle of the month', () => {
    // 2023-02-15 → 2026-06-15: 1216 days
    expectAge(age(contextItems(patient('2023-02'), TODAY)), 1216 / 365.25); // 3.329…
  });

  it('from a year-only birth date: counted from the middle of the year', () => {
    // 1990-07-01 → 2026-06-15
    expectAge(age(contextItems(patient('1990'), TODAY)), 13_134 / 365.25); // 35.959…
    expectAge(age(contextItems(patient('2016'), TODAY)), 3636 / 365.25); // 9.954…
  });

  it('a newborn is 0 and a birth date after today counts as 0, never negative', () => {
    expect(age(contextItems(patient(TODAY), TODAY))).toBe(0);
    expect(age(contextItems(patient('2026-06-20'), TODAY))).toBe(0);
  });

  it('a missing or unreadable birth date gives no age item, only the sex', () => {
    for (const birthDate of [undefined, '', 'unknown']) {
      const item = contextItems(patient(birthDate, 'male'), TODAY);
      expect(
        item.item?.map((i) => i.linkId),
        String(birthDate),
      ).toEqual([CONTEXT.sex]);
    }
  });

  it('a person without a birth date sees no age-bound section (pregnancy, child) — by design', () => {
    expect(enabledFor(patient(undefined, 'female'), 'pregnancy')).toBe(false);
    expect(enabledFor(patient(undefined, 'female'), 'child')).toBe(false);
  });

  it('is within a hundredth of ageInYears, for any birth date (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.parse(TODAY) }), (ms) => {
        const birthDate = new Date(ms).toISOString().slice(0, 10);
        const value = age(contextItems(patient(birthDate), TODAY)) as number;
        expectAge(value, ageInYears(birthDate, TODAY) as number);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(130); // inside the item's own range
      }),
    );
  });
});

describe('contextItems: sex', () => {
  it.each(['male', 'female', 'other', 'unknown'] as const)('%s → the matching option coding', (gender) => {
    const coding = sex(contextItems(patient('1990-01-01', gender), TODAY));
    expect(coding).toEqual(SEX_OPTIONS.find((o) => o.code === gender));
    expect(coding?.system).toBe(ADMINISTRATIVE_GENDER);
  });

  it('no gender → unknown', () => {
    expect(sex(contextItems(patient('1990-01-01'), TODAY))).toMatchObject({
      system: ADMINISTRATIVE_GENDER,
      code: 'unknown',
    });
  });

  it('the context validates against the questionnaire', () => {
    for (const gender of ['male', 'female', 'other', 'unknown', undefined] as const) {
      for (const birthDate of ['1926-01-01', '2000-05', '1980', TODAY, undefined]) {
        const r: QuestionnaireResponse = {
          resourceType: 'QuestionnaireResponse',
          status: 'in-progress',
          item: [contextItems(patient(birthDate, gender), TODAY)],
        };
        expect(validateResponse(healthAssessment, r, { today: TODAY, completing: false })).toEqual([]);
      }
    }
  });
});

describe('contextItems: the sections it opens', () => {
  it('a 30-year-old woman gets the pregnancy section, not the child one', () => {
    const woman = patient('1996-03-12', 'female');
    expect(enabledFor(woman, 'pregnancy')).toBe(true);
    expect(enabledFor(woman, 'child')).toBe(false);
  });

  it('a 3-year-old boy gets the child section, MUAC and blood pressure, not head circumference', () => {
    const boy = patient('2023-02-20', 'male');
    expect(enabledFor(boy, 'child')).toBe(true);
    expect(enabledFor(boy, 'pregnancy')).toBe(false);
    expect(enabledFor(boy, 'examination/anthropometry/muac')).toBe(true);
    expect(enabledFor(boy, 'examination/anthropometry/head-circumference')).toBe(false);
    expect(enabledFor(boy, 'examination/vitals/systolic')).toBe(true);
  });

  it('on the 10th, 5th and 18th birthdays the age-bound sections switch', () => {
    expect(enabledFor(patient('2016-06-15', 'female'), 'pregnancy')).toBe(true);
    expect(enabledFor(patient('2008-06-15', 'female'), 'child')).toBe(false);
    expect(enabledFor(patient('2021-06-15', 'female'), 'examination/anthropometry/muac')).toBe(false);
    expect(enabledFor(patient('2024-06-15', 'female'), 'examination/anthropometry/head-circumference')).toBe(
      false,
    );
  });

  // Regression: the age is rounded to two decimals (Math.round), so from about 1.5 days before a birthday
  // the rounded age already reaches the threshold: a 9-year-old girl gets the pregnancy section, a
  // 17-year-old loses the child section, a 4-year-old loses MUAC and a 1-year-old head circumference.
  it('the day before the 10th, 18th, 5th and 2nd birthdays nothing has switched yet', () => {
    expect(enabledFor(patient('2016-06-16', 'female'), 'pregnancy')).toBe(false);
    expect(enabledFor(patient('2008-06-16', 'female'), 'child')).toBe(true);
    expect(enabledFor(patient('2021-06-16', 'female'), 'examination/anthropometry/muac')).toBe(true);
    expect(enabledFor(patient('2024-06-16', 'female'), 'examination/anthropometry/head-circumference')).toBe(
      true,
    );
  });
});

describe('withContext', () => {
  const forged: QuestionnaireResponseItem = {
    linkId: 'context',
    item: [
      { linkId: CONTEXT.age, answer: [{ valueDecimal: 1 }] },
      { linkId: CONTEXT.sex, answer: [{ valueCoding: SEX_OPTIONS[0] }] },
    ],
  };
  const rest: QuestionnaireResponseItem[] = [
    { linkId: 'encounter', item: [{ linkId: 'consent', answer: [{ valueBoolean: true }] }] },
    { linkId: 'symptoms', item: [{ linkId: 'symptom-rash', answer: [{ valueBoolean: true }] }] },
  ];
  const woman = patient('1996-03-12', 'female');

  it('replaces a forged context section with the Patient’s, first, keeping the other items in order', () => {
    const r: QuestionnaireResponse = {
      resourceType: 'QuestionnaireResponse',
      id: 'qr-1',
      status: 'in-progress',
      item: [rest[0] as QuestionnaireResponseItem, forged, rest[1] as QuestionnaireResponseItem],
    };
    const out = withContext(r, woman, TODAY);
    expect(out.item).toEqual([contextItems(woman, TODAY), ...rest]);
    expect(out.id).toBe('qr-1');
    expect(isItemEnabled(healthAssessment, out, 'pregnancy')).toBe(true);
    expect(isItemEnabled(healthAssessment, out, 'child')).toBe(false);
    // the input is untouched
    expect(r.item?.[1]).toBe(forged);
    expect(age(forged)).toBe(1);
  });

  it('removes every forged context section, not just the first', () => {
    const r: QuestionnaireResponse = {
      resourceType: 'QuestionnaireResponse',
      status: 'in-progress',
      item: [forged, ...rest, forged],
    };
    const out = withContext(r, woman, TODAY);
    expect(out.item?.filter((i) => i.linkId === 'context')).toHaveLength(1);
    expectAge(age(out.item?.[0] as QuestionnaireResponseItem), ageInYears('1996-03-12', TODAY) as number);
  });

  it('adds the context when the response has none, or no items at all', () => {
    const out = withContext({ resourceType: 'QuestionnaireResponse', status: 'in-progress' }, woman, TODAY);
    expect(out.item).toEqual([contextItems(woman, TODAY)]);
  });

  it('removes a forged age when the Patient has no birth date', () => {
    const out = withContext(
      { resourceType: 'QuestionnaireResponse', status: 'in-progress', item: [forged] },
      patient(undefined, 'male'),
      TODAY,
    );
    expect(out.item?.[0]?.item?.map((i) => i.linkId)).toEqual([CONTEXT.sex]);
    expect(isItemEnabled(healthAssessment, out, 'child')).toBe(false);
  });

  // Regression: only top-level items with linkId 'context' are replaced. A context answer nested in another
  // section survives, and AnswerScope merges every answer to a linkId, so enableWhen sees both the
  // real and the forged age (`some` matches either): the child section opens for an adult, the
  // pregnancy section for a man. validateResponse does not report the misplaced item either.
  it('a context answer smuggled into another section does not change what is enabled', () => {
    const man = patient('1980-01-01', 'male');
    const r: QuestionnaireResponse = {
      resourceType: 'QuestionnaireResponse',
      status: 'in-progress',
      item: [
        {
          linkId: 'encounter',
          item: [
            { linkId: 'consent', answer: [{ valueBoolean: true }] },
            { linkId: CONTEXT.age, answer: [{ valueDecimal: 1 }] },
            { linkId: CONTEXT.sex, answer: [{ valueCoding: SEX_OPTIONS[1] }] },
          ],
        },
      ],
    };
    const out = withContext(r, man, TODAY);
    expect(isItemEnabled(healthAssessment, out, 'child')).toBe(false);
    expect(isItemEnabled(healthAssessment, out, 'pregnancy')).toBe(false);
  });
});
