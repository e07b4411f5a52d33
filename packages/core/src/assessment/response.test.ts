// Reading a response against the assessment: enableWhen (context-driven sections, interpreter, nested
// and repeating groups), the paths walkResponse reports, pruneDisabled and the small lookups.
import type { Questionnaire, QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEX_OPTIONS } from './codes.ts';
import { CONTEXT, healthAssessment } from './health-assessment.ts';
import {
  answersOf,
  groupInstances,
  indexQuestionnaire,
  isItemEnabled,
  pruneDisabled,
  walkResponse,
  type VisitedItem,
} from './response.ts';
import { buildResponse, testCode, type Spec } from './testing/response-builder.ts';

const HBSAG = testCode('HBsAg');

const person = (age: number | undefined, sex: string | undefined): Spec => ({
  ...(age !== undefined ? { [CONTEXT.age]: age } : {}),
  ...(sex !== undefined ? { [CONTEXT.sex]: sex } : {}),
});

function visits(questionnaire: Questionnaire, r: QuestionnaireResponse): VisitedItem[] {
  const out: VisitedItem[] = [];
  walkResponse(questionnaire, r, (v) => out.push(v));
  return out;
}

/** Whether linkId is enabled at every place it is visited (and visited at least once). */
function enabled(spec: Spec, linkId: string, questionnaire: Questionnaire = healthAssessment): boolean {
  const found = visits(questionnaire, buildResponse(spec, questionnaire)).filter(
    (v) => v.definition.linkId === linkId,
  );
  if (found.length === 0) throw new Error(`${linkId} not visited`);
  const states = new Set(found.map((v) => v.enabled));
  if (states.size > 1) throw new Error(`${linkId} enabled at some places only`);
  return found[0]?.enabled ?? false;
}

describe('enableWhen: sections driven by the context items', () => {
  it.each([
    [10, 'female', true],
    [30, 'female', true],
    [49.5, 'female', true],
    [9.99, 'female', false],
    [5, 'female', false],
    [30, 'male', false],
    [30, 'other', false],
    [30, 'unknown', false],
    [undefined, 'female', false],
    [30, undefined, false],
  ])('pregnancy section, age %s, sex %s → %s', (age, sex, expected) => {
    expect(enabled(person(age, sex), 'pregnancy')).toBe(expected);
    // everything inside follows the section
    expect(enabled(person(age, sex), 'lmp')).toBe(expected);
    expect(enabled(person(age, sex), 'fgm')).toBe(expected);
  });

  it('the female condition compares system and code: a coding from another system does not count', () => {
    const spec = {
      [CONTEXT.age]: 30,
      [CONTEXT.sex]: { valueCoding: { system: 'urn:other', code: 'female' } },
    };
    expect(enabled(spec, 'pregnancy')).toBe(false);
  });

  it.each([
    [0, true],
    [3, true],
    [17.99, true],
    [18, false],
    [45, false],
    [undefined, false],
  ])('child section, age %s → %s', (age, expected) => {
    expect(enabled(person(age, 'male'), 'child')).toBe(expected);
    expect(enabled(person(age, 'male'), 'birth-history')).toBe(expected);
  });

  it.each([
    [4.99, false],
    [5, true],
    [17, true],
    [18, false], // ≥ 5 but the child section is off, so school is off too
  ])('school (inside the child section), age %s → %s', (age, expected) => {
    expect(enabled(person(age, 'female'), 'school')).toBe(expected);
  });

  it.each([
    [0.5, true, true, true],
    [1.99, true, true, true],
    [2, true, true, false],
    [4.99, true, true, false],
    [5, false, false, false],
    [30, false, false, false],
  ])('age %s: measure-position %s, MUAC %s, head circumference %s', (age, position, muac, head) => {
    expect(enabled(person(age, 'male'), 'measure-position')).toBe(position);
    expect(enabled(person(age, 'male'), 'muac')).toBe(muac);
    expect(enabled(person(age, 'male'), 'head-circumference')).toBe(head);
  });

  it.each([
    [2.99, false],
    [3, true],
    [70, true],
  ])('blood pressure from 3 years, age %s → %s', (age, expected) => {
    expect(enabled(person(age, 'male'), 'systolic')).toBe(expected);
    expect(enabled(person(age, 'male'), 'diastolic')).toBe(expected);
  });

  it('unconditional questions stay enabled whatever the context', () => {
    for (const spec of [person(undefined, undefined), person(1, 'female'), person(80, 'male')]) {
      for (const linkId of ['encounter-type', 'consent', 'temperature', 'weight', 'phq9-1', 'vaccine-code'])
        expect(enabled(spec, linkId), linkId).toBe(true);
    }
  });
});

