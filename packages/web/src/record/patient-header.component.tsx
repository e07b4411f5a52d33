import { INTERPRETER_REQUIRED_EXT, ageInDays, completedYears } from '@passage/core';
import type { Patient } from '@medplum/fhirtypes';
import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TranslationKey } from '../common/errors';
import { countryName, languageName } from '../people/countries';
import {
  birthOf,
  latinName,
  nationalitiesOf,
  nativeName,
  passageIdOf,
  preferredLanguageOf,
} from '../people/person';
import { formatFhirDate } from './dates';
import classes from './record.module.css';

const SEX_KEYS: Record<string, TranslationKey> = {
  female: 'sexFemale',
  male: 'sexMale',
  other: 'sexOther',
  unknown: 'sexUnknown',
};

/** "34 years", "about 34 years" for a year-only or estimated birth date, months under two. */
export function useAgeText() {
  const { t } = useTranslation();
  return (birthDate: string, precision: string, today: string): string | undefined => {
    const days = ageInDays(birthDate, today);
    const years = completedYears(birthDate, today);
    if (days === undefined || years === undefined || days < 0) return undefined;
    const age =
      years < 2
        ? t('recordAgeMonths', { count: Math.floor(days / 30.4375) })
        : t('recordAgeYears', { count: years });
    return precision === 'exact' || precision === 'month' ? age : t('recordAgeAbout', { age });
  };
}

/** Who the person is: names in both scripts, then the facts a clinician checks before anything else. */
export function PatientHeader({
  patient,
  siteName,
  today,
}: {
  patient: Patient;
  siteName: string | undefined;
  today: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const ageText = useAgeText();
  const native = nativeName(patient);
  const latin = latinName(patient);
  const birth = birthOf(patient);
  const passageId = passageIdOf(patient);
  const preferred = preferredLanguageOf(patient);
  const interpreter = patient.extension?.find((e) => e.url === INTERPRETER_REQUIRED_EXT)?.valueBoolean;
  const nationalities = nationalitiesOf(patient);
  const age = birth ? ageText(birth.date, birth.precision, today) : undefined;

  const facts: [string, ReactNode][] = [
    [t('sex'), patient.gender ? t(SEX_KEYS[patient.gender] ?? 'sexUnknown') : '—'],
    [
      t('recordBirthDate'),
      birth ? (
        <>
          {formatFhirDate(birth.date, language)}
          {birth.precision === 'estimated' && ` (${t('recordBirthEstimated')})`}
          {age && ` · ${age}`}
        </>
      ) : (
        '—'
      ),
    ],
    [
      t('recordNationality'),
      nationalities.length
        ? nationalities.map((c) => countryName(c, language)).join(t('listSeparator'))
        : '—',
    ],
    [
      t('recordPassageId'),
      passageId ? (
        <bdi dir="ltr" className={classes.code}>
          {passageId}
        </bdi>
      ) : (
        '—'
      ),
    ],
    [t('recordPreferredLanguage'), preferred ? languageName(preferred, language) : '—'],
    [
      t('recordInterpreterNeeded'),
      interpreter === undefined ? '—' : interpreter ? t('recordYes') : t('recordNo'),
    ],
    [t('site'), siteName ? <bdi>{siteName}</bdi> : '—'],
  ];

  const main = latin ?? native;
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Group gap="md" align="baseline" wrap="wrap">
          <Title order={2} lang={main?.lang}>
            <bdi>{main?.text ?? t('recordNoName')}</bdi>
          </Title>
          {native && latin && native.text !== latin.text && (
            <Text fz="xl" lang={native.lang} dir="auto">
              <bdi>{native.text}</bdi>
            </Text>
          )}
        </Group>
        <dl className={classes.facts}>
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </Stack>
    </Paper>
  );
}
