import type { Patient } from '@medplum/fhirtypes';
import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TranslationKey } from '../common/errors';
import { useResource } from '../common/use-resource';
import { matchPatient, type MatchGrade } from './people.resource';
import { NameText, PassageIdText } from './people-results.component';
import { usePersonFormat } from './person-format';
import { latinName, nativeName, passageIdOf } from './person';

const GRADE: Record<MatchGrade, { label: TranslationKey; color: string }> = {
  certain: { label: 'peopleMatchCertain', color: 'red' },
  probable: { label: 'peopleMatchProbable', color: 'orange' },
  possible: { label: 'peopleMatchPossible', color: 'yellow' },
};

/**
 * People already registered who may be the one being registered, so a second record is not made.
 * Errors stay quiet here (the server may not offer $match): registering must never depend on it.
 */
export function MatchPanel({ patient }: { patient: Patient | undefined }) {
  const { t } = useTranslation();
  const format = usePersonFormat();
  const [probe] = useDebouncedValue(patient, 400);
  const key = probe ? JSON.stringify(probe) : '';
  const matches = useResource(
    (signal) => (probe ? matchPatient(probe, signal).catch(() => []) : Promise.resolve([])),
    [key],
  );
  const list = matches.data ?? [];
  if (!probe || list.length === 0) {
    return (
      <Text size="sm" c="dimmed" visibleFrom="lg">
        {t('peopleMatchEmpty')}
      </Text>
    );
  }

  return (
    <Paper withBorder p="md" radius="md" bg="yellow.0" component="aside" aria-labelledby="match-title">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="match-title">
          {t('peopleMatchTitle')}
        </Title>
        <Text size="sm">{t('peopleMatchHint')}</Text>
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-live="polite">
          {list.map(({ patient: match, grade, score }) => (
            <Paper key={match.id} withBorder p="sm" component="li">
              <Stack gap={2}>
                <Group gap="xs" justify="space-between" wrap="nowrap">
                  <Text fw={600}>
                    <NameText name={latinName(match) ?? nativeName(match)} />
                  </Text>
                  {grade && (
                    <Badge
                      color={GRADE[grade].color}
                      variant="light"
                      title={score === undefined ? undefined : `${Math.round(score * 100)}%`}
                    >
                      {t(GRADE[grade].label)}
                    </Badge>
                  )}
                </Group>
                {latinName(match) && nativeName(match) && (
                  <Text fz="lg">
                    <NameText name={nativeName(match)} />
                  </Text>
                )}
                <Text size="sm">
                  {format.birth(match)} · <PassageIdText id={passageIdOf(match)} />
                </Text>
                {match.id && (
                  <Anchor component={Link} to={`/people/${encodeURIComponent(match.id)}`} size="sm">
                    {t('peopleMatchOpen')}
                  </Anchor>
                )}
              </Stack>
            </Paper>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
