/** The value sets the assessment binds to by URL (answerValueSet), expanded: one lookup for form and server. */
import type { Coding } from '@medplum/fhirtypes';
import { CVX_SYSTEM, ICD10_SYSTEM, PASSAGE_FHIR_BASE } from '../records/fhir-conventions.ts';
import { VACCINES } from '../decision-support/vaccines.ts';
import { ICD10_ENTRIES, ICD10_VALUE_SET } from './icd10.ts';

/** The vaccines a history may name: decision support's CVX table, so every one counts for catch-up. */
export const CVX_VALUE_SET = `${PASSAGE_FHIR_BASE}/ValueSet/assessment-vaccines`;

const EXPANSIONS: Readonly<Record<string, readonly Coding[]>> = {
  [ICD10_VALUE_SET]: ICD10_ENTRIES.map((e) => ({ system: ICD10_SYSTEM, code: e.code, display: e.display })),
  [CVX_VALUE_SET]: Object.entries(VACCINES).map(([cvx, v]) => ({
    system: CVX_SYSTEM,
    code: cvx,
    display: v.display,
  })),
};

/** The codes of a value set Passage knows, or undefined for an unknown URL. */
export function expandValueSet(url: string): readonly Coding[] | undefined {
  return EXPANSIONS[url];
}
