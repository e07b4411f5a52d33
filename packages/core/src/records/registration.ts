/**
 * Registering a person: the form's data (one Zod schema; the form's type is inferred from it), its
 * validation with one precise message per field, and the mapping to and from a FHIR R4 Patient with
 * Passage's conventions (fhir-conventions.ts). Pure and isomorphic; "today" is injectable for tests.
 *
 * Form values are never undefined: an empty text or an unchosen option is '', an unknown yes/no or
 * number is null, so a form survives JSON and a round trip through a Patient unchanged.
 */
import type {
  Attachment,
  Extension,
  HumanName,
  Identifier,
  Patient,
  PatientCommunication,
  PatientContact,
} from '@medplum/fhirtypes';
import { z } from 'zod';
import {
  ARRIVAL_EXT,
  BCP47_SYSTEM,
  BIRTH_DATE_ESTIMATION_EXT,
  BIRTH_DATE_PRECISION_EXT,
  BIRTH_PLACE_EXT,
  FAMILY_LINK_EXT,
  HOUSEHOLD_EXT,
  IDENTIFIER_TYPE_SYSTEM,
  INTERPRETER_REQUIRED_EXT,
  ISO3166_SYSTEM,
  LANGUAGE_EXT,
  LAST_RESIDENCE_EXT,
  LITERACY_EXT,
  MIGRATION_CATEGORY_EXT,
  MIGRATION_CATEGORY_SYSTEM,
  NATIONALITY_EXT,
  PASSAGE_FHIR_BASE,
  ROLE_CODE_SYSTEM,
  TRANSIT_EXT,
} from './fhir-conventions.ts';

// Not yet in fhir-conventions.ts (asked the lead to move them there).
/** Identifier types v2-0203 has no code for: asylum number, IOM and UNHCR case numbers. */
export const PASSAGE_IDENTIFIER_TYPE_SYSTEM = `${PASSAGE_FHIR_BASE}/CodeSystem/identifier-type`;
/** Patient.contact.relationship: v2-0131 `C` marks the emergency contact. */
export const CONTACT_ROLE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v2-0131';

// --- code lists ----------------------------------------------------------------------------------

export const GENDERS = ['male', 'female', 'other', 'unknown'] as const;
export const BIRTH_DATE_PRECISIONS = ['exact', 'month', 'year', 'estimated'] as const;
/** FHIR NameUse for previous names and aliases. */
export const OTHER_NAME_USES = ['old', 'maiden', 'nickname', 'anonymous'] as const;
export const LITERACY_LEVELS = ['none', 'basic', 'fluent'] as const;
export const TELECOM_SYSTEMS = ['phone', 'email', 'other'] as const;
export const MIGRATION_CATEGORIES = [
  'refugee',
  'asylum-seeker',
  'temporary-protection',
  'migrant',
  'unaccompanied-minor',
  'separated-minor',
  'trafficking-victim',
] as const;
/** v3-RoleCode, as FAMILY_LINK_EXT allows. */
export const FAMILY_RELATIONSHIPS = ['MTH', 'FTH', 'SPS', 'CHILD', 'SIB', 'GUARD', 'FAMMEMB'] as const;
/** v3-RoleCode for an emergency contact: family, or an unrelated friend. */
export const CONTACT_RELATIONSHIPS = [...FAMILY_RELATIONSHIPS, 'FRND'] as const;

/** Document types: v2-0203 codes where they exist, else Passage's; `country` says who must issue it. */
export const IDENTIFIER_TYPES = {
  passport: { system: IDENTIFIER_TYPE_SYSTEM, code: 'PPN', display: 'Passport number', country: true },
  'national-id': {
    system: IDENTIFIER_TYPE_SYSTEM,
    code: 'NI',
    display: 'National unique individual identifier',
    country: true,
  },
  asylum: {
    system: PASSAGE_IDENTIFIER_TYPE_SYSTEM,
    code: 'asylum',
    display: 'Asylum or registration number',
    country: false,
  },
  'iom-case': {
    system: PASSAGE_IDENTIFIER_TYPE_SYSTEM,
    code: 'iom-case',
    display: 'IOM case number',
    country: false,
  },
  'unhcr-case': {
    system: PASSAGE_IDENTIFIER_TYPE_SYSTEM,
    code: 'unhcr-case',
    display: 'UNHCR case number',
    country: false,
  },
  other: { system: PASSAGE_IDENTIFIER_TYPE_SYSTEM, code: 'other', display: 'Other document', country: false },
} as const;
export type IdentifierType = keyof typeof IDENTIFIER_TYPES;
const IDENTIFIER_TYPE_KEYS = Object.keys(IDENTIFIER_TYPES) as [IdentifierType, ...IdentifierType[]];

const MIGRATION_DISPLAY: Record<(typeof MIGRATION_CATEGORIES)[number], string> = {
  refugee: 'Refugee',
  'asylum-seeker': 'Asylum seeker',
  'temporary-protection': 'Beneficiary of temporary protection',
  migrant: 'Migrant',
  'unaccompanied-minor': 'Unaccompanied minor',
  'separated-minor': 'Separated minor',
  'trafficking-victim': 'Victim of trafficking',
};

