import { Group, Paper, Stack, Text } from '@mantine/core';
import { translateCoding, SEX_OPTIONS } from '@passage/core';
import { useTranslation } from 'react-i18next';
import type { Patient } from './fhir-types';
import { languageName, passageId, personAge, personNames, preferredLanguage } from './person';

/** Who the assessment is about: names as written (each isolated, in its own script), age, sex, ids. */
export function PersonHeader({ patient, today }: { patient: Patient; today: string }) {
  const { t, i18n } = useTranslation();
  const ui = i18n.resolvedLanguage ?? 'en';
  const names = personNames(patient);
  const age = personAge(patient, today);
  const id = passageId(patient);
  const language = preferredLanguage(patient);
  const sex = SEX_OPTIONS.find((o) => o.code === patient.gender);
  const facts = [
    age &&
      (age.unit === 'months'
        ? t('assessmentAgeMonths', { count: age.value })
        : t('assessmentAgeYears', { count: age.value })),
    sex && translateCoding(sex, ui),
    language && t('assessmentPrefersLanguage', { language: languageName(language, ui) }),
  ].filter((fact): fact is string => !!fact);
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-label={t('assessmentPerson')}>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2}>
          {names.length === 0 ? (
            <Text fw={700}>{t('assessmentUnnamed')}</Text>
          ) : (
            names.map((name, i) => (
              <Text
                key={name.text}
                fw={i === 0 ? 700 : 400}
                fz={i === 0 ? 'lg' : 'md'}
                c={i === 0 ? undefined : 'dimmed'}
              >
                <bdi lang={name.language}>{name.text}</bdi>
              </Text>
            ))
          )}
          <Text size="sm">{facts.join(t('listSeparator'))}</Text>
        </Stack>
        {id && (
          <Text size="sm">
            {t('assessmentPassageId')}{' '}
            <bdi dir="ltr">
              <Text span ff="monospace" fw={600}>
                {id}
              </Text>
            </bdi>
          </Text>
        )}
      </Group>
    </Paper>
  );
}
