/**
 * The printed report's content: the answered questions that applied, section by section, each with
 * the group instance it belongs to ("Vaccine 2"), and whether it is sensitive (itself or by its group).
 */
import { SENSITIVE_ITEM_EXT, walkResponse } from '@passage/core';
import type { Answer, Questionnaire, QuestionnaireItem, QuestionnaireResponse } from '../fhir-types';
import { parsePath, type PathStep } from '../questionnaire-form/response-state';

export interface ReportRow {
  path: string;
  item: QuestionnaireItem;
  answers: Answer[];
  sensitive: boolean;
  /** The groups between the section and the question, with instance numbers (1-based). */
  groups: { item: QuestionnaireItem; number?: number }[];
}

export interface ReportSection {
  item: QuestionnaireItem;
  rows: ReportRow[];
}

function index(questionnaire: Questionnaire) {
  const items = new Map<string, QuestionnaireItem>();
  const sensitive = new Set<string>();
  const add = (list: readonly QuestionnaireItem[] | undefined, inherited: boolean) => {
    for (const item of list ?? []) {
      items.set(item.linkId, item);
      const here = inherited || !!item.extension?.some((e) => e.url === SENSITIVE_ITEM_EXT && e.valueBoolean);
      if (here) sensitive.add(item.linkId);
      add(item.item, here);
    }
  };
  add(questionnaire.item, false);
  return { items, sensitive };
}

export function reportSections(
  questionnaire: Questionnaire,
  response: QuestionnaireResponse,
): ReportSection[] {
  const { items, sensitive } = index(questionnaire);
  const sections = new Map<string, ReportSection>();
  walkResponse(questionnaire, response, ({ definition, responses, enabled, path }) => {
    if (!enabled || definition.type === 'group' || definition.type === 'display') return;
    const answers = responses.flatMap((r) => r.answer ?? []);
    if (answers.length === 0) return;
    const [top, ...rest] = parsePath(path);
    const sectionItem = top && items.get(top.linkId);
    if (!sectionItem) return;
    const groups = rest.slice(0, -1).flatMap((step: PathStep) => {
      const item = items.get(step.linkId);
      if (!item) return [];
      return [step.index === undefined ? { item } : { item, number: step.index + 1 }];
    });
    const section = sections.get(sectionItem.linkId) ?? { item: sectionItem, rows: [] };
    sections.set(sectionItem.linkId, section);
    section.rows.push({
      path,
      item: definition,
      answers,
      sensitive: sensitive.has(definition.linkId),
      groups,
    });
  });
  return [...sections.values()];
}

/** The group heading a row falls under ('' for rows directly in their section), to start a sub-heading. */
export function groupKey(row: ReportRow): string {
  return row.groups.map((g) => `${g.item.linkId}${g.number ?? ''}`).join('/');
}