// --- schema --------------------------------------------------------------------------------------

const blank = z.literal('');
const NameSchema = z.object({
  /** BCP 47 with script, e.g. `ar-Arab` (as written) or `ar-Latn` (a transliteration); '' unknown. */
  language: z.string(),
  family: z.string(),
  /** Given names separated by spaces; stored as FHIR's list of given names. */
  given: z.string(),
});

const RegistrationShape = z.object({
  /** The name as the person writes it, in any script. */
  name: NameSchema,
  /** Latin spellings; the first is the one used day to day. */
  transliterations: z.array(NameSchema),
  otherNames: z.array(NameSchema.extend({ use: z.enum(OTHER_NAME_USES) })),
  gender: z.enum(GENDERS).or(blank),
  birth: z.object({
    precision: z.enum(BIRTH_DATE_PRECISIONS),
    /** YYYY-MM-DD, YYYY-MM or YYYY by precision; '' when estimated (it is computed). */
    date: z.string(),
    /** Estimated only: the age the person gave, on which day, and how it was estimated. */
    age: z.number().nullable(),
    statedOn: z.string(),
    how: z.string(),
  }),
  /** ISO 3166-1 alpha-2 codes, upper case. */
  nationalities: z.array(z.string()),
  birthCountry: z.string(),
  lastResidence: z.string(),
  languages: z.array(
    z.object({ code: z.string(), literacy: z.enum(LITERACY_LEVELS).or(blank), preferred: z.boolean() }),
  ),
  interpreterNeeded: z.boolean().nullable(),
  identifiers: z.array(
    z.object({
      type: z.enum(IDENTIFIER_TYPE_KEYS).or(blank),
      value: z.string(),
      /** Issuing country (ISO alpha-2) and/or organisation. */
      country: z.string(),
      organization: z.string(),
    }),
  ),
  arrival: z.object({ date: z.string(), place: z.string(), country: z.string() }),
  /** Countries passed through on the way, in order; dates may be partial (YYYY or YYYY-MM). */
  transits: z.array(z.object({ country: z.string(), from: z.string(), to: z.string() })),
  /** Sensitive: recorded only with the person's agreement. */
  migrationCategory: z.enum(MIGRATION_CATEGORIES).or(blank),
  familyLinks: z.array(
    z.object({
      /** Patient id of the relative, and their name to show without fetching them. */
      patientId: z.string(),
      display: z.string(),
      relationship: z.enum(FAMILY_RELATIONSHIPS).or(blank),
    }),
  ),
  household: z.string(),
  telecom: z.array(z.object({ system: z.enum(TELECOM_SYSTEMS), value: z.string() })),
  address: z.string(),
  emergencyContact: z.object({
    name: z.string(),
    relationship: z.enum(CONTACT_RELATIONSHIPS).or(blank),
    phone: z.string(),
  }),
  /** JPEG, base64, already resized by the client. */
  photo: z.object({ contentType: z.literal('image/jpeg'), data: z.string() }).nullable(),
});

export type Registration = z.infer<typeof RegistrationShape>;
export type RegistrationName = z.infer<typeof NameSchema>;

// --- validation ----------------------------------------------------------------------------------

/** Every problem the validation reports, with its English message; issues carry the code in `params.problem`. */
export const REGISTRATION_PROBLEMS = {
  'name-required': 'Enter at least one name, in any script',
  'name-script-mismatch': 'The language tag names another script than the letters of the name',
  'language-tag-invalid': 'Not a language tag such as ar-Arab or ar-Latn',
  'transliteration-empty': 'Enter the name in Latin letters, or remove this row',
  'transliteration-not-latin': 'A transliteration is written in Latin letters only',
  'other-name-empty': 'Enter the name, or remove this row',
  'too-long': 'This text is too long',
  'gender-required': 'Choose the sex, or Unknown',
  'birth-date-required': 'Enter the date of birth, or estimate it from the age',
  'date-invalid': 'This is not a valid date',
  'date-in-future': 'This date is in the future',
  'date-before-1900': 'This date is before 1900',
  'date-before-birth': 'This date is before the date of birth',
  'age-required': 'Enter the age the person gave',
  'age-range': 'The age is a whole number from 0 to 120',
  'stated-on-required': 'Enter the day the age was given',
  'country-invalid': 'Choose a country from the list',
  'country-duplicate': 'This country is listed twice',
  'language-invalid': 'Choose a language from the list',
  'language-duplicate': 'This language is listed twice',
  'preferred-language-multiple': 'Only one language can be the preferred one',
  'identifier-type-required': 'Choose the type of document',
  'identifier-number-required': 'Enter the number of this document',
  'identifier-country-required': 'Choose the country that issued this document',
  'transit-country-required': 'Choose the country, or remove this row',
  'transit-period-reversed': 'The stay ends before it starts',
  'transit-order': 'This stay starts before the previous one ends; list countries in the order travelled',
  'transit-after-arrival': 'This stay is after the arrival date',
  'family-person-required': 'Choose the person, or remove this row',
  'family-relationship-required': 'Choose the relationship',
  'family-duplicate': 'This person is already linked',
  'contact-value-required': 'Enter the number or address, or remove this row',
  'phone-invalid': 'Not a phone number: use digits, spaces and a leading +',
  'email-invalid': 'Not an e-mail address',
  'emergency-name-required': 'Enter the name of the emergency contact',
  'emergency-phone-required': 'Enter the phone number of the emergency contact',
  'photo-too-large': 'The photo is larger than 100 kB',
} as const;
export type RegistrationProblem = keyof typeof REGISTRATION_PROBLEMS;

