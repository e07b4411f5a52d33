import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatePopulation } from '../demo/population.ts';
import {
  ARRIVAL_EXT,
  BIRTH_DATE_ESTIMATION_EXT,
  BIRTH_DATE_PRECISION_EXT,
  FAMILY_LINK_EXT,
  HOUSEHOLD_EXT,
  LANGUAGE_EXT,
  MIGRATION_CATEGORY_EXT,
  NATIONALITY_EXT,
  PASSAGE_ID_SYSTEM,
  TRANSIT_EXT,
} from './fhir-conventions.ts';
import {
  CONTACT_RELATIONSHIPS,
  FAMILY_RELATIONSHIPS,
  IDENTIFIER_TYPES,
  LITERACY_LEVELS,
  MIGRATION_CATEGORIES,
  OTHER_NAME_USES,
  compareDates,
  dateParts,
  scriptSubtag,
  emptyRegistration,
  estimatedBirthYear,
  makeRegistrationSchema,
  nameLanguageTag,
  patientToRegistration,
  registrationProblemOf,
  registrationToPatient,
  type IdentifierType,
  type Registration,
} from './registration.ts';

const TODAY = '2026-11-25';
const schema = makeRegistrationSchema(() => TODAY);
const SITE = { siteId: 'site-lesvos' };

/** A Syrian woman registered on Lesvos, with most of the form filled in. */
function syrian(): Registration {
  return {
    ...emptyRegistration(TODAY),
    name: { language: 'ar-Arab', family: 'الحلبي', given: 'فاطمة الزهراء' },
    transliterations: [
      { language: 'ar-Latn', family: 'Al-Halabi', given: 'Fatima Al-Zahraa' },
      { language: 'ar-Latn', family: 'El Halaby', given: 'Fatma Zahra' },
    ],
    otherNames: [{ use: 'nickname', language: 'ar-Arab', family: '', given: 'أم أحمد' }],
    gender: 'female',
    birth: { precision: 'month', date: '1994-03', age: null, statedOn: TODAY, how: '' },
    nationalities: ['SY', 'TR'],
    birthCountry: 'SY',
    lastResidence: 'TR',
    languages: [
      { code: 'ar', literacy: 'fluent', preferred: true },
      { code: 'tr', literacy: 'basic', preferred: false },
    ],
    interpreterNeeded: true,
    identifiers: [
      { type: 'passport', value: 'N01234567', country: 'SY', organization: '' },
      { type: 'unhcr-case', value: '369-16C01234', country: '', organization: 'UNHCR' },
    ],
    arrival: { date: '2026-11-20', place: 'Mytilene', country: 'GR' },
    transits: [
      { country: 'LB', from: '2023-02', to: '2023-08' },
      { country: 'TR', from: '2023-08-15', to: '2026-11-19' },
    ],
    migrationCategory: 'asylum-seeker',
    familyLinks: [{ patientId: 'p-ahmad', display: 'Ahmad Al-Halabi', relationship: 'CHILD' }],
    household: 'H-7K3M-Q9XR-4',
    telecom: [
      { system: 'phone', value: '+30 690 000 0001' },
      { system: 'email', value: 'fatima@example.org' },
    ],
    address: 'Mavrovouni reception centre, tent 14',
    emergencyContact: { name: 'Omar Al-Halabi', relationship: 'SIB', phone: '+49 151 0000000' },
    photo: { contentType: 'image/jpeg', data: '/9j/4AAQSkZJRgABAQ==' },
  };
}

/** Issues as `path: problem`, the way a form shows them beside its fields. */
function problems(form: Registration): string[] {
  const result = schema.safeParse(form);
  if (result.success) return [];
  return result.error.issues.map((i) => `${i.path.join('.')}: ${registrationProblemOf(i) ?? i.code}`);
}

