/**
 * String normalisation for FHIR string search: case- and accent-insensitive, as the FHIR spec asks
 * ("Mohamed" matches "mohamed", "Traoré" matches "traore"). Arabic-script diacritics (harakat) are
 * combining marks too and are removed the same way; tatweel is dropped.
 */
export function normalizeForSearch(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\p{M}\u0640]/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
