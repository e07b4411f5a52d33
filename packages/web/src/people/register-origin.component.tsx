import { Button, Fieldset, Group, Radio, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { LITERACY_LEVELS, type Registration } from '@passage/core';
import { useTranslation } from 'react-i18next';
import type { TranslationKey } from '../common/errors';
import { field, removeAt, replaceAt, type SectionProps } from './form-state';
import { CountryMultiSelect, CountrySelect, LanguageSelect } from './pickers.component';
import { Legend, RemoveButton } from './register-names.component';

const LITERACY_LABELS: Record<(typeof LITERACY_LEVELS)[number], TranslationKey> = {
  none: 'peopleLiteracyNone',
  basic: 'peopleLiteracyBasic',
  fluent: 'peopleLiteracyFluent',
};

type Language = Registration['languages'][number];

/** Nationalities, countries of birth and last residence, languages and the need for an interpreter. */
export function OriginSection({ form, update, errors }: SectionProps) {
  const { t } = useTranslation();
  const setLanguage = (index: number, patch: Partial<Language>) =>
    update({ languages: replaceAt(form.languages, index, patch) });
  const nationalityError = Object.entries(errors).find(([path]) => path.startsWith('nationalities'))?.[1];
  const interpreter = form.interpreterNeeded === null ? '' : form.interpreterNeeded ? 'yes' : 'no';

  return (
    <Fieldset legend={<Legend>{t('peopleOriginLegend')}</Legend>}>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <CountryMultiSelect
            label={t('peopleNationalities')}
            value={form.nationalities}
            onChange={(nationalities) => update({ nationalities })}
            id="register-nationalities"
            error={nationalityError}
          />
          <CountrySelect
            label={t('peopleBirthCountry')}
            value={form.birthCountry}
            onChange={(birthCountry) => update({ birthCountry })}
            {...field(errors, 'birthCountry')}
          />
          <CountrySelect
            label={t('peopleLastResidence')}
            value={form.lastResidence}
            onChange={(lastResidence) => update({ lastResidence })}
            {...field(errors, 'lastResidence')}
          />
        </SimpleGrid>

        <Text fw={600} size="sm">
          {t('peopleLanguagesSpoken')}
        </Text>
        {form.languages.map((row, i) => (
          <Group key={i} align="flex-start" gap="sm" wrap="nowrap">
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" style={{ flex: 1 }}>
              <LanguageSelect
                label={t('peopleLanguageN', { n: i + 1 })}
                value={row.code}
                onChange={(code) => setLanguage(i, { code })}
                {...field(errors, `languages.${i}.code`)}
              />
              <Select
                label={t('peopleLiteracy')}
                description={t('peopleLiteracyHint')}
                data={LITERACY_LEVELS.map((level) => ({ value: level, label: t(LITERACY_LABELS[level]) }))}
                value={row.literacy || null}
                onChange={(value) => setLanguage(i, { literacy: (value ?? '') as Language['literacy'] })}
                clearable
              />
              <Radio
                mt={{ base: 0, sm: 30 }}
                label={t('peoplePreferredLanguage')}
                checked={row.preferred}
                onChange={() =>
                  update({ languages: form.languages.map((l, j) => ({ ...l, preferred: j === i })) })
                }
                {...field(errors, `languages.${i}.preferred`)}
              />
            </SimpleGrid>
            <RemoveButton
              label={t('peopleRemoveLanguage', { n: i + 1 })}
              onClick={() => update({ languages: removeAt(form.languages, i) })}
            />
          </Group>
        ))}
        <Group>
          <Button
            variant="light"
            onClick={() =>
              update({
                languages: [
                  ...form.languages,
                  { code: '', literacy: '', preferred: form.languages.length === 0 },
                ],
              })
            }
          >
            {t('peopleAddLanguage')}
          </Button>
        </Group>

        <Radio.Group
          label={t('peopleInterpreterNeeded')}
          value={interpreter}
          onChange={(value) => update({ interpreterNeeded: value === '' ? null : value === 'yes' })}
        >
          <Group mt={6} gap="lg">
            <Radio value="yes" label={t('peopleYes')} size="md" />
            <Radio value="no" label={t('peopleNo')} size="md" />
            <Radio value="" label={t('peopleNotKnown')} size="md" />
          </Group>
        </Radio.Group>
      </Stack>
    </Fieldset>
  );
}
