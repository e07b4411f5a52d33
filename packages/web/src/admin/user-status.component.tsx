import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { User } from '@passage/core';

/** Account flags as badges; dark shades keep text contrast above 4.5:1. */
export function UserStatus({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {user.disabled ? (
        <Badge color="gray.8">{t('statusDisabled')}</Badge>
      ) : (
        <Badge color="teal.9" variant="outline">
          {t('statusActive')}
        </Badge>
      )}
      {user.locked && <Badge color="red.9">{t('statusLocked')}</Badge>}
      {user.mustChangePassword && (
        <Badge color="orange.9" variant="outline">
          {t('statusMustChangePassword')}
        </Badge>
      )}
      {user.totpEnabled && (
        <Badge color="blue.9" variant="outline">
          {t('statusTotp')}
        </Badge>
      )}
    </Group>
  );
}
