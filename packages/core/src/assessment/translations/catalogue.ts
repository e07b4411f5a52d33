/**
 * The shape of a translation catalogue of the health assessment, and the prefixes of its answer keys.
 * Catalogues are plain data, one file per language, imported statically by `localize.ts`.
 */
import { SCREENING_TEST_SYSTEM } from '../../decision-support/screening-tests.ts';
import { CVX_SYSTEM, ICD10_SYSTEM, LOINC_SYSTEM } from '../../records/fhir-conventions.ts';
import { ADMINISTRATIVE_GENDER } from '../codes.ts';
import { PASSAGE_CODE_SYSTEM } from '../questionnaire-builder.ts';

/** Whether a native speaker (for patient-facing text, a health mediator) has checked the wording. */
export type ReviewStatus = 'reviewed' | 'unreviewed';

/** Per language: item texts by linkId, and answer displays by `system|code` (or `code`). */
export interface AssessmentCatalogue {
  items: Readonly<Record<string, string>>;
  codes: Readonly<Record<string, string>>;
  /** Status of every string unless `review` says otherwise; absent means reviewed. */
  reviewStatus?: ReviewStatus;
  /** Per-string exceptions, by linkId or answer key, as a mediator reviews strings one by one. */
  review?: Readonly<Record<string, ReviewStatus>>;
}

/** Key prefixes of `codes`: `${P}yes` is Passage's answer code `yes`. */
export const P = `${PASSAGE_CODE_SYSTEM}|`;
export const GENDER = `${ADMINISTRATIVE_GENDER}|`;
export const LOINC = `${LOINC_SYSTEM}|`;
/** Decision support's screening tests without a LOINC code (tuberculin skin test, helminth serologies). */
export const ST = `${SCREENING_TEST_SYSTEM}|`;
export const ICD = `${ICD10_SYSTEM}|`;
export const CVX = `${CVX_SYSTEM}|`;
