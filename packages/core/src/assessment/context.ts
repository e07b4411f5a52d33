/**
 * SDC-style population: the read-only "about the person" answers (age, sex) that the assessment's
 * skip logic depends on, filled from the Patient. The server fills them again on submission, so a
 * form cannot claim a different age to skip questions.
 */
import type { Patient, QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import { ageInYears, completedYears } from '../records/age.ts';
import { ADMINISTRATIVE_GENDER, SEX_OPTIONS } from './codes.ts';
import { CONTEXT } from './health-assessment.ts';

export function contextItems(patient: Patient, today: string): QuestionnaireResponseItem {
  const items: QuestionnaireResponseItem[] = [];
  const age = patient.birthDate ? ageInYears(patient.birthDate, today) : undefined;
  if (age !== undefined) {
    // Two decimals, but never a whole year before the birthday nor below it after, so the skip
    // logic's thresholds (2, 5, 10, 18 years) switch on the birthday itself.
    const whole = completedYears(patient.birthDate as string, today) ?? 0;
    const value = Math.min(Math.max(Math.floor(age * 100) / 100, whole), whole + 0.99);
    items.push({ linkId: CONTEXT.age, answer: [{ valueDecimal: value }] });
  }
  const sex = SEX_OPTIONS.find((o) => o.code === (patient.gender ?? 'unknown')) ?? {
    system: ADMINISTRATIVE_GENDER,
    code: 'unknown',
  };
  items.push({ linkId: CONTEXT.sex, answer: [{ valueCoding: sex }] });
  return { linkId: 'context', item: items };
}

/** The response with its context section replaced by values from the Patient. */
export function withContext(
  response: QuestionnaireResponse,
  patient: Patient,
  today: string,
): QuestionnaireResponse {
  // Context answers anywhere (not only a top-level section) are the form's, not the Patient's.
  const forged = new Set<string>(['context', CONTEXT.age, CONTEXT.sex]);
  const strip = (items: QuestionnaireResponseItem[]): QuestionnaireResponseItem[] =>
    items.filter((i) => !forged.has(i.linkId)).map((i) => (i.item ? { ...i, item: strip(i.item) } : i));
  const rest = strip(response.item ?? []);
  return { ...response, item: [contextItems(patient, today), ...rest] };
}
