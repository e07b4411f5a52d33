/**
 * Live WHO growth z-scores for a child while weight, height, MUAC or head circumference are typed,
 * with the same rules as the server's extraction: a known sex, a birth date precise to the month,
 * age under 19 years; z-scores WHO's tables do not cover are simply absent.
 */
import { ageInDays, answersOf, growthZScores, type GrowthIndicator, type GrowthResult } from '@passage/core';
import type { Patient, QuestionnaireResponse } from './fhir-types';

/** The z-scores shown under each measurement. */
export const GROWTH_FIELDS: Readonly<Record<string, readonly GrowthIndicator[]>> = {
  weight: ['weight-for-age', 'weight-for-length-height', 'bmi-for-age'],
  height: ['length-height-for-age'],
  muac: ['muac-for-age'],
  'head-circumference': ['head-circumference-for-age'],
};

export function growthResults(
  patient: Patient,
  response: QuestionnaireResponse,
  today: string,
): GrowthResult[] {
  const { birthDate, gender } = patient;
  if (!birthDate || birthDate.length < 7 || (gender !== 'male' && gender !== 'female')) return [];
  const days = ageInDays(birthDate, today);
  if (days === undefined || days < 0 || days > 19 * 365.25) return [];
  const number = (linkId: string) => {
    const value = answersOf(response.item, linkId)[0]?.valueDecimal;
    return value !== undefined && value > 0 ? value : undefined;
  };
  const position = answersOf(response.item, 'measure-position')[0]?.valueCoding?.code;
  const [weightKg, lengthHeightCm, muacCm, headCm] = ['weight', 'height', 'muac', 'head-circumference'].map(
    number,
  );
  try {
    return growthZScores({
      ageDays: days,
      sex: gender,
      ...(weightKg !== undefined ? { weightKg } : {}),
      ...(lengthHeightCm !== undefined ? { lengthHeightCm } : {}),
      ...(position === 'lying' || position === 'standing' ? { position } : {}),
      ...(muacCm !== undefined ? { muacCm } : {}),
      ...(headCm !== undefined ? { headCm } : {}),
    });
  } catch {
    return []; // An impossible measurement: its field shows the range problem instead.
  }
}

/** How worrying a classification is, for its colour. */
export function severity(result: GrowthResult): 'normal' | 'moderate' | 'severe' {
  if (result.flag) return 'severe';
  if (result.classification === 'normal') return 'normal';
  return /^(severe|very)/.test(result.classification) ? 'severe' : 'moderate';
}

/** `severely-underweight` → `severelyUnderweight`, for ICU select keys (which cannot hold hyphens). */
export const selectKey = (code: string): string => code.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
