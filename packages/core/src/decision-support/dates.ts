/** Calendar arithmetic on `YYYY-MM-DD` strings, in whole years and months as clinicians count age. */

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y ?? 0, m ?? 1, d ?? 1];
}

/** Completed months from `from` to `to` (0 if `to` is earlier). */
export function monthsBetween(from: string, to: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  const months = (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
  return Math.max(0, months);
}

/** Completed years from `from` to `to`. */
export function yearsBetween(from: string, to: string): number {
  return Math.floor(monthsBetween(from, to) / 12);
}
