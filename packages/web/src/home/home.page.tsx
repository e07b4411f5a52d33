import { Alert, Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { POLICY } from '@passage/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../auth/session.context';
import { Page } from '../common/page.component';
import { roleDescriptionKey, roleLabelKey } from '../common/roles';
import { visibleNavItems } from '../shell/navigation';

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const needsSecondFactor = !me.totpEnabled && me.roles.some((r) => POLICY[r.role].totpRequired);
  const shortcuts = visibleNavItems(me.permissions).filter((item) => item.path !== '/');

  return (
    <Page title={t('welcomeTitle')}>
      {needsSecondFactor && (
        <Alert color="orange" role="status" title={t('secondFactorNeededTitle')}>
          <Text size="sm">
            {t('secondFactorNeeded')}{' '}
            <Anchor component={Link} to="/account">
              {t('goToAccount')}
            </Anchor>
          </Text>
        </Alert>
      )}
      <Stack gap="sm">
        <Title order={2}>{t('yourRoles')}</Title>
        {me.roles.length === 0 ? (
          <Text>{t('noRoles')}</Text>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {me.roles.map((r) => (
              <Card component="li" withBorder key={`${r.role}@${r.organizationId}`}>
                <Text fw={600}>{t(roleLabelKey(r.role))}</Text>
                <Text size="sm" c="dimmed" mb="xs">
                  {r.organizationName}
                </Text>
                <Text size="sm">{t(roleDescriptionKey(r.role))}</Text>
              </Card>
            ))}
          </SimpleGrid>
        )}
      </Stack>
      {shortcuts.length > 0 && (
        <Stack gap="sm">
          <Title order={2}>{t('whatYouCanDo')}</Title>
          <Stack component="ul" gap={4} m={0} ps="lg">
            {shortcuts.map((item) => (
              <li key={item.path}>
                <Anchor component={Link} to={item.path}>
                  {t(item.label)}
                </Anchor>
              </li>
            ))}
          </Stack>
        </Stack>
      )}
    </Page>
  );
}
