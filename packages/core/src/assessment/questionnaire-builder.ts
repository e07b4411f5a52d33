/**
 * Small builders for FHIR Questionnaire items, so the assessment reads as a list of questions rather
 * than as nested JSON. Only standard R4/SDC elements and extensions are produced, so any FHIR form
 * renderer can show the Questionnaire; Passage's own renderer and extractor read the same elements.
 */
import type {
  Coding,
  Extension,
  QuestionnaireItem,
  QuestionnaireItemAnswerOption,
  QuestionnaireItemEnableWhen,
} from '@medplum/fhirtypes';
import {
  ITEM_CONTROL_EXT,
  ITEM_CONTROL_SYSTEM,
  MAX_VALUE_EXT,
  MIN_VALUE_EXT,
  OBSERVATION_EXTRACT_EXT,
  PASSAGE_FHIR_BASE,
  QUESTIONNAIRE_UNIT_EXT,
  SENSITIVE_ITEM_EXT,
  UCUM_SYSTEM,
} from '../records/fhir-conventions.ts';

/** Dates are in the past unless an item says otherwise (a follow-up date, say). */
export const ALLOW_FUTURE_DATE_EXT = `${PASSAGE_FHIR_BASE}/StructureDefinition/allow-future-date`;
/** Observation category for an extracted item (vital-signs, exam, survey, laboratory, social-history). */
export const OBSERVATION_CATEGORY_EXT = `${PASSAGE_FHIR_BASE}/StructureDefinition/observation-category`;
/** Passage's own codes, for concepts with no LOINC/SNOMED code in common use. */
export const PASSAGE_CODE_SYSTEM = `${PASSAGE_FHIR_BASE}/CodeSystem/assessment`;

export type ObservationCategory = 'vital-signs' | 'exam' | 'survey' | 'laboratory' | 'social-history';

export interface ItemOptions {
  required?: boolean;
  repeats?: boolean;
  readOnly?: boolean;
  sensitive?: boolean;
  /** The item becomes an Observation with this code and category. */
  observation?: { code: Coding; category: ObservationCategory };
  /** Show only when these hold (`all` of them unless `enableBehavior` says `any`). */
  enableWhen?: QuestionnaireItemEnableWhen[];
  enableBehavior?: 'all' | 'any';
  control?: 'radio-button' | 'check-box' | 'drop-down' | 'autocomplete';
  help?: string;
}

export const loinc = (code: string, display: string): Coding => ({
  system: 'http://loinc.org',
  code,
  display,
});
export const snomed = (code: string, display: string): Coding => ({
  system: 'http://snomed.info/sct',
  code,
  display,
});
export const passageCode = (code: string, display: string): Coding => ({
  system: PASSAGE_CODE_SYSTEM,
  code,
  display,
});

function base(
  linkId: string,
  text: string,
  type: QuestionnaireItem['type'],
  o: ItemOptions = {},
): QuestionnaireItem {
  const extension: Extension[] = [];
  if (o.sensitive) extension.push({ url: SENSITIVE_ITEM_EXT, valueBoolean: true });
  if (o.observation) {
    extension.push({ url: OBSERVATION_EXTRACT_EXT, valueBoolean: true });
    extension.push({ url: OBSERVATION_CATEGORY_EXT, valueCode: o.observation.category });
  }
  if (o.control) {
    extension.push({
      url: ITEM_CONTROL_EXT,
      valueCodeableConcept: { coding: [{ system: ITEM_CONTROL_SYSTEM, code: o.control }] },
    });
  }
  const item: QuestionnaireItem = { linkId, text, type };
  if (o.observation) item.code = [o.observation.code];
  if (o.required) item.required = true;
  if (o.repeats) item.repeats = true;
  if (o.readOnly) item.readOnly = true;
  if (o.enableWhen) {
    item.enableWhen = o.enableWhen;
    if (o.enableWhen.length > 1) item.enableBehavior = o.enableBehavior ?? 'all';
  }
  if (o.help) {
    item.item = [
      {
        linkId: `${linkId}.help`,
        text: o.help,
        type: 'display',
        extension: [
          {
            url: ITEM_CONTROL_EXT,
            valueCodeableConcept: { coding: [{ system: ITEM_CONTROL_SYSTEM, code: 'help' }] },
          },
        ],
      },
    ];
  }
  if (extension.length > 0) item.extension = extension;
  return item;
}

