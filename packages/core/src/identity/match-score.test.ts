import type { Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { PASSAGE_ID_SYSTEM } from '../records/fhir-conventions.ts';
import { candidateTokens, scoreMatch } from './match-score.ts';

const person = (family: string, given: string, extra: Partial<Patient> = {}): Patient => ({
  resourceType: 'Patient',
  name: [{ family, given: [given] }],
  gender: 'male',
  birthDate: '1990-01-01',
  ...extra,
});

describe('scoreMatch', () => {
  it('calls a shared Passage identifier certain, whatever the names', () => {
    const id = { system: PASSAGE_ID_SYSTEM, value: '7K3M-Q9XR-4' };
    const result = scoreMatch(person('A', 'B', { identifier: [id] }), person('C', 'D', { identifier: [id] }));
    expect(result.grade).toBe('certain');
    expect(result.fields[0]?.note).toBe('same Passage identifier');
  });

  it('sees Mohammed Al-Rashid and Muhammad Rashid as the same name', () => {
    const result = scoreMatch(person('Al-Rashid', 'Mohammed'), person('Rashid', 'Muhammad'));
    expect(result.grade).toBe('probable');
    expect(result.fields.find((f) => f.field === 'name')?.score).toBe(0.5);
  });

  it('matches a name written in Arabic script with its Latin spelling', () => {
    const result = scoreMatch(person('حسين', 'محمد'), person('Hussein', 'Mohamed'));
    expect(result.fields.find((f) => f.field === 'name')?.score).toBeGreaterThan(0.4);
  });

  it('tolerates a day/month swap and a 1 January placeholder, not a different sex', () => {
    expect(
      scoreMatch(
        person('Diallo', 'Mamadou', { birthDate: '1995-03-07' }),
        person('Diallo', 'Mamadou', { birthDate: '1995-07-03' }),
      ).fields,
    ).toContainEqual(expect.objectContaining({ field: 'birthDate', note: 'day and month swapped' }));
    expect(
      scoreMatch(
        person('Diallo', 'Mamadou', { birthDate: '1995' }),
        person('Diallo', 'Mamadou', { birthDate: '1995-06-12' }),
      ).grade,
    ).toBe('probable');
    expect(
      scoreMatch(person('Diallo', 'Mamadou'), person('Diallo', 'Mamadou', { gender: 'female' })).grade,
    ).not.toBe('probable');
  });

  it('explains every score field by field', () => {
    const { score, fields } = scoreMatch(person('Traoré', 'Fatoumata'), person('Traore', 'Fatumata'));
    expect(fields.map((f) => f.field)).toEqual(['name', 'birthDate', 'sex']);
    expect(score).toBeCloseTo(
      Math.min(
        0.99,
        fields.reduce((s, f) => s + f.score, 0),
      ),
      2,
    );
  });

  it('looks candidates up by every spelling of every name part', () => {
    const tokens = candidateTokens(person('Al-Rashid', 'Mohammed'));
    expect(tokens).toEqual(expect.arrayContaining(['rashid', 'mohammed', 'muhammad']));
    expect(tokens).not.toContain('al');
  });
});
