import type { TotpSetup, User } from '@passage/core';
import { Alert, Button, Loader, Menu, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../common/confirm-dialog.component';
import { ErrorAlert } from '../common/error-alert.component';
import { Page } from '../common/page.component';
import { roleLabelKey } from '../common/roles';
import { useResource } from '../common/use-resource';
import { useFormatters } from '../i18n/format';
import { ResetPasswordModal } from './reset-password.component';
import { SecondFactorKeyModal } from './second-factor-key.component';
import { UserFormModal } from './user-form.component';
import { UserStatus } from './user-status.component';
import {
  fetchOrganizations,
  fetchUsers,
  organizationTree,
  requiresSecondFactor,
  resetTotp,
  updateUser,
} from './users.resource';

type Dialog =
  | { kind: 'new' }
  | { kind: 'edit'; user: User }
  | { kind: 'disable'; user: User }
  | { kind: 'reset-password'; user: User }
  | { kind: 'reset-totp'; user: User }
  | { kind: 'second-factor-key'; username: string; setup: TotpSetup };

export function UsersPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 300);
  const users = useResource((signal) => fetchUsers(query, signal), [query]);
  const organizations = useResource((signal) => fetchOrganizations(signal), []);
  const tree = useMemo(() => organizationTree(organizations.data ?? []), [organizations.data]);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  const close = () => setDialog(null);
  /** Closes the dialog (or shows the next one) and reports what happened. */
  const done = (message: string, next: Dialog | null = null) => {
    setDialog(next);
    setNotice(message);
    setActionError(null);
    users.reload();
  };
  // A key the server has just issued is shown once, straight after the action that issued it.
  const showKey = (username: string, setup: TotpSetup | null): Dialog | null =>
    setup ? { kind: 'second-factor-key', username, setup } : null;

  async function enable(user: User) {
    setNotice(null);
    try {
      await updateUser(user.id, { disabled: false });
      done(t('userEnabled', { username: user.username }));
    } catch (caught) {
      setActionError(caught);
    }
  }

  const list = users.data ?? [];
  return (
    <Page
      title={t('navUsers')}
      actions={
        <Button onClick={() => setDialog({ kind: 'new' })} disabled={!organizations.data}>
          {t('newUser')}
        </Button>
      }
    >
      {notice && (
        <Alert
          color="teal"
          role="status"
          withCloseButton
          onClose={() => setNotice(null)}
          closeButtonLabel={t('close')}
        >
          {notice}
        </Alert>
      )}
      <ErrorAlert error={actionError} />
      <ErrorAlert error={organizations.error} />
      <TextInput
        type="search"
        label={t('searchUsers')}
        description={t('searchUsersHint')}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        maw={420}
      />
      <ErrorAlert error={users.error} />
      <Text size="sm" c="dimmed" role="status">
        {users.loading ? t('loading') : t('usersCount', { count: list.length })}
      </Text>
      {users.loading && !users.data && <Loader aria-hidden="true" />}
      {list.length > 0 && (
        <Table.ScrollContainer minWidth={820}>
          <Table striped highlightOnHover withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('username')}</Table.Th>
                <Table.Th scope="col">{t('displayName')}</Table.Th>
                <Table.Th scope="col">{t('roles')}</Table.Th>
                <Table.Th scope="col">{t('status')}</Table.Th>
                <Table.Th scope="col">{t('lastSignIn')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((user) => (
                <Table.Tr key={user.id}>
                  <Table.Td>
                    <bdi>{user.username}</bdi>
                  </Table.Td>
                  <Table.Td>{user.displayName}</Table.Td>
                  <Table.Td>
                    {user.roles.map((r) => (
                      <Text size="sm" key={`${r.role}@${r.organizationId}`}>
                        {t(roleLabelKey(r.role))} · {r.organizationName}
                      </Text>
                    ))}
                  </Table.Td>
                  <Table.Td>
                    <UserStatus user={user} />
                  </Table.Td>
                  <Table.Td>{user.lastLoginAt ? format.dateTime(user.lastLoginAt) : t('never')}</Table.Td>
                  <Table.Td>
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <Button
                          variant="default"
                          size="xs"
                          aria-label={t('actionsFor', { username: user.username })}
                        >
                          {t('actions')}
                        </Button>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item
                          onClick={() => setDialog({ kind: 'edit', user })}
                          disabled={!organizations.data}
                        >
                          {t('editUser')}
                        </Menu.Item>
                        <Menu.Item onClick={() => setDialog({ kind: 'reset-password', user })}>
                          {t('resetPassword')}
                        </Menu.Item>
                        {/* Also when a role needs a second factor that is not set up: without one they cannot sign in. */}
                        {(user.totpEnabled || requiresSecondFactor(user.roles)) && (
                          <Menu.Item onClick={() => setDialog({ kind: 'reset-totp', user })}>
                            {user.totpEnabled ? t('resetSecondFactor') : t('issueSecondFactor')}
                          </Menu.Item>
                        )}
                        <Menu.Divider />
                        {user.disabled ? (
                          <Menu.Item onClick={() => void enable(user)}>{t('enableUser')}</Menu.Item>
                        ) : (
                          <Menu.Item color="red" onClick={() => setDialog({ kind: 'disable', user })}>
                            {t('disableUser')}
                          </Menu.Item>
                        )}
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {(dialog?.kind === 'new' || dialog?.kind === 'edit') && (
        <UserFormModal
          user={dialog.kind === 'edit' ? dialog.user : undefined}
          organizations={tree}
          onClose={close}
          onSaved={(saved, totpSetup) =>
            done(
              dialog.kind === 'new'
                ? t('userCreated', { username: saved.username })
                : t('userSaved', { username: saved.username }),
              showKey(saved.username, totpSetup),
            )
          }
        />
      )}
      {dialog?.kind === 'reset-password' && (
        <ResetPasswordModal
          user={dialog.user}
          onClose={close}
          onDone={() => done(t('passwordResetDone', { username: dialog.user.username }))}
        />
      )}
      {dialog?.kind === 'disable' && (
        <ConfirmDialog
          opened
          title={t('disableUserTitle', { username: dialog.user.username })}
          message={t('disableUserExplained')}
          confirmLabel={t('disableUser')}
          onClose={close}
          onConfirm={async () => {
            await updateUser(dialog.user.id, { disabled: true });
            done(t('userDisabled', { username: dialog.user.username }));
          }}
        />
      )}
      {dialog?.kind === 'reset-totp' && (
        // Resetting replaces a key; issuing gives a first one to a role that needs it. Both show the key.
        <ConfirmDialog
          opened
          title={t(dialog.user.totpEnabled ? 'resetSecondFactorTitle' : 'issueSecondFactorTitle', {
            username: dialog.user.username,
          })}
          message={t(dialog.user.totpEnabled ? 'resetSecondFactorExplained' : 'issueSecondFactorExplained')}
          confirmLabel={t(dialog.user.totpEnabled ? 'resetSecondFactor' : 'issueSecondFactor')}
          confirmColor={dialog.user.totpEnabled ? 'red' : 'blue'}
          onClose={close}
          onConfirm={async () => {
            const { id, username, totpEnabled } = dialog.user;
            const setup = await resetTotp(id);
            done(
              t(totpEnabled ? 'secondFactorResetDone' : 'secondFactorIssued', { username }),
              showKey(username, setup),
            );
          }}
        />
      )}
      {dialog?.kind === 'second-factor-key' && (
        <SecondFactorKeyModal username={dialog.username} setup={dialog.setup} onClose={close} />
      )}
    </Page>
  );
}
