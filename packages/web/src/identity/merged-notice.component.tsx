import type { Patient } from '@medplum/fhirtypes';
import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../auth/session.context';
import { ErrorAlert } from '../common/error-alert.component';
import { useResource } from '../common/use-resource';
import { fetchPatient } from '../people/people.resource';
import { NameText, PassageIdText } from '../people/people-results.component';
import { displayName, passageIdOf, referencedId } from '../people/person';
import { fetchMergesOf, undoMerge, type MergeSummary } from './identity.resource';
import { Notice } from './notice.component';

/** The ids a Patient links to with one link type (`replaced-by`, `replaces`). */
export function linkedIds(patient: Patient, type: 'replaced-by' | 'replaces'): string[] {
  return (patient.link ?? []).flatMap((l) => {
    const id = l.type === type ? referencedId(l.other.reference, 'Patient') : undefined;
    return id ? [id] : [];
  });
}

function PersonLink({ id, patient }: { id: string; patient: Patient | undefined }) {
  const name = patient && displayName(patient);
  return (
    <Anchor component={Link} to={`/people/${encodeURIComponent(id)}`} fw={600}>
      {name ? <NameText name={name} /> : <PassageIdText id={patient ? passageIdOf(patient) : id} />}
    </Anchor>
  );
}

/** Reads the linked records for their names; one that cannot be read is shown by its id. */
function useLinked(ids: readonly string[]) {
  return useResource(
    (signal) => Promise.all(ids.map((id) => fetchPatient(id, signal).catch(() => undefined))),
    [ids.join()],
  );
}

function MergedFrom({
  patient,
  ids,
  onUndone,
}: {
  patient: Patient;
  ids: string[];
  onUndone: (duplicateId: string) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const canUndo = me.permissions.includes('demographics.write') && me.permissions.includes('clinical.write');
  const linked = useLinked(ids);
  const merges = useResource(
    (signal) => (canUndo ? fetchMergesOf(patient.id ?? '', signal).catch(() => []) : Promise.resolve([])),
    [patient.id, canUndo],
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const mergeOf = (duplicateId: string): MergeSummary | undefined =>
    merges.data?.find((m) => m.duplicateId === duplicateId && m.survivorId === patient.id && !m.undoneAt);

  async function undo({ mergeId, duplicateId }: MergeSummary) {
    setBusy(mergeId);
    setError(null);
    try {
      await undoMerge(mergeId);
      onUndone(duplicateId);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Alert color="blue" title={t('identityMergedFromTitle')} data-testid="merged-from">
      <Stack gap="xs">
        <Text size="sm">{t('identityMergedFrom', { count: ids.length })}</Text>
        {ids.map((id, i) => {
          const merge = mergeOf(id);
          return (
            <Group key={id} gap="sm">
              <PersonLink id={id} patient={linked.data?.[i]} />
              {merge && (
                <Button
                  size="xs"
                  variant="default"
                  loading={busy === merge.mergeId}
                  onClick={() => void undo(merge)}
                >
                  {t('identityUndoMerge')}
                </Button>
              )}
            </Group>
          );
        })}
        <ErrorAlert error={error} title={error ? t('identityUndoFailed') : undefined} />
      </Stack>
    </Alert>
  );
}

function UndoneNotice({ other, onClose }: { other: string; onClose: () => void }) {
  const { t } = useTranslation();
  const linked = useLinked([other]);
  return (
    <Notice color="blue" onClose={onClose}>
      <Group gap="sm">
        <Text size="sm">{t('identityUndoneOnRecord')}</Text>
        <PersonLink id={other} patient={linked.data?.[0]} />
      </Group>
    </Notice>
  );
}

function MergedInto({ id }: { id: string }) {
  const { t } = useTranslation();
  const linked = useLinked([id]);
  return (
    <Alert color="orange" title={t('identityMergedIntoTitle')} data-testid="merged-into">
      <Stack gap="xs">
        <Text size="sm">{t('identityMergedInto')}</Text>
        <Group gap="sm">
          <Text size="sm">{t('identityMergedKept')}</Text>
          <PersonLink id={id} patient={linked.data?.[0]} />
        </Group>
      </Stack>
    </Alert>
  );
}

/**
 * On a person's record: that it was merged into another (closed, `replaced-by`), or that others were
 * merged into it (`replaces`), with an undo for those who may. Renders nothing for other records.
 */
export function MergedNotice({ patient, onChanged }: { patient: Patient; onChanged: () => void }) {
  // The merge undone here, by survivor: another record opened in this page is not concerned.
  const [undone, setUndone] = useState<{ survivor: string; other: string } | null>(null);
  const into = linkedIds(patient, 'replaced-by')[0];
  const from = linkedIds(patient, 'replaces');
  // Kept after the record reloads without its links, so the user sees what the click did.
  if (undone && undone.survivor === patient.id && !into && !from.length)
    return <UndoneNotice other={undone.other} onClose={() => setUndone(null)} />;
  if (into) return <MergedInto id={into} />;
  if (from.length)
    return (
      <MergedFrom
        patient={patient}
        ids={from}
        onUndone={(other) => {
          setUndone({ survivor: patient.id ?? '', other });
          onChanged();
        }}
      />
    );
  return null;
}