/** The problem code of an issue from RegistrationSchema (undefined for Zod's own type errors). */
export function registrationProblemOf(issue: z.core.$ZodIssue): RegistrationProblem | undefined {
  const problem: unknown = issue.code === 'custom' ? issue.params?.['problem'] : undefined;
  return typeof problem === 'string' && problem in REGISTRATION_PROBLEMS
    ? (problem as RegistrationProblem)
    : undefined;
}

export const MAX_NAME_LENGTH = 100;
export const MAX_TEXT_LENGTH = 200;
export const MAX_PHOTO_BYTES = 100 * 1024;
const MAX_AGE = 120;

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const COUNTRY = /^[A-Z]{2}$/;
/** language[-Script][-REGION], canonical case: `ar`, `fa-AF`, `ar-Arab`, `und-Cyrl`, `fuc`. */
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|\d{3}))?$/;
const PHONE = /^\+?[\d\s().-]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A FHIR date (YYYY, YYYY-MM or YYYY-MM-DD) that exists on the calendar; which parts it has. */
export function dateParts(value: string): 'year' | 'month' | 'day' | undefined {
  const m = DATE.exec(value);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2] ?? 1), Number(m[3] ?? 1)];
  const lastDay = new Date(0);
  lastDay.setUTCFullYear(year, month, 0); // Date.UTC would read years 0–99 as 1900–1999.
  if (month < 1 || month > 12 || day < 1 || day > lastDay.getUTCDate()) return undefined;
  return m[3] ? 'day' : m[2] ? 'month' : 'year';
}

/** Compares two FHIR dates at the precision both have: '2025-03' and '2025-03-14' are equal. */
export function compareDates(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) < b.slice(0, n) ? -1 : a.slice(0, n) > b.slice(0, n) ? 1 : 0;
}

/** Today's date where the form is filled in (local time, not UTC). */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The birth year of someone who gave `age` on `statedOn`: the year holding most of the possible dates. */
export function estimatedBirthYear(age: number, statedOn: string): number {
  const year = Number(statedOn.slice(0, 4));
  // The possible birth dates span the year before `statedOn`; its midpoint falls in the previous
  // calendar year when the age is given in the first half of the year.
  return statedOn.slice(5) < '07-01' ? year - age - 1 : year - age;
}

/** Unicode script names and their ISO 15924 codes, for the scripts people arriving in Europe write. */
const SCRIPTS = (
  'Latin:Latn Arabic:Arab Cyrillic:Cyrl Ethiopic:Ethi Georgian:Geor Bengali:Beng Devanagari:Deva ' +
  'Armenian:Armn Greek:Grek Hebrew:Hebr Syriac:Syrc Thaana:Thaa Adlam:Adlm Nko:Nkoo Tifinagh:Tfng ' +
  'Han:Hani Hangul:Hang Thai:Thai Tamil:Taml Myanmar:Mymr Khmer:Khmr'
)
  .split(' ')
  .map((pair) => pair.split(':') as [string, string]);
const SCRIPT_PATTERNS = SCRIPTS.map(
  ([name, code]) => [code, new RegExp(`\\p{Script=${name}}`, 'gu')] as const,
);

/** ISO 15924 code of the script most letters of `text` are in (`Arab`, `Cyrl`, `Latn`…). */
export function scriptSubtag(text: string): string | undefined {
  let best: string | undefined;
  let most = 0;
  for (const [code, pattern] of SCRIPT_PATTERNS) {
    const count = text.match(pattern)?.length ?? 0;
    if (count > most) [best, most] = [code, count];
  }
  return best;
}

/** The language tag of a name: the language chosen plus the script of its letters (`ar` + محمد → `ar-Arab`). */
export function nameLanguageTag(language: string, text: string): string {
  const base = language.split('-')[0] ?? '';
  const script = scriptSubtag(text);
  if (!script) return base;
  return `${base || 'und'}-${script}`;
}

type Ctx = z.core.$RefinementCtx<Registration>;
type Path = (string | number)[];

function report(
  ctx: Ctx,
  path: Path,
  problem: RegistrationProblem,
  params: Record<string, number> = {},
): void {
  ctx.addIssue({
    code: 'custom',
    path,
    message: REGISTRATION_PROBLEMS[problem],
    params: { problem, ...params },
  });
}

function checkLength(ctx: Ctx, path: Path, value: string, max: number): void {
  if (value.length > max) report(ctx, path, 'too-long', { max });
}

function checkNameParts(ctx: Ctx, path: Path, name: RegistrationName): void {
  checkLength(ctx, [...path, 'family'], name.family, MAX_NAME_LENGTH);
  checkLength(ctx, [...path, 'given'], name.given, MAX_NAME_LENGTH);
  if (name.language && !LANGUAGE_TAG.test(name.language))
    report(ctx, [...path, 'language'], 'language-tag-invalid');
}