describe('registrationToPatient', () => {
  const patient = registrationToPatient(syrian(), SITE);

  it('writes the name as written, then the Latin spellings, then aliases, each with its language', () => {
    expect(patient.name).toEqual([
      {
        use: 'official',
        text: 'فاطمة الزهراء الحلبي',
        family: 'الحلبي',
        given: ['فاطمة', 'الزهراء'],
        extension: [{ url: LANGUAGE_EXT, valueCode: 'ar-Arab' }],
      },
      {
        use: 'usual',
        text: 'Fatima Al-Zahraa Al-Halabi',
        family: 'Al-Halabi',
        given: ['Fatima', 'Al-Zahraa'],
        extension: [{ url: LANGUAGE_EXT, valueCode: 'ar-Latn' }],
      },
      expect.objectContaining({ use: 'usual', family: 'El Halaby' }),
      expect.objectContaining({ use: 'nickname', given: ['أم', 'أحمد'] }),
    ]);
  });

  it('records the birth date with its precision, and the site as managing organisation', () => {
    expect(patient.birthDate).toBe('1994-03');
    expect(patient._birthDate).toEqual({
      extension: [{ url: BIRTH_DATE_PRECISION_EXT, valueCode: 'month' }],
    });
    expect(patient.managingOrganization).toEqual({ reference: 'Organization/site-lesvos' });
    expect(patient.gender).toBe('female');
    expect(patient.active).toBe(true);
  });

  it('does not make a Passage identifier (the server assigns it)', () => {
    expect(patient.identifier?.some((i) => i.system === PASSAGE_ID_SYSTEM)).toBe(false);
    expect(patient.identifier).toEqual([
      {
        use: 'official',
        type: {
          coding: [{ system: IDENTIFIER_TYPES.passport.system, code: 'PPN', display: 'Passport number' }],
          text: 'Passport number',
        },
        system: 'urn:passage:id:sy:passport',
        value: 'N01234567',
      },
      expect.objectContaining({
        system: 'urn:passage:id:unhcr-case',
        value: '369-16C01234',
        assigner: { display: 'UNHCR' },
      }),
    ]);
  });

  it('writes nationality, journey, category, family and household as Passage extensions', () => {
    const urls = (patient.extension ?? []).map((e) => e.url);
    expect(urls.filter((u) => u === NATIONALITY_EXT)).toHaveLength(2);
    expect(patient.extension?.find((e) => e.url === ARRIVAL_EXT)?.extension).toEqual([
      { url: 'date', valueDate: '2026-11-20' },
      { url: 'place', valueString: 'Mytilene' },
      { url: 'country', valueCode: 'GR' },
    ]);
    const transits = patient.extension?.filter((e) => e.url === TRANSIT_EXT) ?? [];
    expect(transits.map((t) => t.extension?.[0]?.valueCode)).toEqual(['LB', 'TR']);
    expect(transits[0]?.extension?.[1]).toEqual({
      url: 'period',
      valuePeriod: { start: '2023-02', end: '2023-08' },
    });
    expect(patient.extension?.find((e) => e.url === MIGRATION_CATEGORY_EXT)?.valueCoding?.code).toBe(
      'asylum-seeker',
    );
    expect(patient.extension?.find((e) => e.url === FAMILY_LINK_EXT)?.extension?.[0]?.valueReference).toEqual(
      {
        reference: 'Patient/p-ahmad',
        display: 'Ahmad Al-Halabi',
      },
    );
    expect(patient.extension?.find((e) => e.url === HOUSEHOLD_EXT)?.valueString).toBe('H-7K3M-Q9XR-4');
  });

  it('writes languages, the emergency contact and the photo', () => {
    expect(patient.communication?.[0]).toMatchObject({
      preferred: true,
      language: { coding: [{ code: 'ar' }] },
    });
    expect(patient.communication?.[1]?.preferred).toBeUndefined();
    expect(patient.contact?.[0]?.relationship?.[0]?.coding?.[0]?.code).toBe('C');
    expect(patient.photo).toEqual([{ contentType: 'image/jpeg', data: '/9j/4AAQSkZJRgABAQ==' }]);
  });

  it('round-trips the form', () => {
    expect(schema.safeParse(syrian()).success).toBe(true);
    expect(patientToRegistration(patient, TODAY)).toEqual(syrian());
  });

  it('leaves blank rows and half-typed dates out of an unfinished form', () => {
    const form = emptyRegistration(TODAY);
    form.birth.date = '19';
    form.identifiers.push({ type: '', value: '', country: '', organization: '' });
    form.name = { language: '', family: '', given: '  Ali  ' };
    expect(registrationToPatient(form, SITE)).toEqual({
      resourceType: 'Patient',
      active: true,
      name: [{ use: 'official', text: 'Ali', given: ['Ali'] }],
      managingOrganization: { reference: 'Organization/site-lesvos' },
    });
  });
});

