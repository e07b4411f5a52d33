/** Where each problem is, in words and as a path, for the list of problems above the form. */
import { indexQuestionnaire, translateItem, walkResponse, type ResponseIssue } from '@passage/core';
import type { TFunction } from 'i18next';
import type { Questionnaire, QuestionnaireItem, QuestionnaireResponse } from '../fhir-types';
import { issueMessage } from './issue-messages';
import { parsePath } from './response-state';
import type { ServerIssue } from './use-questionnaire-form';

export interface SummaryEntry {
  /** Where to go; undefined when the problem is not at any field shown. */
  path: string | undefined;
  /** "Section › Question". */
  place: string;
  message: string;
  /** Language of `message` (the server's messages are English). */
  language: string;
}

/** Top-level section linkId of every item's linkId. */
export function sectionsByLinkId(sections: readonly QuestionnaireItem[]): Map<string, string> {
  const owner = new Map<string, string>();
  const add = (items: readonly QuestionnaireItem[] | undefined, section: string) => {
    for (const item of items ?? []) {
      owner.set(item.linkId, section);
      add(item.item, section);
    }
  };
  for (const top of sections) {
    owner.set(top.linkId, top.linkId);
    add(top.item, top.linkId);
  }
  return owner;
}

/** The first enabled place a linkId occurs at in the response (server problems carry no path). */
export function firstPathOf(
  questionnaire: Questionnaire,
  response: QuestionnaireResponse,
  linkId: string,
): string | undefined {
  let found: string | undefined;
  walkResponse(questionnaire, response, (v) => {
    if (!found && v.enabled && v.definition.linkId === linkId) found = v.path;
  });
  return found;
}

export function summarize(
  t: TFunction,
  questionnaire: Questionnaire,
  response: QuestionnaireResponse,
  issues: readonly ResponseIssue[],
  serverIssues: readonly ServerIssue[],
  language: string,
): SummaryEntry[] {
  const index = indexQuestionnaire(questionnaire);
  // Section, repeating-group instances and the question: plain groups between them (PHQ-9's long
  // instruction, say) would only make the line longer.
  const place = (path: string) => {
    const steps = parsePath(path);
    return steps
      .filter((step, i) => i === 0 || i === steps.length - 1 || step.index !== undefined)
      .map((step) => {
        const item = index.get(step.linkId);
        const text = item ? translateItem(item, language) : step.linkId;
        return step.index === undefined ? text : `${text} ${step.index + 1}`;
      })
      .join(' › ');
  };
  return [
    ...issues.map((issue) => ({
      path: issue.path,
      place: place(issue.path),
      message: issueMessage(t, issue, index.get(issue.linkId)),
      language,
    })),
    ...serverIssues.map((issue) => {
      const path = issue.linkId ? firstPathOf(questionnaire, response, issue.linkId) : undefined;
      return { path, place: path ? place(path) : '', message: issue.message, language: 'en' };
    }),
  ];
}