const hasName = (name: RegistrationName) => Boolean(name.family.trim() || name.given.trim());
// Letters of another script; modifier letters such as ʿ (Common) are fine in a transliteration.
const NOT_LATIN = /(?![\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}])\p{L}/u;

function checkNames(ctx: Ctx, form: Registration): void {
  const { name } = form;
  checkNameParts(ctx, ['name'], name);
  if (!hasName(name) && !form.transliterations.some(hasName)) report(ctx, ['name', 'given'], 'name-required');
  const tagScript = name.language.split('-')[1];
  const script = scriptSubtag(`${name.given} ${name.family}`);
  if (tagScript?.length === 4 && script && tagScript !== script)
    report(ctx, ['name', 'language'], 'name-script-mismatch');
  form.transliterations.forEach((t, i) => {
    const path = ['transliterations', i];
    checkNameParts(ctx, path, t);
    if (!hasName(t)) report(ctx, [...path, 'given'], 'transliteration-empty');
    for (const part of ['given', 'family'] as const) {
      if (NOT_LATIN.test(t[part])) report(ctx, [...path, part], 'transliteration-not-latin');
    }
  });
  form.otherNames.forEach((n, i) => {
    checkNameParts(ctx, ['otherNames', i], n);
    if (!hasName(n)) report(ctx, ['otherNames', i, 'given'], 'other-name-empty');
  });
}

/** A date that exists, has the parts required, is not in the future and not before 1900. */
function checkDate(
  ctx: Ctx,
  path: Path,
  value: string,
  today: string,
  parts?: 'year' | 'month' | 'day',
): boolean {
  const found = dateParts(value);
  const problem: RegistrationProblem | undefined =
    !found || (parts && found !== parts)
      ? 'date-invalid'
      : compareDates(value, today) > 0
        ? 'date-in-future'
        : value < '1900'
          ? 'date-before-1900'
          : undefined;
  if (problem) report(ctx, path, problem);
  return !problem;
}

const PARTS_OF_PRECISION = { exact: 'day', month: 'month', year: 'year' } as const;

/** Checks sex and birth; returns the birth date (or year) when valid, the earliest date for travel. */
function checkBirth(ctx: Ctx, form: Registration, today: string): string | undefined {
  const { birth } = form;
  if (!form.gender) report(ctx, ['gender'], 'gender-required');
  if (birth.precision !== 'estimated') {
    if (!birth.date) {
      report(ctx, ['birth', 'date'], 'birth-date-required');
      return undefined;
    }
    const valid = checkDate(ctx, ['birth', 'date'], birth.date, today, PARTS_OF_PRECISION[birth.precision]);
    return valid ? birth.date : undefined;
  }
  checkLength(ctx, ['birth', 'how'], birth.how, MAX_TEXT_LENGTH);
  const { age, statedOn } = birth;
  const ageOk = age !== null && Number.isInteger(age) && age >= 0 && age <= MAX_AGE;
  if (age === null) report(ctx, ['birth', 'age'], 'age-required');
  else if (!ageOk) report(ctx, ['birth', 'age'], 'age-range');
  if (!statedOn) report(ctx, ['birth', 'statedOn'], 'stated-on-required');
  else if (checkDate(ctx, ['birth', 'statedOn'], statedOn, today, 'day') && ageOk) {
    const year = estimatedBirthYear(age, statedOn);
    if (year >= 1900) return String(year);
    report(ctx, ['birth', 'age'], 'date-before-1900');
  }
  return undefined;
}

function checkCountry(ctx: Ctx, path: Path, code: string): void {
  if (code && !COUNTRY.test(code)) report(ctx, path, 'country-invalid');
}

function checkOrigin(ctx: Ctx, form: Registration): void {
  form.nationalities.forEach((code, i) => {
    if (!COUNTRY.test(code)) report(ctx, ['nationalities', i], 'country-invalid');
    else if (form.nationalities.indexOf(code) < i) report(ctx, ['nationalities', i], 'country-duplicate');
  });
  checkCountry(ctx, ['birthCountry'], form.birthCountry);
  checkCountry(ctx, ['lastResidence'], form.lastResidence);
  const codes = form.languages.map((l) => l.code);
  form.languages.forEach((l, i) => {
    if (!LANGUAGE_TAG.test(l.code)) report(ctx, ['languages', i, 'code'], 'language-invalid');
    else if (codes.indexOf(l.code) < i) report(ctx, ['languages', i, 'code'], 'language-duplicate');
    if (l.preferred && form.languages.findIndex((o) => o.preferred) < i) {
      report(ctx, ['languages', i, 'preferred'], 'preferred-language-multiple');
    }
  });
  form.identifiers.forEach((id, i) => {
    const path = ['identifiers', i];
    if (!id.type) report(ctx, [...path, 'type'], 'identifier-type-required');
    if (!id.value.trim()) report(ctx, [...path, 'value'], 'identifier-number-required');
    checkLength(ctx, [...path, 'value'], id.value, 64);
    checkLength(ctx, [...path, 'organization'], id.organization, MAX_TEXT_LENGTH);
    checkCountry(ctx, [...path, 'country'], id.country);
    if (id.type && IDENTIFIER_TYPES[id.type].country && !id.country) {
      report(ctx, [...path, 'country'], 'identifier-country-required');
    }
  });
}

