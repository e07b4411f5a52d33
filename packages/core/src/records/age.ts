/**
 * Age from a FHIR birth date that may be partial (`1994`, `1994-03`), as recorded for people without
 * documents. A year-only date counts from mid-year and a month-only date from mid-month: the middle of
 * the possible range, so an estimate errs by at most half the range either way.
 */

function parts(birthDate: string): { year: number; month: number; day: number } | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(birthDate);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (!m[2]) return { year, month: 7, day: 1 };
  if (!m[3]) return { year, month: Number(m[2]), day: 15 };
  return { year, month: Number(m[2]), day: Number(m[3]) };
}

/** Days from birth to `today` (YYYY-MM-DD…), or undefined when the birth date is unreadable. */
export function ageInDays(birthDate: string, today: string): number | undefined {
  const b = parts(birthDate);
  const t = parts(today);
  if (!b || !t) return undefined;
  const ms = Date.UTC(t.year, t.month - 1, t.day) - Date.UTC(b.year, b.month - 1, b.day);
  return Math.floor(ms / 86_400_000);
}

/** Age in years with a fraction (e.g. 1.5), never negative; undefined for an unreadable date. */
export function ageInYears(birthDate: string, today: string): number | undefined {
  const days = ageInDays(birthDate, today);
  return days === undefined ? undefined : Math.max(0, days / 365.25);
}

/** Completed years, as people state their age. */
export function completedYears(birthDate: string, today: string): number | undefined {
  const b = parts(birthDate);
  const t = parts(today);
  if (!b || !t) return undefined;
  const before = t.month < b.month || (t.month === b.month && t.day < b.day);
  return Math.max(0, t.year - b.year - (before ? 1 : 0));
}
