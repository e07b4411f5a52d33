/**
 * The benchmark's people come from Passage's own synthetic population generator (packages/core
 * demo/population.ts): seeded, so every run loads the same population, with names in the scripts
 * and forms of the origins of people seeking protection in Europe. This file adds the family names to
 * search for; the load's own choices use core's seeded generator.
 */
import { createRandom, generatePopulation, type SyntheticPerson } from '@passage/core';

export { createRandom };

export type BenchPatient = SyntheticPerson['patient'];

/** `count` people registered at `site`; the same seed gives the same people. */
export function peopleAt(site: string, count: number, seed: number): SyntheticPerson[] {
  return generatePopulation({ count, seed, managingOrganizations: [`Organization/${site}`] });
}

/** The Patients of `peopleAt`. */
export function patientsAt(site: string, count: number, seed: number): BenchPatient[] {
  return peopleAt(site, count, seed).map((p) => p.patient);
}

/**
 * The population of a run: people at each site, in the order they are sent. Each site has its own
 * seed, so the client thread and the main thread build the same people independently.
 */
export function population(
  sites: Readonly<Record<string, number>>,
  seed: number,
): Record<string, BenchPatient[]> {
  return Object.fromEntries(
    Object.entries(populationPeople(sites, seed)).map(([site, people]) => [
      site,
      people.map((p) => p.patient),
    ]),
  );
}

/** The people of `population`, with their origin (for their assessments). */
export function populationPeople(
  sites: Readonly<Record<string, number>>,
  seed: number,
): Record<string, SyntheticPerson[]> {
  return Object.fromEntries(
    Object.entries(sites).map(([site, count], i) => [site, peopleAt(site, count, seed + 1000 * (i + 1))]),
  );
}

/**
 * Family names as a clinician would type them: mostly the Latin form people use day to day, some
 * in the script of the official name.
 */
export function familyNames(patients: readonly BenchPatient[]): { latin: string[]; native: string[] } {
  const latin: string[] = [];
  const native: string[] = [];
  for (const p of patients) {
    for (const name of p.name ?? []) {
      if (!name.family) continue;
      if (name.use === 'usual') latin.push(name.family);
      else if (name.use === 'official' && /[^\p{Script=Latin}\s'-]/u.test(name.family))
        native.push(name.family);
    }
  }
  return { latin, native };
}