describe('enableWhen: answers inside the form', () => {
  it.each([
    [undefined, false],
    [false, false],
    [true, true],
  ])('interpreter language and mode when interpreter-used = %s → %s', (used, expected) => {
    const spec = { ...person(30, 'male'), ...(used !== undefined ? { 'interpreter-used': used } : {}) };
    expect(enabled(spec, 'interpreter-language')).toBe(expected);
    expect(enabled(spec, 'interpreter-mode')).toBe(expected);
  });

  it.each([
    ['yes', true],
    ['no', false],
    ['unknown', false],
    [undefined, false],
  ])('gestational age and antenatal care when pregnant = %s → %s', (pregnant, expected) => {
    const spec = { ...person(25, 'female'), ...(pregnant ? { pregnant } : {}) };
    expect(enabled(spec, 'gestational-age')).toBe(expected);
    expect(enabled(spec, 'antenatal-care')).toBe(expected);
    expect(enabled(spec, 'parity')).toBe(true);
  });

  it('pregnant = yes does not enable gestational age for a man (the section is off)', () => {
    expect(enabled({ ...person(25, 'male'), pregnant: 'yes' }, 'gestational-age')).toBe(false);
  });

  it('violence details only when an injury from violence is recorded', () => {
    expect(enabled({ 'violence-injury': true }, 'violence-details')).toBe(true);
    expect(enabled({ 'violence-injury': false }, 'violence-details')).toBe(false);
    expect(enabled({}, 'violence-details')).toBe(false);
  });
});

