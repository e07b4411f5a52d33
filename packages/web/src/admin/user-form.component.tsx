import type { TotpSetup, User } from '@passage/core';
import { Button, Group, Modal, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { ErrorAlert } from '../common/error-alert.component';
import { RoleAssignments, type AssignmentDraft } from './role-assignments.component';
import { createUser, updateUser, type OrganizationOption } from './users.resource';

interface Props {
  /** The user to edit; absent to create one. */
  user?: User;
  organizations: OrganizationOption[];
  onClose: () => void;
  /** totpSetup: the second-factor key issued to a new user whose role needs one, to show once. */
  onSaved: (user: User, totpSetup: TotpSetup | null) => void;
}

function sameAssignments(a: readonly AssignmentDraft[], b: readonly AssignmentDraft[]): boolean {
  const key = (r: AssignmentDraft) => `${r.role}@${r.organizationId}`;
  return a.map(key).sort().join() === b.map(key).sort().join();
}

/** The "New user" and "Edit user" dialog; mount it only while open so each opening starts fresh. */
export function UserFormModal({ user, organizations, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const editing = user !== undefined;
  const initialRoles = user?.roles.map(({ role, organizationId }) => ({ role, organizationId })) ?? [];
  const [username, setUsername] = useState(user?.username ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<AssignmentDraft[]>(
    editing ? initialRoles : [{ role: 'clinician', organizationId: '' }],
  );
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  function validate(): Record<string, string> {
    const problems: Record<string, string> = {};
    if (!editing && !username.trim()) problems.username = t('fieldRequired');
    if (!displayName.trim()) problems.displayName = t('fieldRequired');
    if (!editing && !password) problems.password = t('fieldRequired');
    if (roles.some((r) => !r.organizationId)) problems.roles = t('chooseOrganizationForEachRole');
    return problems;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = validate();
    setInvalid(problems);
    if (Object.keys(problems).length > 0) return;
    // The same role twice at one organisation means nothing more; send it once.
    const unique = roles.filter(
      (r, i) => roles.findIndex((o) => o.role === r.role && o.organizationId === r.organizationId) === i,
    );
    setSaving(true);
    setError(null);
    try {
      if (editing) {
        const saved = await updateUser(user.id, {
          displayName: displayName.trim() !== user.displayName ? displayName.trim() : undefined,
          roles: sameAssignments(unique, initialRoles) ? undefined : unique,
        });
        onSaved(saved, null);
      } else {
        const { totpSetup, ...created } = await createUser({
          username: username.trim(),
          displayName: displayName.trim(),
          password,
          roles: unique,
        });
        onSaved(created, totpSetup ?? null);
      }
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'username_taken') {
        setInvalid({ username: t('errorUsernameTaken') });
      } else {
        setError(caught);
      }
    } finally {
      setSaving(false);
    }
  }

  const toggleLabel = { 'aria-label': t('showCharacters') };
  return (
    <Modal
      opened
      onClose={onClose}
      title={editing ? t('editUserTitle', { username: user.username }) : t('newUser')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('close') }}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          <ErrorAlert error={error} />
          {!editing && (
            <TextInput
              label={t('username')}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={username}
              error={invalid.username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              data-autofocus
            />
          )}
          <TextInput
            label={t('displayName')}
            required
            value={displayName}
            error={invalid.displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            data-autofocus={editing || undefined}
          />
          {!editing && (
            <PasswordInput
              label={t('initialPassword')}
              description={t('initialPasswordHint')}
              autoComplete="new-password"
              required
              value={password}
              error={invalid.password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              visibilityToggleButtonProps={toggleLabel}
            />
          )}
          <RoleAssignments
            value={roles}
            onChange={setRoles}
            organizations={organizations}
            error={invalid.roles}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={saving}>
              {t('cancel')}
            </Button>
            <Button type="submit" loading={saving}>
              {editing ? t('save') : t('createUser')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
