import { Alert, Divider, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/session.context';
import { Page } from '../common/page.component';
import { describeRoles } from '../common/roles';
import { ChangePasswordForm } from './change-password.component';
import { SecondFactor } from './totp.component';

export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Page title={t('navAccount')}>
      {me.mustChangePassword && (
        <Alert color="orange" role="alert" title={t('mustChangePasswordTitle')}>
          {t('mustChangePassword')}
        </Alert>
      )}
      <Table variant="vertical" withTableBorder maw={560} layout="fixed">
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={160}>{t('username')}</Table.Th>
            <Table.Td>
              <bdi>{me.username}</bdi>
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('displayName')}</Table.Th>
            <Table.Td>{me.displayName}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('roles')}</Table.Th>
            <Table.Td>{describeRoles(t, me.roles) || '—'}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <ChangePasswordForm />
      {!me.mustChangePassword && (
        <>
          <Divider />
          <SecondFactor />
        </>
      )}
    </Page>
  );
}
