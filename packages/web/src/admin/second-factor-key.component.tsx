import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TotpKey } from '../common/totp-key.component';
import type { TotpSetup } from '@passage/core';

/**
 * The second-factor key the server has just issued for another user (at creation or on reset). The
 * server never shows it again, so the dialog does not close on a stray click outside it.
 */
export function SecondFactorKeyModal({
  username,
  setup,
  onClose,
}: {
  username: string;
  setup: TotpSetup;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened
      onClose={onClose}
      closeOnClickOutside={false}
      title={t('secondFactorKeyTitle', { username })}
      size="lg"
      closeButtonProps={{ 'aria-label': t('close') }}
    >
      <Stack>
        <Alert color="orange" role="status">
          {t('secondFactorKeyShownOnce')}
        </Alert>
        <Text>{t('secondFactorKeyExplained', { username })}</Text>
        {/* Focus starts on "Copy key" rather than on "Done", so that a stray Enter cannot lose the key. */}
        <TotpKey setup={setup} idPrefix="issued-totp" autoFocusCopy testId="issued-totp-secret" />
        <Group justify="flex-end">
          <Button onClick={onClose}>{t('done')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
