import { ActionIcon, Button, Fieldset, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { ROLES, isRole } from '@passage/core';
import { useTranslation } from 'react-i18next';
import { roleLabelKey } from '../common/roles';
import type { OrganizationOption, RoleAssignmentInput } from './users.resource';

/** An editable row; organizationId is '' until the admin picks one. */
export type AssignmentDraft = RoleAssignmentInput;

interface Props {
  value: AssignmentDraft[];
  onChange: (value: AssignmentDraft[]) => void;
  organizations: OrganizationOption[];
  error?: string;
}

// Non-breaking spaces survive inside <option>, where CSS padding does not apply.
const indent = (depth: number) => '\u00a0\u00a0\u00a0\u00a0'.repeat(depth);

export function RoleAssignments({ value, onChange, organizations, error }: Props) {
  const { t } = useTranslation();
  const update = (index: number, patch: Partial<AssignmentDraft>) =>
    onChange(value.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  return (
    <Fieldset legend={t('roles')} variant="unstyled">
      <Stack gap="sm">
        {value.map((row, index) => (
          <Fieldset key={index} p="sm" legend={t('roleAssignmentN', { n: index + 1 })}>
            <Group align="flex-end" wrap="wrap" gap="sm">
              <NativeSelect
                label={t('role')}
                value={row.role}
                onChange={(e) => {
                  const role = e.currentTarget.value;
                  if (isRole(role)) update(index, { role });
                }}
                style={{ flex: '1 1 180px' }}
              >
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {t(roleLabelKey(role))}
                  </option>
                ))}
              </NativeSelect>
              <NativeSelect
                label={t('organization')}
                value={row.organizationId}
                required
                onChange={(e) => update(index, { organizationId: e.currentTarget.value })}
                style={{ flex: '2 1 220px' }}
              >
                <option value="" disabled>
                  {t('chooseOrganization')}
                </option>
                {organizations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {indent(o.depth)}
                    {o.name}
                  </option>
                ))}
              </NativeSelect>
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                mb={2}
                onClick={() => onChange(value.filter((_, i) => i !== index))}
                aria-label={t('removeRoleN', { n: index + 1 })}
              >
                <span aria-hidden="true">✕</span>
              </ActionIcon>
            </Group>
          </Fieldset>
        ))}
        {error && (
          <Text c="red.8" size="sm" role="alert">
            {error}
          </Text>
        )}
        <Group>
          <Button
            variant="light"
            size="xs"
            onClick={() => onChange([...value, { role: 'clinician', organizationId: '' }])}
          >
            {t('addRole')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
