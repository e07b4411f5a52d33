/**
 * The vaccines an assessment may record, as a value set: a view of decision support's CVX table
 * (packages/core/src/decision-support/vaccines.ts), the single list of vaccines and their antigens.
 */
import { CVX_SYSTEM } from '../records/fhir-conventions.ts';
import { isCvxCode, VACCINES, type Antigen } from '../decision-support/vaccines.ts';

export { CVX_VALUE_SET } from './value-sets.ts';

export interface VaccineEntry {
  readonly cvx: string;
  readonly display: string;
  readonly antigens: readonly Antigen[];
}

export const VACCINE_ENTRIES: readonly VaccineEntry[] = Object.entries(VACCINES).map(([cvx, v]) => ({
  cvx,
  display: v.display,
  antigens: v.antigens,
}));

export function vaccineEntry(cvx: string): VaccineEntry | undefined {
  return isCvxCode(cvx)
    ? { cvx, display: VACCINES[cvx].display, antigens: VACCINES[cvx].antigens }
    : undefined;
}

export function vaccineCoding(cvx: string): { system: string; code: string; display: string } {
  const entry = vaccineEntry(cvx);
  if (!entry) throw new Error(`CVX code ${cvx} is not in the assessment value set`);
  return { system: CVX_SYSTEM, code: cvx, display: entry.display };
}
