import type { Patient } from '@medplum/fhirtypes';
import { Button, Group, List, Modal, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/error-alert.component';
import { NameText, PassageIdText } from '../people/people-results.component';
import { displayName, passageIdOf } from '../people/person';
import { usePersonFormat } from '../people/person-format';

interface MergeDialogProps {
  opened: boolean;
  a: Patient;
  b: Patient;
  /** Entries in each clinical record, when known: the fuller one is suggested as the one to keep. */
  records: [number | undefined, number | undefined] | undefined;
  siteName: (patient: Patient) => string;
  onMerge: (survivor: Patient, duplicate: Patient) => Promise<void>;
  onClose: () => void;
}

/** Asks which record to keep, says what merging does, then merges. */
export function MergeDialog({ opened, a, b, records, siteName, onMerge, onClose }: MergeDialogProps) {
  const { t } = useTranslation();
  const format = usePersonFormat();
  const suggested = (records?.[1] ?? 0) > (records?.[0] ?? 0) ? 'b' : 'a';
  const [keep, setKeep] = useState<'a' | 'b'>(suggested);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function merge() {
    setBusy(true);
    setError(null);
    try {
      await (keep === 'a' ? onMerge(a, b) : onMerge(b, a));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const option = (side: 'a' | 'b', patient: Patient, count: number | undefined) => (
    <Radio.Card value={side} p="sm" radius="md">
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Radio.Indicator />
        <Stack gap={2}>
          <Text fw={600}>
            <NameText name={displayName(patient)} />
          </Text>
          <Text size="sm">
            <PassageIdText id={passageIdOf(patient)} /> · <bdi>{siteName(patient)}</bdi>
          </Text>
          <Text size="sm" c="dimmed">
            {format.birth(patient)}
            {count !== undefined && ` · ${t('identityRecordEntries', { count })}`}
          </Text>
        </Stack>
      </Group>
    </Radio.Card>
  );

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('identityMergeTitle')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('close') }}
    >
      <Stack>
        <Radio.Group
          value={keep}
          onChange={(value) => setKeep(value === 'b' ? 'b' : 'a')}
          label={t('identityMergeKeep')}
          description={t('identityMergeKeepHint')}
        >
          <Stack gap="xs" mt="xs">
            {option('a', a, records?.[0])}
            {option('b', b, records?.[1])}
          </Stack>
        </Radio.Group>
        <div>
          <Text fw={600} size="sm">
            {t('identityMergeWhatHappens')}
          </Text>
          <List size="sm" spacing={4}>
            <List.Item>{t('identityMergeExplainKept')}</List.Item>
            <List.Item>{t('identityMergeExplainMoved')}</List.Item>
            <List.Item>{t('identityMergeExplainClosed')}</List.Item>
            <List.Item>{t('identityMergeExplainUndo')}</List.Item>
          </List>
        </div>
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy} data-autofocus>
            {t('cancel')}
          </Button>
          <Button color="red" onClick={() => void merge()} loading={busy}>
            {t('identityMergeConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
