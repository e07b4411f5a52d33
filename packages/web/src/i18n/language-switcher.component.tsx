import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from './i18n';
import { LANGUAGES, isLanguage } from './languages';

/** A native select: keyboard and screen-reader friendly everywhere, each name in its own language. */
export function LanguageSwitcher({ hideLabel = false }: { hideLabel?: boolean }) {
  const { t, i18n } = useTranslation();
  const current = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
  return (
    <NativeSelect
      size="sm"
      label={hideLabel ? undefined : t('language')}
      aria-label={hideLabel ? t('language') : undefined}
      value={current}
      onChange={(event) => {
        const next = event.currentTarget.value;
        if (isLanguage(next)) void changeLanguage(next);
      }}
    >
      {LANGUAGES.map((l) => (
        <option key={l.code} value={l.code} lang={l.code}>
          {l.name}
        </option>
      ))}
    </NativeSelect>
  );
}
