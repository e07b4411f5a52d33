import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/error-alert.component';
import type { User } from '@passage/core';
import { resetPassword } from './users.resource';

/** Sets a temporary password; the server also unlocks the account and requires a change at next sign-in. */
export function ResetPasswordModal({
  user,
  onClose,
  onDone,
}: {
  user: User;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!password) return;
    setSaving(true);
    setError(null);
    try {
      await resetPassword(user.id, password);
      onDone();
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('resetPasswordTitle', { username: user.username })}
      closeButtonProps={{ 'aria-label': t('close') }}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          <Text>{t('resetPasswordExplained')}</Text>
          <ErrorAlert error={error} />
          <PasswordInput
            label={t('temporaryPassword')}
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            visibilityToggleButtonProps={{ 'aria-label': t('showCharacters') }}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={saving}>
              {t('cancel')}
            </Button>
            <Button type="submit" color="red" loading={saving} disabled={!password}>
              {t('resetPassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
