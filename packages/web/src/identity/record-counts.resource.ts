import type { Bundle } from '@medplum/fhirtypes';
import { api } from '../api/client';

/**
 * How many entries a person's clinical record holds (what a merge would move): `$everything` less the
 * Patient itself. Undefined when it cannot be read (no clinical rights at that site, say).
 */
export async function countRecordEntries(
  patientId: string,
  signal?: AbortSignal,
): Promise<number | undefined> {
  try {
    const bundle = await api<Bundle>(`/fhir/Patient/${encodeURIComponent(patientId)}/$everything`, {
      signal,
    });
    if (bundle.total !== undefined) return Math.max(0, bundle.total - 1);
    return (bundle.entry ?? []).filter((e) => e.resource?.resourceType !== 'Patient').length;
  } catch (error) {
    if (signal?.aborted) throw error;
    return undefined;
  }
}