function checkJourney(ctx: Ctx, form: Registration, today: string, born: string | undefined): void {
  const { arrival } = form;
  const checkTravelDate = (path: Path, value: string): boolean => {
    if (!checkDate(ctx, path, value, today)) return false;
    const beforeBirth = born !== undefined && compareDates(value, born) < 0;
    if (beforeBirth) report(ctx, path, 'date-before-birth');
    return !beforeBirth;
  };
  const arrived =
    arrival.date && checkTravelDate(['arrival', 'date'], arrival.date) ? arrival.date : undefined;
  checkLength(ctx, ['arrival', 'place'], arrival.place, MAX_TEXT_LENGTH);
  checkCountry(ctx, ['arrival', 'country'], arrival.country);
  let previousEnd: string | undefined;
  form.transits.forEach((stay, i) => {
    const path = ['transits', i];
    if (!stay.country) report(ctx, [...path, 'country'], 'transit-country-required');
    else checkCountry(ctx, [...path, 'country'], stay.country);
    const from = stay.from && checkTravelDate([...path, 'from'], stay.from) ? stay.from : undefined;
    const to = stay.to && checkTravelDate([...path, 'to'], stay.to) ? stay.to : undefined;
    if (from && to && compareDates(to, from) < 0) report(ctx, [...path, 'to'], 'transit-period-reversed');
    if (from && previousEnd && compareDates(from, previousEnd) < 0)
      report(ctx, [...path, 'from'], 'transit-order');
    const last = to ?? from;
    if (last && arrived && compareDates(last, arrived) > 0)
      report(ctx, [...path, to ? 'to' : 'from'], 'transit-after-arrival');
    previousEnd = last ?? previousEnd;
  });
}

function checkPeople(ctx: Ctx, form: Registration): void {
  form.familyLinks.forEach((link, i) => {
    const path = ['familyLinks', i];
    if (!link.patientId) report(ctx, [...path, 'patientId'], 'family-person-required');
    else if (form.familyLinks.findIndex((l) => l.patientId === link.patientId) < i) {
      report(ctx, [...path, 'patientId'], 'family-duplicate');
    }
    if (!link.relationship) report(ctx, [...path, 'relationship'], 'family-relationship-required');
  });
  checkLength(ctx, ['household'], form.household, 64);
  checkLength(ctx, ['address'], form.address, MAX_TEXT_LENGTH);
  const checkPhone = (path: Path, value: string) => {
    const digits = value.replace(/\D/g, '').length;
    if (!PHONE.test(value) || digits < 6 || digits > 15) report(ctx, path, 'phone-invalid');
  };
  form.telecom.forEach((point, i) => {
    const path = ['telecom', i, 'value'];
    const value = point.value.trim();
    if (!value) return report(ctx, path, 'contact-value-required');
    checkLength(ctx, path, value, MAX_TEXT_LENGTH);
    if (point.system === 'phone') checkPhone(path, value);
    if (point.system === 'email' && !EMAIL.test(value)) report(ctx, path, 'email-invalid');
  });
  const { name, relationship, phone } = form.emergencyContact;
  if (name.trim() || relationship || phone.trim()) {
    if (!name.trim()) report(ctx, ['emergencyContact', 'name'], 'emergency-name-required');
    checkLength(ctx, ['emergencyContact', 'name'], name, MAX_TEXT_LENGTH);
    if (!phone.trim()) report(ctx, ['emergencyContact', 'phone'], 'emergency-phone-required');
    else checkPhone(['emergencyContact', 'phone'], phone.trim());
  }
  // Base64 holds 3 bytes in 4 characters.
  if (form.photo && Math.floor((form.photo.data.length * 3) / 4) > MAX_PHOTO_BYTES) {
    report(ctx, ['photo'], 'photo-too-large');
  }
}

/** The schema with a fixed "today" (tests), or the real one (default). */
export function makeRegistrationSchema(today: () => string = () => localToday()) {
  return RegistrationShape.superRefine((form, ctx) => {
    const now = today();
    checkNames(ctx, form);
    const born = checkBirth(ctx, form, now);
    checkOrigin(ctx, form);
    checkJourney(ctx, form, now, born);
    checkPeople(ctx, form);
  });
}

export const RegistrationSchema = makeRegistrationSchema();

/** A blank form; an estimated age is taken to be stated today. */
export function emptyRegistration(today: string = localToday()): Registration {
  return {
    name: { language: '', family: '', given: '' },
    transliterations: [],
    otherNames: [],
    gender: '',
    birth: { precision: 'exact', date: '', age: null, statedOn: today, how: '' },
    nationalities: [],
    birthCountry: '',
    lastResidence: '',
    languages: [],
    interpreterNeeded: null,
    identifiers: [],
    arrival: { date: '', place: '', country: '' },
    transits: [],
    migrationCategory: '',
    familyLinks: [],
    household: '',
    telecom: [],
    address: '',
    emergencyContact: { name: '', relationship: '', phone: '' },
    photo: null,
  };
}

