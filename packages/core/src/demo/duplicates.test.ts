import { describe, expect, it } from 'vitest';
import { ARRIVAL_EXT, NATIONALITY_EXT } from '../records/fhir-conventions.ts';
import { applyVariation, generateDuplicates, VARIATIONS, type Variation } from './duplicates.ts';
import { generatePopulation } from './population.ts';
import { createRandom } from './random.ts';

describe('generateDuplicates', () => {
  const records = generateDuplicates({ count: 1500, seed: 7 });

  it('is deterministic for a seed', () => {
    expect(generateDuplicates({ count: 200, seed: 3 })).toEqual(generateDuplicates({ count: 200, seed: 3 }));
    expect(generateDuplicates({ count: 200, seed: 3 })).not.toEqual(
      generateDuplicates({ count: 200, seed: 4 }),
    );
  });

  it('gives every record an id (also the Patient id) and its true person', () => {
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    for (const record of records) {
      expect(record.patient.id).toBe(record.id);
      expect(record.personId).toMatch(/^person-\d+$/);
    }
  });

  it('registers about the requested share of people again, with siblings as other people', () => {
    const perPerson = new Map<string, number>();
    for (const r of records) perPerson.set(r.personId, (perPerson.get(r.personId) ?? 0) + 1);
    const people = perPerson.size;
    const repeated = [...perPerson.values()].filter((n) => n > 1).length;
    expect(people).toBeGreaterThan(1500 * 1.05); // siblings (8%) are people of their own
    expect(people).toBeLessThan(1500 * 1.12);
    expect(repeated / people).toBeGreaterThan(0.25);
    expect(repeated / people).toBeLessThan(0.35);
    expect(generateDuplicates({ count: 300, seed: 1, duplicateRate: 0, siblingRate: 0 })).toHaveLength(300);
  });

  it('varies repeat registrations as another border would', () => {
    const seen = new Set(records.flatMap((r) => r.variations));
    for (const variation of VARIATIONS) expect(seen, variation).toContain(variation);
    const repeats = records.filter((r) => r.variations.length > 0);
    expect(repeats.some((r) => !r.patient.extension?.some((e) => e.url === NATIONALITY_EXT))).toBe(true);
    expect(records.some((r) => r.patient.extension?.some((e) => e.url === ARRIVAL_EXT))).toBe(true);
  });

  it('honours variation rates: none at all leaves the same person’s records alike', () => {
    const none = Object.fromEntries(VARIATIONS.map((v) => [v, 0])) as Record<Variation, number>;
    const plain = generateDuplicates({
      count: 300,
      seed: 5,
      siblingRate: 0,
      variation: { ...none, sameDocument: 1, samePhone: 1 },
    });
    const byPerson = Map.groupBy(plain, (r) => r.personId);
    for (const group of byPerson.values()) {
      const [first, ...rest] = group.map((r) => ({ ...r.patient, id: undefined, extension: undefined }));
      for (const other of rest) expect(other).toEqual(first);
    }
  });
});

describe('applyVariation', () => {
  const people = generatePopulation({ count: 400, seed: 9, managingOrganizations: [] });
  const nativeArabic = people.find(
    (p) =>
      p.origin === 'SY' && p.patient.name?.[0]?.family && p.patient.birthDate?.endsWith('-01-01') === false,
  );
  if (!nativeArabic) throw new Error('no Syrian with a family name and a real birth date in the sample');
  const vary = (variation: Variation, seed = 1) =>
    applyVariation(nativeArabic.patient, variation, createRandom(seed), 'SY');

  it('re-spells the Latin name and drops the native one', () => {
    const varied = [1, 2, 3, 4, 5].map((seed) => vary('respell', seed));
    for (const v of varied) expect(v.name).toHaveLength(1);
    expect(varied.some((v) => v.name?.[0]?.text !== nativeArabic.patient.name?.[1]?.text)).toBe(true);
  });

  it('changes the birth date the ways registrations do', () => {
    const [year, month, day] = (nativeArabic.patient.birthDate as string).split('-');
    expect(vary('placeholderDate').birthDate).toBe(`${year}-01-01`);
    expect(Number(vary('yearOffByOne').birthDate?.slice(0, 4))).not.toBe(Number(year));
    expect(vary('birthDateMissing').birthDate).toBeUndefined();
    if (Number(day) <= 12 && day !== month)
      expect(vary('dayMonthSwap').birthDate).toBe(`${year}-${day}-${month}`);
  });

  it('leaves the original untouched', () => {
    const before = JSON.stringify(nativeArabic.patient);
    for (const variation of VARIATIONS) vary(variation);
    expect(JSON.stringify(nativeArabic.patient)).toBe(before);
  });

  it('keeps only one name part for a single-name record, and swaps name order', () => {
    const single = vary('singleName').name?.[0];
    expect([...(single?.given ?? []), ...(single?.family ? [single.family] : [])]).toHaveLength(1);
    const swapped = vary('nameOrder').name?.[0];
    expect(swapped?.given?.[0]).toBe(nativeArabic.patient.name?.[1]?.family);
  });
});
