/** The adapter's contract: stored and probe keys bring a person registered twice together. */
import { describe, expect, it } from 'vitest';
import type { Patient } from '@medplum/fhirtypes';
import { generatePopulation } from '@passage/core';
import { probeKeys, scorePatients, storedKeys } from './matcher.ts';
import { reRegistered } from './scan-population.ts';

const people: Patient[] = generatePopulation({
  count: 120,
  seed: 5,
  managingOrganizations: ['Organization/a'],
}).map((p, i) => ({ ...p.patient, id: `p${i}` }));
const undated = people.slice(0, 15).map(({ birthDate: _b, ...p }, i) => ({ ...p, id: `u${i}` }));
const twins = people.slice(20, 40).map((p, i) => ({ ...reRegistered(p, 'b', i % 2 === 0), id: `t${i}` }));

/** Whether a finds b by a key whose block (here: just b) is within the probe's cap. */
const finds = (a: Patient, b: Patient): boolean => {
  const stored = new Set(storedKeys(b));
  return probeKeys(a).some((p) => p.cap >= 1 && stored.has(p.key));
};

describe('blocking keys', () => {
  it('bring a person registered twice together, with or without a birth date', () => {
    for (const [i, twin] of twins.entries()) {
      const first = people[20 + i] as Patient;
      expect(finds(twin, first) || finds(first, twin), twin.id).toBe(true);
    }
    for (const [i, u] of undated.entries()) {
      const first = people[i] as Patient;
      expect(finds(u, first) || finds(first, u), u.id).toBe(true);
    }
  });

  it('are safe integers for a bigint column, whatever was typed', () => {
    const long = 'x'.repeat(5000);
    const keys = storedKeys({
      resourceType: 'Patient',
      name: [{ family: long, given: [long] }],
      identifier: [{ system: long, value: long }],
    });
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(Number.isSafeInteger(key) && key >= 0).toBe(true);
  });
});

describe('pair scores', () => {
  it('grade a re-registration above a stranger and explain every field', () => {
    const twin = twins[0] as Patient;
    const same = scorePatients(people[20] as Patient, twin, 10_000);
    const stranger = scorePatients(people[21] as Patient, twin, 10_000);
    expect(same.score).toBeGreaterThan(stranger.score);
    expect(['certain', 'probable', 'possible']).toContain(same.grade);
    expect(same.fields.map((f) => f.field)).toEqual(expect.arrayContaining(['name', 'birthDate', 'sex']));
    for (const f of same.fields) expect(f.note.length).toBeGreaterThan(0);
  });
});
