import type { TotpSetup } from '@passage/core';
import { Alert, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { enableTotp, setupTotp } from '../auth/auth.resource';
import { useMe, useSession } from '../auth/session.context';
import { ErrorAlert } from '../common/error-alert.component';
import { TotpKey } from '../common/totp-key.component';

export function SecondFactor() {
  const { t } = useTranslation();
  const me = useMe();
  const { refresh } = useSession();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [enabled, setEnabled] = useState(false);

  async function start() {
    setBusy(true);
    setError(null);
    try {
      setSetup(await setupTotp());
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await enableTotp(code);
      setSetup(null);
      setEnabled(true);
      await refresh();
    } catch (caught) {
      setCode('');
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack maw={560} aria-labelledby="second-factor-title" component="section">
      <Title order={2} id="second-factor-title">
        {t('secondFactor')}
      </Title>
      <Text>{t('secondFactorExplained')}</Text>
      <ErrorAlert error={error} />
      {me.totpEnabled ? (
        <Alert color="teal" role="status">
          {enabled ? t('secondFactorNowOn') : t('secondFactorOn')}
        </Alert>
      ) : !setup ? (
        <Group>
          <Button onClick={() => void start()} loading={busy}>
            {t('secondFactorSetUp')}
          </Button>
        </Group>
      ) : (
        <form onSubmit={(event) => void confirm(event)} noValidate>
          <Stack>
            <Text>{t('secondFactorStep1')}</Text>
            <TotpKey setup={setup} idPrefix="totp" />
            <Text>{t('secondFactorStep2')}</Text>
            <TextInput
              label={t('oneTimeCode')}
              autoComplete="one-time-code"
              inputMode="numeric"
              pattern="[0-9]*"
              maxLength={6}
              dir="ltr"
              maw={200}
              required
              value={code}
              onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
            />
            <Group>
              <Button type="submit" loading={busy} disabled={code.length !== 6}>
                {t('secondFactorConfirm')}
              </Button>
              <Button variant="subtle" onClick={() => setSetup(null)} disabled={busy}>
                {t('cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
