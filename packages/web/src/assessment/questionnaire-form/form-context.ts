import { createContext, useContext, type ReactNode } from 'react';
import type { QuestionnaireItem } from '../fhir-types';
import type { QuestionnaireFormState } from './use-questionnaire-form';

/** The languages questions are shown in: the interface's, and the person's when asked for. */
export interface FormLanguages {
  ui: string;
  /** The person's preferred language, shown under each question when `bilingual` is on. */
  person: string | undefined;
  bilingual: boolean;
}

export interface FormContextValue {
  form: QuestionnaireFormState;
  languages: FormLanguages;
  /** Something to show under a field (a growth z-score, say), decided by the page. */
  renderExtra?: (item: QuestionnaireItem, path: string) => ReactNode;
  today: string;
}

export const FormContext = createContext<FormContextValue | null>(null);

export function useFormContext(): FormContextValue {
  const value = useContext(FormContext);
  if (!value) throw new Error('useFormContext outside QuestionnaireForm');
  return value;
}