describe('right-to-left and other scripts', () => {
  it('detects the script of a name, harakat and tatweel included', () => {
    expect(scriptSubtag('مُحَمَّد')).toBe('Arab');
    expect(scriptSubtag('محـــمد')).toBe('Arab');
    expect(scriptSubtag('حسین رضایی')).toBe('Arab'); // Persian letters
    expect(scriptSubtag('عمران خان')).toBe('Arab'); // Urdu
    expect(scriptSubtag('Олександр')).toBe('Cyrl');
    expect(scriptSubtag('ሰላም')).toBe('Ethi');
    expect(scriptSubtag('Hüseyin')).toBe('Latn');
    expect(scriptSubtag('123')).toBeUndefined();
  });

  it('tags a name with its language and script', () => {
    expect(nameLanguageTag('fa', 'حسین')).toBe('fa-Arab');
    expect(nameLanguageTag('uk', 'Юлія')).toBe('uk-Cyrl');
    expect(nameLanguageTag('', 'محمد')).toBe('und-Arab');
    expect(nameLanguageTag('ar-Latn', 'محمد')).toBe('ar-Arab');
    expect(nameLanguageTag('ar', '')).toBe('ar');
  });

  it('keeps Arabic names with harakat and bidi-mixed text exactly as typed', () => {
    const form = syrian();
    form.name = { language: 'ar-Arab', family: 'عَبْد الله', given: 'مُحَمَّد' };
    const back = patientToRegistration(registrationToPatient(form, SITE), TODAY);
    expect(back.name).toEqual(form.name);
    expect(problems(form)).toEqual([]);
  });

  it('accepts a name given only in Latin transliteration, or only in the native script', () => {
    const latinOnly = { ...syrian(), name: { language: '', family: '', given: '' } };
    expect(problems(latinOnly)).toEqual([]);
    expect(problems({ ...syrian(), transliterations: [] })).toEqual([]);
  });
});

