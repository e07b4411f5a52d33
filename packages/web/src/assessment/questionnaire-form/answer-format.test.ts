import { describe, expect, it } from 'vitest';
import type { QuestionnaireItem } from '../fhir-types';
import { formatAnswer, formatDate, formatQuantity, isolate, unitLabel } from './answer-format';

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

describe('answer formatting', () => {
  it('names units through Intl where it can, and keeps UCUM displays otherwise', () => {
    // ICU versions differ in which space they put before the unit.
    expect(formatQuantity(61.5, { code: 'kg', display: 'kg' }, 'fr').replace(/\s/g, ' ')).toBe('61,5 kg');
    expect(unitLabel({ code: 'a', display: 'years' }, 'fr')).toBe('ans');
    expect(formatQuantity(120, { code: 'mm[Hg]', display: 'mmHg' }, 'en')).toBe(`120 ${isolate('mmHg')}`);
  });

  it('shows partial dates as partial', () => {
    expect(formatDate('2011', 'en')).toBe('2011');
    expect(formatDate('2011-03', 'en')).toBe('March 2011');
    expect(formatDate('2011-03-04', 'en')).toBe('Mar 4, 2011');
  });

  it('shows value-set codes with their code, isolated for right-to-left text', () => {
    const item: QuestionnaireItem = { linkId: 'diagnosis-code', type: 'choice', answerValueSet: 'x' };
    const answer = { valueCoding: { code: 'J45.9', display: 'Asthma, unspecified' } };
    expect(formatAnswer(item, answer, 'en', yesNo)).toBe(`${isolate('J45.9')} — Asthma, unspecified`);
  });

  it('keeps No as an answer', () => {
    const item: QuestionnaireItem = { linkId: 'consent', type: 'boolean' };
    expect(formatAnswer(item, { valueBoolean: false }, 'en', yesNo)).toBe('no');
  });
});
