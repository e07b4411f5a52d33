import type { TotpSetup } from '@passage/core';
import { Button, Code, CopyButton, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Base32 secrets are easier to type from a phone screen in groups of four. */
export function groupSecret(secret: string): string {
  return (secret.replace(/\s+/g, '').match(/.{1,4}/g) ?? []).join(' ');
}

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

/** A second-factor key and its set-up link, each copyable, for an authenticator app. */
export function TotpKey({
  setup,
  idPrefix,
  autoFocusCopy,
  testId,
}: {
  setup: TotpSetup;
  /** Keeps label ids unique when two keys could be on one page. */
  idPrefix: string;
  autoFocusCopy?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <div>
        <Text size="sm" fw={600} id={`${idPrefix}-secret-label`}>
          {t('secondFactorSecret')}
        </Text>
        <Group gap="xs">
          <Code fz="lg" dir="ltr" aria-labelledby={`${idPrefix}-secret-label`} data-testid={testId}>
            {groupSecret(setup.secret)}
          </Code>
          <CopyValue value={setup.secret} label={t('copySecret')} autoFocus={autoFocusCopy} />
        </Group>
      </div>
      <div>
        <Text size="sm" fw={600} id={`${idPrefix}-url-label`}>
          {t('secondFactorLink')}
        </Text>
        <Code
          block
          dir="ltr"
          aria-labelledby={`${idPrefix}-url-label`}
          style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
        >
          {setup.otpauthUrl}
        </Code>
        <Group mt="xs">
          <CopyValue value={setup.otpauthUrl} label={t('copyLink')} />
        </Group>
      </div>
    </>
  );
}
