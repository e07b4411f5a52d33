/** What a Questionnaire item's standard extensions say about how to show it (unit, range, control…). */
import {
  ALLOW_FUTURE_DATE_EXT,
  ITEM_CONTROL_EXT,
  MAX_VALUE_EXT,
  MIN_VALUE_EXT,
  QUESTIONNAIRE_UNIT_EXT,
  SENSITIVE_ITEM_EXT,
  expandValueSet,
} from '@passage/core';
import type { Coding, QuestionnaireItem } from '../fhir-types';

export type ItemControl = 'radio-button' | 'check-box' | 'drop-down' | 'autocomplete' | 'help';

const extension = (item: QuestionnaireItem, url: string) => item.extension?.find((e) => e.url === url);

export function itemControl(item: QuestionnaireItem): ItemControl | undefined {
  const code = extension(item, ITEM_CONTROL_EXT)?.valueCodeableConcept?.coding?.[0]?.code;
  return code === 'radio-button' ||
    code === 'check-box' ||
    code === 'drop-down' ||
    code === 'autocomplete' ||
    code === 'help'
    ? code
    : undefined;
}

export function itemUnit(item: QuestionnaireItem): Coding | undefined {
  return extension(item, QUESTIONNAIRE_UNIT_EXT)?.valueCoding;
}

export function itemRange(item: QuestionnaireItem): { min?: number; max?: number } {
  const value = (url: string) => {
    const ext = extension(item, url);
    return ext?.valueDecimal ?? ext?.valueInteger;
  };
  const min = value(MIN_VALUE_EXT);
  const max = value(MAX_VALUE_EXT);
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

export function isSensitive(item: QuestionnaireItem): boolean {
  return extension(item, SENSITIVE_ITEM_EXT)?.valueBoolean === true;
}

export function allowsFutureDate(item: QuestionnaireItem): boolean {
  return extension(item, ALLOW_FUTURE_DATE_EXT)?.valueBoolean === true;
}

/** The help texts attached to a question (display children with the `help` control). */
export function helpItems(item: QuestionnaireItem): QuestionnaireItem[] {
  return (item.item ?? []).filter((child) => child.type === 'display' && itemControl(child) === 'help');
}

/** The codes a choice item offers: its answerOptions, or its value set expanded. */
export function choiceOptions(item: QuestionnaireItem): readonly Coding[] {
  if (item.answerOption) return item.answerOption.flatMap((o) => (o.valueCoding ? [o.valueCoding] : []));
  if (item.answerValueSet) return expandValueSet(item.answerValueSet) ?? [];
  return [];
}

/** How a choice is best shown: its item-control, else radio buttons for a few options, a list for many. */
export function choiceControl(item: QuestionnaireItem): Exclude<ItemControl, 'help'> {
  const control = itemControl(item);
  if (control && control !== 'help') return control;
  if (item.answerValueSet) return 'autocomplete';
  if (item.repeats) return 'check-box';
  return choiceOptions(item).length <= 5 ? 'radio-button' : 'drop-down';
}

export const sameCoding = (a: Coding | undefined, b: Coding | undefined): boolean =>
  !!a && !!b && a.code === b.code && (!a.system || !b.system || a.system === b.system);
