import { TIMELINE_KINDS, buildTimeline, filterTimeline, type TimelineKind } from '@passage/core';
import type { Resource } from '@medplum/fhirtypes';
import {
  Accordion,
  Button,
  Chip,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecordText } from './record-text';
import { TimelineEntryItem, entryTitle } from './timeline-entry.component';

/** Entries shown at first and added per "Show more": a long record stays quick to open. */
const PAGE = 50;

/** Everything recorded about the person, newest first, filtered by kind, dates and words. */
export function RecordTimeline({ resources }: { resources: readonly Resource[] }) {
  const { t } = useTranslation();
  const text = useRecordText();
  const entries = useMemo(() => buildTimeline(resources), [resources]);
  const present = TIMELINE_KINDS.filter((kind) => entries.some((e) => e.kind === kind));
  const [kinds, setKinds] = useState<TimelineKind[]>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [words, setWords] = useState('');
  const [shown, setShown] = useState(PAGE);

  const filtered = useMemo(
    () =>
      filterTimeline(entries, {
        kinds,
        from,
        to,
        text: words,
        // The reader searches the words they see, in their language, as well as the record's English.
        textOf: (entry) => [
          entryTitle(entry, text),
          text.kind(entry.kind),
          ...(entry.values ?? []).map(text.value),
        ],
      }),
    [entries, kinds, from, to, words, text],
  );
  const filtering = kinds.length > 0 || from || to || words.trim();
  const rangeError = from && to && from > to ? t('recordDateRangeOrder') : undefined;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="record-timeline">
      <Stack gap="sm">
        <Title order={2} fz="h3" id="record-timeline">
          {t('recordTimeline')}
        </Title>
        <Chip.Group
          multiple
          value={kinds}
          onChange={(value) => setKinds(present.filter((k) => value.includes(k)))}
        >
          <Group gap="xs" role="group" aria-label={t('recordFilterKinds')}>
            {present.map((kind) => (
              <Chip key={kind} value={kind} size="sm" variant="outline">
                {text.kind(kind)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            type="date"
            label={t('recordFrom')}
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t('recordTo')}
            value={to}
            error={rangeError}
            onChange={(e) => setTo(e.currentTarget.value)}
          />
          <TextInput
            type="search"
            label={t('recordFilterText')}
            value={words}
            onChange={(e) => setWords(e.currentTarget.value)}
          />
        </SimpleGrid>
        <Group justify="space-between">
          <Text size="sm" c="dimmed" role="status">
            {filtering
              ? t('recordEntriesFiltered', { count: filtered.length, total: entries.length })
              : t('recordEntries', { count: entries.length })}
          </Text>
          {filtering && (
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => {
                setKinds([]);
                setFrom('');
                setTo('');
                setWords('');
              }}
            >
              {t('clearFilters')}
            </Button>
          )}
        </Group>
        {filtered.length > 0 && (
          <Accordion multiple variant="separated" chevronPosition="left">
            {filtered.slice(0, shown).map((entry) => (
              <TimelineEntryItem key={entry.id} entry={entry} text={text} />
            ))}
          </Accordion>
        )}
        {filtered.length > shown && (
          <Group>
            <Button variant="default" onClick={() => setShown((n) => n + PAGE)}>
              {t('recordShowMore')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
