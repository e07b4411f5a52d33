import { healthAssessment, validateResponse, walkResponse } from '@passage/core';
import { describe, expect, it } from 'vitest';
import type { QuestionnaireResponse } from '../fhir-types';
import {
  addInstance,
  compactResponse,
  fieldId,
  getAnswers,
  instanceCount,
  parsePath,
  removeInstance,
  sectionOf,
  setAnswers,
} from './response-state';

const q = healthAssessment;
const empty: QuestionnaireResponse = {
  resourceType: 'QuestionnaireResponse',
  status: 'in-progress',
  item: [],
};

describe('paths', () => {
  it('reads steps and instance numbers', () => {
    expect(parsePath('vaccination/vaccine[1]/vaccine-date')).toEqual([
      { linkId: 'vaccination' },
      { linkId: 'vaccine', index: 1 },
      { linkId: 'vaccine-date' },
    ]);
    expect(sectionOf('vaccination/vaccine[1]/vaccine-date')).toBe('vaccination');
    expect(fieldId('vaccination/vaccine[1]/vaccine-date')).toBe('q-vaccination_vaccine_1__vaccine-date');
  });
});

describe('answers', () => {
  it('creates the enclosing groups, and reads the answer back', () => {
    const r = setAnswers(q, empty, 'examination/vitals/temperature', [{ valueDecimal: 37.2 }]);
    expect(r.item).toEqual([
      {
        linkId: 'examination',
        item: [{ linkId: 'vitals', item: [{ linkId: 'temperature', answer: [{ valueDecimal: 37.2 }] }] }],
      },
    ]);
    expect(getAnswers(r, 'examination/vitals/temperature')).toEqual([{ valueDecimal: 37.2 }]);
    expect(empty.item).toEqual([]); // not mutated
  });

  it('keeps the questionnaire order whatever the order of answering', () => {
    let r = setAnswers(q, empty, 'conclusion/notes', [{ valueString: 'x' }]);
    r = setAnswers(q, r, 'encounter/consent', [{ valueBoolean: true }]);
    r = setAnswers(q, r, 'encounter/encounter-type', [{ valueCoding: { code: 'follow-up' } }]);
    expect(r.item?.map((i) => i.linkId)).toEqual(['encounter', 'conclusion']);
    expect(r.item?.[0]?.item?.map((i) => i.linkId)).toEqual(['encounter-type', 'consent']);
  });

  it('keeps false distinct from no answer, and drops emptied groups', () => {
    let r = setAnswers(q, empty, 'encounter/consent', [{ valueBoolean: false }]);
    expect(getAnswers(r, 'encounter/consent')).toEqual([{ valueBoolean: false }]);
    r = setAnswers(q, r, 'encounter/consent', []);
    expect(getAnswers(r, 'encounter/consent')).toEqual([]);
    expect(r.item).toEqual([]);
  });

  it('produces paths that walkResponse and validateResponse agree with', () => {
    let r = addInstance(q, empty, 'vaccination/vaccine');
    r = addInstance(q, r, 'vaccination/vaccine');
    r = setAnswers(q, r, 'vaccination/vaccine[1]/vaccine-date', [{ valueDate: '2999-01-01' }]);
    const paths: string[] = [];
    walkResponse(q, r, (v) => paths.push(v.path));
    expect(paths).toContain('vaccination/vaccine[1]/vaccine-date');
    const issues = validateResponse(q, r, { today: '2026-01-01', completing: false });
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['vaccination/vaccine[1]/vaccine-date', 'future-date'],
    ]);
  });
});

describe('repeating groups', () => {
  it('adds empty instances that stay until removed', () => {
    let r = addInstance(q, empty, 'history/medication');
    r = addInstance(q, r, 'history/medication');
    expect(instanceCount(r, 'history/medication')).toBe(2);
    r = setAnswers(q, r, 'history/medication[1]/medication-name', [{ valueString: 'Metformin' }]);
    r = setAnswers(q, r, 'history/medication[1]/medication-name', []);
    expect(instanceCount(r, 'history/medication')).toBe(2);
  });

  it('removes one instance and renumbers the later ones', () => {
    let r = empty;
    for (const name of ['A', 'B', 'C']) {
      const i = instanceCount(r, 'history/allergy');
      r = addInstance(q, r, 'history/allergy');
      r = setAnswers(q, r, `history/allergy[${i}]/allergy-substance`, [{ valueString: name }]);
    }
    r = removeInstance(q, r, 'history/allergy', 1);
    expect(instanceCount(r, 'history/allergy')).toBe(2);
    expect(getAnswers(r, 'history/allergy[1]/allergy-substance')).toEqual([{ valueString: 'C' }]);
  });

  it('places new instances after the existing ones and before later questions', () => {
    let r = setAnswers(q, empty, 'history/family-history', [{ valueString: 'none' }]);
    r = addInstance(q, r, 'history/allergy');
    r = addInstance(q, r, 'history/medication');
    expect(r.item?.[0]?.item?.map((i) => i.linkId)).toEqual(['medication', 'allergy', 'family-history']);
  });
});

describe('compactResponse', () => {
  it('drops empty instances and groups, keeping answers', () => {
    let r = addInstance(q, empty, 'history/medication');
    r = setAnswers(q, r, 'encounter/consent', [{ valueBoolean: false }]);
    expect(compactResponse(r).item).toEqual([
      { linkId: 'encounter', item: [{ linkId: 'consent', answer: [{ valueBoolean: false }] }] },
    ]);
  });
});
