/**
 * The code lists of the registration form: its choices (sex, name uses, literacy, migration categories,
 * relationships) and the identity documents, with the FHIR systems and codes each maps to.
 */
import { IDENTIFIER_TYPE_SYSTEM, PASSAGE_FHIR_BASE } from './fhir-conventions.ts';

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
export const IDENTIFIER_TYPE_KEYS = Object.keys(IDENTIFIER_TYPES) as [IdentifierType, ...IdentifierType[]];

/** The English display of each migration category, as it is written on the Patient. */
export const MIGRATION_DISPLAY: Record<(typeof MIGRATION_CATEGORIES)[number], string> = {
  refugee: 'Refugee',
  'asylum-seeker': 'Asylum seeker',
  'temporary-protection': 'Beneficiary of temporary protection',
  migrant: 'Migrant',
  'unaccompanied-minor': 'Unaccompanied minor',
  'separated-minor': 'Separated minor',
  'trafficking-victim': 'Victim of trafficking',
};

/** `value` when it is one of `list`, else '' (a form's unchosen option). */
export const oneOf = <T extends string>(list: readonly T[], value: unknown): T | '' =>
  list.includes(value as T) ? (value as T) : '';
