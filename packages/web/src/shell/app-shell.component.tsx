import { AppShell, Burger, Button, Group, Loader, NavLink, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { useMe, useSession } from '../auth/session.context';
import { describeRoles } from '../common/roles';
import { LanguageSwitcher } from '../i18n/language-switcher.component';
import { visibleNavItems } from './navigation';
import classes from './app-shell.module.css';

function isActive(path: string, current: string): boolean {
  return path === '/' ? current === '/' : current === path || current.startsWith(`${path}/`);
}

export function PassageShell() {
  const { t } = useTranslation();
  const me = useMe();
  const { signOut } = useSession();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);

  // On small screens the navbar overlays the page; close it once the user has picked a page.
  useEffect(close, [location.pathname, close]);

  const roles = describeRoles(t, me.roles);

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a href="#main" className={classes.skipLink}>
        {t('skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('closeMenu') : t('openMenu')}
              aria-expanded={opened}
              aria-controls="passage-navbar"
            />
            <Text component={Link} to="/" fw={700} fz="xl" c="blue.8" td="none">
              {t('appName')}
            </Text>
          </Group>
          <Group gap="md" wrap="nowrap" miw={0}>
            {/* On a phone there is no room for the name and "Sign out" here: they move into the menu. */}
            <Stack gap={0} miw={0} align="flex-end" className={classes.user} visibleFrom="sm">
              <Text fw={600} truncate="end" maw="100%">
                <VisuallyHidden component="span">{t('signedInAs')} </VisuallyHidden>
                <span data-testid="current-user">{me.displayName}</span>
              </Text>
              {roles && (
                <Text size="xs" c="dimmed" truncate="end" maw="100%" visibleFrom="md" title={roles}>
                  {roles}
                </Text>
              )}
            </Stack>
            <LanguageSwitcher hideLabel />
            <Button variant="default" onClick={() => void signOut()} visibleFrom="sm">
              {t('signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" id="passage-navbar" aria-label={t('mainNavigation')}>
        {visibleNavItems(me.permissions).map((item) => {
          const active = isActive(item.path, location.pathname);
          return (
            <NavLink
              key={item.path}
              component={Link}
              to={item.path}
              label={t(item.label)}
              active={active}
              aria-current={active ? 'page' : undefined}
              variant="light"
            />
          );
        })}
        <Stack hiddenFrom="sm" gap="sm" mt="md" pt="md" className={classes.menuAccount}>
          <div>
            <Text fw={600}>
              <VisuallyHidden component="span">{t('signedInAs')} </VisuallyHidden>
              {me.displayName}
            </Text>
            {roles && (
              <Text size="xs" c="dimmed">
                {roles}
              </Text>
            )}
          </div>
          <Button variant="default" onClick={() => void signOut()}>
            {t('signOut')}
          </Button>
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} className={classes.main}>
        <Suspense fallback={<Loader aria-label={t('loading')} />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
