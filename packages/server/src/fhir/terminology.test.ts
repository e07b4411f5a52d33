import { describe, expect, it } from 'vitest';
import { PassageError } from '@passage/core';
import { loadFhirDefinitions } from './definitions.ts';
import { validateFhir } from './store/validate.ts';
import { expandValueSet } from './terminology.ts';

loadFhirDefinitions();

describe('required bindings', () => {
  it('expands FHIR value sets', () => {
    expect(
      [
        ...(expandValueSet('http://hl7.org/fhir/ValueSet/administrative-gender|4.0.1')?.values() ?? []),
      ].flatMap((s) => [...s]),
    ).toEqual(['male', 'female', 'other', 'unknown']);
  });

  it('refuses a code outside a required value set, naming the element', () => {
    const err = (() => {
      try {
        validateFhir({ resourceType: 'Patient', gender: 'x' as 'male' });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(PassageError);
    expect((err as PassageError).status).toBe(422);
    expect((err as PassageError).issues[0]).toMatchObject({ expression: 'Patient.gender' });
    expect((err as PassageError).issues[0]?.message).toMatch(/male, female, other, unknown/);
  });

  it('accepts valid codes', () => {
    expect(() =>
      validateFhir({
        resourceType: 'Observation',
        status: 'final',
        code: { text: 'weight' },
        valueQuantity: { value: 3, comparator: '<' },
      }),
    ).not.toThrow();
  });
});
