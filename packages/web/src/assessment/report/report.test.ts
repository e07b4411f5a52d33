import { healthAssessment } from '@passage/core';
import { describe, expect, it } from 'vitest';
import type { QuestionnaireResponse } from '../fhir-types';
import { addInstance, setAnswers } from '../questionnaire-form/response-state';
import { groupKey, reportSections } from './report';

const q = healthAssessment;

function response(): QuestionnaireResponse {
  let r: QuestionnaireResponse = { resourceType: 'QuestionnaireResponse', status: 'completed', item: [] };
  r = setAnswers(q, r, 'context/context-age', [{ valueDecimal: 30 }]);
  r = setAnswers(q, r, 'context/context-sex', [{ valueCoding: { code: 'male' } }]);
  r = setAnswers(q, r, 'encounter/consent', [{ valueBoolean: false }]);
  r = setAnswers(q, r, 'history/hiv-known', [{ valueBoolean: true }]);
  r = addInstance(q, r, 'vaccination/vaccine');
  r = addInstance(q, r, 'vaccination/vaccine');
  r = setAnswers(q, r, 'vaccination/vaccine[1]/vaccine-dose', [{ valueInteger: 2 }]);
  r = setAnswers(q, r, 'mental-health/phq9/phq9-1', [{ valueCoding: { code: '1' } }]);
  // Disabled for a man: left out even though answered.
  r = setAnswers(q, r, 'pregnancy/breastfeeding', [{ valueBoolean: true }]);
  return r;
}

describe('reportSections', () => {
  const sections = reportSections(q, response());

  it('keeps answered, enabled questions only, by section in questionnaire order', () => {
    expect(sections.map((s) => s.item.linkId)).toEqual([
      'context',
      'encounter',
      'history',
      'vaccination',
      'mental-health',
    ]);
    expect(sections.flatMap((s) => s.rows.map((r) => r.path))).not.toContain('pregnancy/breastfeeding');
  });

  it('keeps a No answer', () => {
    expect(sections[1]?.rows[0]?.answers).toEqual([{ valueBoolean: false }]);
  });

  it('names the instance of a repeating group, counted from 1', () => {
    const row = sections[3]?.rows[0];
    expect(row?.groups.map((g) => [g.item.linkId, g.number])).toEqual([['vaccine', 2]]);
    expect(row && groupKey(row)).toBe('vaccine2');
  });

  it('marks sensitive answers, also through a sensitive group', () => {
    const sensitive = sections.flatMap((s) => s.rows.filter((r) => r.sensitive).map((r) => r.item.linkId));
    expect(sensitive).toEqual(['hiv-known', 'phq9-1']);
  });
});
