export * from './access/policy.ts';
export * from './errors.ts';
export * from './fhir/resource-types.ts';
export * from './fhir/normalize.ts';
export * from './fhir/search-parameters.ts';
export * from './fhir/search.ts';
export * from './fhir/indexer.ts';
export { generatePopulation, type PopulationOptions, type SyntheticPerson } from './demo/population.ts';
export { policyMarkdown } from './access/policy-table.ts';
export * from './api/schemas.ts';
export * from './fhir/organization.ts';
export { createRandom, type Random } from './demo/random.ts';
export {
  positiveRate,
  syntheticAssessment,
  syntheticDecisions,
  syntheticFollowUp,
  type AssessmentOptions,
  type DueRecommendation,
  type FollowUpOptions,
  type SyntheticDecision,
  type SyntheticFollowUp,
} from './demo/clinical.ts';
export * from './records/fhir-conventions.ts';
export * from './records/passage-id.ts';
export * from './records/age.ts';
export * from './records/timeline.ts';
export * from './records/timeline-summary.ts';
export * from './records/timeline-pending.ts';
export * from './assessment/index.ts';
export * from './terminology/icd10.ts';
export * from './terminology/value-sets.ts';
export * from './growth/index.ts';
export * from './records/sensitivity.ts';
export * from './records/registration.ts';
export * from './identity/index.ts';
export {
  recommend,
  DEFAULT_PROGRAMME,
  validateProgramme,
  type Recommendation,
  type RecommendationInput,
  type ScreeningKind,
  type ScreeningProgramme,
} from './decision-support/index.ts';
export { isCvxCode, cvxCoding, antigensOf, VACCINES } from './decision-support/vaccines.ts';
export * from './names/index.ts';
export * from './records/plausibility.ts';