describe('estimated birth dates', () => {
  it('picks the year holding most of the possible birth dates', () => {
    expect(estimatedBirthYear(30, '2026-11-25')).toBe(1996); // born 1995-11-26 … 1996-11-25
    expect(estimatedBirthYear(30, '2026-01-10')).toBe(1995); // born 1995-01-11 … 1996-01-10
    expect(estimatedBirthYear(0, '2026-03-01')).toBe(2025);
  });

  it('stores the year, the precision and how it was estimated, and reads them back', () => {
    const form = syrian();
    form.birth = {
      precision: 'estimated',
      date: '',
      age: 30,
      statedOn: TODAY,
      how: 'no documents; dental exam',
    };
    const patient = registrationToPatient(form, SITE);
    expect(patient.birthDate).toBe('1996');
    expect(patient._birthDate?.extension).toEqual([
      { url: BIRTH_DATE_PRECISION_EXT, valueCode: 'estimated' },
      {
        url: BIRTH_DATE_ESTIMATION_EXT,
        valueString: 'stated age 30 on 2026-11-25: no documents; dental exam',
      },
    ]);
    expect(patientToRegistration(patient, TODAY).birth).toEqual(form.birth);
  });

  it('keeps an estimation written by another system as text, asking for the age again', () => {
    const patient = {
      resourceType: 'Patient' as const,
      birthDate: '1990',
      _birthDate: {
        extension: [
          { url: BIRTH_DATE_PRECISION_EXT, valueCode: 'estimated' },
          { url: BIRTH_DATE_ESTIMATION_EXT, valueString: 'about 35 by appearance' },
        ],
      },
    };
    const birth = patientToRegistration(patient, TODAY).birth;
    expect(birth).toEqual({
      precision: 'estimated',
      date: '1990',
      age: null,
      statedOn: '',
      how: 'about 35 by appearance',
    });
    expect(registrationToPatient({ ...syrian(), birth }, SITE).birthDate).toBe('1990');
  });

  it('reads year-only dates written as 1 January with a year precision (as the demo does)', () => {
    const birth = patientToRegistration({
      resourceType: 'Patient',
      birthDate: '1990-01-01',
      _birthDate: { extension: [{ url: BIRTH_DATE_PRECISION_EXT, valueCode: 'year' }] },
    }).birth;
    expect(birth.precision).toBe('year');
    expect(birth.date).toBe('1990');
  });
});

