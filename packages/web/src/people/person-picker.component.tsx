import type { Patient } from '@medplum/fhirtypes';
import { Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../common/error-alert.component';
import { useResource } from '../common/use-resource';
import { searchPeople } from './people.resource';
import { NameText, PassageIdText } from './people-results.component';
import { usePersonFormat } from './person-format';
import { latinName, nativeName, passageIdOf } from './person';
import { NO_FILTERS } from './search-query';

/** Finds a registered person by name or identifier (as on the people page) and hands them back. */
export function PersonPicker({
  label,
  excludeIds,
  onPick,
}: {
  label: string;
  excludeIds: readonly string[];
  onPick: (patient: Patient) => void;
}) {
  const { t } = useTranslation();
  const format = usePersonFormat();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 400);
  const found = useResource(
    (signal) => (q ? searchPeople({ ...NO_FILTERS, q }, signal) : Promise.resolve(undefined)),
    [q],
  );
  const people = (found.data?.patients ?? []).filter((p) => p.id && !excludeIds.includes(p.id)).slice(0, 5);

  return (
    <Stack gap="xs">
      <TextInput
        type="search"
        label={label}
        description={t('peopleSearchHint')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        autoComplete="off"
      />
      <ErrorAlert error={found.error} />
      {q && !found.loading && people.length === 0 && (
        <Text size="sm" c="dimmed" role="status">
          {t('peopleNobodyFound')}
        </Text>
      )}
      {people.map((patient) => (
        <Paper key={patient.id} withBorder p="xs">
          <Group justify="space-between" wrap="nowrap">
            <div>
              <Text fw={600}>
                <NameText name={latinName(patient) ?? nativeName(patient)} />
                {latinName(patient) && nativeName(patient) && (
                  <>
                    {' · '}
                    <NameText name={nativeName(patient)} />
                  </>
                )}
              </Text>
              <Text size="sm" c="dimmed">
                {format.birth(patient)} · <PassageIdText id={passageIdOf(patient)} />
              </Text>
            </div>
            <Button
              size="xs"
              variant="light"
              onClick={() => {
                onPick(patient);
                setText(''); // Ready for the next relative.
              }}
            >
              {t('peopleLinkThisPerson')}
            </Button>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
