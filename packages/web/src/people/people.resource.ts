import type { Bundle, BundleEntry, Organization, Patient } from '@medplum/fhirtypes';
import { api } from '../api/client';
import { readPeopleBundle, type PeoplePage } from './person';
import { interpretQuery, patientSearchQuery, type PeopleFilters } from './search-query';

const searchBundle = (query: Record<string, string>, signal?: AbortSignal) =>
  api<Bundle>('/fhir/Patient', { query, signal }).then(readPeopleBundle);

/**
 * Searches people by the filters; undefined when the search box holds an identifier that cannot be one.
 * A bare nine-symbol text that adds up as a Passage identifier may still be another document's number,
 * so when no one has that Passage identifier the other documents are searched.
 */
export async function searchPeople(
  filters: PeopleFilters,
  signal?: AbortSignal,
): Promise<PeoplePage | undefined> {
  const meaning = interpretQuery(filters.q);
  const query = patientSearchQuery(filters, meaning);
  if (!query) return undefined;
  const page = await searchBundle(query, signal);
  if (meaning.kind === 'passage-id' && meaning.alsoIdentifier && page.patients.length === 0) {
    return searchBundle(patientSearchQuery(filters, meaning, true) ?? query, signal);
  }
  return page;
}

/** Another page of results, from a Bundle's next or previous link (a same-origin path). */
export const fetchPeoplePage = (path: string, signal?: AbortSignal) =>
  api<Bundle>(path, { signal }).then(readPeopleBundle);

export const fetchPatient = (id: string, signal?: AbortSignal) =>
  api<Patient>(`/fhir/Patient/${encodeURIComponent(id)}`, { signal });

export const createPatient = (patient: Patient) =>
  api<Patient>('/fhir/Patient', { method: 'POST', body: patient });

/** Sites a search can be narrowed to. */
export const fetchSites = (signal?: AbortSignal) =>
  api<Bundle<Organization>>('/fhir/Organization', { query: { _count: 200, _sort: 'name' }, signal }).then(
    (b) =>
      (b.entry ?? []).flatMap((e) =>
        e.resource?.id ? [{ id: e.resource.id, name: e.resource.name ?? e.resource.id }] : [],
      ),
  );

export type MatchGrade = 'certain' | 'probable' | 'possible';

export interface PossibleMatch {
  patient: Patient;
  score: number | undefined;
  grade: MatchGrade | undefined;
}

const MATCH_GRADE_EXT = 'http://hl7.org/fhir/StructureDefinition/match-grade';

function readMatch(entry: BundleEntry): PossibleMatch[] {
  if (entry.resource?.resourceType !== 'Patient') return [];
  const code = entry.search?.extension?.find((e) => e.url === MATCH_GRADE_EXT)?.valueCode;
  const grade = code === 'certain' || code === 'probable' || code === 'possible' ? code : undefined;
  return [{ patient: entry.resource, score: entry.search?.score, grade }];
}

/** People already registered who may be this one (FHIR Patient/$match), best first. */
export const matchPatient = (patient: Patient, signal?: AbortSignal) =>
  api<Bundle>('/fhir/Patient/$match', {
    method: 'POST',
    body: {
      resourceType: 'Parameters',
      parameter: [
        { name: 'resource', resource: patient },
        { name: 'count', valueInteger: 5 },
      ],
    },
    signal,
  }).then((bundle) => (bundle.entry ?? []).flatMap(readMatch));
