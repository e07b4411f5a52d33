import { PASSAGE_ID_SYSTEM, parsePassageId } from '@passage/core';

/** What the one search box was given, read the way a registration officer would read it. */
export type QueryMeaning =
  | { kind: 'empty' }
  | { kind: 'name'; text: string }
  /** `alsoIdentifier`: typed without hyphens, so it may be another document's number that happens to add up. */
  | { kind: 'passage-id'; id: string; alsoIdentifier: boolean }
  /** Written like a Passage identifier (7K3M-Q9XR-4) but not one: there is nothing to search. */
  | { kind: 'passage-id-invalid'; reason: 'length' | 'symbol' | 'check' }
  /** `maybePassageId`: nine symbols that fail the check, so say so in case it was meant as one. */
  | { kind: 'identifier'; value: string; maybePassageId: boolean };

const PASSAGE_SHAPED = /^[0-9a-z]{4}[\s\-–—.]+[0-9a-z]{4}[\s\-–—.]+[0-9a-z]$/i;
const NINE_SYMBOLS = /^[0-9a-z]{9}$/i;

export function interpretQuery(input: string): QueryMeaning {
  const text = input.trim().replace(/\s+/g, ' ');
  if (!text) return { kind: 'empty' };
  // Names have no digits; every identifier Passage knows has some.
  if (!/\d/.test(text)) return { kind: 'name', text };
  const parsed = parsePassageId(text);
  const shaped = PASSAGE_SHAPED.test(text);
  if (parsed.ok) return { kind: 'passage-id', id: parsed.id, alsoIdentifier: !shaped };
  if (shaped) return { kind: 'passage-id-invalid', reason: parsed.reason };
  return { kind: 'identifier', value: text, maybePassageId: NINE_SYMBOLS.test(text) };
}

export interface PeopleFilters {
  q: string;
  birthYear: string;
  nationality: string;
  site: string;
  sex: string;
}

export const NO_FILTERS: PeopleFilters = { q: '', birthYear: '', nationality: '', site: '', sex: '' };

/** Results per page. */
export const PAGE_SIZE = 20;

/** FHIR search parameters for the filters; undefined when there is nothing to search for. */
export function patientSearchQuery(
  filters: PeopleFilters,
  meaning: QueryMeaning = interpretQuery(filters.q),
  asIdentifier = false,
): Record<string, string> | undefined {
  const query: Record<string, string> = {};
  switch (meaning.kind) {
    case 'passage-id-invalid':
      return undefined;
    case 'name':
      query['name'] = meaning.text;
      break;
    case 'passage-id':
      query['identifier'] = asIdentifier ? filters.q.trim() : `${PASSAGE_ID_SYSTEM}|${meaning.id}`;
      break;
    case 'identifier':
      query['identifier'] = meaning.value;
      break;
    case 'empty':
      break;
  }
  if (/^\d{4}$/.test(filters.birthYear)) query['birthdate'] = filters.birthYear;
  if (filters.nationality) query['nationality'] = filters.nationality;
  if (filters.site) query['organization'] = `Organization/${filters.site}`;
  if (filters.sex) query['gender'] = filters.sex;
  query['_count'] = String(PAGE_SIZE);
  query['_include'] = 'Patient:organization';
  // With nothing typed, the people registered or updated last come first.
  if (meaning.kind === 'empty') query['_sort'] = '-_lastUpdated';
  return query;
}

export function filtersFromParams(params: URLSearchParams): PeopleFilters {
  return {
    q: params.get('q') ?? '',
    birthYear: params.get('birthYear') ?? '',
    nationality: params.get('nationality') ?? '',
    site: params.get('site') ?? '',
    sex: params.get('sex') ?? '',
  };
}

export function filtersToParams(filters: PeopleFilters): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value));
}
