import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { groupSecret } from '../account/totp.component';
import type { TotpSetup } from '@passage/core';

function CopyValue({ value, label, autoFocus }: { value: string; label: string; autoFocus?: boolean }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Button size="xs" variant="default" onClick={copy} data-autofocus={autoFocus || undefined}>
          {copied ? t('copied') : label}
        </Button>
      )}
    </CopyButton>
  );
}

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
        <div>
          <Text size="sm" fw={600} id="issued-totp-secret-label">
            {t('secondFactorSecret')}
          </Text>
          <Group gap="xs">
            <Code
              fz="lg"
              dir="ltr"
              aria-labelledby="issued-totp-secret-label"
              data-testid="issued-totp-secret"
            >
              {groupSecret(setup.secret)}
            </Code>
            {/* Focus starts here rather than on "Done", so that a stray Enter cannot lose the key. */}
            <CopyValue value={setup.secret} label={t('copySecret')} autoFocus />
          </Group>
        </div>
        <div>
          <Text size="sm" fw={600} id="issued-totp-url-label">
            {t('secondFactorLink')}
          </Text>
          <Code
            block
            dir="ltr"
            aria-labelledby="issued-totp-url-label"
            style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
          >
            {setup.otpauthUrl}
          </Code>
          <Group mt="xs">
            <CopyValue value={setup.otpauthUrl} label={t('copyLink')} />
          </Group>
        </div>
        <Group justify="flex-end">
          <Button onClick={onClose}>{t('done')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
