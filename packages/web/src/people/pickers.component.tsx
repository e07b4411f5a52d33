import { MultiSelect, Select, type MultiSelectProps, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { countryOptions, languageOptions } from './countries';

type PickerProps = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value: string;
  onChange: (value: string) => void;
};

function useCountryData() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return useMemo(
    () => countryOptions(language, { frequent: t('peopleCountriesFrequent'), all: t('peopleCountriesAll') }),
    [language, t],
  );
}

/** One country, by name in the interface language, typed to filter; '' when none is chosen. */
export function CountrySelect({ value, onChange, ...props }: PickerProps) {
  const { t } = useTranslation();
  const data = useCountryData();
  return (
    <Select
      searchable
      clearable
      nothingFoundMessage={t('peopleNothingFound')}
      {...props}
      data={data}
      value={value || null}
      onChange={(next) => onChange(next ?? '')}
    />
  );
}

export function CountryMultiSelect({
  value,
  onChange,
  ...props
}: Omit<MultiSelectProps, 'data' | 'value' | 'onChange'> & {
  value: string[];
  onChange: (value: string[]) => void;
}) {
  const { t } = useTranslation();
  const data = useCountryData();
  return (
    <MultiSelect
      searchable
      clearable
      nothingFoundMessage={t('peopleNothingFound')}
      {...props}
      data={data}
      value={value}
      onChange={onChange}
    />
  );
}

/** A language: Passage's twelve first, each named in the interface language and in itself. */
export function LanguageSelect({ value, onChange, ...props }: PickerProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const data = useMemo(() => {
    const groups = languageOptions(language, {
      passage: t('peopleLanguagesPassage'),
      other: t('peopleLanguagesOther'),
    });
    // A language recorded elsewhere and not in the lists stays choosable.
    const known = groups.some((g) => g.items.some((i) => i.value === value));
    return value && !known ? [...groups, { group: '—', items: [{ value, label: value }] }] : groups;
  }, [language, t, value]);
  return (
    <Select
      searchable
      clearable
      nothingFoundMessage={t('peopleNothingFound')}
      {...props}
      data={data}
      value={value || null}
      onChange={(next) => onChange(next ?? '')}
    />
  );
}
