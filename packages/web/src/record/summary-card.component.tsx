import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** One of the record's summary cards: a heading, its items, or a plain sentence when there are none. */
export function SummaryCard({
  title,
  empty,
  count,
  children,
}: {
  title: string;
  /** Said when there is nothing to list. */
  empty: string;
  count: number;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Stack gap="xs">
        <Group gap="xs">
          <Title order={3} fz="lg">
            {title}
          </Title>
          {count > 0 && (
            <Badge variant="light" color="gray" aria-hidden="true">
              {count}
            </Badge>
          )}
        </Group>
        {count === 0 ? (
          <Text c="dimmed" size="sm">
            {empty}
          </Text>
        ) : (
          children
        )}
      </Stack>
    </Paper>
  );
}

/**
 * A lock beside data recorded as sensitive (meta.security R), named for screen readers. Not focusable:
 * it often sits inside a button (a timeline entry), where nothing else may take focus.
 */
export function SensitiveMark() {
  const { t } = useTranslation();
  return (
    <span role="img" aria-label={t('recordSensitive')} title={t('recordSensitiveExplained')}>
      🔒
    </span>
  );
}

/** A status word on a badge; colour only repeats what the word says. */
export function StatusBadge({
  label,
  tone = 'gray',
}: {
  label: string;
  tone?: 'gray' | 'red' | 'teal' | 'orange';
}) {
  return (
    <Badge variant="outline" color={`${tone}.9`} radius="sm">
      {label}
    </Badge>
  );
}
