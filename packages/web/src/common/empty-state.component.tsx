import { EmptyState, Paper } from '@mantine/core';
import type { ReactNode } from 'react';

/** A page that has nothing to show yet, said plainly rather than left blank. */
export function PlaceholderState({
  title,
  description,
  icon,
}: {
  title: string;
  description: string;
  icon: ReactNode;
}) {
  return (
    <Paper withBorder p="xl" radius="md">
      <EmptyState
        title={title}
        description={description}
        icon={<span aria-hidden="true">{icon}</span>}
        variant="light"
        size="lg"
      />
    </Paper>
  );
}
