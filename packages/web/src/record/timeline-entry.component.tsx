import type { TimelineEntry } from '@passage/core';
import { Accordion, Anchor, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { referencedId } from '../people/person';
import type { RecordText } from './record-text';
import { SensitiveMark, StatusBadge } from './summary-card.component';
import classes from './record.module.css';

const GROUP_TITLES = {
  'vital-signs': 'recordVitalsTitle',
  growth: 'recordGrowthTitle',
  symptoms: 'recordSymptomsTitle',
} as const;

/** An entry's title in the reader's language; the record's English when there is no translation. */
export function entryTitle(entry: TimelineEntry, text: RecordText): string {
  if (entry.kind === 'assessment') return text.t('recordAssessmentTitle');
  if (entry.group) return text.t(GROUP_TITLES[entry.group]);
  return text.coded(entry.code, entry.title);
}

/** The line shown before expanding: the values, or for a symptom review the symptoms present. */
function summaryOf(entry: TimelineEntry, text: RecordText): string {
  const values = entry.values ?? [];
  if (entry.group === 'symptoms') {
    const present = values.filter((v) => !v.absent).map((v) => text.valueLabel(v));
    return present.length ? present.join(text.t('listSeparator')) : text.t('recordNoSymptoms');
  }
  return values
    .slice(0, 4)
    .map((v) => text.value(v))
    .filter(Boolean)
    .join(' · ');
}

const TONES: Record<string, 'red' | 'orange' | 'teal' | 'gray'> = {
  active: 'orange',
  pending: 'orange',
  provisional: 'orange',
  'self-reported': 'orange',
  resolved: 'teal',
  completed: 'teal',
  given: 'teal',
  documented: 'teal',
  declined: 'red',
  revoked: 'red',
};

/** Statuses worth a badge; the usual final/finished ones would only add noise. */
const QUIET = new Set(['final', 'finished']);

function Details({ entry, text }: { entry: TimelineEntry; text: RecordText }) {
  const { t } = useTranslation();
  const { resource } = entry;
  const rows: [string, string][] = [];
  for (const value of entry.values ?? []) {
    const shown = text.value(value);
    rows.push([text.valueLabel(value), value.interpretation ? `${shown} (${value.interpretation})` : shown]);
  }
  if (entry.kind === 'condition' && entry.detail)
    rows.push([t('recordVerification'), text.status(entry.detail)]);
  else if (entry.kind === 'immunization') {
    const dose =
      resource.resourceType === 'Immunization'
        ? resource.protocolApplied?.[0]?.doseNumberPositiveInt
        : undefined;
    if (dose !== undefined) rows.push([t('recordDoses'), t('recordDoseN', { n: dose })]);
    if (resource.resourceType === 'Immunization' && !resource.occurrenceDateTime)
      rows.push([t('recordVaccinationDate'), t('recordDateUnknown')]);
  } else if (entry.detail) rows.push([t('details'), entry.detail]);
  if (entry.due) rows.push([t('recordDue'), text.date(entry.due)]);
  if (entry.status) rows.push([t('status'), text.status(entry.status)]);
  // A completed assessment's report can be printed again from the record, not only when completing it.
  const personId =
    resource.resourceType === 'QuestionnaireResponse'
      ? referencedId(resource.subject?.reference, 'Patient')
      : undefined;
  const report =
    entry.kind === 'assessment' && personId && resource.id
      ? `/people/${encodeURIComponent(personId)}/assessments/${encodeURIComponent(resource.id)}/print`
      : undefined;
  return (
    <Stack gap="xs">
      <dl className={classes.values}>
        {rows.map(([label, value], i) => (
          <div key={i} style={{ display: 'contents' }}>
            <dt>{label}</dt>
            <dd>
              <bdi>{value}</bdi>
            </dd>
          </div>
        ))}
      </dl>
      {report && (
        <Group>
          <Anchor component={Link} to={report} size="sm">
            {t('recordPrintReport')}
          </Anchor>
        </Group>
      )}
      <Text size="xs" c="dimmed">
        {t('recordEntryRecord')}{' '}
        <bdi dir="ltr" className={classes.code}>
          {entry.id}
        </bdi>
      </Text>
    </Stack>
  );
}

/** One timeline entry: a line to scan (date, kind, what, status), expandable to its values and details. */
export function TimelineEntryItem({ entry, text }: { entry: TimelineEntry; text: RecordText }) {
  const summary = summaryOf(entry, text);
  const quiet =
    QUIET.has(entry.status ?? '') || (entry.kind === 'assessment' && entry.status === 'completed');
  return (
    <Accordion.Item value={entry.id}>
      <Accordion.Control>
        <Group gap="sm" wrap="wrap">
          <Text size="sm" c="dimmed" className={classes.nowrap} miw="7rem">
            <time dateTime={entry.date}>{text.date(entry.date)}</time>
          </Text>
          <StatusBadge label={text.kind(entry.kind)} />
          <Text fw={600}>
            <bdi>{entryTitle(entry, text)}</bdi>
          </Text>
          {summary && (
            <Text size="sm">
              <bdi>{summary}</bdi>
            </Text>
          )}
          {entry.status && !quiet && (
            <StatusBadge label={text.status(entry.status)} tone={TONES[entry.status] ?? 'gray'} />
          )}
          {entry.notifiable && <StatusBadge label={text.t('recordNotifiable')} tone="red" />}
          {entry.sensitive && <SensitiveMark />}
        </Group>
      </Accordion.Control>
      <Accordion.Panel>
        <Details entry={entry} text={text} />
      </Accordion.Panel>
    </Accordion.Item>
  );
}