describe('enableWhen: operators and behaviours (a small questionnaire)', () => {
  const q: Questionnaire = {
    resourceType: 'Questionnaire',
    status: 'active',
    item: [
      { linkId: 'n', type: 'integer', text: 'n' },
      { linkId: 's', type: 'string', text: 's' },
      { linkId: 'd', type: 'date', text: 'd' },
      {
        linkId: 'exists',
        type: 'string',
        text: '',
        enableWhen: [{ question: 'n', operator: 'exists', answerBoolean: true }],
      },
      {
        linkId: 'absent',
        type: 'string',
        text: '',
        enableWhen: [{ question: 'n', operator: 'exists', answerBoolean: false }],
      },
      {
        linkId: 'ne',
        type: 'string',
        text: '',
        enableWhen: [{ question: 'n', operator: '!=', answerInteger: 3 }],
      },
      {
        linkId: 'le',
        type: 'string',
        text: '',
        enableWhen: [{ question: 'n', operator: '<=', answerInteger: 3 }],
      },
      {
        linkId: 'gt',
        type: 'string',
        text: '',
        enableWhen: [{ question: 'n', operator: '>', answerInteger: 3 }],
      },
      {
        linkId: 'eqs',
        type: 'string',
        text: '',
        enableWhen: [{ question: 's', operator: '=', answerString: 'x' }],
      },
      {
        linkId: 'after',
        type: 'string',
        text: '',
        enableWhen: [{ question: 'd', operator: '>', answerDate: '2020-01-01' }],
      },
      {
        linkId: 'any',
        type: 'string',
        text: '',
        enableBehavior: 'any',
        enableWhen: [
          { question: 'n', operator: '=', answerInteger: 1 },
          { question: 's', operator: '=', answerString: 'x' },
        ],
      },
      {
        linkId: 'all',
        type: 'string',
        text: '',
        enableBehavior: 'all',
        enableWhen: [
          { question: 'n', operator: '=', answerInteger: 1 },
          { question: 's', operator: '=', answerString: 'x' },
        ],
      },
    ],
  };
  const on = (spec: Spec, linkId: string) => enabled(spec, linkId, q);

  it('exists true/false', () => {
    expect(on({ n: 3 }, 'exists')).toBe(true);
    expect(on({}, 'exists')).toBe(false);
    expect(on({}, 'absent')).toBe(true);
    expect(on({ n: 0 }, 'absent')).toBe(false);
  });

  it('!=, <=, > on numbers (0 is an answer, not a missing one)', () => {
    expect(on({ n: 2 }, 'ne')).toBe(true);
    expect(on({ n: 3 }, 'ne')).toBe(false);
    expect(on({ n: 3 }, 'le')).toBe(true);
    expect(on({ n: 0 }, 'le')).toBe(true);
    expect(on({ n: 4 }, 'le')).toBe(false);
    expect(on({ n: 4 }, 'gt')).toBe(true);
    expect(on({ n: 3 }, 'gt')).toBe(false);
    expect(on({}, 'gt')).toBe(false);
  });

  it('strings and dates', () => {
    expect(on({ s: 'x' }, 'eqs')).toBe(true);
    expect(on({ s: 'X' }, 'eqs')).toBe(false);
    expect(on({ d: '2021-05-01' }, 'after')).toBe(true);
    expect(on({ d: '2019-05-01' }, 'after')).toBe(false);
  });

  it('enableBehavior any / all', () => {
    expect(on({ n: 1 }, 'any')).toBe(true);
    expect(on({ s: 'x' }, 'any')).toBe(true);
    expect(on({ n: 2, s: 'y' }, 'any')).toBe(false);
    expect(on({ n: 1 }, 'all')).toBe(false);
    expect(on({ n: 1, s: 'x' }, 'all')).toBe(true);
  });
});

describe('enableWhen: repeating-group scoping', () => {
  const q: Questionnaire = {
    resourceType: 'Questionnaire',
    status: 'active',
    item: [
      { linkId: 'outer', type: 'boolean', text: 'Outer' },
      {
        linkId: 'g',
        type: 'group',
        text: 'Repeating',
        repeats: true,
        item: [
          { linkId: 'flag', type: 'boolean', text: 'Flag' },
          {
            linkId: 'detail',
            type: 'string',
            text: 'Detail',
            enableWhen: [{ question: 'flag', operator: '=', answerBoolean: true }],
          },
          {
            linkId: 'needs-outer',
            type: 'string',
            text: 'Needs outer',
            enableWhen: [{ question: 'outer', operator: '=', answerBoolean: true }],
          },
        ],
      },
    ],
  };
  const paths = (r: QuestionnaireResponse) =>
    Object.fromEntries(visits(q, r).map((v) => [v.path, v.enabled]));

  it('each instance reads its own answers', () => {
    const r = buildResponse(
      { g: [{ flag: true, detail: 'a' }, { flag: false, detail: 'b' }, { flag: true }] },
      q,
    );
    expect(paths(r)).toMatchObject({
      'g[0]/detail': true,
      'g[1]/detail': false,
      'g[2]/detail': true,
    });
  });

  it('an instance sees answers outside the group', () => {
    const r = buildResponse({ outer: true, g: [{ flag: false }, {}] }, q);
    expect(paths(r)).toMatchObject({ 'g[0]/needs-outer': true, 'g[1]/needs-outer': true });
    const off = buildResponse({ outer: false, g: [{ flag: false }] }, q);
    expect(paths(off)).toMatchObject({ 'g[0]/needs-outer': false });
  });

  // Regression: AnswerScope's constructor collects answers from *all* nested items, including the instances of
  // repeating groups, so the top-level scope holds every instance's answers. An instance that has not
  // answered `flag` falls back to the parent scope and sees another instance's `flag = true`.
  it('an instance that did not answer the condition is not enabled by a sibling instance', () => {
    const r = buildResponse({ g: [{ flag: true, detail: 'a' }, { detail: 'b' }] }, q);
    expect(paths(r)['g[1]/detail']).toBe(false);
  });

  // Regression (same cause): pruneDisabled therefore keeps an answer the form never showed.
  it('pruneDisabled drops the detail of an instance whose own flag is unanswered', () => {
    const r = buildResponse({ g: [{ flag: true, detail: 'a' }, { detail: 'b' }] }, q);
    expect(answersOf(pruneDisabled(q, r).item, 'detail').map((a) => a.valueString)).toEqual(['a']);
  });
});

