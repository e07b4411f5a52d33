import type { Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { NATIONALITY_EXT } from '../records/fhir-conventions.ts';
import { extractFeatures, type RecordFeatures } from './features.ts';
import { applyFrequencies, countFrequencies } from './frequencies.ts';

const person = (given: string, family: string, nationality?: string): RecordFeatures =>
  extractFeatures({
    resourceType: 'Patient',
    name: [{ given: [given], family }],
    ...(nationality
      ? {
          extension: [
            {
              url: NATIONALITY_EXT,
              extension: [{ url: 'code', valueCodeableConcept: { coding: [{ code: nationality }] } }],
            },
          ],
        }
      : {}),
  } satisfies Patient);

describe('term frequencies', () => {
  // 400 Afghans, a tenth of them Gul; 400 Eritreans, none of them.
  const register = [
    ...Array.from({ length: 400 }, (_, i) => person(i % 10 === 0 ? 'Gul' : `Given${i}`, `Family${i}`, 'AF')),
    ...Array.from({ length: 400 }, (_, i) => person(`Name${i}`, `Surname${i}`, 'ER')),
  ];
  const frequencies = countFrequencies(register);
  const gulBits = (nationality?: string) => {
    const f = person('Gul', 'Other', nationality);
    applyFrequencies(f, frequencies);
    return f.names[0]?.info ?? NaN;
  };

  it('weighs a name by how common it is within the nationality', () => {
    // Among Afghans about one in ten is Gul (3.3 bits); register-wide one in twenty (4.3 bits).
    expect(gulBits('AF')).toBeLessThan(3.6);
    // Among Eritreans Gul has not been seen: nearly as rare as the register can tell.
    expect(gulBits('ER')).toBeGreaterThan(gulBits('AF') + 1);
  });

  it('reads a record without nationality within the one its names are most common in', () => {
    expect(gulBits()).toBeCloseTo(gulBits('AF'), 6);
  });
});
