/**
 * validateResponse's problems in the user's language. Core's messages are English sentences for logs
 * and the API; the form maps each problem's code to a catalogue message, with the item's range or limit
 * as ICU arguments, and falls back to the English message for a code it does not know.
 */
import type { ResponseIssue } from '@passage/core';
import type { TFunction } from 'i18next';
import type { QuestionnaireItem } from '../fhir-types';
import { itemRange } from './item-meta';

/** validateResponse's length limits (string, text). */
const MAX_LENGTH = { string: 2_000, text: 20_000 } as const;

export function issueMessage(
  t: TFunction,
  issue: ResponseIssue,
  item: QuestionnaireItem | undefined,
): string {
  switch (issue.code) {
    case 'required':
      return item?.type === 'group' ? t('assessmentIssueSectionRequired') : t('assessmentIssueRequired');
    case 'type':
      return item?.type === 'integer' ? t('assessmentIssueWholeNumber') : t('assessmentIssueType');
    case 'range': {
      if (item?.type === 'date') return t('assessmentIssueDateTooEarly');
      const { min, max } = item ? itemRange(item) : {};
      return min !== undefined && max !== undefined
        ? t('assessmentIssueRange', { min, max })
        : t('assessmentIssueImplausible');
    }
    case 'future-date':
      return t('assessmentIssueFutureDate');
    case 'date-format':
      return t('assessmentIssueDateFormat');
    case 'unknown-code':
      return t('assessmentIssueUnknownCode');
    case 'too-many':
      return item?.type === 'group' ? t('assessmentIssueGroupTwice') : t('assessmentIssueTooMany');
    case 'too-long':
      return t('assessmentIssueTooLong', {
        max: item?.type === 'text' ? MAX_LENGTH.text : MAX_LENGTH.string,
      });
    case 'unknown-item':
      return t('assessmentIssueUnknownItem');
    case 'read-only':
      return t('assessmentIssueReadOnly');
    default:
      return issue.message;
  }
}