describe('walkResponse', () => {
  it('visits every item of the questionnaire once when the response is empty, in order', () => {
    const seen = visits(healthAssessment, buildResponse({}));
    const all = [...indexQuestionnaire(healthAssessment).keys()];
    expect(seen.map((v) => v.definition.linkId)).toEqual(all);
    expect(seen.every((v) => v.responses.length === 0)).toBe(true);
  });

  it('paths name enclosing items; repeating groups carry the instance number', () => {
    const r = buildResponse({
      vaccine: [
        { 'vaccine-code': '03', 'vaccine-source': 'documented' },
        { 'vaccine-code': '19', 'vaccine-date': '1995-02-01', 'vaccine-source': 'documented' },
      ],
      'symptom-cough': true,
    });
    const byPath = new Map(visits(healthAssessment, r).map((v) => [v.path, v]));
    expect(byPath.get('vaccination')?.responses).toHaveLength(1);
    expect(byPath.get('vaccination/vaccine')?.responses).toHaveLength(2);
    expect(
      byPath.get('vaccination/vaccine[0]/vaccine-code')?.responses[0]?.answer?.[0]?.valueCoding?.code,
    ).toBe('03');
    expect(byPath.get('vaccination/vaccine[1]/vaccine-date')?.responses[0]?.answer).toEqual([
      { valueDate: '1995-02-01' },
    ]);
    expect(byPath.get('vaccination/vaccine[0]/vaccine-date')?.responses).toEqual([]);
    expect(byPath.has('vaccination/vaccine/vaccine-date')).toBe(false);
    expect(byPath.get('symptoms/tb-symptoms/symptom-cough')?.responses[0]?.answer).toEqual([
      { valueBoolean: true },
    ]);
    // a repeating group with no instance is still walked, without an index
    expect(byPath.has('history/medication/medication-name')).toBe(true);
    expect(byPath.has('history/medication[0]/medication-name')).toBe(false);
  });

  it('children of a disabled group are visited as disabled, even when answered', () => {
    const r = buildResponse({ ...person(40, 'male'), pregnant: 'no', 'birth-history': 'term' });
    const seen = visits(healthAssessment, r);
    const pregnant = seen.find((v) => v.path === 'pregnancy/pregnant');
    expect(pregnant?.enabled).toBe(false);
    expect(pregnant?.responses).toHaveLength(1);
    expect(seen.find((v) => v.path === 'child/birth-history')?.enabled).toBe(false);
  });

  it('isItemEnabled looks items up by path', () => {
    const r = buildResponse({ ...person(3, 'female'), 'interpreter-used': true, test: [{}, {}] });
    expect(isItemEnabled(healthAssessment, r, 'encounter/interpreter-language')).toBe(true);
    expect(isItemEnabled(healthAssessment, r, 'pregnancy')).toBe(false);
    expect(isItemEnabled(healthAssessment, r, 'child/school')).toBe(false);
    expect(isItemEnabled(healthAssessment, r, 'examination/anthropometry/muac')).toBe(true);
    expect(isItemEnabled(healthAssessment, r, 'tests/test[1]/test-code')).toBe(true);
    expect(isItemEnabled(healthAssessment, r, 'no/such/path')).toBe(false);
  });
});

