import { registrationProblemOf, type RegistrationProblem } from '@passage/core';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { TranslationKey } from '../common/errors';

/** Each validation problem of core's RegistrationSchema, in the catalogue (the compiler keeps it complete). */
const PROBLEM_KEYS: Record<RegistrationProblem, TranslationKey> = {
  'name-required': 'peopleProblemNameRequired',
  'name-script-mismatch': 'peopleProblemNameScriptMismatch',
  'language-tag-invalid': 'peopleProblemLanguageTagInvalid',
  'transliteration-empty': 'peopleProblemTransliterationEmpty',
  'transliteration-not-latin': 'peopleProblemTransliterationNotLatin',
  'other-name-empty': 'peopleProblemOtherNameEmpty',
  'too-long': 'peopleProblemTooLong',
  'gender-required': 'peopleProblemGenderRequired',
  'birth-date-required': 'peopleProblemBirthDateRequired',
  'date-invalid': 'peopleProblemDateInvalid',
  'date-in-future': 'peopleProblemDateInFuture',
  'date-before-1900': 'peopleProblemDateBefore1900',
  'date-before-birth': 'peopleProblemDateBeforeBirth',
  'age-required': 'peopleProblemAgeRequired',
  'age-range': 'peopleProblemAgeRange',
  'stated-on-required': 'peopleProblemStatedOnRequired',
  'country-invalid': 'peopleProblemCountryInvalid',
  'country-duplicate': 'peopleProblemCountryDuplicate',
  'language-invalid': 'peopleProblemLanguageInvalid',
  'language-duplicate': 'peopleProblemLanguageDuplicate',
  'preferred-language-multiple': 'peopleProblemPreferredLanguageMultiple',
  'identifier-type-required': 'peopleProblemIdentifierTypeRequired',
  'identifier-number-required': 'peopleProblemIdentifierNumberRequired',
  'identifier-country-required': 'peopleProblemIdentifierCountryRequired',
  'transit-country-required': 'peopleProblemTransitCountryRequired',
  'transit-period-reversed': 'peopleProblemTransitPeriodReversed',
  'transit-order': 'peopleProblemTransitOrder',
  'transit-after-arrival': 'peopleProblemTransitAfterArrival',
  'family-person-required': 'peopleProblemFamilyPersonRequired',
  'family-relationship-required': 'peopleProblemFamilyRelationshipRequired',
  'family-duplicate': 'peopleProblemFamilyDuplicate',
  'contact-value-required': 'peopleProblemContactValueRequired',
  'phone-invalid': 'peopleProblemPhoneInvalid',
  'email-invalid': 'peopleProblemEmailInvalid',
  'emergency-name-required': 'peopleProblemEmergencyNameRequired',
  'emergency-phone-required': 'peopleProblemEmergencyPhoneRequired',
  'photo-too-large': 'peopleProblemPhotoTooLarge',
};

/** A validation issue in the interface language; Zod's own (English) text only for unexpected ones. */
export function issueMessage(t: TFunction, issue: z.core.$ZodIssue): string {
  const problem = registrationProblemOf(issue);
  if (!problem) return issue.message;
  const max = issue.code === 'custom' ? Number(issue.params?.['max'] ?? 0) : 0;
  return t(PROBLEM_KEYS[problem], { max });
}
