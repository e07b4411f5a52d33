import { Button, Group, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTION_LABELS } from './audit-labels';
import { AUDIT_ACTIONS, EMPTY_AUDIT_FILTERS, type AuditFilters } from './audit.resource';

interface Props {
  initial: AuditFilters;
  onApply: (filters: AuditFilters) => void;
}

export function AuditFiltersForm({ initial, onApply }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<AuditFilters>(initial);
  const set = <K extends keyof AuditFilters>(key: K, value: AuditFilters[K]) =>
    setDraft((previous) => ({ ...previous, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(draft);
  }

  return (
    <form onSubmit={submit} aria-label={t('auditFilters')}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <TextInput
          label={t('username')}
          value={draft.username}
          onChange={(e) => set('username', e.currentTarget.value)}
          autoCapitalize="none"
          spellCheck={false}
        />
        <NativeSelect
          label={t('auditAction')}
          value={draft.action}
          onChange={(e) => {
            const value = e.currentTarget.value;
            set('action', AUDIT_ACTIONS.find((a) => a === value) ?? '');
          }}
        >
          <option value="">{t('any')}</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(ACTION_LABELS[a])}
            </option>
          ))}
        </NativeSelect>
        <TextInput
          label={t('auditEntityType')}
          placeholder="Patient"
          value={draft.entityType}
          onChange={(e) => set('entityType', e.currentTarget.value)}
          spellCheck={false}
        />
        <TextInput
          label={t('auditPatientId')}
          value={draft.patientId}
          onChange={(e) => set('patientId', e.currentTarget.value)}
          spellCheck={false}
        />
        <NativeSelect
          label={t('auditOutcome')}
          value={draft.outcome}
          onChange={(e) => {
            const value = e.currentTarget.value;
            set('outcome', value === 'success' || value === 'failure' ? value : '');
          }}
        >
          <option value="">{t('any')}</option>
          <option value="success">{t('auditOutcomeSuccess')}</option>
          <option value="failure">{t('auditOutcomeFailure')}</option>
        </NativeSelect>
        <TextInput
          type="date"
          label={t('auditFrom')}
          value={draft.from}
          onChange={(e) => set('from', e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={t('auditTo')}
          value={draft.to}
          onChange={(e) => set('to', e.currentTarget.value)}
        />
        <Group align="flex-end" gap="sm">
          <Button type="submit">{t('search')}</Button>
          <Button
            variant="default"
            onClick={() => {
              setDraft(EMPTY_AUDIT_FILTERS);
              onApply(EMPTY_AUDIT_FILTERS);
            }}
          >
            {t('clearFilters')}
          </Button>
        </Group>
      </SimpleGrid>
    </form>
  );
}
