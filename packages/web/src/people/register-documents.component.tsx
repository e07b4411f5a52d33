import { Button, Fieldset, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IDENTIFIER_TYPES, type IdentifierType, type Registration } from '@passage/core';
import { useTranslation } from 'react-i18next';
import type { TranslationKey } from '../common/errors';
import { field, removeAt, replaceAt, type SectionProps } from './form-state';
import { CountrySelect } from './pickers.component';
import { Legend, RemoveButton } from './register-names.component';

export const IDENTIFIER_LABELS: Record<IdentifierType, TranslationKey> = {
  passport: 'peopleIdPassport',
  'national-id': 'peopleIdNational',
  asylum: 'peopleIdAsylum',
  'iom-case': 'peopleIdIom',
  'unhcr-case': 'peopleIdUnhcr',
  other: 'peopleIdOther',
};

/** Who issues a case number goes without saying; it is filled in for the officer. */
const ISSUER: Partial<Record<IdentifierType, string>> = { 'iom-case': 'IOM', 'unhcr-case': 'UNHCR' };

type Row = Registration['identifiers'][number];

/** Identity documents and case numbers; many people have none at first. */
export function DocumentsSection({ form, update, errors }: SectionProps) {
  const { t } = useTranslation();
  const setRow = (index: number, patch: Partial<Row>) =>
    update({ identifiers: replaceAt(form.identifiers, index, patch) });
  const types = Object.keys(IDENTIFIER_TYPES) as IdentifierType[];

  return (
    <Fieldset legend={<Legend>{t('peopleDocumentsLegend')}</Legend>}>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('peopleDocumentsHint')}
        </Text>
        {form.identifiers.map((row, i) => (
          <Group key={i} align="flex-start" gap="sm" wrap="nowrap">
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" style={{ flex: 1 }}>
              <Select
                label={t('peopleDocumentType')}
                data={types.map((type) => ({ value: type, label: t(IDENTIFIER_LABELS[type]) }))}
                value={row.type || null}
                onChange={(value) => {
                  const type = (value ?? '') as Row['type'];
                  const issuer = type ? ISSUER[type] : undefined;
                  setRow(i, { type, ...(issuer && !row.organization ? { organization: issuer } : {}) });
                }}
                {...field(errors, `identifiers.${i}.type`)}
              />
              <TextInput
                label={t('peopleDocumentNumber')}
                value={row.value}
                onChange={(e) => setRow(i, { value: e.currentTarget.value })}
                dir="ltr"
                autoCapitalize="characters"
                autoComplete="off"
                spellCheck={false}
                {...field(errors, `identifiers.${i}.value`)}
              />
              <CountrySelect
                label={t('peopleIssuingCountry')}
                value={row.country}
                onChange={(country) => setRow(i, { country })}
                {...field(errors, `identifiers.${i}.country`)}
              />
              <TextInput
                label={t('peopleIssuingOrganization')}
                value={row.organization}
                onChange={(e) => setRow(i, { organization: e.currentTarget.value })}
                {...field(errors, `identifiers.${i}.organization`)}
              />
            </SimpleGrid>
            <RemoveButton
              label={t('peopleRemoveDocument', { n: i + 1 })}
              onClick={() => update({ identifiers: removeAt(form.identifiers, i) })}
            />
          </Group>
        ))}
        <Group>
          <Button
            variant="light"
            onClick={() =>
              update({
                identifiers: [...form.identifiers, { type: '', value: '', country: '', organization: '' }],
              })
            }
          >
            {t('peopleAddDocument')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
