import { PASSAGE_ID_SYSTEM, newPassageId } from '@passage/core';
import type { Bundle, Patient } from '@medplum/fhirtypes';
import encodeQR from 'qr';
import decodeQR from 'qr/decode.js';
import { describe, expect, it } from 'vitest';
import { cardUrl, passageIdFromScan } from './card-url';
import {
  COUNTRY_CODES,
  FREQUENT_COUNTRIES,
  PASSAGE_LANGUAGES,
  countryName,
  countryOptions,
  languageName,
  languageOptions,
} from './countries';
import { collectFieldErrors, serverIssueField } from './form-issues';
import { birthOf, latinName, nationalitiesOf, nativeName, passageIdOf, readPeopleBundle } from './person';
import { interpretQuery, patientSearchQuery, NO_FILTERS } from './search-query';

const ID = newPassageId(() => 7);

describe('the search box', () => {
  it('reads names in any script as names', () => {
    expect(interpretQuery('  محمد   الحلبي ')).toEqual({ kind: 'name', text: 'محمد الحلبي' });
    expect(interpretQuery('Oleksandr')).toEqual({ kind: 'name', text: 'Oleksandr' });
    expect(interpretQuery('')).toEqual({ kind: 'empty' });
  });

  it('reads a Passage identifier however it is typed', () => {
    const bare = ID.replace(/-/g, '').toLowerCase();
    expect(interpretQuery(ID)).toEqual({ kind: 'passage-id', id: ID, alsoIdentifier: false });
    expect(interpretQuery(bare)).toEqual({ kind: 'passage-id', id: ID, alsoIdentifier: true });
    expect(patientSearchQuery({ ...NO_FILTERS, q: ID })?.['identifier']).toBe(`${PASSAGE_ID_SYSTEM}|${ID}`);
  });

  it('says when an identifier written like a Passage one does not add up', () => {
    const wrong = `${ID.slice(0, 10)}${ID.endsWith('0') ? '1' : '0'}`;
    expect(interpretQuery(wrong)).toEqual({ kind: 'passage-id-invalid', reason: 'check' });
    expect(patientSearchQuery({ ...NO_FILTERS, q: wrong })).toBeUndefined();
  });

  it('searches other documents by number, noting nine symbols that may be a mistyped Passage id', () => {
    expect(interpretQuery('N0123456X')).toMatchObject({ kind: 'identifier', maybePassageId: true });
    expect(interpretQuery('369-16C01234')).toEqual({
      kind: 'identifier',
      value: '369-16C01234',
      maybePassageId: false,
    });
  });

  it('adds the filters as FHIR search parameters', () => {
    const query = patientSearchQuery({
      q: 'Fatima',
      birthYear: '1994',
      nationality: 'SY',
      site: 's1',
      sex: 'female',
    });
    expect(query).toMatchObject({
      name: 'Fatima',
      birthdate: '1994',
      nationality: 'SY',
      organization: 'Organization/s1',
      gender: 'female',
      _include: 'Patient:organization',
    });
    expect(patientSearchQuery(NO_FILTERS)?.['_sort']).toBe('-_lastUpdated');
  });
});

describe('card links', () => {
  it('reads the identifier from the card link or as typed', () => {
    expect(passageIdFromScan(cardUrl(ID))).toEqual({ ok: true, id: ID });
    expect(passageIdFromScan(`https://other.example/p/${ID.toLowerCase()}/`)).toEqual({ ok: true, id: ID });
    expect(passageIdFromScan(` ${ID} `)).toEqual({ ok: true, id: ID });
    expect(passageIdFromScan('https://passage.example.org/about')).toMatchObject({ ok: false });
  });

  it('survives the trip through a QR code', () => {
    const modules = encodeQR(cardUrl(ID), 'raw', { ecc: 'medium', border: 4 });
    const scale = 4;
    const size = modules.length * scale;
    const data = new Uint8ClampedArray(size * size * 4);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const dark = modules[Math.floor(y / scale)]?.[Math.floor(x / scale)];
        data.fill(dark ? 0 : 255, (y * size + x) * 4, (y * size + x) * 4 + 3);
        data[(y * size + x) * 4 + 3] = 255;
      }
    }
    expect(passageIdFromScan(decodeQR({ width: size, height: size, data }))).toEqual({ ok: true, id: ID });
  });
});