// --- form → Patient ------------------------------------------------------------------------------

/** A Patient with the FHIR primitive extension on birthDate (JSON property `_birthDate`). */
export type RegisteredPatient = Patient & { _birthDate?: { extension: Extension[] } };

const words = (text: string) => text.trim().split(/\s+/).filter(Boolean);
const squeeze = (text: string) => words(text).join(' ');

function humanName(name: RegistrationName, use: HumanName['use']): HumanName | undefined {
  const given = words(name.given);
  const family = squeeze(name.family);
  if (!given.length && !family) return undefined;
  return {
    use,
    text: [...given, family].filter(Boolean).join(' '),
    ...(family ? { family } : {}),
    ...(given.length ? { given } : {}),
    ...(name.language ? { extension: [{ url: LANGUAGE_EXT, valueCode: name.language }] } : {}),
  };
}

function birthDate(form: Registration): { date?: string; extension: Extension[] } {
  const { precision, date, age, statedOn, how } = form.birth;
  const extension: Extension[] = [{ url: BIRTH_DATE_PRECISION_EXT, valueCode: precision }];
  if (precision !== 'estimated') {
    return dateParts(date) === PARTS_OF_PRECISION[precision] ? { date, extension } : { extension: [] };
  }
  const note = squeeze(how);
  if (age === null || dateParts(statedOn) !== 'day') {
    return dateParts(date) ? { date, extension } : { extension: [] };
  }
  const text = `stated age ${age} on ${statedOn}${note ? `: ${note}` : ''}`;
  extension.push({ url: BIRTH_DATE_ESTIMATION_EXT, valueString: text });
  return { date: String(estimatedBirthYear(age, statedOn)).padStart(4, '0'), extension };
}

const sub = (url: string, value: Omit<Extension, 'url'>): Extension => ({ url, ...value });

function countryExtension(url: string, country: string): Extension[] {
  return country ? [{ url, valueAddress: { country } }] : [];
}

function patientExtensions(form: Registration): Extension[] {
  const out: Extension[] = form.nationalities.map((code) => ({
    url: NATIONALITY_EXT,
    extension: [sub('code', { valueCodeableConcept: { coding: [{ system: ISO3166_SYSTEM, code }] } })],
  }));
  out.push(...countryExtension(BIRTH_PLACE_EXT, form.birthCountry));
  out.push(...countryExtension(LAST_RESIDENCE_EXT, form.lastResidence));
  if (form.interpreterNeeded !== null)
    out.push({ url: INTERPRETER_REQUIRED_EXT, valueBoolean: form.interpreterNeeded });
  const { date, place, country } = form.arrival;
  const arrival = [
    ...(date ? [sub('date', { valueDate: date })] : []),
    ...(place.trim() ? [sub('place', { valueString: squeeze(place) })] : []),
    ...(country ? [sub('country', { valueCode: country })] : []),
  ];
  if (arrival.length) out.push({ url: ARRIVAL_EXT, extension: arrival });
  for (const stay of form.transits) {
    const period = { ...(stay.from ? { start: stay.from } : {}), ...(stay.to ? { end: stay.to } : {}) };
    out.push({
      url: TRANSIT_EXT,
      extension: [
        ...(stay.country ? [sub('country', { valueCode: stay.country })] : []),
        ...(stay.from || stay.to ? [sub('period', { valuePeriod: period })] : []),
      ],
    });
  }
  if (form.migrationCategory) {
    const code = form.migrationCategory;
    out.push({
      url: MIGRATION_CATEGORY_EXT,
      valueCoding: { system: MIGRATION_CATEGORY_SYSTEM, code, display: MIGRATION_DISPLAY[code] },
    });
  }
  for (const link of form.familyLinks) {
    if (!link.patientId) continue;
    const reference = {
      reference: `Patient/${link.patientId}`,
      ...(link.display ? { display: link.display } : {}),
    };
    out.push({
      url: FAMILY_LINK_EXT,
      extension: [
        sub('patient', { valueReference: reference }),
        ...(link.relationship
          ? [sub('relationship', { valueCoding: { system: ROLE_CODE_SYSTEM, code: link.relationship } })]
          : []),
      ],
    });
  }
  if (form.household.trim()) out.push({ url: HOUSEHOLD_EXT, valueString: form.household.trim() });
  return out;
}

function communication(form: Registration): PatientCommunication[] {
  return form.languages
    .filter((l) => l.code)
    .map((l) => ({
      language: { coding: [{ system: BCP47_SYSTEM, code: l.code }] },
      ...(l.preferred ? { preferred: true } : {}),
      ...(l.literacy ? { extension: [{ url: LITERACY_EXT, valueCode: l.literacy }] } : {}),
    }));
}

