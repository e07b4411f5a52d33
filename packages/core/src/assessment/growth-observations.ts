/**
 * Growth z-scores for children, computed from the assessment's measurements by the WHO LMS method and
 * recorded as Observations (one per indicator, with WHO's classification as interpretation).
 */
import type { Observation, Patient, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import { growthZScores } from '../growth/index.ts';
import { ageInDays } from '../records/age.ts';
import { OBSERVATION_CODES as OBS } from './codes.ts';
import { passageCode } from './questionnaire-builder.ts';
import { answersOf } from './response.ts';

const INDICATOR_NAMES: Record<string, string> = {
  'weight-for-age': 'Weight-for-age z-score',
  'length-height-for-age': 'Length/height-for-age z-score',
  'weight-for-length-height': 'Weight-for-length/height z-score',
  'bmi-for-age': 'BMI-for-age z-score',
  'muac-for-age': 'MUAC-for-age z-score',
  'head-circumference-for-age': 'Head circumference-for-age z-score',
};

export function growthObservations(
  patient: Patient,
  items: readonly QuestionnaireResponseItem[],
  today: string,
): Partial<Observation>[] {
  const birthDate = patient.birthDate;
  // A year-only birth date puts a child's age anywhere in a 12-month range: no z-score from that.
  if (!birthDate || birthDate.length < 7) return [];
  if (patient.gender !== 'male' && patient.gender !== 'female') return [];
  const days = ageInDays(birthDate, today);
  if (days === undefined || days < 0 || days > 19 * 365.25) return [];
  const number = (linkId: string) => {
    const answer = answersOf(items, linkId)[0];
    return answer?.valueDecimal ?? answer?.valueInteger;
  };
  const position = answersOf(items, 'measure-position')[0]?.valueCoding?.code;
  const results = growthZScores({
    ageDays: days,
    sex: patient.gender,
    ...(number('weight') !== undefined ? { weightKg: number('weight') } : {}),
    ...(number('height') !== undefined ? { lengthHeightCm: number('height') } : {}),
    ...(position === 'lying' || position === 'standing' ? { position } : {}),
    ...(number('muac') !== undefined ? { muacCm: number('muac') } : {}),
    ...(number('head-circumference') !== undefined ? { headCm: number('head-circumference') } : {}),
  });
  return results.map((r) => ({
    code: {
      coding: [OBS.growth, passageCode(`z-${r.indicator}`, INDICATOR_NAMES[r.indicator] ?? r.indicator)],
      text: INDICATOR_NAMES[r.indicator] ?? r.indicator,
    },
    valueQuantity: { value: r.z, unit: 'SD', system: 'http://unitsofmeasure.org', code: '{SD}' },
    interpretation: [{ coding: [passageCode(r.classification, r.classification)], text: r.classification }],
    ...(r.flag ? { note: [{ text: 'Implausible by WHO limits: check the measurement' }] } : {}),
  }));
}
