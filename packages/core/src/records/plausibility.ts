/**
 * Rules no FHIR structure definition states but every clinician expects: nobody is born tomorrow,
 * weighs 0 kg or was vaccinated next week. Checked on every write, whichever form or client sent it,
 * with the same plausible ranges as the assessment's questions.
 */
import type { Immunization, Observation, Patient, Resource } from '@medplum/fhirtypes';
import type { FieldIssue } from '../errors.ts';
import { LOINC_SYSTEM } from './fhir-conventions.ts';

/** Plausible values of measurements by LOINC code, in the unit the assessment records. */
export const PLAUSIBLE_RANGES: Readonly<Record<string, { min: number; max: number; unit: string }>> = {
  '29463-7': { min: 0.5, max: 300, unit: 'kg' },
  '8302-2': { min: 30, max: 250, unit: 'cm' },
  '8310-5': { min: 30, max: 45, unit: 'Cel' },
  '8867-4': { min: 20, max: 250, unit: '/min' },
  '9279-1': { min: 5, max: 100, unit: '/min' },
  '59408-5': { min: 50, max: 100, unit: '%' },
  '8480-6': { min: 50, max: 260, unit: 'mm[Hg]' },
  '8462-4': { min: 20, max: 160, unit: 'mm[Hg]' },
  '56072-2': { min: 5, max: 50, unit: 'cm' },
  '9843-4': { min: 25, max: 60, unit: 'cm' },
};

/**
 * Today's date where it is latest on Earth (UTC+14): a date a clinician enters as "today" in their
 * own time zone is never later than this, so nobody east of the server is refused after midnight.
 */
export function latestToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}

function inFuture(value: string | undefined, today: string): boolean {
  return Boolean(value) && (value as string).slice(0, 10) > today;
}

function quantityIssues(
  code: string | undefined,
  value: number | undefined,
  unit: string | undefined,
  where: string,
): FieldIssue[] {
  const range = code ? PLAUSIBLE_RANGES[code] : undefined;
  if (!range || value === undefined) return [];
  if (unit && unit !== range.unit) return [];
  if (value >= range.min && value <= range.max) return [];
  return [
    {
      expression: where,
      message: `${value} ${range.unit} is outside the plausible range ${range.min}–${range.max}`,
      type: 'value',
    },
  ];
}

/** Problems with a resource's values; empty when it is plausible. `today` is `latestToday()`. */
export function plausibilityIssues(resource: Resource, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  switch (resource.resourceType) {
    case 'Patient': {
      const birthDate = (resource as Patient).birthDate;
      if (birthDate && birthDate > today.slice(0, birthDate.length)) {
        issues.push({
          expression: 'Patient.birthDate',
          message: `The birth date ${birthDate} is in the future`,
          type: 'value',
        });
      }
      if (birthDate && birthDate.slice(0, 4) < '1900') {
        issues.push({
          expression: 'Patient.birthDate',
          message: `A birth date before 1900 is not plausible`,
          type: 'value',
        });
      }
      break;
    }
    case 'Observation': {
      const o = resource as Observation;
      const loinc = o.code?.coding?.find((c) => c.system === LOINC_SYSTEM)?.code;
      issues.push(
        ...quantityIssues(loinc, o.valueQuantity?.value, o.valueQuantity?.code, 'Observation.valueQuantity'),
      );
      (o.component ?? []).forEach((c, i) => {
        const code = c.code?.coding?.find((x) => x.system === LOINC_SYSTEM)?.code;
        issues.push(
          ...quantityIssues(
            code,
            c.valueQuantity?.value,
            c.valueQuantity?.code,
            `Observation.component[${i}].valueQuantity`,
          ),
        );
      });
      if (inFuture(o.effectiveDateTime, today)) {
        issues.push({
          expression: 'Observation.effectiveDateTime',
          message: `${o.effectiveDateTime} is in the future`,
          type: 'value',
        });
      }
      break;
    }
    case 'Immunization': {
      const when = (resource as Immunization).occurrenceDateTime;
      if (inFuture(when, today)) {
        issues.push({
          expression: 'Immunization.occurrenceDateTime',
          message: `A vaccination on ${when} is in the future`,
          type: 'value',
        });
      }
      break;
    }
  }
  return issues;
}
