/**
 * Checks a QuestionnaireResponse against its Questionnaire and says, per item, what is wrong: a
 * missing required answer, a number out of its plausible range (a weight of 0), a date in the
 * future, a code outside the item's value set, a second answer to a single-answer question. The form
 * shows these beside the field; the server refuses a response that has any.
 */
import type { Coding, Questionnaire, QuestionnaireItem, QuestionnaireResponse } from '@medplum/fhirtypes';
import { MAX_VALUE_EXT, MIN_VALUE_EXT } from '../records/fhir-conventions.ts';
import { expandValueSet } from '../terminology/value-sets.ts';
import { ALLOW_FUTURE_DATE_EXT } from './questionnaire-builder.ts';
import { indexQuestionnaire, walkResponse, type Answer } from './response.ts';

export type ResponseIssueCode =
  | 'required'
  | 'type'
  | 'range'
  | 'future-date'
  | 'date-format'
  | 'unknown-code'
  | 'too-many'
  | 'too-long'
  | 'unknown-item'
  | 'read-only';

export interface ResponseIssue {
  /** The item's linkId; `path` places it inside repeating groups (`test[1]/test-result`). */
  linkId: string;
  path: string;
  code: ResponseIssueCode;
  message: string;
}

const MAX_STRING = 2_000;
const MAX_TEXT = 20_000;
const DATE = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/;

function extensionNumber(item: QuestionnaireItem, url: string): number | undefined {
  const ext = item.extension?.find((e) => e.url === url);
  return ext?.valueDecimal ?? ext?.valueInteger;
}

function label(item: QuestionnaireItem): string {
  return item.text ?? item.linkId;
}

function allowedCodes(item: QuestionnaireItem): readonly Coding[] | undefined {
  if (item.answerOption) return item.answerOption.flatMap((o) => (o.valueCoding ? [o.valueCoding] : []));
  if (item.answerValueSet) return expandValueSet(item.answerValueSet) ?? [];
  return undefined;
}

function checkAnswer(
  item: QuestionnaireItem,
  answer: Answer,
  today: string,
): Omit<ResponseIssue, 'linkId' | 'path'> | undefined {
  const name = label(item);
  const wrongType = { code: 'type' as const, message: `${name}: expected a ${item.type} answer` };
  switch (item.type) {
    case 'boolean':
      return typeof answer.valueBoolean === 'boolean' ? undefined : wrongType;
    case 'decimal':
    case 'integer': {
      const value =
        item.type === 'integer' ? answer.valueInteger : (answer.valueDecimal ?? answer.valueInteger);
      if (typeof value !== 'number' || !Number.isFinite(value)) return wrongType;
      if (item.type === 'integer' && !Number.isInteger(value))
        return { code: 'type', message: `${name}: a whole number is expected` };
      const min = extensionNumber(item, MIN_VALUE_EXT);
      const max = extensionNumber(item, MAX_VALUE_EXT);
      if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
        return {
          code: 'range',
          message: `${name}: ${value} is outside the plausible range ${min ?? '…'}–${max ?? '…'}`,
        };
      }
      return undefined;
    }
    case 'date': {
      const value = answer.valueDate;
      const m = typeof value === 'string' ? DATE.exec(value) : null;
      if (!m) return { code: 'date-format', message: `${name}: a date is expected (YYYY-MM-DD)` };
      if (m[3] && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
        return { code: 'date-format', message: `${name}: ${value} is not a calendar date` };
      }
      if (Number(m[1]) < 1900)
        return { code: 'range', message: `${name}: a date before 1900 is not plausible` };
      const allowFuture = item.extension?.some((e) => e.url === ALLOW_FUTURE_DATE_EXT && e.valueBoolean);
      if (!allowFuture && (value as string) > today.slice(0, (value as string).length)) {
        return { code: 'future-date', message: `${name}: ${value} is in the future` };
      }
      return undefined;
    }
    case 'string':
    case 'text': {
      const value = answer.valueString;
      if (typeof value !== 'string' || value.trim() === '') return wrongType;
      const limit = item.type === 'text' ? MAX_TEXT : MAX_STRING;
      if (value.length > limit) return { code: 'too-long', message: `${name}: at most ${limit} characters` };
      return undefined;
    }
    case 'choice':
    case 'open-choice': {
      const coding = answer.valueCoding;
      if (typeof coding?.code !== 'string' || coding.code === '') {
        return item.type === 'open-choice' && typeof answer.valueString === 'string' ? undefined : wrongType;
      }
      const allowed = allowedCodes(item);
      if (
        allowed &&
        !allowed.some(
          (c) => c.code === coding.code && (!coding.system || !c.system || c.system === coding.system),
        )
      ) {
        return {
          code: 'unknown-code',
          message: `${name}: '${coding.code}' is not one of the allowed answers`,
        };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Problems with a response; an empty list means it may be completed. `today` is YYYY-MM-DD. */
export function validateResponse(
  questionnaire: Questionnaire,
  response: QuestionnaireResponse,
  options: { today: string; completing: boolean },
): ResponseIssue[] {
  const issues: ResponseIssue[] = [];
  const known = indexQuestionnaire(questionnaire);
  const report = (linkId: string, path: string, code: ResponseIssueCode, message: string) =>
    issues.push({ linkId, path, code, message });

  // Each item must sit under its own parent: one placed elsewhere escapes every check below.
  const checkUnknown = (
    items: QuestionnaireResponse['item'],
    definitions: readonly QuestionnaireItem[] | undefined,
    path: string,
  ) => {
    for (const item of items ?? []) {
      const definition = definitions?.find((d) => d.linkId === item.linkId);
      if (!definition)
        report(
          item.linkId,
          `${path}${item.linkId}`,
          'unknown-item',
          known.has(item.linkId)
            ? `'${item.linkId}' is not in its place in this form`
            : `'${item.linkId}' is not a question of this form`,
        );
      checkUnknown(item.item, definition?.item, `${path}${item.linkId}/`);
    }
  };
  checkUnknown(response.item, questionnaire.item, '');

  walkResponse(questionnaire, response, ({ definition, responses, enabled, path, present }) => {
    if (definition.type === 'display' || !enabled) return;
    if (definition.type === 'group') {
      if (definition.required && options.completing && present && responses.length === 0) {
        report(definition.linkId, path, 'required', `${label(definition)}: this section must be filled in`);
      }
      if (!definition.repeats && responses.length > 1) {
        report(definition.linkId, path, 'too-many', `${label(definition)}: appears more than once`);
      }
      return;
    }
    const answers = responses.flatMap((r) => r.answer ?? []);
    if (answers.length === 0) {
      if (definition.required && options.completing && present) {
        report(definition.linkId, path, 'required', `${label(definition)}: an answer is required`);
      }
      return;
    }
    if (!definition.repeats && (answers.length > 1 || responses.length > 1)) {
      report(definition.linkId, path, 'too-many', `${label(definition)}: only one answer is allowed`);
    }
    for (const answer of answers) {
      const problem = checkAnswer(definition, answer, options.today);
      if (problem) report(definition.linkId, path, problem.code, problem.message);
    }
  });
  return issues;
}

/** FHIRPath-like location of an issue, for OperationOutcome.issue.expression. */
export function issueExpression(issue: ResponseIssue): string {
  return `QuestionnaireResponse.item.where(linkId='${issue.linkId}')`;
}

/** The linkId named by an issue expression (the form maps server issues back to fields). */
export function linkIdOfExpression(expression: string): string | undefined {
  return /linkId='([^']+)'/.exec(expression)?.[1];
}
