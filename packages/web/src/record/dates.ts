/**
 * FHIR dates as people read them, in a given language: a year-only or month-only date (common for
 * people without documents) is shown as just that, never padded into a made-up day.
 */

/** Today as a local calendar day, YYYY-MM-DD. */
export function localDay(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A local calendar day as an instant: its first millisecond, or with endOfDay its last. */
export function dayStart(day: string, endOfDay = false): string {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  const date = endOfDay ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d);
  return date.toISOString();
}

/**
 * `2019` → "2019", `2019-05` → "May 2019", `2019-05-03` → "3 May 2019"; with a time, the local day
 * (and the time when `withTime`). Unreadable values are returned as they are.
 */
export function formatFhirDate(value: string, language: string, withTime = false): string {
  try {
    if (/^\d{4}$/.test(value))
      return new Intl.DateTimeFormat(language, { year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${value}-07-01T00:00:00Z`),
      );
    if (/^\d{4}-\d{2}$/.test(value))
      return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
        new Date(`${value}-15T00:00:00Z`),
      );
    if (/^\d{4}-\d{2}-\d{2}$/.test(value))
      return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${value}T00:00:00Z`),
      );
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return value;
    return new Intl.DateTimeFormat(
      language,
      withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' },
    ).format(date);
  } catch {
    return value;
  }
}

/** The local calendar day of a FHIR date or dateTime (a partial date stays partial). */
export function dayOf(value: string): string {
  if (value.length <= 10) return value;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value.slice(0, 10) : localDay(date);
}
