/**
 * The state of a questionnaire being filled in: the response, which items are enabled, which fields
 * were visited (their problems are shown from then on) and the server's problems. Validation runs on
 * every change; only the problems of visited fields show until the user tries to complete, then all do.
 */
import { validateResponse, walkResponse, type ResponseIssue } from '@passage/core';
import { useCallback, useMemo, useState } from 'react';
import type { Answer, Questionnaire, QuestionnaireResponse } from '../fhir-types';
import { addInstance, removeInstance, sectionOf, setAnswers } from './response-state';

/** A problem the server reported, placed by linkId only (it does not know repeating-group instances). */
export interface ServerIssue {
  linkId: string | undefined;
  message: string;
}

export interface QuestionnaireFormState {
  questionnaire: Questionnaire;
  response: QuestionnaireResponse;
  /** Counts changes, so an autosave can tell whether it has saved the latest. */
  version: number;
  isEnabled: (path: string) => boolean;
  /** Problems to show now: of visited fields, or of all once `showAll` is set. */
  visibleIssues: readonly ResponseIssue[];
  serverIssues: readonly ServerIssue[];
  setAnswer: (path: string, answers: readonly Answer[]) => void;
  addInstance: (groupPath: string) => void;
  removeInstance: (groupPath: string, index: number) => void;
  /** Marks a field visited (on blur, or on choosing an option). */
  touch: (path: string) => void;
  /** Every problem that stops completion; from now on all problems are shown. */
  validateAll: () => ResponseIssue[];
  setServerIssues: (issues: readonly ServerIssue[]) => void;
  /** Replaces the whole response (a resumed draft), forgetting visits and problems. */
  reset: (response: QuestionnaireResponse) => void;
}

export function useQuestionnaireForm(
  questionnaire: Questionnaire,
  initial: QuestionnaireResponse,
  today: string,
): QuestionnaireFormState {
  const [response, setResponse] = useState(initial);
  const [version, setVersion] = useState(0);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [serverIssues, setServerIssues] = useState<readonly ServerIssue[]>([]);

  const enabled = useMemo(() => {
    const map = new Map<string, boolean>();
    walkResponse(questionnaire, response, (v) => map.set(v.path, v.enabled));
    return map;
  }, [questionnaire, response]);

  const issues = useMemo(
    () => validateResponse(questionnaire, response, { today, completing: showAll }),
    [questionnaire, response, today, showAll],
  );
  const visibleIssues = useMemo(
    () => (showAll ? issues : issues.filter((i) => touched.has(i.path))),
    [issues, touched, showAll],
  );

  const change = useCallback(
    (update: (r: QuestionnaireResponse) => QuestionnaireResponse, linkId?: string) => {
      setResponse(update);
      setVersion((v) => v + 1);
      // The server's verdict on a field no longer holds once it is edited.
      if (linkId) setServerIssues((list) => list.filter((i) => i.linkId !== linkId));
    },
    [],
  );

  return {
    questionnaire,
    response,
    version,
    isEnabled: useCallback((path: string) => enabled.get(path) !== false, [enabled]),
    visibleIssues,
    serverIssues,
    setAnswer: useCallback(
      (path, answers) => change((r) => setAnswers(questionnaire, r, path, answers), path.split('/').at(-1)),
      [change, questionnaire],
    ),
    addInstance: useCallback(
      (groupPath) => change((r) => addInstance(questionnaire, r, groupPath)),
      [change, questionnaire],
    ),
    removeInstance: useCallback(
      (groupPath, index) => change((r) => removeInstance(questionnaire, r, groupPath, index)),
      [change, questionnaire],
    ),
    touch: useCallback((path) => setTouched((set) => (set.has(path) ? set : new Set(set).add(path))), []),
    validateAll: useCallback(() => {
      setShowAll(true);
      return validateResponse(questionnaire, response, { today, completing: true });
    }, [questionnaire, response, today]),
    setServerIssues,
    reset: useCallback((next: QuestionnaireResponse) => {
      setResponse(next);
      setTouched(new Set());
      setShowAll(false);
      setServerIssues([]);
    }, []),
  };
}

/** Problems per top-level section, for the section navigator. */
export function issuesBySection(
  issues: readonly ResponseIssue[],
  serverIssues: readonly ServerIssue[],
  sectionOfLinkId: (linkId: string) => string | undefined,
): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (section: string | undefined) => {
    if (section) counts.set(section, (counts.get(section) ?? 0) + 1);
  };
  for (const issue of issues) add(sectionOf(issue.path));
  for (const issue of serverIssues) add(issue.linkId ? sectionOfLinkId(issue.linkId) : undefined);
  return counts;
}