function identifiers(form: Registration): Identifier[] {
  return form.identifiers.flatMap((id): Identifier[] => {
    const value = id.value.trim();
    if (!id.type || !value) return [];
    const { system, code, display } = IDENTIFIER_TYPES[id.type];
    const organization = squeeze(id.organization);
    return [
      {
        use: 'official',
        type: { coding: [{ system, code, display }], text: display },
        system: id.country
          ? `urn:passage:id:${id.country.toLowerCase()}:${id.type}`
          : `urn:passage:id:${id.type}`,
        value,
        ...(organization ? { assigner: { display: organization } } : {}),
      },
    ];
  });
}

function emergencyContact(form: Registration): PatientContact[] {
  const { name, relationship, phone } = form.emergencyContact;
  if (!name.trim() && !phone.trim()) return [];
  return [
    {
      relationship: [
        { coding: [{ system: CONTACT_ROLE_SYSTEM, code: 'C', display: 'Emergency Contact' }] },
        ...(relationship ? [{ coding: [{ system: ROLE_CODE_SYSTEM, code: relationship }] }] : []),
      ],
      ...(name.trim() ? { name: { text: squeeze(name) } } : {}),
      ...(phone.trim() ? { telecom: [{ system: 'phone' as const, value: phone.trim() }] } : {}),
    },
  ];
}

/**
 * The Patient to create. Without a Passage identifier: the server assigns one on create. Safe on an
 * unfinished form (for the likely-duplicates search): blank rows and malformed dates are left out.
 */
export function registrationToPatient(form: Registration, { siteId }: { siteId: string }): RegisteredPatient {
  const names = [
    humanName(form.name, 'official'),
    ...form.transliterations.map((t) => humanName(t, 'usual')),
    ...form.otherNames.map((n) => humanName(n, n.use)),
  ].filter((n): n is HumanName => n !== undefined);
  const birth = birthDate(form);
  const patient: RegisteredPatient = { resourceType: 'Patient', active: true };
  const extension = patientExtensions(form);
  if (extension.length) patient.extension = extension;
  const ids = identifiers(form);
  if (ids.length) patient.identifier = ids;
  if (names.length) patient.name = names;
  const telecom = form.telecom
    .filter((p) => p.value.trim())
    .map((p) => ({
      system: p.system,
      value: p.value.trim(),
      ...(p.system === 'phone' ? { use: 'mobile' as const } : {}),
    }));
  if (telecom.length) patient.telecom = telecom;
  if (form.gender) patient.gender = form.gender;
  if (birth.date) {
    patient.birthDate = birth.date;
    patient._birthDate = { extension: birth.extension };
  }
  if (form.address.trim()) patient.address = [{ use: 'temp', text: squeeze(form.address) }];
  const contact = emergencyContact(form);
  if (contact.length) patient.contact = contact;
  if (form.photo) patient.photo = [{ contentType: form.photo.contentType, data: form.photo.data }];
  const language = communication(form);
  if (language.length) patient.communication = language;
  patient.managingOrganization = { reference: `Organization/${siteId}` };
  return patient;
}

// --- Patient → form ------------------------------------------------------------------------------

const subValue = (ext: Extension | undefined, url: string) => ext?.extension?.find((e) => e.url === url);
const oneOf = <T extends string>(list: readonly T[], value: unknown): T | '' =>
  list.includes(value as T) ? (value as T) : '';

function formName(name: HumanName | undefined): RegistrationName {
  const given = (name?.given ?? []).join(' ');
  return {
    language: name?.extension?.find((e) => e.url === LANGUAGE_EXT)?.valueCode ?? '',
    family: name?.family ?? '',
    // A name known only as text (from another system) is kept rather than lost.
    given: given || name?.family ? given : (name?.text ?? ''),
  };
}

const ESTIMATION = /^stated age (\d{1,3}) on (\d{4}-\d{2}-\d{2})(?:: (.*))?$/s;

function formBirth(patient: RegisteredPatient, today: string): Registration['birth'] {
  const date = patient.birthDate ?? '';
  const extensions = patient._birthDate?.extension ?? [];
  const stated = extensions.find((e) => e.url === BIRTH_DATE_PRECISION_EXT)?.valueCode;
  const parts = dateParts(date);
  const unused = { age: null, statedOn: today, how: '' };
  if (stated === 'estimated') {
    const text = extensions.find((e) => e.url === BIRTH_DATE_ESTIMATION_EXT)?.valueString ?? '';
    const m = ESTIMATION.exec(text);
    if (m)
      return {
        precision: 'estimated',
        date: '',
        age: Number(m[1]),
        statedOn: m[2] as string,
        how: m[3] ?? '',
      };
    return { precision: 'estimated', date: date.slice(0, 4), age: null, statedOn: '', how: text };
  }
  // The stated precision wins over the date's form: the demo writes year-only dates as YYYY-01-01.
  if (stated === 'year' || parts === 'year') return { precision: 'year', date: date.slice(0, 4), ...unused };
  if (stated === 'month' || parts === 'month')
    return { precision: 'month', date: date.slice(0, 7), ...unused };
  return { precision: 'exact', date, ...unused };
}

