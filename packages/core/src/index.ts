export * from './access/policy.ts';
export * from './errors.ts';
export * from './fhir/resource-types.ts';
export * from './fhir/normalize.ts';
export * from './fhir/search-parameters.ts';
export * from './fhir/search.ts';
export * from './fhir/indexer.ts';
export { generatePopulation, type PopulationOptions, type SyntheticPerson } from './demo/population.ts';
export { policyMarkdown } from './access/policy-table.ts';
