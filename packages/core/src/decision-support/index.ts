// Public API of decision support: screening and catch-up vaccination for newly arrived migrants.
export { recommend } from './recommend.ts';
export { DEFAULT_PROGRAMME } from './ecdc-2018.ts';
export { ECDC_2018_TABLE } from './ecdc-2018-table.ts';
export {
  CATCH_UP_VACCINES,
  ENDEMIC_CONDITIONS,
  INDICATORS,
  PrevalenceTableSchema,
  ScreeningProgrammeSchema,
  validateProgramme,
  type CatchUpVaccine,
  type CountryFigures,
  type EndemicCondition,
  type Indicator,
  type PrevalenceTable,
  type ProgrammeValidation,
  type Provenance,
  type ScreeningProgramme,
  type ScreeningProgrammeInput,
  type VaccineRule,
} from './programme.ts';
export {
  RecommendationInputSchema,
  SCREENING_KINDS,
  type Person,
  type RecommendationInput,
  type RecordedImmunization,
  type RecordedScreening,
  type ScreeningKind,
  type TransitStay,
} from './input.ts';
export {
  SCREENING_TARGETS,
  type Priority,
  type Recommendation,
  type RecommendationStatus,
  type ScreeningRecommendation,
  type ScreeningTarget,
  type VaccinationRecommendation,
} from './recommendation.ts';
export { REASON_CODES, type Reason, type ReasonCode, type ReasonParams } from './reasons.ts';
export { SCREENING_TEST_SYSTEM, TESTS, type Coding } from './screening-tests.ts';
export {
  ANTIGENS,
  CVX_CODES,
  VACCINES,
  antigensOf,
  type Antigen,
  type CvxCode,
  type VaccineDefinition,
} from './vaccines.ts';
export { ISO3166_ALPHA2, isIso3166Alpha2 } from './iso3166.ts';