function formExtensions(patient: Patient) {
  const all = patient.extension ?? [];
  const of = (url: string) => all.filter((e) => e.url === url);
  const arrival = of(ARRIVAL_EXT)[0];
  return {
    nationalities: of(NATIONALITY_EXT).flatMap((e) => {
      const code = subValue(e, 'code')?.valueCodeableConcept?.coding?.find(
        (c) => c.system === ISO3166_SYSTEM,
      )?.code;
      return code ? [code] : [];
    }),
    birthCountry: of(BIRTH_PLACE_EXT)[0]?.valueAddress?.country ?? '',
    lastResidence: of(LAST_RESIDENCE_EXT)[0]?.valueAddress?.country ?? '',
    interpreterNeeded: of(INTERPRETER_REQUIRED_EXT)[0]?.valueBoolean ?? null,
    arrival: {
      date: subValue(arrival, 'date')?.valueDate ?? '',
      place: subValue(arrival, 'place')?.valueString ?? '',
      country: subValue(arrival, 'country')?.valueCode ?? '',
    },
    transits: of(TRANSIT_EXT).map((e) => ({
      country: subValue(e, 'country')?.valueCode ?? '',
      from: subValue(e, 'period')?.valuePeriod?.start ?? '',
      to: subValue(e, 'period')?.valuePeriod?.end ?? '',
    })),
    migrationCategory: oneOf(MIGRATION_CATEGORIES, of(MIGRATION_CATEGORY_EXT)[0]?.valueCoding?.code),
    familyLinks: of(FAMILY_LINK_EXT).map((e) => {
      const reference = subValue(e, 'patient')?.valueReference;
      return {
        patientId: reference?.reference?.replace(/^Patient\//, '') ?? '',
        display: reference?.display ?? '',
        relationship: oneOf(FAMILY_RELATIONSHIPS, subValue(e, 'relationship')?.valueCoding?.code),
      };
    }),
    household: of(HOUSEHOLD_EXT)[0]?.valueString ?? '',
  };
}

const ID_SYSTEM = /^urn:passage:id:(?:([a-z]{2}):)?/;

function formIdentifiers(patient: Patient): Registration['identifiers'] {
  return (patient.identifier ?? []).flatMap((id) => {
    const coding = id.type?.coding ?? [];
    const type = IDENTIFIER_TYPE_KEYS.find((key) =>
      coding.some((c) => c.system === IDENTIFIER_TYPES[key].system && c.code === IDENTIFIER_TYPES[key].code),
    );
    // Only documents the person showed: the Passage identifier and other systems' ids are not form data.
    if (!type || !id.value) return [];
    const country = ID_SYSTEM.exec(id.system ?? '')?.[1]?.toUpperCase() ?? '';
    return [{ type, value: id.value, country, organization: id.assigner?.display ?? '' }];
  });
}

function formContact(patient: Patient): Registration['emergencyContact'] {
  const contact = patient.contact?.find((c) =>
    c.relationship?.some((r) => r.coding?.some((x) => x.system === CONTACT_ROLE_SYSTEM && x.code === 'C')),
  );
  const role = contact?.relationship
    ?.flatMap((r) => r.coding ?? [])
    .find((c) => c.system === ROLE_CODE_SYSTEM);
  return {
    name:
      contact?.name?.text ?? [...(contact?.name?.given ?? []), contact?.name?.family ?? ''].join(' ').trim(),
    relationship: oneOf(CONTACT_RELATIONSHIPS, role?.code),
    phone: contact?.telecom?.find((t) => t.system === 'phone')?.value ?? '',
  };
}

function formPhoto(photo: Attachment | undefined): Registration['photo'] {
  return photo?.data && photo.contentType === 'image/jpeg'
    ? { contentType: 'image/jpeg', data: photo.data }
    : null;
}

/** The form for a Patient (to show or edit a registration); `today` fills an unused estimation date. */
export function patientToRegistration(
  patient: RegisteredPatient,
  today: string = localToday(),
): Registration {
  const names = patient.name ?? [];
  const otherUses: readonly string[] = OTHER_NAME_USES;
  return {
    name: formName(names.find((n) => n.use === 'official')),
    transliterations: names.filter((n) => n.use === 'usual').map(formName),
    otherNames: names
      .filter((n) => otherUses.includes(n.use ?? ''))
      .map((n) => ({ ...formName(n), use: n.use as (typeof OTHER_NAME_USES)[number] })),
    gender: oneOf(GENDERS, patient.gender),
    birth: formBirth(patient, today),
    ...formExtensions(patient),
    languages: (patient.communication ?? []).flatMap((c) => {
      const code = c.language.coding?.find((x) => x.system === BCP47_SYSTEM)?.code;
      const literacy = oneOf(LITERACY_LEVELS, c.extension?.find((e) => e.url === LITERACY_EXT)?.valueCode);
      return code ? [{ code, literacy, preferred: c.preferred === true }] : [];
    }),
    identifiers: formIdentifiers(patient),
    telecom: (patient.telecom ?? []).flatMap((t) =>
      t.value ? [{ system: oneOf(TELECOM_SYSTEMS, t.system) || 'other', value: t.value }] : [],
    ),
    address: patient.address?.[0]?.text ?? '',
    emergencyContact: formContact(patient),
    photo: formPhoto(patient.photo?.[0]),
  };
}
