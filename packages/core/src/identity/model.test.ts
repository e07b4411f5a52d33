import type { Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_EXT, NATIONALITY_EXT, PASSAGE_ID_SYSTEM } from '../records/fhir-conventions.ts';
import { defaultModel } from './default-model.ts';
import { explainMatch } from './explain.ts';
import { FIELDS } from './fields.ts';
import { compileModel, gradeOf, loadModel, priorLogOdds, serializeModel } from './model.ts';

function person(
  given: string,
  family: string | undefined,
  birthDate: string,
  extra: Partial<Patient> = {},
): Patient {
  return {
    resourceType: 'Patient',
    name: [{ given: given.split(' '), ...(family ? { family } : {}) }],
    gender: 'male',
    birthDate,
    extension: [
      {
        url: NATIONALITY_EXT,
        extension: [{ url: 'code', valueCodeableConcept: { coding: [{ code: 'SY' }] } }],
      },
    ],
    ...extra,
  };
}

describe('the linkage model', () => {
  const model = defaultModel();
  const matcher = compileModel(model);
  const weight = (a: Patient, b: Patient) => matcher.score(matcher.prepare(a), matcher.prepare(b));

  it('serialises to JSON and loads back, refusing anything else', () => {
    const again = loadModel(serializeModel(model));
    expect(again).toEqual(model);
    expect(() => loadModel('{"version":2}')).toThrow(/linkage model/);
    expect(() => loadModel({ ...model, m: { ...model.m, name: [2] } })).toThrow(/linkage model/);
  });

  it('has one m and one u per level of every field, m learned and u counted', () => {
    for (const field of FIELDS) {
      expect(model.m[field].reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
      expect(model.u[field].reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
    }
    expect(model.training?.converged).toBe(true);
    expect(model.m.name[0]).toBeGreaterThan(model.u.name[0] as number);
  });

  it('counts a common name and 1 January for less than rare names (term frequency)', () => {
    const common = weight(
      person('Mohammed', 'Al-Ahmad', '1990-01-01'),
      person('Mohammed', 'Al-Ahmad', '1990-01-01'),
    );
    const rare = weight(person('Zeyad', 'Al-Zoubi', '1990-01-01'), person('Zeyad', 'Al-Zoubi', '1990-01-01'));
    const realDay = weight(
      person('Mohammed', 'Al-Ahmad', '1990-06-17'),
      person('Mohammed', 'Al-Ahmad', '1990-06-17'),
    );
    expect(rare.weight).toBeGreaterThan(common.weight + 2);
    expect(realDay.weight).toBeGreaterThan(common.weight + 2);
  });

  it('grades a shared Passage identifier certain whatever else differs', () => {
    const id = { system: PASSAGE_ID_SYSTEM, value: '7K3M-Q9XR-4' };
    const score = weight(
      person('Amina', 'Diallo', '1990-01-01', { identifier: [id] }),
      person('Ali', 'Rezaei', '1970-05-05', { identifier: [id] }),
    );
    expect(score.grade).toBe('certain');
    expect(score.sharedIdentifier).toBe(true);
  });

  it('does not call a shared passport certain when the names contradict it (a child on a parent’s passport)', () => {
    const passport = { system: 'urn:passage:id:sy:passport', value: 'N8352283' };
    const score = weight(
      person('Rami', 'Haddad', '1980-03-01', { identifier: [passport] }),
      person('Lina', 'Saleh', '2015-07-09', { identifier: [passport] }),
    );
    expect(score.sharedIdentifier).toBe(false);
    expect(score.grade).not.toBe('certain');
  });

  it('grades from posterior log-odds, with a prior that falls as the register grows', () => {
    const t = model.thresholds;
    expect(gradeOf(t.certain, false, t)).toBe('certain');
    expect(gradeOf(t.probable, false, t)).toBe('probable');
    expect(gradeOf(t.possible, false, t)).toBe('possible');
    expect(gradeOf(t.possible - 1, false, t)).toBe('certainly-not');
    expect(priorLogOdds(model, 100_000)).toBeLessThan(priorLogOdds(model, 1_000) - 6);
    const big = compileModel(model, { registerSize: 1_000_000 });
    const pair = [person('Karim', 'Saleh', '1991-04-02'), person('Kareem', 'Saleh', '1991-04-02')].map((p) =>
      big.prepare(p),
    );
    expect(big.score(pair[0]!, pair[1]!).probability).toBeLessThan(
      matcher.score(pair[0]!, pair[1]!).probability,
    );
  });

  it('explains every score field by field: weights add up, and say why', () => {
    const a = matcher.prepare({
      ...person('محمد', 'الحسين', '1990-03-07'),
      name: [{ given: ['محمد'], family: 'الحسين', extension: [{ url: LANGUAGE_EXT, valueCode: 'ar' }] }],
    });
    const b = matcher.prepare(person('Muhammad', 'Hussein', '1990-07-03', { gender: 'unknown' }));
    const explanation = explainMatch(matcher, a, b);
    expect(explanation.fields.map((f) => f.field)).toEqual([...FIELDS]);
    expect(explanation.fields.reduce((s, f) => s + f.weight, 0)).toBeCloseTo(explanation.weight, 0);
    expect(explanation.logOdds).toBeCloseTo(explanation.weight + explanation.priorBits, 6);
    const byField = Object.fromEntries(explanation.fields.map((f) => [f.field, f]));
    expect(byField.name?.level).toBe('variant');
    expect(byField.name?.why).toMatch(/محمد\u2069 ≈ \u2068Muhammad/);
    expect(byField.birthDate?.level).toBe('swapped');
    expect(byField.birthDate?.why).toMatch(/day and month swapped/);
    expect(byField.sex).toMatchObject({ level: 'missing', weight: 0 });
    expect(explanation.reason).toMatch(/log-odds/);
  });
});
