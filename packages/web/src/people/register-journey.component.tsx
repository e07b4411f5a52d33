import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { MIGRATION_CATEGORIES, localToday, type Registration } from '@passage/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TranslationKey } from '../common/errors';
import { field, move, removeAt, replaceAt, type SectionProps } from './form-state';
import { CountrySelect } from './pickers.component';
import { Legend, RemoveButton } from './register-names.component';

const CATEGORY_LABELS: Record<(typeof MIGRATION_CATEGORIES)[number], TranslationKey> = {
  refugee: 'peopleCategoryRefugee',
  'asylum-seeker': 'peopleCategoryAsylumSeeker',
  'temporary-protection': 'peopleCategoryTemporaryProtection',
  migrant: 'peopleCategoryMigrant',
  'unaccompanied-minor': 'peopleCategoryUnaccompaniedMinor',
  'separated-minor': 'peopleCategorySeparatedMinor',
  'trafficking-victim': 'peopleCategoryTraffickingVictim',
};

type Stay = Registration['transits'][number];

/** Arrival, the countries passed through in order, and the (sensitive) migration category. */
export function JourneySection({ form, update, errors }: SectionProps) {
  const { t } = useTranslation();
  const [agreed, setAgreed] = useState(form.migrationCategory !== '');
  const setArrival = (patch: Partial<Registration['arrival']>) =>
    update({ arrival: { ...form.arrival, ...patch } });
  const setStay = (index: number, patch: Partial<Stay>) =>
    update({ transits: replaceAt(form.transits, index, patch) });
  // Travel dates are often remembered only as a month or a year, so they are typed, not picked.
  const dateProps = { dir: 'ltr', placeholder: t('peopleFormatPartialDate'), inputMode: 'numeric' } as const;

  return (
    <Fieldset legend={<Legend>{t('peopleJourneyLegend')}</Legend>}>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            type="date"
            label={t('peopleArrivalDate')}
            value={form.arrival.date}
            onChange={(e) => setArrival({ date: e.currentTarget.value })}
            max={localToday()}
            dir="ltr"
            {...field(errors, 'arrival.date')}
          />
          <TextInput
            label={t('peopleArrivalPlace')}
            value={form.arrival.place}
            onChange={(e) => setArrival({ place: e.currentTarget.value })}
            {...field(errors, 'arrival.place')}
          />
          <CountrySelect
            label={t('peopleArrivalCountry')}
            value={form.arrival.country}
            onChange={(country) => setArrival({ country })}
            {...field(errors, 'arrival.country')}
          />
        </SimpleGrid>

        <Text fw={600} size="sm">
          {t('peopleTransits')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('peopleTransitsHint')}
        </Text>
        {form.transits.map((stay, i) => (
          <Group key={i} align="flex-start" gap="xs" wrap="nowrap">
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" style={{ flex: 1 }}>
              <CountrySelect
                label={t('peopleTransitCountry', { n: i + 1 })}
                value={stay.country}
                onChange={(country) => setStay(i, { country })}
                {...field(errors, `transits.${i}.country`)}
              />
              <TextInput
                label={t('peopleTransitFrom')}
                value={stay.from}
                onChange={(e) => setStay(i, { from: e.currentTarget.value.trim() })}
                {...dateProps}
                {...field(errors, `transits.${i}.from`)}
              />
              <TextInput
                label={t('peopleTransitTo')}
                value={stay.to}
                onChange={(e) => setStay(i, { to: e.currentTarget.value.trim() })}
                {...dateProps}
                {...field(errors, `transits.${i}.to`)}
              />
            </SimpleGrid>
            <Group gap={0} mt={24} wrap="nowrap">
              <ActionIcon
                variant="subtle"
                size="lg"
                aria-label={t('peopleMoveUp', { n: i + 1 })}
                disabled={i === 0}
                onClick={() => update({ transits: move(form.transits, i, -1) })}
              >
                <span aria-hidden="true">↑</span>
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                size="lg"
                aria-label={t('peopleMoveDown', { n: i + 1 })}
                disabled={i === form.transits.length - 1}
                onClick={() => update({ transits: move(form.transits, i, 1) })}
              >
                <span aria-hidden="true">↓</span>
              </ActionIcon>
            </Group>
            <RemoveButton
              label={t('peopleRemoveTransit', { n: i + 1 })}
              onClick={() => update({ transits: removeAt(form.transits, i) })}
            />
          </Group>
        ))}
        <Group>
          <Button
            variant="light"
            onClick={() => update({ transits: [...form.transits, { country: '', from: '', to: '' }] })}
          >
            {t('peopleAddTransit')}
          </Button>
        </Group>

        {/* A standing note, not an alert: nothing went wrong (Mantine's Alert is role="alert"). */}
        <Alert
          color="grape"
          variant="light"
          role="note"
          title={
            <Group gap="xs">
              {t('peopleMigrationCategory')}
              <Badge color="grape" variant="filled" size="sm">
                {t('peopleSensitive')}
              </Badge>
            </Group>
          }
        >
          <Stack gap="sm">
            <Text size="sm">{t('peopleSensitiveNote')}</Text>
            <Checkbox
              label={t('peopleAgreesToRecord')}
              checked={agreed}
              onChange={(e) => {
                const checked = e.currentTarget.checked;
                setAgreed(checked);
                // Withdrawing agreement removes what was recorded with it.
                if (!checked) update({ migrationCategory: '' });
              }}
            />
            <Select
              label={t('peopleMigrationCategory')}
              data={MIGRATION_CATEGORIES.map((code) => ({ value: code, label: t(CATEGORY_LABELS[code]) }))}
              value={form.migrationCategory || null}
              onChange={(value) =>
                update({ migrationCategory: (value ?? '') as Registration['migrationCategory'] })
              }
              disabled={!agreed}
              clearable
              maw={420}
              {...field(errors, 'migrationCategory')}
            />
          </Stack>
        </Alert>
      </Stack>
    </Fieldset>
  );
}
