/**
 * Reading a QuestionnaireResponse against its Questionnaire: which items are enabled (enableWhen),
 * and the answers of each question, including inside repeating groups. Shared by the form (what to
 * show), validation and extraction, so all three agree on what was asked.
 */
import type {
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireItemEnableWhen,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
} from '@medplum/fhirtypes';

export type Answer = QuestionnaireResponseItemAnswer;

/** Answers visible from one place in the response: its own group instance first, then outer ones. */
class AnswerScope {
  private readonly answers = new Map<string, Answer[]>();
  private readonly parent: AnswerScope | undefined;
  constructor(
    items: readonly QuestionnaireResponseItem[],
    parent?: AnswerScope,
    repeating: ReadonlySet<string> = new Set(),
  ) {
    this.parent = parent;
    const collect = (list: readonly QuestionnaireResponseItem[]) => {
      for (const item of list) {
        if (item.answer?.length)
          this.answers.set(item.linkId, [...(this.answers.get(item.linkId) ?? []), ...item.answer]);
        // Non-repeating sub-groups belong to the same instance; repeating ones get their own scope.
        if (item.item && !repeating.has(item.linkId)) collect(item.item);
      }
    };
    collect(items);
  }
  get(linkId: string): Answer[] {
    return this.answers.get(linkId) ?? this.parent?.get(linkId) ?? [];
  }
}

function answerValue(answer: Answer): unknown {
  return (
    answer.valueBoolean ??
    answer.valueDecimal ??
    answer.valueInteger ??
    answer.valueDate ??
    answer.valueDateTime ??
    answer.valueString ??
    answer.valueCoding ??
    answer.valueQuantity?.value
  );
}

function conditionHolds(condition: QuestionnaireItemEnableWhen, answers: readonly Answer[]): boolean {
  if (condition.operator === 'exists') return answers.length > 0 === (condition.answerBoolean ?? true);
  const expected =
    condition.answerBoolean ??
    condition.answerDecimal ??
    condition.answerInteger ??
    condition.answerDate ??
    condition.answerString ??
    condition.answerCoding;
  return answers.some((answer) => {
    const actual = answerValue(answer);
    if (actual === undefined || expected === undefined) return false;
    if (typeof expected === 'object' && typeof actual === 'object' && actual !== null) {
      const e = expected as { system?: string; code?: string };
      const a = actual as { system?: string; code?: string };
      const same = a.code === e.code && (!e.system || a.system === e.system);
      return condition.operator === '=' ? same : condition.operator === '!=' ? !same : false;
    }
    switch (condition.operator) {
      case '=':
        return actual === expected;
      case '!=':
        return actual !== expected;
      case '<':
        return (actual as number) < (expected as number);
      case '<=':
        return (actual as number) <= (expected as number);
      case '>':
        return (actual as number) > (expected as number);
      case '>=':
        return (actual as number) >= (expected as number);
      default:
        return false;
    }
  });
}

function enabledIn(item: QuestionnaireItem, scope: AnswerScope): boolean {
  const conditions = item.enableWhen ?? [];
  if (conditions.length === 0) return true;
  const results = conditions.map((c) => conditionHolds(c, scope.get(c.question)));
  return item.enableBehavior === 'any' ? results.some(Boolean) : results.every(Boolean);
}

export interface VisitedItem {
  definition: QuestionnaireItem;
  /** The response items for this question or group at this place (several for a repeating group). */
  responses: QuestionnaireResponseItem[];
  enabled: boolean;
  /** linkIds of the enclosing items, outermost first, with instance numbers of repeating groups. */
  path: string;
  /** Whether every enclosing group has a response item at this place (required applies only then). */
  present: boolean;
}

/**
 * Walks the Questionnaire's items alongside the response, calling `visit` for every item at every
 * place it occurs (each instance of a repeating group is its own place). Disabled items' children
 * are visited as disabled too.
 */