describe('pruneDisabled', () => {
  it('removes answers to disabled items and the groups left empty, keeps the rest', () => {
    const r = buildResponse({
      ...person(40, 'male'),
      'encounter-type': 'arrival-assessment',
      consent: true,
      'interpreter-used': false,
      'interpreter-language': 'Arabic', // disabled: interpreter not used
      pregnant: 'no', // disabled: the pregnancy section is for women
      parity: 0,
      'birth-history': 'term', // disabled: adult
      muac: 25, // disabled: 5 years and over
      systolic: 130, // enabled
      temperature: 36.8,
    });
    const pruned = pruneDisabled(healthAssessment, r);
    const linkIds = (items: QuestionnaireResponseItem[] | undefined): string[] =>
      (items ?? []).flatMap((i) => [i.linkId, ...linkIds(i.item)]);
    const kept = linkIds(pruned.item);
    for (const gone of [
      'interpreter-language',
      'pregnancy',
      'pregnant',
      'parity',
      'child',
      'birth-history',
      'muac',
    ])
      expect(kept, gone).not.toContain(gone);
    for (const stays of [
      'context',
      'encounter-type',
      'consent',
      'interpreter-used',
      'systolic',
      'temperature',
    ])
      expect(kept, stays).toContain(stays);
    // the anthropometry group lost its only answer and is gone; vitals stays
    expect(kept).not.toContain('anthropometry');
    expect(kept).toContain('vitals');
  });

  it('removes empty groups and answerless items even when enabled', () => {
    const r: QuestionnaireResponse = {
      resourceType: 'QuestionnaireResponse',
      status: 'in-progress',
      item: [
        { linkId: 'history', item: [] },
        { linkId: 'symptoms', item: [{ linkId: 'tb-symptoms', item: [{ linkId: 'symptom-cough' }] }] },
        { linkId: 'encounter', item: [{ linkId: 'consent', answer: [{ valueBoolean: false }] }] },
      ],
    };
    expect(pruneDisabled(healthAssessment, r).item).toEqual([
      { linkId: 'encounter', item: [{ linkId: 'consent', answer: [{ valueBoolean: false }] }] },
    ]);
  });

  it('keeps response-level fields and does not modify its input', () => {
    const r = {
      ...buildResponse({ ...person(40, 'male'), pregnant: 'no', consent: true }),
      id: 'qr-1',
      authored: '2026-06-15',
    };
    const before = structuredClone(r);
    const pruned = pruneDisabled(healthAssessment, r);
    expect(r).toEqual(before);
    expect(pruned).toMatchObject({ id: 'qr-1', authored: '2026-06-15', status: 'in-progress' });
    expect(pruned.questionnaire).toBe(healthAssessment.url);
  });

  it('leaves a response with only enabled answers as it is (apart from copies)', () => {
    const r = buildResponse({
      ...person(30, 'female'),
      'encounter-type': 'arrival-assessment',
      consent: true,
      pregnant: 'yes',
      'gestational-age': 20,
      medication: [{ 'medication-name': 'Paracetamol' }],
      test: [{ 'test-code': HBSAG, 'test-date': '2026-06-01', 'test-result': 'negative' }],
    });
    expect(pruneDisabled(healthAssessment, r)).toEqual(r);
  });

  it('keeps each repeating group instance with answers, in order', () => {
    const r = buildResponse({
      ...person(30, 'male'),
      allergy: [{ 'allergy-substance': 'Penicillin' }, {}, { 'allergy-substance': 'Latex' }],
    });
    const pruned = pruneDisabled(healthAssessment, r);
    expect(groupInstances(pruned.item, 'allergy').map((g) => g.item?.[0]?.answer?.[0]?.valueString)).toEqual([
      'Penicillin',
      'Latex',
    ]);
  });

  it('is idempotent on the assessment for any context and answers (property)', () => {
    const booleans = ['interpreter-used', 'violence-injury', 'antenatal-care', 'school', 'breastfeeding'];
    fc.assert(
      fc.property(
        fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined }),
        fc.option(fc.constantFrom(...SEX_OPTIONS.map((o) => o.code as string)), { nil: undefined }),
        fc.subarray(booleans),
        fc.constantFrom('yes', 'no', 'unknown'),
        (age, sex, trueOnes, pregnant) => {
          const spec: Spec = {
            ...person(age, sex),
            pregnant,
            'gestational-age': 12,
            muac: 14,
            'head-circumference': 45,
          };
          for (const b of booleans) spec[b] = trueOnes.includes(b);
          spec['interpreter-language'] = 'Dari';
          spec['violence-details'] = 'details';
          const once = pruneDisabled(healthAssessment, buildResponse(spec));
          expect(pruneDisabled(healthAssessment, once)).toEqual(once);
          // nothing disabled remains
          walkResponse(healthAssessment, once, (v) => {
            if (!v.enabled) expect(v.responses, v.path).toEqual([]);
          });
        },
      ),
    );
  });

  // Regression: pruneDisabled decides what is enabled from the unpruned response in one pass, so an answer
  // that depends on a disabled (and about to be pruned) answer is kept; pruning again removes it.
  // Latent in the assessment (its conditions only point at always-enabled questions or within a
  // disabled parent), but any chained condition (B depends on A, A has its own enableWhen) hits it.
  it('also removes answers whose condition rests on a disabled answer (chained enableWhen)', () => {
    const q: Questionnaire = {
      resourceType: 'Questionnaire',
      status: 'active',
      item: [
        { linkId: 'a', type: 'boolean', text: 'A' },
        {
          linkId: 'b',
          type: 'boolean',
          text: 'B',
          enableWhen: [{ question: 'a', operator: '=', answerBoolean: true }],
        },
        {
          linkId: 'c',
          type: 'string',
          text: 'C',
          enableWhen: [{ question: 'b', operator: '=', answerBoolean: true }],
        },
      ],
    };
    const r = buildResponse({ a: false, b: true, c: 'only if b' }, q);
    const once = pruneDisabled(q, r);
    expect(once.item?.map((i) => i.linkId)).toEqual(['a']);
  });
});

