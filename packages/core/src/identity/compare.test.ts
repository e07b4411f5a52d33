import type { Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { BIRTH_DATE_PRECISION_EXT, LANGUAGE_EXT, PASSAGE_ID_SYSTEM } from '../records/fhir-conventions.ts';
import { compareBirth, compareInto, compareNames } from './compare.ts';
import { extractFeatures } from './features.ts';
import { FIELD_INDEX, FIELDS, LEVELS } from './fields.ts';
import { jaroWinkler } from './jaro-winkler.ts';
import { latinTokens } from './latin-tokens.ts';
import { phoneticKey } from './phonetic.ts';

/** A Patient from name strings: 'Given Given | Family', optionally in a language (native script). */
function patient(...names: (string | [string, string])[]): Patient {
  return {
    resourceType: 'Patient',
    name: names.map((entry) => {
      const [text, language] = Array.isArray(entry) ? entry : [entry, undefined];
      const [given, family] = text.split('|').map((s) => s.trim());
      return {
        given: given ? given.split(' ') : [],
        ...(family ? { family } : {}),
        ...(language ? { extension: [{ url: LANGUAGE_EXT, valueCode: language }] } : {}),
      };
    }),
  };
}

function nameLevel(a: Patient, b: Patient): string {
  return LEVELS.name[compareNames(extractFeatures(a).names, extractFeatures(b).names)] as string;
}

describe('name comparison across scripts and spellings', () => {
  it.each([
    [
      'Arabic script and Latin',
      patient(['محمد | الحسين', 'ar']),
      patient('Muhammad | Al-Hussein'),
      'variant',
    ],
    ['Arabic transliterations', patient('Mohammed | Hussein'), patient('Mouhamed | Husain'), 'variant'],
    ['Abd al- compounds', patient('Abd al-Rahman | Khalil'), patient('Abdulrahman | Khalil'), 'variant'],
    [
      'Abd al- split and joined',
      patient('Abdul Rahman | Khalil'),
      patient('Abdelrahman | Khalil'),
      'variant',
    ],
    ['al-/el- dropped or joined', patient('Omar | Al-Ahmad'), patient('Omar | Alahmad'), 'exact'],
    ['al- against el-', patient('Omar | Al-Ahmad'), patient('Omar | El Ahmad'), 'exact'],
    ['bin / ibn', patient('Ahmed bin Ali | Saleh'), patient('Ahmed Ali | Saleh'), 'exact'],
    ['Persian script', patient(['حسین | رضایی', 'fa']), patient('Hossein | Rezaei'), 'variant'],
    ['Urdu script', patient(['محمد عمران | خان', 'ur']), patient('Muhammad Imran | Khan'), 'variant'],
    [
      'Cyrillic, Ukrainian and Russian forms',
      patient(['Олександр | Шевченко', 'uk']),
      patient('Alexander | Shevchenko'),
      'variant',
    ],
    // A French transliteration is in no table: the phonetic key and the string comparator find it.
    [
      'Cyrillic, French transliteration',
      patient(['Юлія | Шевченко', 'uk']),
      patient('Julia | Chevtchenko'),
      'similar',
    ],
    [
      "Ge'ez, given and father's name",
      patient(['ተስፋይ | ዮሃንስ', 'ti']),
      patient('Tesfaye | Yohannes'),
      'variant',
    ],
    ['West African spellings', patient('Mamadou | Diallo'), patient('Mamadu | Jallow'), 'variant'],
    ["N'Diaye and Ndiaye", patient('Fatoumata | N\u2019Diaye'), patient('Fatoumata | Ndiaye'), 'exact'],
    ['accented Latin', patient('Hüseyin | Yılmaz'), patient('Huseyin | Yilmaz'), 'exact'],
    ['name order changed', patient('Hussein | Mohammed'), patient('Mohammed | Hussein'), 'exact'],
    ['a typo', patient('Blessing | Adeyemi'), patient('Blesing | Adeyemi'), 'similar'],
    ['a spelling outside the tables', patient('Tewolde | Kidane'), patient('Tewelde | Kidane'), 'similar'],
    ['a single name found in a longer one', patient('Mariam'), patient('Mariam | Traoré'), 'contained'],
    ['two single names', patient('Gulalai'), patient(['گلالۍ', 'ps']), 'single'],
    ['a dropped father’s name', patient('Ali Hassan | Al-Jabouri'), patient('Ali | Al-Jabouri'), 'exact'],
    ['siblings: own names differ', patient('Amal | Alaoui'), patient('Maryam | Alaoui'), 'other-given'],
    ['different people', patient('Rahim | Uddin'), patient('Olena | Kovalenko'), 'disagree'],
    ['no name', patient(), patient('Olena | Kovalenko'), 'missing'],
  ])('%s', (_, a, b, expected) => {
    expect(nameLevel(a, b)).toBe(expected);
    expect(nameLevel(b, a)).toBe(expected);
  });

  it('keeps two known names of different families apart (Hassan is not Hussein)', () => {
    expect(nameLevel(patient('Hassan | Omar'), patient('Hussein | Omar'))).toBe('other-given');
  });

  it('cuts Latin names into parts the way registrations differ', () => {
    expect(latinTokens('Abd al-Rahman Al Hussein').map((t) => t.key)).toEqual(['abdalrahman', 'hussein']);
    expect(latinTokens('Saif Ullah bin Laden').map((t) => t.key)).toEqual(['saifullah', 'laden']);
    expect(latinTokens('Md. Rahim').map((t) => t.key)).toEqual(['mohammed', 'rahim']);
  });
});

describe('string similarity and phonetic keys', () => {
  it('computes Jaro–Winkler as published', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });

  it('gives spellings of one name one phonetic key, and different names different keys', () => {
    const same = [
      ['shevchenko', 'chevtchenko', 'schewtschenko'],
      ['yuliia', 'julia', 'iuliia'],
      ['diallo', 'jallow', 'djallo'],
      ['zahra', 'zahrah'],
      ['serhii', 'sergei'],
      ['tesfay', 'tesfaye', 'tesfai'],
    ];
    for (const group of same) expect(new Set(group.map(phoneticKey)).size).toBe(1);
    expect(phoneticKey('mohammed')).not.toBe(phoneticKey('mahmoud'));
  });
});

