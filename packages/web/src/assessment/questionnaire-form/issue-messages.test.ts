import { healthAssessment, indexQuestionnaire, type ResponseIssue } from '@passage/core';
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { issueMessage } from './issue-messages';

// Echoes the key and its arguments, to see which message and parameters were chosen.
const t = ((key: string, options?: Record<string, unknown>) =>
  options ? `${key} ${JSON.stringify(options)}` : key) as unknown as TFunction;
const items = indexQuestionnaire(healthAssessment);
const issue = (linkId: string, code: ResponseIssue['code']): ResponseIssue => ({
  linkId,
  path: linkId,
  code,
  message: 'English message',
});

describe('issueMessage', () => {
  it('gives a range problem the item’s plausible range as ICU arguments', () => {
    expect(issueMessage(t, issue('weight', 'range'), items.get('weight'))).toBe(
      'assessmentIssueRange {"min":0.5,"max":300}',
    );
  });

  it('tells a date range problem from a number range problem', () => {
    expect(issueMessage(t, issue('lmp', 'range'), items.get('lmp'))).toBe('assessmentIssueDateTooEarly');
  });

  it('words a missing section differently from a missing answer', () => {
    expect(issueMessage(t, issue('pregnancy', 'required'), items.get('pregnancy'))).toBe(
      'assessmentIssueSectionRequired',
    );
    expect(issueMessage(t, issue('consent', 'required'), items.get('consent'))).toBe(
      'assessmentIssueRequired',
    );
  });

  it('falls back to the English message for a code it does not know', () => {
    const unknown = { ...issue('weight', 'range'), code: 'something-new' } as unknown as ResponseIssue;
    expect(issueMessage(t, unknown, items.get('weight'))).toBe('English message');
  });
});