describe('lookups', () => {
  it('indexQuestionnaire finds every item, nested ones included', () => {
    const index = indexQuestionnaire(healthAssessment);
    expect(index.get('symptom-cough')?.type).toBe('boolean');
    expect(index.get('vaccine-source')?.required).toBe(true);
    expect(index.get('phq9-9')?.type).toBe('choice');
    expect(index.get('context')?.type).toBe('group');
  });

  it('answersOf finds answers at any depth and across instances; groupInstances stops at the group', () => {
    const r = buildResponse({
      'chronic-conditions': ['I10', 'E11.9'],
      diagnosis: [
        { 'diagnosis-code': 'B86', 'diagnosis-status': 'confirmed' },
        { 'diagnosis-code': 'J02.9', 'diagnosis-status': 'provisional' },
      ],
    });
    expect(answersOf(r.item, 'chronic-conditions').map((a) => a.valueCoding?.code)).toEqual(['I10', 'E11.9']);
    expect(answersOf(r.item, 'diagnosis-code').map((a) => a.valueCoding?.code)).toEqual(['B86', 'J02.9']);
    expect(answersOf(r.item, 'nothing')).toEqual([]);
    expect(answersOf(undefined, 'diagnosis-code')).toEqual([]);
    const instances = groupInstances(r.item, 'diagnosis');
    expect(instances).toHaveLength(2);
    expect(answersOf(instances[1]?.item, 'diagnosis-status')[0]?.valueCoding?.code).toBe('provisional');
    expect(groupInstances(r.item, 'referral')).toEqual([]);
  });
});
