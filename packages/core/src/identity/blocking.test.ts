import type { Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { generateDuplicates } from '../demo/duplicates.ts';
import { LANGUAGE_EXT } from '../records/fhir-conventions.ts';
import { blockingKeys, candidatePairs, DEFAULT_BLOCKING, probeKeys } from './blocking.ts';
import { extractFeatures } from './features.ts';

const arabic: Patient = {
  resourceType: 'Patient',
  gender: 'male',
  birthDate: '1990-01-01',
  name: [{ given: ['محمد'], family: 'الحسين', extension: [{ url: LANGUAGE_EXT, valueCode: 'ar' }] }],
  identifier: [{ system: 'urn:passage:id:sy:passport', value: 'N 835 228' }],
};
const latin: Patient = {
  resourceType: 'Patient',
  gender: 'male',
  birthDate: '1991-05-02',
  name: [{ given: ['Muhammad'], family: 'Hussein' }],
};

describe('blocking keys', () => {
  it('stores a record under each name family, phonetic key, birth year and sex, and its documents', () => {
    const keys = blockingKeys(arabic);
    expect(keys).toEqual(expect.arrayContaining(['f:mohammed:1990:m', 'f:hussein:1990:m', 'i:N835228']));
    expect(keys.some((k) => k.startsWith('p:') && k.endsWith(':1990:m'))).toBe(true);
  });

  it('looks up neighbouring birth years, so a year off by one is still found', () => {
    const probes = new Set(probeKeys(latin));
    expect(blockingKeys(arabic).some((k) => probes.has(k))).toBe(true);
    expect(probes).toContain('f:hussein:1990:m');
  });

  it('files a record of unknown sex under both, and one without a birth year under every year', () => {
    const unknown = blockingKeys({ ...latin, gender: 'unknown' });
    expect(unknown).toEqual(expect.arrayContaining(['f:hussein:1991:m', 'f:hussein:1991:f']));
    const noYear = { ...latin, birthDate: undefined };
    expect(blockingKeys(noYear)).toContain('f:hussein:?:m');
    expect(probeKeys(noYear)).toEqual(expect.arrayContaining(['f:hussein:1975:m', 'f:hussein:2020:m']));
    expect(probeKeys(latin)).toContain('f:hussein:?:m');
  });

  it('finds the same pairs from either end (a batch and the server agree)', () => {
    const records = generateDuplicates({ count: 400, seed: 2 }).map((r) => extractFeatures(r.patient));
    const keys = records.map((r) => new Set(DEFAULT_BLOCKING.keys(r)));
    const finds = (i: number, j: number) => DEFAULT_BLOCKING.probes(records[i]!).some((k) => keys[j]!.has(k));
    const pairs = candidatePairs(records);
    for (let k = 0; k < pairs.length; k += 2) {
      const [i, j] = [pairs[k]!, pairs[k + 1]!];
      expect(i).toBeLessThan(j);
      expect(finds(i, j)).toBe(true);
      expect(finds(j, i)).toBe(true);
    }
  });

  it('brings most true duplicates together while comparing a small share of all pairs', () => {
    const records = generateDuplicates({ count: 1500, seed: 4 });
    const pairs = candidatePairs(records.map((r) => extractFeatures(r.patient)));
    let found = 0;
    for (let k = 0; k < pairs.length; k += 2)
      if (records[pairs[k]!]!.personId === records[pairs[k + 1]!]!.personId) found++;
    const perPerson = new Map<string, number>();
    for (const r of records) perPerson.set(r.personId, (perPerson.get(r.personId) ?? 0) + 1);
    const truePairs = [...perPerson.values()].reduce((s, n) => s + (n * (n - 1)) / 2, 0);
    expect(found / truePairs).toBeGreaterThan(0.98);
    expect(pairs.length / 2).toBeLessThan((records.length * records.length) / 2 / 50);
  });
});
