import { Alert, Button, Group, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/error-alert.component';
import { verifyAuditChain, type ChainVerification } from './audit.resource';

/** Asks the server to re-check the audit trail's hash chain, which shows whether events were altered. */
export function VerifyChain() {
  const { t } = useTranslation();
  const [result, setResult] = useState<ChainVerification | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function verify() {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await verifyAuditChain());
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="sm">
      <Group>
        <Button variant="default" onClick={() => void verify()} loading={busy}>
          {t('auditVerifyChain')}
        </Button>
      </Group>
      <ErrorAlert error={error} />
      {result?.ok && (
        <Alert color="teal" role="status" title={t('auditChainOk')}>
          {t('auditChainChecked', { count: result.checked })}
        </Alert>
      )}
      {result && !result.ok && (
        <Alert color="red" role="alert" title={t('auditChainBroken')}>
          {t('auditChainBrokenAt', { id: result.firstBrokenId ?? '—', problem: result.problem ?? '—' })}{' '}
          {t('auditChainChecked', { count: result.checked })}
        </Alert>
      )}
    </Stack>
  );
}