describe('showing a person', () => {
  const patient: Patient = {
    resourceType: 'Patient',
    identifier: [{ system: PASSAGE_ID_SYSTEM, value: ID }],
    name: [
      {
        use: 'official',
        text: 'فاطمة الحلبي',
        extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/language', valueCode: 'ar-Arab' }],
      },
      { use: 'usual', given: ['Fatima'], family: 'Al-Halabi' },
    ],
    birthDate: '1996',
    _birthDate: {
      extension: [
        {
          url: 'https://passage.example.org/fhir/StructureDefinition/birth-date-precision',
          valueCode: 'estimated',
        },
      ],
    },
    extension: [
      {
        url: 'http://hl7.org/fhir/StructureDefinition/patient-nationality',
        extension: [
          { url: 'code', valueCodeableConcept: { coding: [{ system: 'urn:iso:std:iso:3166', code: 'SY' }] } },
        ],
      },
    ],
  } as Patient;

  it('finds the names, the Passage identifier, the birth precision and nationality', () => {
    expect(nativeName(patient)).toEqual({ text: 'فاطمة الحلبي', lang: 'ar-Arab' });
    expect(latinName(patient)).toEqual({ text: 'Fatima Al-Halabi', lang: undefined });
    expect(passageIdOf(patient)).toBe(ID);
    expect(birthOf(patient)).toEqual({ date: '1996', precision: 'estimated' });
    expect(birthOf({ resourceType: 'Patient', birthDate: '1994-03' })).toEqual({
      date: '1994-03',
      precision: 'month',
    });
    expect(nationalitiesOf(patient)).toEqual(['SY']);
  });

  it('uses a Latin official name when there is no transliteration', () => {
    expect(
      latinName({ resourceType: 'Patient', name: [{ use: 'official', text: 'José Pérez' }] })?.text,
    ).toBe('José Pérez');
    expect(latinName({ resourceType: 'Patient', name: [{ use: 'official', text: 'Юлія' }] })).toBeUndefined();
  });

  it('reads a page of results with site names and paging links', () => {
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      link: [
        { relation: 'self', url: 'http://localhost:8080/fhir/Patient?name=a' },
        { relation: 'next', url: 'http://localhost:8080/fhir/Patient?name=a&_offset=20' },
      ],
      entry: [
        { resource: patient, search: { mode: 'match' } },
        { resource: { resourceType: 'Organization', id: 's1', name: 'Lesvos' }, search: { mode: 'include' } },
      ],
    };
    expect(readPeopleBundle(bundle)).toEqual({
      patients: [patient],
      sites: { s1: 'Lesvos' },
      next: '/fhir/Patient?name=a&_offset=20',
      previous: undefined,
    });
  });
});

describe('form issues', () => {
  it('keeps the first message per field', () => {
    const issues = [
      { path: ['birth', 'date'], message: 'a' },
      { path: ['birth', 'date'], message: 'b' },
      { path: ['identifiers', 0, 'value'], message: 'c' },
    ];
    expect(collectFieldErrors(issues, (i) => i.message)).toEqual({
      'birth.date': 'a',
      'identifiers.0.value': 'c',
    });
  });

  it('places server issues at their field', () => {
    expect(serverIssueField('Patient.birthDate')).toBe('birth.date');
    expect(serverIssueField('Patient.identifier[1].value')).toBe('identifiers.1.value');
    expect(serverIssueField('Patient.meta')).toBeUndefined();
    expect(serverIssueField(undefined)).toBeUndefined();
  });
});

describe('country and language choices', () => {
  it('lists every ISO country once, each one Intl can name', () => {
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    expect(COUNTRY_CODES.filter((code) => names.of(code) === code)).toEqual([]);
    expect(FREQUENT_COUNTRIES.filter((code) => !COUNTRY_CODES.includes(code))).toEqual([]);
  });

  it('names countries and languages in the interface language, languages also in themselves', () => {
    expect(countryName('SY', 'fr')).toBe('Syrie');
    expect(languageName('uk', 'en')).toBe('Ukrainian · українська');
    expect(languageName('en', 'en')).toBe('English');
    const groups = countryOptions('ar', { frequent: 'f', all: 'a' });
    expect(groups[0]?.items.length).toBe(FREQUENT_COUNTRIES.length);
    expect((groups[0]?.items.length ?? 0) + (groups[1]?.items.length ?? 0)).toBe(249);
    expect(languageOptions('en', { passage: 'p', other: 'o' })[0]?.items.map((i) => i.value)).toEqual(
      PASSAGE_LANGUAGES,
    );
  });
});
