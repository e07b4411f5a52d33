import type { Patient } from '@medplum/fhirtypes';
import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../common/error-alert.component';
import { NameText } from '../people/people-results.component';
import { displayName } from '../people/person';
import { undoMerge, type MergeResult } from './identity.resource';
import { Notice } from './notice.component';

export interface MergeOutcomeProps {
  result: MergeResult;
  survivor: Patient;
  duplicate: Patient;
  /** After an undo, so the queue can show the pair again. */
  onUndone: () => void;
  onClose: () => void;
}

const personLink = (patient: Patient, id: string) => (
  <Anchor component={Link} to={`/people/${encodeURIComponent(id)}`} fw={600}>
    <NameText name={displayName(patient)} />
  </Anchor>
);

/** Says what a merge did, links to the record kept, and offers to undo it. */
export function MergeOutcome({ result, survivor, duplicate, onUndone, onClose }: MergeOutcomeProps) {
  const { t } = useTranslation();
  const [undone, setUndone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function undo() {
    setBusy(true);
    setError(null);
    try {
      await undoMerge(result.mergeId);
      setUndone(true);
      onUndone();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  if (undone) {
    return (
      <Notice key="undone" color="blue" onClose={onClose} title={t('identityUndoneTitle')}>
        <Stack gap="xs">
          <Text size="sm">{t('identityUndoneText')}</Text>
          <Group gap="lg">
            {personLink(survivor, result.survivorId)}
            {personLink(duplicate, result.duplicateId)}
          </Group>
        </Stack>
      </Notice>
    );
  }
  return (
    <Notice key="merged" color="teal" onClose={onClose} title={t('identityMergedTitle')}>
      <Stack gap="xs">
        <Text size="sm">{t('identityMergedText', { count: result.moved.length })}</Text>
        <Group gap="sm">
          <Text size="sm">{t('identityMergedKept')}</Text>
          {personLink(survivor, result.survivorId)}
        </Group>
        <ErrorAlert error={error} />
        <Group>
          <Button variant="default" size="sm" onClick={() => void undo()} loading={busy}>
            {t('identityUndoMerge')}
          </Button>
        </Group>
      </Stack>
    </Notice>
  );
}
