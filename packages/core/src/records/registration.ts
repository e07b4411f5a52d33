/**
 * Registering a person: the form's data (one Zod schema; the form's type is inferred from it), its
 * validation with one precise message per field, and the mapping to and from a FHIR R4 Patient with
 * Passage's conventions (fhir-conventions.ts). Pure and isomorphic; "today" is injectable for tests.
 *
 * This module is the public face of: registration-codes.ts (the code lists), registration-form.ts (the
 * form's shape and values), registration-validation.ts, registration-patient.ts (form ⇄ Patient) and
 * registration-extensions.ts (form ⇄ Passage's extensions on the Patient).
 *
 * Form values are never undefined: an empty text or an unchosen option is '', an unknown yes/no or
 * number is null, so a form survives JSON and a round trip through a Patient unchanged.
 */
export {
  BIRTH_DATE_PRECISIONS,
  CONTACT_RELATIONSHIPS,
  CONTACT_ROLE_SYSTEM,
  FAMILY_RELATIONSHIPS,
  GENDERS,
  IDENTIFIER_TYPES,
  LITERACY_LEVELS,
  MIGRATION_CATEGORIES,
  OTHER_NAME_USES,
  PASSAGE_IDENTIFIER_TYPE_SYSTEM,
  TELECOM_SYSTEMS,
  type IdentifierType,
} from './registration-codes.ts';
export {
  compareDates,
  dateParts,
  emptyRegistration,
  estimatedBirthYear,
  localToday,
  nameLanguageTag,
  scriptSubtag,
  type Registration,
  type RegistrationName,
} from './registration-form.ts';
export {
  MAX_NAME_LENGTH,
  MAX_PHOTO_BYTES,
  MAX_TEXT_LENGTH,
  REGISTRATION_PROBLEMS,
  RegistrationSchema,
  makeRegistrationSchema,
  registrationProblemOf,
  type RegistrationProblem,
} from './registration-validation.ts';
export {
  patientToRegistration,
  registrationToPatient,
  type RegisteredPatient,
} from './registration-patient.ts';