describe('validation', () => {
  const check = (change: (form: Registration) => void): string[] => {
    const form = syrian();
    change(form);
    return problems(form);
  };

  it('accepts the full example and reports nothing', () => {
    expect(problems(syrian())).toEqual([]);
  });

  it('needs a name in some script', () => {
    expect(
      check((f) => {
        f.name = { language: '', family: ' ', given: '' };
        f.transliterations = [];
      }),
    ).toEqual(['name.given: name-required']);
  });

  it('checks language tags and that they match the letters of the name', () => {
    expect(check((f) => (f.name.language = 'arabic'))).toEqual(['name.language: language-tag-invalid']);
    expect(check((f) => (f.name.language = 'ru-Cyrl'))).toEqual(['name.language: name-script-mismatch']);
  });

  it('needs transliterations to be non-empty and in Latin letters', () => {
    expect(check((f) => (f.transliterations[1] = { language: 'ar-Latn', family: '', given: '' }))).toEqual([
      'transliterations.1.given: transliteration-empty',
    ]);
    expect(check((f) => ((f.transliterations[0] as { family: string }).family = 'الحلبي'))).toEqual([
      'transliterations.0.family: transliteration-not-latin',
    ]);
    expect(check((f) => ((f.transliterations[0] as { given: string }).given = 'Fāṭima Zahrā'))).toEqual([]);
  });

  it('needs previous names and aliases to be filled in, and names to be of reasonable length', () => {
    expect(check((f) => (f.otherNames[0] = { use: 'old', language: '', family: '', given: '' }))).toEqual([
      'otherNames.0.given: other-name-empty',
    ]);
    expect(check((f) => (f.name.family = 'ل'.repeat(101)))).toEqual(['name.family: too-long']);
    const result = schema.safeParse({ ...syrian(), address: 'x'.repeat(201) });
    expect(result.error?.issues[0]).toMatchObject({
      path: ['address'],
      params: { problem: 'too-long', max: 200 },
    });
  });

  it('needs the sex', () => {
    expect(check((f) => (f.gender = ''))).toEqual(['gender: gender-required']);
  });

  it('needs a birth date of the chosen precision, not in the future and not before 1900', () => {
    expect(check((f) => (f.birth.date = ''))).toEqual(['birth.date: birth-date-required']);
    expect(check((f) => (f.birth.date = '1994-13'))).toEqual(['birth.date: date-invalid']);
    expect(check((f) => (f.birth.date = '1994-03-02'))).toEqual(['birth.date: date-invalid']);
    expect(check((f) => (f.birth = { ...f.birth, precision: 'exact', date: '1994-02-30' }))).toEqual([
      'birth.date: date-invalid',
    ]);
    expect(check((f) => (f.birth = { ...f.birth, precision: 'exact', date: '2026-11-26' }))).toEqual([
      'birth.date: date-in-future',
    ]);
    expect(check((f) => (f.birth = { ...f.birth, precision: 'exact', date: TODAY }))).toEqual([
      'arrival.date: date-before-birth',
      'transits.0.from: date-before-birth',
      'transits.0.to: date-before-birth',
      'transits.1.from: date-before-birth',
      'transits.1.to: date-before-birth',
    ]);
    expect(check((f) => (f.birth = { ...f.birth, precision: 'year', date: '1899' }))).toEqual([
      'birth.date: date-before-1900',
    ]);
  });

  it('needs an estimated age from 0 to 120, and the day it was given', () => {
    const estimated =
      (age: number | null, statedOn = TODAY) =>
      (f: Registration) =>
        (f.birth = { precision: 'estimated', date: '', age, statedOn, how: '' });
    expect(check(estimated(30))).toEqual([]);
    expect(check(estimated(1))).toEqual([
      'transits.0.from: date-before-birth',
      'transits.0.to: date-before-birth',
      'transits.1.from: date-before-birth',
    ]);
    expect(check(estimated(null))).toEqual(['birth.age: age-required']);
    expect(check(estimated(121))).toEqual(['birth.age: age-range']);
    expect(check(estimated(-1))).toEqual(['birth.age: age-range']);
    expect(check(estimated(30.5))).toEqual(['birth.age: age-range']);
    expect(check(estimated(30, ''))).toEqual(['birth.statedOn: stated-on-required']);
    expect(check(estimated(30, '2027-01-01'))).toEqual(['birth.statedOn: date-in-future']);
    expect(check(estimated(120, '2010-01-01'))).toEqual(['birth.age: date-before-1900']);
  });

  it('checks countries and languages', () => {
    expect(check((f) => (f.nationalities = ['SY', 'sy', 'SY']))).toEqual([
      'nationalities.1: country-invalid',
      'nationalities.2: country-duplicate',
    ]);
    expect(check((f) => (f.birthCountry = 'Syria'))).toEqual(['birthCountry: country-invalid']);
    expect(check((f) => f.languages.push({ code: 'ar', literacy: '', preferred: false }))).toEqual([
      'languages.2.code: language-duplicate',
    ]);
    expect(check((f) => f.languages.push({ code: 'Arabic', literacy: '', preferred: false }))).toEqual([
      'languages.2.code: language-invalid',
    ]);
    expect(check((f) => ((f.languages[1] as { preferred: boolean }).preferred = true))).toEqual([
      'languages.1.preferred: preferred-language-multiple',
    ]);
  });

  it('needs a number when a document type is given, and the issuing country of passports', () => {
    const id =
      (type: IdentifierType | '', value: string, country = '') =>
      (f: Registration) =>
        (f.identifiers = [{ type, value, country, organization: '' }]);
    expect(check(id('passport', ' '))).toEqual([
      'identifiers.0.value: identifier-number-required',
      'identifiers.0.country: identifier-country-required',
    ]);
    expect(check(id('', 'A123'))).toEqual(['identifiers.0.type: identifier-type-required']);
    expect(check(id('asylum', 'GR-2026-001'))).toEqual([]);
    expect(check(id('national-id', '123', 'GR'))).toEqual([]);
  });

  it('needs arrival and transit dates in the past, in order, and before the arrival', () => {
    expect(check((f) => (f.arrival.date = '2026-12-01'))).toEqual(['arrival.date: date-in-future']);
    expect(check((f) => (f.arrival.date = '2026-11'))).toEqual([]);
    expect(check((f) => (f.transits[0] = { country: '', from: '', to: '' }))).toEqual([
      'transits.0.country: transit-country-required',
    ]);
    expect(check((f) => (f.transits[0] = { country: 'LB', from: '2023-08', to: '2023-02' }))).toEqual([
      'transits.0.to: transit-period-reversed',
    ]);
    expect(check((f) => f.transits.reverse())).toEqual(['transits.1.from: transit-order']);
    expect(check((f) => f.transits.push({ country: 'MK', from: '2026-11-22', to: '' }))).toEqual([
      'transits.2.from: transit-after-arrival',
    ]);
    expect(check((f) => f.transits.push({ country: 'MK', from: '2027', to: '' }))).toEqual([
      'transits.2.from: date-in-future',
    ]);
    expect(check((f) => f.transits.push({ country: 'GR', from: '2026-11', to: '' }))).toEqual([]);
  });

  it('needs family links to name a person and a relationship, once each', () => {
    expect(check((f) => f.familyLinks.push({ patientId: '', display: '', relationship: '' }))).toEqual([
      'familyLinks.1.patientId: family-person-required',
      'familyLinks.1.relationship: family-relationship-required',
    ]);
    expect(
      check((f) => f.familyLinks.push({ patientId: 'p-ahmad', display: 'Ahmad', relationship: 'SIB' })),
    ).toEqual(['familyLinks.1.patientId: family-duplicate']);
  });

  it('checks contact details and the emergency contact', () => {
    expect(check((f) => f.telecom.push({ system: 'phone', value: '' }))).toEqual([
      'telecom.2.value: contact-value-required',
    ]);
    expect(check((f) => f.telecom.push({ system: 'phone', value: 'call me' }))).toEqual([
      'telecom.2.value: phone-invalid',
    ]);
    expect(check((f) => f.telecom.push({ system: 'phone', value: '12345' }))).toEqual([
      'telecom.2.value: phone-invalid',
    ]);
    expect(check((f) => f.telecom.push({ system: 'email', value: 'fatima@' }))).toEqual([
      'telecom.2.value: email-invalid',
    ]);
    expect(check((f) => f.telecom.push({ system: 'other', value: 'WhatsApp +30 690 000 0001' }))).toEqual([]);
    expect(check((f) => (f.emergencyContact = { name: '', relationship: 'SIB', phone: '' }))).toEqual([
      'emergencyContact.name: emergency-name-required',
      'emergencyContact.phone: emergency-phone-required',
    ]);
    expect(check((f) => (f.emergencyContact = { name: '', relationship: '', phone: '' }))).toEqual([]);
  });

  it('limits the photo to 100 kB', () => {
    const data = 'A'.repeat(Math.ceil((100 * 1024 * 4) / 3) + 4);
    expect(check((f) => (f.photo = { contentType: 'image/jpeg', data }))).toEqual(['photo: photo-too-large']);
  });

  it('reports every problem at once, each with an English message', () => {
    const result = schema.safeParse({
      ...emptyRegistration(TODAY),
      identifiers: [{ type: 'passport', value: '', country: '', organization: '' }],
    });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['name.given', 'Enter at least one name, in any script'],
      ['gender', 'Choose the sex, or Unknown'],
      ['birth.date', 'Enter the date of birth, or estimate it from the age'],
      ['identifiers.0.value', 'Enter the number of this document'],
      ['identifiers.0.country', 'Choose the country that issued this document'],
    ]);
  });
});

