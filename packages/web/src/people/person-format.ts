import type { Patient } from '@medplum/fhirtypes';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { birthOf, nationalitiesOf } from './person';

/** Birth dates at their recorded precision and countries by name, in the interface language. */
export function usePersonFormat() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return useMemo(() => {
    const utc = { timeZone: 'UTC' } as const;
    const day = new Intl.DateTimeFormat(language, { ...utc, dateStyle: 'medium' });
    const month = new Intl.DateTimeFormat(language, { ...utc, year: 'numeric', month: 'long' });
    const year = new Intl.DateTimeFormat(language, { ...utc, year: 'numeric' });
    const regions = new Intl.DisplayNames([language, 'en'], { type: 'region' });
    // Partial dates are read as the start of their period, in UTC so no time zone shifts the day.
    const at = (date: string) =>
      new Date(`${date}${['-01-01', '-01', ''][(date.length - 4) / 3] ?? ''}T00:00:00Z`);
    const country = (code: string) => regions.of(code) ?? code;
    return {
      country,
      birth(patient: Patient): string {
        const birth = birthOf(patient);
        if (!birth) return t('peopleBirthUnknown');
        const date = at(birth.date);
        if (Number.isNaN(date.getTime())) return birth.date;
        switch (birth.precision) {
          case 'exact':
            return day.format(date);
          case 'month':
            return month.format(date);
          case 'year':
            return year.format(date);
          case 'estimated':
            return t('peopleBirthEstimated', { year: year.format(date) });
        }
      },
      birthYear(patient: Patient): string {
        const birth = birthOf(patient);
        if (!birth) return t('peopleBirthUnknown');
        const formatted = year.format(at(birth.date.slice(0, 4)));
        return birth.precision === 'estimated' ? t('peopleBirthEstimated', { year: formatted }) : formatted;
      },
      nationalities(patient: Patient): string {
        return nationalitiesOf(patient).map(country).join(t('listSeparator'));
      },
    };
  }, [language, t]);
}
