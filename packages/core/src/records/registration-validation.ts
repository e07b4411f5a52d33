/**
 * Validating a registration form: one precise message per field, each problem with a code a screen
 * can translate. "today" is injectable for tests.
 */
import type { z } from 'zod';
import { IDENTIFIER_TYPES } from './registration-codes.ts';
import {
  PARTS_OF_PRECISION,
  RegistrationShape,
  compareDates,
  dateParts,
  estimatedBirthYear,
  localToday,
  scriptSubtag,
  type Registration,
  type RegistrationName,
} from './registration-form.ts';

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

const COUNTRY = /^[A-Z]{2}$/;
/** language[-Script][-REGION], canonical case: `ar`, `fa-AF`, `ar-Arab`, `und-Cyrl`, `fuc`. */
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|\d{3}))?$/;
const PHONE = /^\+?[\d\s().-]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

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
