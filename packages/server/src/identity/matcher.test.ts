/** The adapter's contract with the scan: blocking keys are symmetric, and near-duplicates share one. */
import { describe, expect, it } from 'vitest';
import type { Patient } from '@medplum/fhirtypes';
import { generatePopulation } from '@passage/core';
import { probeKeys, storedKeys } from './matcher.ts';
import { reRegistered } from './scan-population.ts';

const people: Patient[] = generatePopulation({
  count: 120,
  seed: 5,
  managingOrganizations: ['Organization/a'],
}).map((p, i) => ({ ...p.patient, id: `p${i}` }));
// Some people with no birth date, and some registered twice.
const undated = people.slice(0, 15).map(({ birthDate: _b, ...p }, i) => ({ ...p, id: `u${i}` }));
const twins = people.slice(20, 40).map((p, i) => ({ ...reRegistered(p, 'b', i % 2 === 0), id: `t${i}` }));
const everyone = [...people, ...undated, ...twins];

const stored = new Map(everyone.map((p) => [p, new Set(storedKeys(p))]));
const probes = new Map(everyone.map((p) => [p, probeKeys(p)]));
const meets = (a: Patient, b: Patient): boolean =>
  (probes.get(a) ?? probeKeys(a)).some((k) => (stored.get(b) ?? new Set(storedKeys(b))).has(k));

describe('blocking keys', () => {
  it('are symmetric: a finds b exactly when b finds a', () => {
    const asymmetric: string[] = [];
    for (const a of everyone)
      for (const b of everyone)
        if (a !== b && meets(a, b) !== meets(b, a)) asymmetric.push(`${a.id}/${b.id}`);
    expect(asymmetric).toEqual([]);
  });

  it('bring a person registered twice together, with or without a birth date', () => {
    for (const [i, twin] of twins.entries())
      expect(meets(twin, people[20 + i] as Patient), twin.id).toBe(true);
    for (const [i, u] of undated.entries()) expect(meets(u, people[i] as Patient), u.id).toBe(true);
  });

  it('fit an index entry whatever was typed', () => {
    const long = 'x'.repeat(5000);
    const keys = storedKeys({
      resourceType: 'Patient',
      name: [{ family: long }],
      identifier: [{ system: long, value: long }],
    });
    expect(Math.max(...keys.map((k) => k.length))).toBeLessThan(300);
  });
});