function birth(date: string, precision?: string): Patient {
  return {
    resourceType: 'Patient',
    birthDate: date,
    ...(precision
      ? { _birthDate: { extension: [{ url: BIRTH_DATE_PRECISION_EXT, valueCode: precision }] } }
      : {}),
  } as Patient;
}

function birthLevel(a: Patient, b: Patient): string {
  return LEVELS.birthDate[compareBirth(extractFeatures(a).birth, extractFeatures(b).birth)] as string;
}

describe('birth date comparison', () => {
  it.each([
    ['1990-03-07', '1990-03-07', 'exact'],
    ['1990-03-07', '1990-07-03', 'swapped'],
    ['1990-03-07', '1990-03-17', 'near'],
    ['1990-03-07', '1991-03-07', 'near'],
    ['1990-01-01', '1990-01-01', 'year'],
    ['1990-01-01', '1990-06-12', 'year-vs-day'],
    ['1990-01-01', '1991-01-01', 'adjacent'],
    ['1990-06-12', '1991-01-01', 'adjacent-vs-day'],
    ['1990-06-12', '1990-11-30', 'differs'],
    ['1990-06-12', '1995-06-12', 'disagree'],
  ])('%s and %s: %s', (a, b, expected) => {
    expect(birthLevel(birth(a), birth(b))).toBe(expected);
  });

  it('reads the precision extension: a year, a month, or an estimate two years out', () => {
    expect(birthLevel(birth('1990-06-12', 'year'), birth('1990-03-04'))).toBe('year-vs-day');
    expect(birthLevel(birth('1990-06', 'month'), birth('1990-06-30'))).toBe('year-vs-day');
    expect(birthLevel(birth('1990-01-01', 'estimated'), birth('1992-01-01'))).toBe('adjacent');
    expect(birthLevel(birth('1990-01-01'), { resourceType: 'Patient' })).toBe('missing');
  });
});

describe('other fields', () => {
  const compare = (a: Patient, b: Patient) => {
    const levels = new Uint8Array(FIELDS.length);
    compareInto(extractFeatures(a), extractFeatures(b), levels, new Float64Array(FIELDS.length));
    return Object.fromEntries(FIELDS.map((field, f) => [field, LEVELS[field][levels[f] as number]]));
  };
  const passport = (value: string, country = 'sy') => ({
    system: `urn:passage:id:${country}:passport`,
    value,
  });

  it('compares identifiers by number and issuer', () => {
    const p = (identifier: Patient['identifier']): Patient => ({ resourceType: 'Patient', identifier });
    expect(
      compare(
        p([{ system: PASSAGE_ID_SYSTEM, value: '7K3M-Q9XR-4' }]),
        p([{ system: PASSAGE_ID_SYSTEM, value: '7k3m q9xr 4' }]),
      ).identifier,
    ).toBe('passage');
    expect(compare(p([passport('N123456')]), p([passport('N 123 456')])).identifier).toBe('same');
    expect(compare(p([passport('N123456')]), p([passport('N123456', 'iq')])).identifier).toBe('same-number');
    expect(compare(p([passport('N123456')]), p([passport('N654321')])).identifier).toBe('different');
    expect(compare(p([passport('N123456')]), p(undefined)).identifier).toBe('missing');
  });

  it('compares sex, nationality, phone and family links', () => {
    const base: Patient = {
      resourceType: 'Patient',
      gender: 'female',
      telecom: [{ system: 'phone', value: '+30 691 234 5678' }],
    };
    expect(compare(base, { ...base, gender: 'male' }).sex).toBe('disagree');
    expect(compare(base, { ...base, gender: 'unknown' }).sex).toBe('missing');
    expect(compare(base, { ...base, telecom: [{ system: 'phone', value: '0030 6912345678' }] }).phone).toBe(
      'same',
    );
    const linked = (id: string, to: string, code = 'MTH'): Patient => ({
      resourceType: 'Patient',
      id,
      extension: [
        {
          url: 'https://passage.example.org/fhir/StructureDefinition/family-link',
          extension: [
            { url: 'patient', valueReference: { reference: `Patient/${to}` } },
            { url: 'relationship', valueCoding: { code } },
          ],
        },
      ],
    });
    expect(compare(linked('a', 'm'), linked('b', 'm')).family).toBe('same-relative');
    expect(compare(linked('a', 'm'), linked('b', 'n')).family).toBe('different-relative');
    expect(compare(linked('a', 'b', 'SIB'), linked('b', 'c', 'SIB')).family).toBe('each-other');
    expect(FIELD_INDEX.family).toBeGreaterThan(0);
  });
});
