import { BIRTH_DATE_PRECISION_EXT, LANGUAGE_EXT, NATIONALITY_EXT, PASSAGE_ID_SYSTEM } from '@passage/core';
import type { Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { agreementOf, birthAgreement, compareFacts, factsOf } from './person-facts';

const nationality = (code: string) => ({
  url: NATIONALITY_EXT,
  extension: [{ url: 'code', valueCodeableConcept: { coding: [{ system: 'urn:iso:std:iso:3166', code }] } }],
});

const first: Patient = {
  resourceType: 'Patient',
  id: 'a',
  name: [
    {
      use: 'official',
      given: ['محمد'],
      family: 'حداد',
      extension: [{ url: LANGUAGE_EXT, valueCode: 'ar-Arab' }],
    },
    { use: 'usual', given: ['Mohammed'], family: 'Haddad' },
  ],
  gender: 'male',
  birthDate: '1990',
  _birthDate: { extension: [{ url: BIRTH_DATE_PRECISION_EXT, valueCode: 'year' }] },
  extension: [nationality('SY')],
  identifier: [{ system: PASSAGE_ID_SYSTEM, value: 'AAAA-BBBB-C' }],
  managingOrganization: { reference: 'Organization/site-1' },
} as Patient;

const second: Patient = {
  resourceType: 'Patient',
  id: 'b',
  name: [{ use: 'usual', given: ['Muhammad'], family: 'Haddad' }],
  gender: 'male',
  birthDate: '1990-01-01',
  extension: [nationality('SY'), nationality('LB')],
  managingOrganization: { reference: 'Organization/site-2' },
} as Patient;

describe('comparing two records', () => {
  it('reads the facts a reviewer compares', () => {
    const facts = factsOf(first);
    expect(facts.native).toEqual([{ text: 'محمد حداد', lang: 'ar-Arab' }]);
    expect(facts.latin.map((n) => n.text)).toEqual(['Mohammed Haddad']);
    expect(facts.birth).toEqual({ date: '1990', precision: 'year' });
    expect(facts.nationalities).toEqual(['SY']);
    expect(facts.passageId).toBe('AAAA-BBBB-C');
    expect(facts.siteId).toBe('site-1');
    expect(facts.arrival).toBeUndefined();
  });

  it('compares lists as sets, ignoring case and accents, and says when one side is unknown', () => {
    expect(agreementOf(['Haddad'], ['HADDAD'])).toBe('same');
    expect(agreementOf(['José'], ['jose'])).toBe('same');
    expect(agreementOf(['SY'], ['SY', 'LB'])).toBe('partly');
    expect(agreementOf(['SY'], ['AF'])).toBe('differs');
    expect(agreementOf([], ['AF'])).toBe('unknown');
    // Persian yeh and Arabic yeh, a hamza left out: the same name.
    expect(agreementOf(['مریم'], ['مريم'])).toBe('same');
    expect(agreementOf(['أحمد'], ['احمد'])).toBe('same');
  });

  it('reads a birth year against 1 January of that year as partly the same', () => {
    expect(
      birthAgreement({ date: '1990', precision: 'year' }, { date: '1990-01-01', precision: 'exact' }),
    ).toBe('partly');
    expect(
      birthAgreement({ date: '1990-03-04', precision: 'exact' }, { date: '1990-03-04', precision: 'exact' }),
    ).toBe('same');
    expect(
      birthAgreement({ date: '1990-03-04', precision: 'exact' }, { date: '1985-03-04', precision: 'exact' }),
    ).toBe('differs');
    expect(birthAgreement(undefined, { date: '1990', precision: 'year' })).toBe('unknown');
  });

  it('compares names written in different scripts through their Latin spellings', () => {
    const latinOnly = {
      ...second,
      name: [{ use: 'official', given: ['Muhammad'], family: 'Haddad' }],
    } as Patient;
    expect(factsOf(latinOnly).latin.map((n) => n.text)).toEqual(['Muhammad Haddad']);
    expect(compareFacts(factsOf(first), factsOf(latinOnly))).toMatchObject({
      native: 'unknown',
      latin: 'partly',
    });
  });

  it('marks each row of the comparison', () => {
    const rows = compareFacts(factsOf(first), factsOf(second));
    expect(rows).toMatchObject({
      native: 'unknown',
      latin: 'partly',
      other: null,
      sex: 'same',
      birth: 'partly',
      nationality: 'partly',
      passageId: null,
      site: 'differs',
      documents: null,
      arrival: null,
      family: null,
    });
  });
});
