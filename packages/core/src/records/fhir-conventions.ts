/**
 * How Passage records what FHIR R4 has no element for. Standard HL7 extensions are used where they
 * exist; Passage's own live under one base URL. Every module that reads or writes these imports the
 * constants from here, so a URL is spelled once.
 */

export const PASSAGE_FHIR_BASE = 'https://passage.example.org/fhir';
const ext = (name: string) => `${PASSAGE_FHIR_BASE}/StructureDefinition/${name}`;

/** Patient.identifier.system of the Passage identifier printed on the person's card. */
export const PASSAGE_ID_SYSTEM = `${PASSAGE_FHIR_BASE}/sid/passage-id`;

// --- Standard HL7 extensions -------------------------------------------------------------------
/** BCP 47 language (with script) of a HumanName or text: `ar-Arab`, `ar-Latn`. */
export const LANGUAGE_EXT = 'http://hl7.org/fhir/StructureDefinition/language';
/** Complex: `code` (CodeableConcept, urn:iso:std:iso:3166) and optional `period`. */
export const NATIONALITY_EXT = 'http://hl7.org/fhir/StructureDefinition/patient-nationality';
/** valueAddress with `country` (ISO 3166-1 alpha-2). */
export const BIRTH_PLACE_EXT = 'http://hl7.org/fhir/StructureDefinition/patient-birthPlace';
/** valueBoolean on Patient. */
export const INTERPRETER_REQUIRED_EXT = 'http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired';
/** Translation of a string element: complex with `lang` (valueCode) and `content` (valueString). */
export const TRANSLATION_EXT = 'http://hl7.org/fhir/StructureDefinition/translation';
/** Questionnaire item unit: valueCoding (UCUM). */
export const QUESTIONNAIRE_UNIT_EXT = 'http://hl7.org/fhir/StructureDefinition/questionnaire-unit';
export const MIN_VALUE_EXT = 'http://hl7.org/fhir/StructureDefinition/minValue';
export const MAX_VALUE_EXT = 'http://hl7.org/fhir/StructureDefinition/maxValue';
/** SDC: the item's answer becomes an Observation coded with item.code. */
export const OBSERVATION_EXTRACT_EXT =
  'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-observationExtract';
/** Questionnaire item control (e.g. `radio-button`, `check-box`, `drop-down`). */
export const ITEM_CONTROL_EXT = 'http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl';
export const ITEM_CONTROL_SYSTEM = 'http://hl7.org/fhir/questionnaire-item-control';
/** Help text shown under a question. */
export const ITEM_HELP_EXT = 'http://hl7.org/fhir/StructureDefinition/questionnaire-supportLink';

// --- Passage extensions ------------------------------------------------------------------------
/** On `_birthDate`: valueCode exact | month | year | estimated. */
export const BIRTH_DATE_PRECISION_EXT = ext('birth-date-precision');
/** On `_birthDate`: valueString saying how an estimated birth date was estimated ("stated age 30"). */
export const BIRTH_DATE_ESTIMATION_EXT = ext('birth-date-estimation');
/** Complex on Patient: `date` (valueDate) and `place` (valueString), `country` (valueCode). */
export const ARRIVAL_EXT = ext('arrival');
/** Complex on Patient, repeating, in order: `country` (valueCode ISO 3166), `period` (valuePeriod). */
export const TRANSIT_EXT = ext('transit-country');
/** valueCoding from MIGRATION_CATEGORY_SYSTEM on Patient. Sensitive. */
export const MIGRATION_CATEGORY_EXT = ext('migration-category');
export const MIGRATION_CATEGORY_SYSTEM = `${PASSAGE_FHIR_BASE}/CodeSystem/migration-category`;
/** valueAddress: country of last residence. */
export const LAST_RESIDENCE_EXT = ext('last-residence');
/** valueCode on Patient.communication: literacy in that language (none | basic | fluent). */
export const LITERACY_EXT = ext('literacy');
/**
 * Complex on Patient, repeating: a link to another Passage person — `patient` (valueReference) and
 * `relationship` (valueCoding, v3-RoleCode: GUARD, MTH, FTH, SIB, CHILD, SPS, FAMMEMB) — and
 * `household` (valueString, a household group id shared by all its members).
 */
export const FAMILY_LINK_EXT = ext('family-link');
export const HOUSEHOLD_EXT = ext('household');
/** valueBoolean on a Questionnaire item (and copied onto the matching response item): sensitive. */
export const SENSITIVE_ITEM_EXT = ext('sensitive');

/** meta.security label on resources holding sensitive data: v3 Confidentiality "restricted". */
export const CONFIDENTIALITY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';
export const SENSITIVE_LABEL = { system: CONFIDENTIALITY_SYSTEM, code: 'R', display: 'restricted' } as const;

// --- Code systems ------------------------------------------------------------------------------
export const ICD10_SYSTEM = 'http://hl7.org/fhir/sid/icd-10';
export const CVX_SYSTEM = 'http://hl7.org/fhir/sid/cvx';
export const LOINC_SYSTEM = 'http://loinc.org';
export const SNOMED_SYSTEM = 'http://snomed.info/sct';
export const UCUM_SYSTEM = 'http://unitsofmeasure.org';
export const ISO3166_SYSTEM = 'urn:iso:std:iso:3166';
export const BCP47_SYSTEM = 'urn:ietf:bcp:47';
export const IDENTIFIER_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v2-0203';
export const ROLE_CODE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
