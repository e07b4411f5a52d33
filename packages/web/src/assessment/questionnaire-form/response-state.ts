/**
 * Pure helpers over the form's state, a QuestionnaireResponse: read and write the answers at a path
 * as walkResponse names it (`vaccination/vaccine[1]/vaccine-date`), and add or remove instances of a
 * repeating group. Every write returns a new response, so React sees the change; items are created in
 * the questionnaire's order, as FHIR requires, and emptied ones are dropped.
 */
import type {
  Answer,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
} from '../fhir-types';

export interface PathStep {
  linkId: string;
  /** Which instance of a repeating group; absent for anything that occurs once. */
  index?: number;
}

const STEP = /^(.+?)(?:\[(\d+)\])?$/;

export function parsePath(path: string): PathStep[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((part) => {
      const m = STEP.exec(part);
      const linkId = m?.[1] ?? part;
      return m?.[2] === undefined ? { linkId } : { linkId, index: Number(m[2]) };
    });
}

/** The path of a child item under `parent` (a section, a group, or an instance path like `vaccine[1]`). */
export function childPath(parent: string, linkId: string): string {
  return parent ? `${parent}/${linkId}` : linkId;
}

export function instancePath(groupPath: string, index: number): string {
  return `${groupPath}[${index}]`;
}

/** The top-level section (first linkId) a path lies in. */
export function sectionOf(path: string): string {
  return parsePath(path)[0]?.linkId ?? '';
}

/** A DOM id for the field at a path (ids may not hold `/`, `[` or `]` usefully in selectors). */
export function fieldId(path: string): string {
  return `q-${path.replace(/[^\w-]/g, '_')}`;
}

function find(
  items: readonly QuestionnaireResponseItem[] | undefined,
  step: PathStep,
): QuestionnaireResponseItem | undefined {
  return (items ?? []).filter((i) => i.linkId === step.linkId)[step.index ?? 0];
}

export function getItem(
  response: QuestionnaireResponse,
  path: string,
): QuestionnaireResponseItem | undefined {
  let items = response.item;
  let found: QuestionnaireResponseItem | undefined;
  for (const step of parsePath(path)) {
    found = find(items, step);
    if (!found) return undefined;
    items = found.item;
  }
  return found;
}

export function getAnswers(response: QuestionnaireResponse, path: string): Answer[] {
  return getItem(response, path)?.answer ?? [];
}

/** How many instances of the repeating group at `groupPath` (its path without an index) exist. */
export function instanceCount(response: QuestionnaireResponse, groupPath: string): number {
  const steps = parsePath(groupPath);
  const last = steps.pop();
  if (!last) return 0;
  let items = response.item;
  for (const step of steps) {
    items = find(items, step)?.item;
    if (!items) return 0;
  }
  return (items ?? []).filter((i) => i.linkId === last.linkId).length;
}

/** Each item's position among its siblings in the questionnaire (linkIds are unique in a questionnaire). */
function positions(questionnaire: Questionnaire): Map<string, number> {
  const order = new Map<string, number>();
  const add = (items: readonly QuestionnaireItem[] | undefined) =>
    (items ?? []).forEach((item, i) => {
      order.set(item.linkId, i);
      add(item.item);
    });
  add(questionnaire.item);
  return order;
}

type Change = (item: QuestionnaireResponseItem | undefined) => QuestionnaireResponseItem | undefined;

function updateAt(
  items: readonly QuestionnaireResponseItem[] | undefined,
  steps: readonly PathStep[],
  order: ReadonlyMap<string, number>,
  change: Change,
): QuestionnaireResponseItem[] {
  const [step, ...rest] = steps;
  const list = [...(items ?? [])];
  if (!step) return list;
  const at = list.map((item, i) => (item.linkId === step.linkId ? i : -1)).filter((i) => i >= 0)[
    step.index ?? 0
  ];
  const current = at === undefined ? undefined : list[at];
  let next: QuestionnaireResponseItem | undefined;
  if (rest.length === 0) {
    next = change(current);
  } else {
    const base = current ?? { linkId: step.linkId };
    const children = updateAt(base.item, rest, order, change);
    // An instance of a repeating group stays, even empty, until removed; an emptied plain group goes.
    next = children.length > 0 || step.index !== undefined ? { ...base, item: children } : undefined;
  }
  if (at !== undefined) {
    if (next) list[at] = next;
    else list.splice(at, 1);
  } else if (next) {
    const mine = order.get(step.linkId) ?? Number.MAX_SAFE_INTEGER;
    const before = list.findLastIndex((i) => (order.get(i.linkId) ?? Number.MAX_SAFE_INTEGER) <= mine);
    list.splice(before + 1, 0, next);
  }
  return list;
}

/** The response with the answers at `path` replaced; no answers removes the question's item. */
export function setAnswers(
  questionnaire: Questionnaire,
  response: QuestionnaireResponse,
  path: string,
  answers: readonly Answer[],
): QuestionnaireResponse {
  const item = updateAt(response.item, parsePath(path), positions(questionnaire), (current) =>
    answers.length === 0 ? undefined : { ...current, linkId: lastLinkId(path), answer: [...answers] },
  );
  return { ...response, item };
}

function lastLinkId(path: string): string {
  return parsePath(path).at(-1)?.linkId ?? '';
}

/** Appends an empty instance to the repeating group at `groupPath`. */
export function addInstance(
  questionnaire: Questionnaire,
  response: QuestionnaireResponse,
  groupPath: string,
): QuestionnaireResponse {
  const steps = parsePath(groupPath);
  const last = steps.pop();
  if (!last) return response;
  const index = instanceCount(response, groupPath);
  const item = updateAt(
    response.item,
    [...steps, { linkId: last.linkId, index }],
    positions(questionnaire),
    () => ({
      linkId: last.linkId,
      item: [],
    }),
  );
  return { ...response, item };
}

/** Removes instance `index` of the repeating group at `groupPath`; later instances move up one. */
export function removeInstance(
  questionnaire: Questionnaire,
  response: QuestionnaireResponse,
  groupPath: string,
  index: number,
): QuestionnaireResponse {
  const steps = parsePath(groupPath);
  const last = steps.pop();
  if (!last) return response;
  const item = updateAt(
    response.item,
    [...steps, { linkId: last.linkId, index }],
    positions(questionnaire),
    () => undefined,
  );
  return { ...response, item };
}

/** Without items that hold neither an answer nor (recursively) a filled child: what is worth saving. */
export function compactResponse(response: QuestionnaireResponse): QuestionnaireResponse {
  const compact = (items: readonly QuestionnaireResponseItem[] | undefined): QuestionnaireResponseItem[] =>
    (items ?? []).flatMap((item) => {
      const children = compact(item.item);
      const { item: _children, ...rest } = item;
      const kept: QuestionnaireResponseItem = children.length > 0 ? { ...rest, item: children } : rest;
      return (kept.answer?.length ?? 0) > 0 || children.length > 0 ? [kept] : [];
    });
  return { ...response, item: compact(response.item) };
}
