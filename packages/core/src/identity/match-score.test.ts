import type { Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { PASSAGE_ID_SYSTEM } from '../records/fhir-conventions.ts';
import { candidateTokens, nameKeys, scoreMatch } from './match-score.ts';

const person = (family: string, given: string, extra: Partial<Patient> = {}): Patient => ({
  resourceType: 'Patient',
  name: [{ family, given: [given] }],
  gender: 'male',
  birthDate: '1990-04-17',
  ...extra,
});

const field = (result: ReturnType<typeof scoreMatch>, name: string) =>
  result.fields.find((f) => f.field === name);

describe('scoreMatch', () => {
  it('calls a shared Passage identifier certain, whatever the names', () => {
    const id = { system: PASSAGE_ID_SYSTEM, value: '7K3M-Q9XR-4' };
    const result = scoreMatch(person('A', 'B', { identifier: [id] }), person('C', 'D', { identifier: [id] }));
    expect(result.grade).toBe('certain');
    expect(field(result, 'identifier')?.note).toMatch(/same Passage identifier/);
  });

  it('sees Mohammed Al-Rashid and Muhammad Rashid as the same name', () => {
    const result = scoreMatch(person('Al-Rashid', 'Mohammed'), person('Rashid', 'Muhammad'));
    expect(result.grade).toMatch(/certain|probable/);
    expect(field(result, 'name')?.note).toMatch(/^variant: .*Mohammed\u2069 ≈ \u2068Muhammad/);
  });

  it('matches a name written in Arabic script with its Latin spelling', () => {
    const result = scoreMatch(person('حسين', 'محمد'), person('Hussein', 'Mohamed'));
    expect(field(result, 'name')?.note).toMatch(/^variant/);
    expect(field(result, 'name')?.score).toBeGreaterThan(5);
  });

  it('tolerates a day/month swap and a 1 January placeholder, not a different sex', () => {
    const swap = scoreMatch(
      person('Diallo', 'Mamadou', { birthDate: '1995-03-07' }),
      person('Diallo', 'Mamadou', { birthDate: '1995-07-03' }),
    );
    expect(field(swap, 'birthDate')?.note).toMatch(/^swapped: .*day and month swapped/);
    expect(swap.grade).toMatch(/certain|probable/);
    const placeholder = scoreMatch(
      person('Kouyaté', 'Lansana', { birthDate: '1995-01-01' }),
      person('Kouyate', 'Lansana', { birthDate: '1995-01-01' }),
    );
    expect(field(placeholder, 'birthDate')?.note).toMatch(/^year: /);
    expect(placeholder.grade).toMatch(/certain|probable/);
  });

  it('counts a different sex against a match: decisive when little else agrees', () => {
    const same = scoreMatch(person('Diallo', 'Mamadou'), person('Diallo', 'Mamadou'));
    const other = scoreMatch(person('Diallo', 'Mamadou'), person('Diallo', 'Mamadou', { gender: 'female' }));
    expect(field(other, 'sex')?.score).toBeLessThan(-3);
    expect(other.score).toBeLessThan(same.score);
    const weak = { birthDate: '1990-01-01' };
    expect(
      scoreMatch(
        person('Diallo', 'Mamadou', weak),
        person('Diallo', 'Mamadou', { ...weak, gender: 'female' }),
      ).grade,
    ).not.toMatch(/certain|probable/);
  });

  it('explains every score field by field', () => {
    const result = scoreMatch(
      person('Traoré', 'Fatoumata', { gender: 'female' }),
      person('Traore', 'Fatumata', { gender: 'female' }),
    );
    expect(result.fields.map((f) => f.field)).toEqual(['name', 'birthDate', 'sex']);
    expect(result.score).toBeGreaterThan(0.5);
    expect(result.score).toBeLessThanOrEqual(1);
    for (const f of result.fields) expect(f.note).toMatch(/^[a-z-]+: ./);
  });

  it('looks candidates up by every spelling of every name part', () => {
    const tokens = candidateTokens(person('Al-Rashid', 'Mohammed'));
    expect(tokens).toEqual(expect.arrayContaining(['rashid', 'mohammed', 'muhammad']));
    expect(tokens).not.toContain('al');
    expect(candidateTokens(person('Alexander', 'Ivanov'))).toContain('alexander');
    expect(nameKeys(person('Alrashid', 'Muhammad'))).toEqual(new Set(['alrashid', 'rashid', 'mohammed']));
  });
});
