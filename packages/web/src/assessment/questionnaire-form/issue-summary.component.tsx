import { Alert, Anchor, List } from '@mantine/core';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { directionOf } from '../../i18n/languages';
import { fieldId } from './response-state';
import type { SummaryEntry } from './summary';

/**
 * The problems that stop completion, each a link to its field. It takes focus when shown (the page
 * does that through the ref), so a keyboard or screen-reader user starts from the list.
 */
export function IssueSummary({
  entries,
  onSelect,
  ref,
}: {
  entries: readonly SummaryEntry[];
  onSelect: (path: string) => void;
  ref?: Ref<HTMLDivElement>;
}) {
  const { t } = useTranslation();
  if (entries.length === 0) return null;
  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      color="red"
      title={t('assessmentProblemsTitle', { count: entries.length })}
      role="alert"
    >
      <List size="sm" spacing={4}>
        {entries.map((entry, i) => (
          <List.Item key={`${entry.path ?? ''}-${i}`}>
            {entry.path ? (
              <Anchor
                href={`#${fieldId(entry.path)}`}
                onClick={(event) => {
                  event.preventDefault();
                  onSelect(entry.path as string);
                }}
                size="sm"
              >
                {entry.place}
              </Anchor>
            ) : null}
            {entry.path ? ': ' : ''}
            <span lang={entry.language} dir={directionOf(entry.language)}>
              {entry.message}
            </span>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
