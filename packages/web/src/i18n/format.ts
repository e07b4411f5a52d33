import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Date and number formatters for the current language, rebuilt only when the language changes. */
export function useFormatters() {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    const dateTimeLong = new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'long' });
    const number = new Intl.NumberFormat(language);
    const parse = (iso: string): Date | null => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? null : date;
    };
    return {
      dateTime: (iso: string) => {
        const date = parse(iso);
        return date ? dateTime.format(date) : iso;
      },
      dateTimeLong: (iso: string) => {
        const date = parse(iso);
        return date ? dateTimeLong.format(date) : iso;
      },
      number: (value: number) => number.format(value),
    };
  }, [language]);
}