describe('dates', () => {
  it('knows which dates exist', () => {
    expect(['2024-02-29', '2024-02', '2024'].map(dateParts)).toEqual(['day', 'month', 'year']);
    expect(['2023-02-29', '2024-00', '24', '2024-1-1', ''].map(dateParts)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('compares dates at the precision both have', () => {
    expect(compareDates('2025-03', '2025-03-14')).toBe(0);
    expect(compareDates('2025-02', '2025-03-14')).toBe(-1);
    expect(compareDates('2026', '2025-12-31')).toBe(1);
  });
});

describe('demo population', () => {
  it('reads every synthetic person into a valid form', () => {
    const people = generatePopulation({ count: 300, seed: 7, managingOrganizations: ['Organization/s1'] });
    for (const { patient } of people) {
      const form = patientToRegistration(patient, TODAY);
      expect(problems(form), JSON.stringify(patient.name)).toEqual([]);
      expect(patientToRegistration(registrationToPatient(form, SITE), TODAY)).toEqual(form);
    }
  });
});

// --- property: any valid form survives the trip through a Patient ----------------------------------

const word = (letters: string) =>
  fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 8 }).map((chars) => chars.join(''));
const arabicWord = word('ابتثجحخدذرسشصضطظعغفقكلمنهوي');
const latinWord = word("abcdefghijklmnopqrstuvwxyzéüñ'-");
const wordsOf = (w: fc.Arbitrary<string>, min = 0) =>
  fc.array(w, { minLength: min, maxLength: 3 }).map((list) => list.join(' '));
const country = fc.constantFrom('SY', 'AF', 'UA', 'GR', 'TR', 'ER', 'ML');
const orBlank = <T>(arb: fc.Arbitrary<T>) => fc.oneof(fc.constant('' as const), arb);
const isoDay = (from: string, to: string) =>
  fc
    .date({ min: new Date(`${from}T00:00:00Z`), max: new Date(`${to}T00:00:00Z`), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

const nativeName = fc
  .record({ family: wordsOf(arabicWord), given: wordsOf(arabicWord) })
  .map((n) => ({ ...n, language: n.family || n.given ? 'ar-Arab' : '' }));
const latinName = fc.record({
  family: wordsOf(latinWord),
  given: wordsOf(latinWord, 1),
  language: fc.constantFrom('', 'ar-Latn'),
});

const birth = fc.oneof(
  isoDay('1920-01-01', '2015-12-31').map((date) => ({ precision: 'exact' as const, date })),
  isoDay('1920-01-01', '2015-12-31').map((date) => ({ precision: 'month' as const, date: date.slice(0, 7) })),
  fc.integer({ min: 1920, max: 2015 }).map((y) => ({ precision: 'year' as const, date: String(y) })),
);
const estimated = fc.record({
  precision: fc.constant('estimated' as const),
  date: fc.constant(''),
  age: fc.integer({ min: 7, max: 100 }), // born before the journey began
  statedOn: isoDay('2021-01-01', TODAY),
  how: wordsOf(latinWord),
});

const form: fc.Arbitrary<Registration> = fc.record({
  name: nativeName,
  transliterations: fc.array(latinName, { minLength: 1, maxLength: 3 }),
  otherNames: fc.array(
    fc.record({
      use: fc.constantFrom(...OTHER_NAME_USES),
      family: wordsOf(latinWord),
      given: wordsOf(latinWord, 1),
      language: fc.constant(''),
    }),
    { maxLength: 2 },
  ),
  gender: fc.constantFrom('male', 'female', 'other', 'unknown') as fc.Arbitrary<Registration['gender']>,
  birth: fc.oneof(
    birth.map((b) => ({ ...b, age: null, statedOn: TODAY, how: '' })),
    estimated,
  ),
  nationalities: fc.uniqueArray(country, { maxLength: 2 }),
  birthCountry: orBlank(country),
  lastResidence: orBlank(country),
  languages: fc
    .uniqueArray(fc.constantFrom('ar', 'fa', 'uk', 'ti', 'en', 'fuc', 'fa-AF'), { maxLength: 3 })
    .chain((codes) =>
      fc.tuple(
        fc.constant(codes),
        fc.array(orBlank(fc.constantFrom(...LITERACY_LEVELS)), {
          minLength: codes.length,
          maxLength: codes.length,
        }),
        fc.integer({ min: -1, max: codes.length - 1 }),
      ),
    )
    .map(([codes, literacy, preferred]) =>
      codes.map((code, i) => ({ code, literacy: literacy[i] ?? '', preferred: i === preferred })),
    ),
  interpreterNeeded: fc.constantFrom(true, false, null),
  identifiers: fc.array(
    fc.record({
      type: fc.constantFrom(...(Object.keys(IDENTIFIER_TYPES) as IdentifierType[])),
      value: fc.stringMatching(/^[A-Z0-9][A-Z0-9-]{0,11}$/),
      country,
      organization: wordsOf(latinWord),
    }),
    { maxLength: 3 },
  ),
  arrival: fc.record({
    date: orBlank(isoDay('2021-01-01', TODAY)),
    place: wordsOf(latinWord),
    country: orBlank(country),
  }),
  transits: fc
    .uniqueArray(isoDay('2019-01-01', '2020-12-31'), { maxLength: 4 })
    .chain((days) =>
      fc.tuple(
        fc.constant([...days].sort()),
        fc.array(country, { minLength: days.length, maxLength: days.length }),
      ),
    )
    .map(([days, countries]) => days.map((from, i) => ({ country: countries[i] ?? 'TR', from, to: '' }))),
  migrationCategory: orBlank(fc.constantFrom(...MIGRATION_CATEGORIES)),
  familyLinks: fc
    .uniqueArray(fc.stringMatching(/^[a-z0-9]{1,12}$/), { maxLength: 2 })
    .chain((ids) =>
      fc.tuple(
        fc.constant(ids),
        fc.array(fc.constantFrom(...FAMILY_RELATIONSHIPS), { minLength: ids.length, maxLength: ids.length }),
      ),
    )
    .map(([ids, rel]) =>
      ids.map((patientId, i) => ({ patientId, display: '', relationship: rel[i] ?? 'SIB' })),
    ),
  household: orBlank(fc.stringMatching(/^H-[0-9A-Z]{4}$/)),
  telecom: fc.array(
    fc.oneof(
      fc.stringMatching(/^\+[1-9]\d{7,12}$/).map((value) => ({ system: 'phone' as const, value })),
      latinWord.map((w) => ({
        system: 'email' as const,
        value: `${w.replace(/['-]/g, '') || 'x'}@example.org`,
      })),
    ),
    { maxLength: 2 },
  ),
  address: wordsOf(latinWord),
  emergencyContact: fc.oneof(
    fc.constant({ name: '', relationship: '' as const, phone: '' }),
    fc.record({
      name: wordsOf(latinWord, 1),
      relationship: orBlank(fc.constantFrom(...CONTACT_RELATIONSHIPS)),
      phone: fc.stringMatching(/^\+[1-9]\d{7,12}$/),
    }),
  ),
  photo: fc.oneof(
    fc.constant(null),
    fc
      .base64String({ minLength: 4, maxLength: 200 })
      .map((data) => ({ contentType: 'image/jpeg' as const, data })),
  ),
});

describe('round trip (property)', () => {
  it('any valid form is valid and comes back unchanged from its Patient', () => {
    fc.assert(
      fc.property(form, (f) => {
        expect(problems(f)).toEqual([]);
        expect(patientToRegistration(registrationToPatient(f, SITE), TODAY)).toEqual(f);
      }),
      { numRuns: 300 },
    );
  });

  it('building a Patient never throws, whatever the form holds', () => {
    const loose = fc.record({
      ...Object.fromEntries(Object.entries(emptyRegistration(TODAY)).map(([k, v]) => [k, fc.constant(v)])),
      name: fc.record({ language: fc.string(), family: fc.string(), given: fc.string() }),
      birth: fc.record({
        precision: fc.constantFrom('exact', 'month', 'year', 'estimated'),
        date: fc.string(),
        age: fc.option(fc.integer(), { nil: null }),
        statedOn: fc.string(),
        how: fc.string(),
      }),
    }) as fc.Arbitrary<Registration>;
    fc.assert(fc.property(loose, (f) => void registrationToPatient(f, SITE)));
  });
});
