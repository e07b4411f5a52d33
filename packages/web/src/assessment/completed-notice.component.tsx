import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** After completion: what was recorded, and where to go next (the report to print, or the record). */
export function CompletedNotice({
  patientId,
  result,
}: {
  patientId: string;
  result: { responseId: string; created: readonly string[] };
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const person = `/people/${encodeURIComponent(patientId)}`;
  return (
    <Alert ref={ref} tabIndex={-1} color="teal" title={t('assessmentCompletedTitle')} role="status">
      <Stack gap="sm">
        <Text>{t('assessmentCompletedRecords', { count: result.created.length })}</Text>
        <Group gap="sm">
          <Button
            component={Link}
            to={`${person}/assessments/${encodeURIComponent(result.responseId)}/print`}
          >
            {t('assessmentPrintReport')}
          </Button>
          <Button component={Link} to={person} variant="default">
            {t('assessmentBackToRecord')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