export function walkResponse(
  questionnaire: Questionnaire,
  response: QuestionnaireResponse,
  visit: (item: VisitedItem) => void,
): void {
  const repeating = new Set(
    [...indexQuestionnaire(questionnaire).values()]
      .filter((i) => i.type === 'group' && i.repeats)
      .map((i) => i.linkId),
  );
  const walk = (
    definitions: readonly QuestionnaireItem[],
    responses: readonly QuestionnaireResponseItem[],
    scope: AnswerScope,
    parentEnabled: boolean,
    path: string,
    present: boolean,
  ) => {
    for (const definition of definitions) {
      const matches = responses.filter((r) => r.linkId === definition.linkId);
      const enabled = parentEnabled && enabledIn(definition, scope);
      const here = path ? `${path}/${definition.linkId}` : definition.linkId;
      visit({ definition, responses: matches, enabled, path: here, present });
      if (definition.type !== 'group' || !definition.item) continue;
      if (matches.length === 0) {
        walk(definition.item, [], scope, enabled, here, false);
        continue;
      }
      matches.forEach((instance, i) => {
        const instanceScope = definition.repeats
          ? new AnswerScope(instance.item ?? [], scope, repeating)
          : scope;
        walk(
          definition.item ?? [],
          instance.item ?? [],
          instanceScope,
          enabled,
          definition.repeats ? `${here}[${i}]` : here,
          present,
        );
      });
    }
  };
  const items = response.item ?? [];
  walk(questionnaire.item ?? [], items, new AnswerScope(items, undefined, repeating), true, '', true);
}

/** The set of linkIds enabled anywhere in the response (for a form deciding what to show). */
export function isItemEnabled(
  questionnaire: Questionnaire,
  response: QuestionnaireResponse,
  path: string,
): boolean {
  let enabled = false;
  walkResponse(questionnaire, response, (v) => {
    if (v.path === path) enabled = v.enabled;
  });
  return enabled;
}

/** A copy of the response without answers to disabled items (FHIR: those answers must not be kept). */
export function pruneDisabled(
  questionnaire: Questionnaire,
  response: QuestionnaireResponse,
): QuestionnaireResponse {
  // A pruned answer can disable others that depend on it: prune until nothing changes.
  let current = pruneOnce(questionnaire, response);
  for (;;) {
    const next = pruneOnce(questionnaire, current);
    if (JSON.stringify(next) === JSON.stringify(current)) return current;
    current = next;
  }
}

function pruneOnce(questionnaire: Questionnaire, response: QuestionnaireResponse): QuestionnaireResponse {
  const disabled = new Set<QuestionnaireResponseItem>();
  walkResponse(questionnaire, response, (v) => {
    if (!v.enabled) for (const r of v.responses) disabled.add(r);
  });
  const prune = (
    items: readonly QuestionnaireResponseItem[] | undefined,
  ): QuestionnaireResponseItem[] | undefined => {
    if (!items) return undefined;
    const kept = items
      .filter((i) => !disabled.has(i))
      .map((i) => {
        const children = prune(i.item);
        const copy: QuestionnaireResponseItem = { ...i };
        if (children && children.length > 0) copy.item = children;
        else delete copy.item;
        return copy;
      })
      .filter((i) => (i.answer?.length ?? 0) > 0 || (i.item?.length ?? 0) > 0);
    return kept;
  };
  return { ...response, item: prune(response.item) ?? [] };
}

/** Every questionnaire item by linkId. */
export function indexQuestionnaire(questionnaire: Questionnaire): Map<string, QuestionnaireItem> {
  const index = new Map<string, QuestionnaireItem>();
  const add = (items: readonly QuestionnaireItem[] | undefined) => {
    for (const item of items ?? []) {
      index.set(item.linkId, item);
      add(item.item);
    }
  };
  add(questionnaire.item);
  return index;
}

/** All answers to a question anywhere in a list of response items (not descending into `skip`). */
export function answersOf(items: readonly QuestionnaireResponseItem[] | undefined, linkId: string): Answer[] {
  const out: Answer[] = [];
  const walk = (list: readonly QuestionnaireResponseItem[] | undefined) => {
    for (const item of list ?? []) {
      if (item.linkId === linkId && item.answer) out.push(...item.answer);
      walk(item.item);
    }
  };
  walk(items);
  return out;
}

/** The instances of a repeating group anywhere in a list of response items. */
export function groupInstances(
  items: readonly QuestionnaireResponseItem[] | undefined,
  linkId: string,
): QuestionnaireResponseItem[] {
  const out: QuestionnaireResponseItem[] = [];
  const walk = (list: readonly QuestionnaireResponseItem[] | undefined) => {
    for (const item of list ?? []) {
      if (item.linkId === linkId) out.push(item);
      else walk(item.item);
    }
  };
  walk(items);
  return out;
}
