import { Alert, Paper, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { ErrorAlert } from '../common/error-alert.component';
import { usePercent } from './grade-badge.component';
import type { ScanState } from './use-scan';

/** How far a scan of the register got, announced politely as it moves and when it ends. */
export function ScanProgress({ state, onClose }: { state: ScanState; onClose: () => void }) {
  const { t } = useTranslation();
  const percent = usePercent();
  if (state.phase === 'idle') return null;
  if (state.phase === 'failed') {
    if (state.error instanceof ApiError && state.error.code === 'scan_running')
      return (
        <Alert color="blue" role="status" withCloseButton onClose={onClose}>
          {t('identityScanAlreadyRunning')}
        </Alert>
      );
    return <ErrorAlert error={state.error} title={t('identityScanFailed')} />;
  }
  if (state.phase === 'done') {
    const { processed, found } = state.status;
    return (
      <Alert color="teal" role="status" withCloseButton onClose={onClose} title={t('identityScanDone')}>
        {t('identityScanDoneSummary', { processed, found })}
      </Alert>
    );
  }
  const status = state.phase === 'running' ? state.status : undefined;
  const total = status?.total ?? 0;
  const value = total > 0 ? Math.min(100, ((status?.processed ?? 0) / total) * 100) : 0;
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="xs">
        <Text fw={600}>{t('identityScanRunning')}</Text>
        <Progress value={Math.round(value)} animated size="lg" aria-label={t('identityScanRunning')} />
        <Text size="sm" role="status" aria-live="polite" data-testid="scan-progress">
          {status?.phase === 'keying'
            ? t('identityScanKeying')
            : status?.phase === 'loading'
              ? t('identityScanLoading', { total: status.total })
              : status
                ? t('identityScanProgress', {
                    processed: status.processed,
                    total: status.total,
                    found: status.found,
                    percent: percent(value / 100),
                  })
                : t('identityScanStarting')}
        </Text>
      </Stack>
    </Paper>
  );
}
