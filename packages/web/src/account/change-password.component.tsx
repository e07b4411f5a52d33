import { Alert, Button, Group, PasswordInput, Stack, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { changePassword } from '../auth/auth.resource';
import { useSession } from '../auth/session.context';
import { ErrorAlert } from '../common/error-alert.component';

export function ChangePasswordForm() {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    setError(null);
    if (next !== confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    setSubmitting(true);
    try {
      await changePassword(current, next);
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(true);
      await refresh(); // Clears mustChangePassword, which releases the rest of the app.
    } catch (caught) {
      setError(caught);
    } finally {
      setSubmitting(false);
    }
  }

  const toggleLabel = { 'aria-label': t('showCharacters') };
  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="change-password-title">
      <Stack maw={420}>
        <Title order={2} id="change-password-title">
          {t('changePassword')}
        </Title>
        {done && (
          <Alert color="teal" role="status">
            {t('passwordChanged')}
          </Alert>
        )}
        <ErrorAlert error={error} />
        <PasswordInput
          label={t('currentPassword')}
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          visibilityToggleButtonProps={toggleLabel}
        />
        <PasswordInput
          label={t('newPassword')}
          description={t('newPasswordHint')}
          autoComplete="new-password"
          required
          value={next}
          onChange={(e) => setNext(e.currentTarget.value)}
          visibilityToggleButtonProps={toggleLabel}
        />
        <PasswordInput
          label={t('confirmNewPassword')}
          autoComplete="new-password"
          required
          value={confirm}
          error={mismatch ? t('passwordsDoNotMatch') : undefined}
          errorProps={{ role: 'alert' }}
          onChange={(e) => setConfirm(e.currentTarget.value)}
          visibilityToggleButtonProps={toggleLabel}
        />
        <Group>
          <Button type="submit" loading={submitting} disabled={!current || !next || !confirm}>
            {t('changePassword')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
