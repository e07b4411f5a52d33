import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeError } from './errors';

/** An error announced to screen readers as it appears (role="alert"). Renders nothing without an error. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" role="alert" title={title}>
      {describeError(t, error)}
    </Alert>
  );
}
