/**
 * The benchmark's people come from Passage's own synthetic population generator (packages/core
 * demo/population.ts): seeded, so every run loads the same population, with names in the scripts
 * and forms of the origins of people seeking protection in Europe. This file adds a small seeded
 * generator for the load's own choices, and the family names to search for.
 */
import { generatePopulation, type SyntheticPerson } from '@passage/core';

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  bool(p: number): boolean;
}

/** sfc32 seeded through splitmix32: fast, and the same sequence on every engine. */
export function createRandom(seed: number): Random {
  let s = seed >>> 0;
  const mix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('cannot pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    bool: (p) => next() < p,
  };
}

export type BenchPatient = SyntheticPerson['patient'];

/** `count` people registered at `site`; the same seed gives the same people. */
export function patientsAt(site: string, count: number, seed: number): BenchPatient[] {
  return generatePopulation({ count, seed, managingOrganizations: [`Organization/${site}`] }).map(
    (p) => p.patient,
  );
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
    Object.entries(sites).map(([site, count], i) => [site, patientsAt(site, count, seed + 1000 * (i + 1))]),
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
