import {
  ActionIcon,
  Button,
  Chip,
  Fieldset,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { OTHER_NAME_USES, nameLanguageTag, scriptSubtag, type RegistrationName } from '@passage/core';
import { useTranslation } from 'react-i18next';
import type { TranslationKey } from '../common/errors';
import { field, removeAt, replaceAt, type SectionProps } from './form-state';
import { LanguageSelect } from './pickers.component';
import { suggestLatin } from './transliterate';

const USE_LABELS: Record<(typeof OTHER_NAME_USES)[number], TranslationKey> = {
  old: 'peopleNameUseOld',
  maiden: 'peopleNameUseMaiden',
  nickname: 'peopleNameUseNickname',
  anonymous: 'peopleNameUseAnonymous',
};

/** Script-only tag for an alias (`und-Arab`), none for Latin, where it says nothing. */
const aliasTag = (row: RegistrationName) =>
  nameLanguageTag('', `${row.given} ${row.family}`).replace(/^und-Latn$/, '');
const baseOf = (tag: string) => (tag.startsWith('und') ? '' : (tag.split('-')[0] ?? ''));
const latinTag = (base: string) => (base ? `${base}-Latn` : '');

function Suggestions({
  label,
  options,
  chosen,
  onPick,
}: {
  label: string;
  options: string[];
  /** The spelling in use, shown as picked. */
  chosen: string | undefined;
  onPick: (s: string) => void;
}) {
  if (!options.length) return null;
  return (
    <Group gap={6} role="group" aria-label={label}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      {options.slice(0, 6).map((option) => (
        <Chip
          key={option}
          size="sm"
          checked={option === chosen}
          onChange={() => onPick(option)}
          variant="outline"
        >
          {option}
        </Chip>
      ))}
    </Group>
  );
}

/** The name as the person writes it, its Latin spellings (suggested, always editable) and other names. */
export function NamesSection({ form, update, errors }: SectionProps) {
  const { t } = useTranslation();
  const { name, transliterations } = form;
  const base = baseOf(name.language);
  const nativeScript = scriptSubtag(`${name.given} ${name.family}`);
  const suggest = nativeScript && nativeScript !== 'Latn';

  const setNative = (patch: Partial<RegistrationName>, language = base) => {
    const next = { ...name, ...patch };
    update({
      name: { ...next, language: nameLanguageTag(language, `${next.given} ${next.family}`) },
      // Spellings follow the language of the name they spell (ar-Arab → ar-Latn).
      transliterations: transliterations.map((row) => ({ ...row, language: latinTag(language) })),
    });
  };
  const setLatin = (index: number, patch: Partial<RegistrationName>) =>
    update({ transliterations: replaceAt(transliterations, index, patch) });
  const setOther = (index: number, patch: Partial<RegistrationName>) => {
    const row = { ...(form.otherNames[index] as (typeof form.otherNames)[number]), ...patch };
    update({ otherNames: replaceAt(form.otherNames, index, { ...patch, language: aliasTag(row) }) });
  };
  /** A suggestion fills the first spelling, or starts one. */
  const pick = (part: 'given' | 'family', value: string) =>
    transliterations.length
      ? setLatin(0, { [part]: value })
      : update({ transliterations: [{ language: latinTag(base), family: '', given: '', [part]: value }] });

  return (
    <Fieldset legend={<Legend>{t('peopleNamesLegend')}</Legend>}>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('peopleNamesHint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <LanguageSelect
            label={t('peopleNameLanguage')}
            value={base}
            onChange={(language) => setNative({}, language)}
            {...field(errors, 'name.language')}
          />
          <TextInput
            label={t('peopleGivenNames')}
            value={name.given}
            onChange={(e) => setNative({ given: e.currentTarget.value })}
            dir="auto"
            lang={name.language || undefined}
            autoComplete="off"
            {...field(errors, 'name.given')}
          />
          <TextInput
            label={t('peopleFamilyName')}
            value={name.family}
            onChange={(e) => setNative({ family: e.currentTarget.value })}
            dir="auto"
            lang={name.language || undefined}
            autoComplete="off"
            {...field(errors, 'name.family')}
          />
        </SimpleGrid>
        {suggest && (
          <Stack gap={4}>
            <Suggestions
              label={t('peopleSuggestGiven')}
              options={suggestLatin(name.given, base)}
              chosen={transliterations[0]?.given}
              onPick={(s) => pick('given', s)}
            />
            <Suggestions
              label={t('peopleSuggestFamily')}
              options={suggestLatin(name.family, base)}
              chosen={transliterations[0]?.family}
              onPick={(s) => pick('family', s)}
            />
          </Stack>
        )}

        <Text fw={600} size="sm">
          {t('peopleLatinSpellings')}
        </Text>
        {transliterations.map((row, i) => (
          <Group key={i} align="flex-start" gap="sm" wrap="nowrap">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" style={{ flex: 1 }}>
              <TextInput
                label={t('peopleLatinGiven', { n: i + 1 })}
                value={row.given}
                onChange={(e) => setLatin(i, { given: e.currentTarget.value })}
                lang={row.language || undefined}
                dir="ltr"
                autoComplete="off"
                {...field(errors, `transliterations.${i}.given`)}
              />
              <TextInput
                label={t('peopleLatinFamily', { n: i + 1 })}
                value={row.family}
                onChange={(e) => setLatin(i, { family: e.currentTarget.value })}
                lang={row.language || undefined}
                dir="ltr"
                autoComplete="off"
                {...field(errors, `transliterations.${i}.family`)}
              />
            </SimpleGrid>
            <RemoveButton
              label={t('peopleRemoveSpelling', { n: i + 1 })}
              onClick={() => update({ transliterations: removeAt(transliterations, i) })}
            />
          </Group>
        ))}
        <Group>
          <Button
            variant="light"
            onClick={() =>
              update({
                transliterations: [...transliterations, { language: latinTag(base), family: '', given: '' }],
              })
            }
          >
            {t('peopleAddSpelling')}
          </Button>
        </Group>

        <Text fw={600} size="sm">
          {t('peopleOtherNames')}
        </Text>
        {form.otherNames.map((row, i) => (
          <Group key={i} align="flex-start" gap="sm" wrap="nowrap">
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" style={{ flex: 1 }}>
              <Select
                label={t('peopleOtherNameKind')}
                data={OTHER_NAME_USES.map((use) => ({ value: use, label: t(USE_LABELS[use]) }))}
                value={row.use}
                allowDeselect={false}
                onChange={(use) =>
                  update({
                    otherNames: replaceAt(form.otherNames, i, { use: (use ?? 'old') as typeof row.use }),
                  })
                }
              />
              <TextInput
                label={t('peopleGivenNames')}
                value={row.given}
                dir="auto"
                onChange={(e) => setOther(i, { given: e.currentTarget.value })}
                {...field(errors, `otherNames.${i}.given`)}
              />
              <TextInput
                label={t('peopleFamilyName')}
                value={row.family}
                dir="auto"
                onChange={(e) => setOther(i, { family: e.currentTarget.value })}
                {...field(errors, `otherNames.${i}.family`)}
              />
            </SimpleGrid>
            <RemoveButton
              label={t('peopleRemoveOtherName', { n: i + 1 })}
              onClick={() => update({ otherNames: removeAt(form.otherNames, i) })}
            />
          </Group>
        ))}
        <Group>
          <Button
            variant="light"
            onClick={() =>
              update({
                otherNames: [...form.otherNames, { use: 'old', language: '', family: '', given: '' }],
              })
            }
          >
            {t('peopleAddOtherName')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

/** A section's legend, large enough to find one's place in a long form. */
export function Legend({ children }: { children: string }) {
  return (
    <Text span fw={700} fz="lg">
      {children}
    </Text>
  );
}

/** The ✕ that removes a row; its label says which row, since several look alike. */
export function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <ActionIcon
      variant="subtle"
      color="red"
      size="lg"
      mt={24}
      aria-label={label}
      title={label}
      onClick={onClick}
    >
      <span aria-hidden="true">✕</span>
    </ActionIcon>
  );
}
