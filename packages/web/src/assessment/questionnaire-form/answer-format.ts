/**
 * Answers as text in a given language (the form's read-only values, the printed report): numbers and
 * dates through Intl, units through Intl where it knows them, codes through the assessment catalogues.
 */
import { translateCoding } from '@passage/core';
import type { Answer, Coding, QuestionnaireItem } from '../fhir-types';

/** UCUM units that Intl can name in every language; others (mmHg, /min) keep their display. */
const INTL_UNITS: Readonly<Record<string, { unit: string; display: 'short' | 'long' }>> = {
  kg: { unit: 'kilogram', display: 'short' },
  cm: { unit: 'centimeter', display: 'short' },
  Cel: { unit: 'celsius', display: 'short' },
  '%': { unit: 'percent', display: 'short' },
  a: { unit: 'year', display: 'long' },
  wk: { unit: 'week', display: 'long' },
};

/** Unicode isolates keep a Latin code or unit in its order inside right-to-left text (like <bdi>). */
export const isolate = (text: string): string => `\u2068${text}\u2069`;

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value);
}

function intlUnit(unit: Coding | undefined, language: string): Intl.NumberFormat | undefined {
  const known = unit?.code ? INTL_UNITS[unit.code] : undefined;
  if (!known) return undefined;
  try {
    return new Intl.NumberFormat(language, {
      style: 'unit',
      unit: known.unit,
      unitDisplay: known.display,
      maximumFractionDigits: 2,
    });
  } catch {
    return undefined;
  }
}

/** The unit alone, as Intl writes it in this language ("kg", "ans"); the UCUM display otherwise. */
export function unitLabel(unit: Coding, language: string): string {
  const format = intlUnit(unit, language);
  const parts = format?.formatToParts(2).filter((p) => p.type === 'unit');
  const text = parts?.map((p) => p.value).join('') ?? '';
  return text || unit.display || unit.code || '';
}

export function formatQuantity(value: number, unit: Coding | undefined, language: string): string {
  const format = intlUnit(unit, language);
  if (format) return format.format(value);
  const label = unit?.display ?? unit?.code;
  return label ? `${formatNumber(value, language)} ${isolate(label)}` : formatNumber(value, language);
}

/** A FHIR date, which may be a year or a month only. */
export function formatDate(value: string, language: string): string {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value);
  if (!m) return value;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2] ?? 1) - 1, Number(m[3] ?? 1)));
  const options: Intl.DateTimeFormatOptions = m[3]
    ? { dateStyle: 'medium' }
    : m[2]
      ? { year: 'numeric', month: 'long' }
      : { year: 'numeric' };
  return new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' }).format(date);
}

/** A coded answer; codes from a large value set (ICD-10, CVX) are shown with their code. */
export function formatCoding(item: QuestionnaireItem, coding: Coding, language: string): string {
  const text = translateCoding(coding, language);
  return item.answerValueSet && coding.code ? `${isolate(coding.code)} — ${text}` : text;
}

export function formatAnswer(
  item: QuestionnaireItem,
  answer: Answer,
  language: string,
  booleanText: (value: boolean) => string,
  unit?: Coding,
): string {
  if (answer.valueBoolean !== undefined) return booleanText(answer.valueBoolean);
  const number = answer.valueDecimal ?? answer.valueInteger;
  if (number !== undefined) return formatQuantity(number, unit, language);
  if (answer.valueDate !== undefined) return formatDate(answer.valueDate, language);
  if (answer.valueDateTime !== undefined) return formatDate(answer.valueDateTime, language);
  if (answer.valueCoding) return formatCoding(item, answer.valueCoding, language);
  if (answer.valueString !== undefined) return answer.valueString;
  if (answer.valueQuantity?.value !== undefined)
    return formatQuantity(
      answer.valueQuantity.value,
      { code: answer.valueQuantity.code, display: answer.valueQuantity.unit },
      language,
    );
  return '';
}
