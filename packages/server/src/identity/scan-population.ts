/**
 * A synthetic population with people registered twice (another border's spelling of the name, no
 * document, day and month sometimes swapped), loaded through the repository: for the scan's tests
 * and for measuring its speed. None of these people exist.
 */
import type { Patient } from '@medplum/fhirtypes';
import { createRandom, generatePopulation, nameVariants, type StoredResourceType } from '@passage/core';
import { systemContext } from '../access/access-context.ts';
import type { FhirRepository } from '../fhir/store/repository.ts';
import { newId } from '../fhir/store/write.ts';

/** The same person as registered elsewhere: Latin name only, another spelling, no documents. */
export function reRegistered(patient: Patient, site: string, swapDate: boolean): Patient {
  const latin = (patient.name ?? []).filter((n) => !n.extension?.length);
  const name = (latin.length ? latin : (patient.name ?? [])).map((n) => ({
    family: n.family,
    given: (n.given ?? []).map((g) => nameVariants(g).find((v) => v !== g) ?? g),
  }));
  const [y, m, d] = (patient.birthDate ?? '').split('-');
  const birthDate =
    swapDate && y && m && d && m !== d && Number(d) <= 12 ? `${y}-${d}-${m}` : patient.birthDate;
  const { identifier: _documents, ...rest } = patient;
  return {
    ...rest,
    id: newId(),
    name,
    ...(birthDate ? { birthDate } : {}),
    managingOrganization: { reference: `Organization/${site}` },
  };
}

/** Loads `count` people at the sites, `duplicateShare` of them registered a second time; returns the true pairs. */
export async function loadPopulation(
  repo: FhirRepository,
  options: { count: number; seed: number; sites: readonly string[]; duplicateShare: number },
): Promise<[string, string][]> {
  const people = generatePopulation({
    count: options.count,
    seed: options.seed,
    managingOrganizations: options.sites.map((s) => `Organization/${s}`),
  }).map((p) => ({ ...p.patient, id: newId() }) as Patient & { id: string });
  const random = createRandom(options.seed + 1);
  const pairs: [string, string][] = [];
  const twins: Patient[] = [];
  for (const p of people) {
    if (random.next() >= options.duplicateShare) continue;
    const site = options.sites[Math.floor(random.next() * options.sites.length)] as string;
    const twin = reRegistered(p, site, random.next() < 0.3);
    twins.push(twin);
    pairs.push([p.id, twin.id as string]);
  }
  const all = [...people, ...twins];
  for (let i = 0; i < all.length; i += 500) {
    await repo.writeAll(
      systemContext(),
      all.slice(i, i + 500).map((resource) => ({
        method: 'POST' as const,
        resource: resource as Patient & { resourceType: StoredResourceType },
      })),
    );
  }
  return pairs;
}
