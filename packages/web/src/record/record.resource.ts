/** Reading a person's whole record and writing the changes made from the record page. */
import type { Bundle, Organization, Patient, Resource } from '@medplum/fhirtypes';
import { ApiError, api } from '../api/client';

export interface PersonRecord {
  patient: Patient & { id: string };
  /** Everything else in the person's compartment (empty for users who may not read clinical data). */
  resources: Resource[];
  /** False when only the Patient could be read (the record service answered 404: not available yet). */
  complete: boolean;
}

/** Searchset paging links as same-origin paths for the API wrapper. */
function nextPage(bundle: Bundle): string | undefined {
  const url = bundle.link?.find((l) => l.relation === 'next')?.url;
  if (!url) return undefined;
  const parsed = new URL(url, window.location.origin);
  return `${parsed.pathname}${parsed.search}`;
}

/** Enough for any real record; a loop guard against a server that keeps answering "next". */
const MAX_PAGES = 50;

/**
 * `Patient/{id}/$everything`, every page. Until the server offers it (404 with the Patient readable),
 * the Patient alone is returned, so the page can still show who the person is.
 */
export async function fetchRecord(patientId: string, signal: AbortSignal): Promise<PersonRecord> {
  const id = encodeURIComponent(patientId);
  const resources: Resource[] = [];
  try {
    let path: string | undefined = `/fhir/Patient/${id}/$everything`;
    for (let page = 0; path && page < MAX_PAGES; page += 1) {
      const bundle: Bundle = await api<Bundle>(path, { signal });
      for (const entry of bundle.entry ?? []) if (entry.resource) resources.push(entry.resource);
      path = nextPage(bundle);
    }
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    const patient = await api<Patient & { id: string }>(`/fhir/Patient/${id}`, { signal });
    return { patient, resources: [], complete: false };
  }
  const patient = resources.find(
    (r): r is Patient & { id: string } => r.resourceType === 'Patient' && r.id === patientId,
  );
  if (!patient) throw new ApiError(404, 'not_found', 'Patient not found');
  return { patient, resources: resources.filter((r) => r !== patient), complete: true };
}

/** PUT of a whole resource; the server keeps the previous version in its history. */
export function saveResource<T extends Resource & { id: string }>(resource: T): Promise<T> {
  return api<T>(`/fhir/${resource.resourceType}/${encodeURIComponent(resource.id)}`, {
    method: 'PUT',
    body: resource,
  });
}

export function postTransaction(bundle: Bundle): Promise<Bundle> {
  return api<Bundle>('/fhir', { method: 'POST', body: bundle });
}

/** A site's name, or undefined when it cannot be read (the id is shown instead). */
export async function fetchSiteName(siteId: string, signal: AbortSignal): Promise<string | undefined> {
  try {
    const site = await api<Organization>(`/fhir/Organization/${encodeURIComponent(siteId)}`, { signal });
    return site.name;
  } catch (error) {
    if (signal.aborted) throw error;
    return undefined;
  }
}