export const group = (linkId: string, text: string, items: QuestionnaireItem[], o: ItemOptions = {}) => ({
  ...base(linkId, text, 'group', o),
  item: items,
});

export const display = (linkId: string, text: string, o: ItemOptions = {}) =>
  base(linkId, text, 'display', o);
export const bool = (linkId: string, text: string, o: ItemOptions = {}) => base(linkId, text, 'boolean', o);
export const text = (linkId: string, label: string, o: ItemOptions = {}) => base(linkId, label, 'text', o);
export const string = (linkId: string, label: string, o: ItemOptions = {}) =>
  base(linkId, label, 'string', o);

export function date(linkId: string, label: string, o: ItemOptions & { allowFuture?: boolean } = {}) {
  const item = base(linkId, label, 'date', o);
  if (o.allowFuture)
    item.extension = [...(item.extension ?? []), { url: ALLOW_FUTURE_DATE_EXT, valueBoolean: true }];
  return item;
}

/** A number with a UCUM unit and the range a plausible measurement lies in. */
export function quantity(
  linkId: string,
  label: string,
  unit: { code: string; display?: string },
  range: { min: number; max: number; integer?: boolean },
  o: ItemOptions = {},
): QuestionnaireItem {
  const item = base(linkId, label, range.integer ? 'integer' : 'decimal', o);
  const valueKey = range.integer ? 'valueInteger' : 'valueDecimal';
  item.extension = [
    ...(item.extension ?? []),
    {
      url: QUESTIONNAIRE_UNIT_EXT,
      valueCoding: { system: UCUM_SYSTEM, code: unit.code, display: unit.display ?? unit.code },
    },
    { url: MIN_VALUE_EXT, [valueKey]: range.min },
    { url: MAX_VALUE_EXT, [valueKey]: range.max },
  ];
  return item;
}

/** A whole number without a unit (a score, a count). */
export function integer(
  linkId: string,
  label: string,
  range: { min: number; max: number },
  o: ItemOptions = {},
) {
  const item = base(linkId, label, 'integer', o);
  item.extension = [
    ...(item.extension ?? []),
    { url: MIN_VALUE_EXT, valueInteger: range.min },
    { url: MAX_VALUE_EXT, valueInteger: range.max },
  ];
  return item;
}

/** A closed choice: the answer must be one of the options. */
export function choice(linkId: string, label: string, options: readonly Coding[], o: ItemOptions = {}) {
  const item = base(linkId, label, 'choice', o);
  item.answerOption = options.map((valueCoding): QuestionnaireItemAnswerOption => ({ valueCoding }));
  return item;
}

/** A closed choice whose options come from a value set too large to list inline (ICD-10, CVX). */
export function choiceFromValueSet(linkId: string, label: string, valueSet: string, o: ItemOptions = {}) {
  return { ...base(linkId, label, 'choice', { control: 'autocomplete', ...o }), answerValueSet: valueSet };
}

// --- enableWhen shorthands ---------------------------------------------------------------------
export const whenTrue = (question: string): QuestionnaireItemEnableWhen => ({
  question,
  operator: '=',
  answerBoolean: true,
});
export const whenCode = (question: string, code: string, system?: string): QuestionnaireItemEnableWhen => ({
  question,
  operator: '=',
  answerCoding: system ? { system, code } : { code },
});
export const whenNumber = (
  question: string,
  operator: '<' | '<=' | '>' | '>=',
  value: number,
): QuestionnaireItemEnableWhen => ({ question, operator, answerDecimal: value });
