import { LANGUAGE_EXT, PASSAGE_ID_SYSTEM } from '@passage/core';
import { describe, expect, it } from 'vitest';
import type { Patient } from './fhir-types';
import { languageName, passageId, personAge, personNames, preferredLanguage } from './person';

const patient: Patient = {
  resourceType: 'Patient',
  name: [
    { use: 'usual', text: 'Amina Haddad', extension: [{ url: LANGUAGE_EXT, valueCode: 'ar-Latn' }] },
    { use: 'official', text: 'أمينة حداد', extension: [{ url: LANGUAGE_EXT, valueCode: 'ar-Arab' }] },
    { use: 'old', text: 'Amina H.' },
  ],
  identifier: [
    { system: 'urn:other', value: 'X1' },
    { system: PASSAGE_ID_SYSTEM, value: 'K7M2-9QXP' },
  ],
  communication: [
    { language: { coding: [{ code: 'fr' }] } },
    { language: { coding: [{ code: 'ar' }] }, preferred: true },
  ],
  birthDate: '1990-06-15',
};

describe('person', () => {
  it('lists the official name first, with its script, and leaves out old names', () => {
    expect(personNames(patient)).toEqual([
      { text: 'أمينة حداد', language: 'ar-Arab' },
      { text: 'Amina Haddad', language: 'ar-Latn' },
    ]);
  });

  it('builds a name from its parts when it has no text', () => {
    expect(personNames({ resourceType: 'Patient', name: [{ given: ['Ali'], family: 'Khan' }] })).toEqual([
      { text: 'Ali Khan', language: undefined },
    ]);
  });

  it('finds the Passage id and the preferred language', () => {
    expect(passageId(patient)).toBe('K7M2-9QXP');
    expect(preferredLanguage(patient)).toBe('ar');
    expect(preferredLanguage({ resourceType: 'Patient' })).toBeUndefined();
  });

  it('gives small children their age in months', () => {
    expect(personAge(patient, '2026-06-14')).toEqual({ unit: 'years', value: 35 });
    expect(personAge({ resourceType: 'Patient', birthDate: '2025-01-10' }, '2026-01-20')).toEqual({
      unit: 'months',
      value: 12,
    });
    expect(personAge({ resourceType: 'Patient' }, '2026-01-20')).toBeUndefined();
  });

  it('names languages in the reader’s language', () => {
    expect(languageName('ar', 'fr')).toBe('arabe');
  });
});
