import type { Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { generateDuplicates } from '../demo/duplicates.ts';
import { LANGUAGE_EXT } from '../records/fhir-conventions.ts';
import { candidatePairs } from './block-index.ts';
import { blockingKeys, DEFAULT_BLOCKING, forEachWindowKey, keyPlan, probeKeys } from './blocking.ts';
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

/** Whether a's probes meet b's stored keys (b alone in its blocks). */
const meets = (a: Patient, b: Patient) => {
  const stored = new Set(blockingKeys(b));
  return probeKeys(a).some((p) => stored.has(p.key));
};

describe('blocking keys', () => {
  it('are safe integers, the same for the same record, different for different names', () => {
    const keys = blockingKeys(arabic);
    expect(keys.every((k) => Number.isSafeInteger(k) && k >= 0)).toBe(true);
    expect(blockingKeys(arabic)).toEqual(keys);
    const other = blockingKeys({ ...latin, name: [{ given: ['Olena'], family: 'Shevchenko' }] });
    expect(other.some((k) => keys.includes(k))).toBe(false);
  });

  it('bring the same name across scripts and a year off by one together', () => {
    expect(meets(latin, arabic)).toBe(true);
    expect(meets(arabic, latin)).toBe(true);
    expect(meets({ ...latin, birthDate: '1995-05-02' }, arabic)).toBe(false);
  });

  it('find a shared document whatever the names', () => {
    const renamed = { ...arabic, name: [{ given: ['X'], family: 'Y' }], birthDate: '1970' };
    expect(meets(renamed, arabic)).toBe(true);
  });

  it('file a record of unknown sex under both, and one without a birth year where every year finds it', () => {
    expect(meets({ ...latin, gender: 'unknown' }, arabic)).toBe(true);
    const { birthDate: _b, ...undated } = latin;
    expect(meets(undated, { ...arabic, birthDate: '1975' })).toBe(true);
    expect(meets({ ...arabic, birthDate: '1975' }, undated)).toBe(true);
  });

  it('let a one-part name meet a longer name that contains it', () => {
    const single: Patient = {
      resourceType: 'Patient',
      gender: 'male',
      birthDate: '1990',
      name: [{ given: ['Hussein'] }],
    };
    expect(meets(single, latin)).toBe(true);
    expect(meets(latin, single)).toBe(true);
  });

  it('skip a block holding more records than its kind allows', () => {
    const families = [
      'Shevchenko',
      'Traore',
      'Diallo',
      'Karimi',
      'Haddad',
      'Nasser',
      'Okafor',
      'Beridze',
      'Tesfaye',
      'Rahman',
    ];
    const crowd = families.map((family, i) =>
      extractFeatures({
        ...latin,
        id: `c${i}`,
        birthDate: `1991-07-${10 + i}`,
        name: [{ given: ['Muhammad'], family }],
      }),
    );
    // All share "Muhammad, 1991, male" only: one block of ten, above the two-part names' cap.
    expect(candidatePairs(crowd)).toHaveLength(0);
    expect(candidatePairs(crowd.slice(0, 3)).length / 2).toBe(3);
    // A one-part name still meets everyone in that block.
    const single = extractFeatures({ ...latin, id: 's', birthDate: '1991', name: [{ given: ['Muhammad'] }] });
    expect(candidatePairs([...crowd, single]).length / 2).toBe(10);
  });
});

describe('candidate pairs of a batch', () => {
  it('are each pair once, i < j, and exactly the pairs sharing a block their kind allows', () => {
    const patients = generateDuplicates({ count: 300, seed: 2 }).map((r) => r.patient);
    const records = patients.map((p) => extractFeatures(p));
    const pairs = candidatePairs(records);
    const seen = new Set<string>();
    for (let k = 0; k < pairs.length; k += 2) {
      const [i, j] = [pairs[k]!, pairs[k + 1]!];
      expect(i).toBeLessThan(j);
      expect(seen.has(`${i},${j}`)).toBe(false);
      seen.add(`${i},${j}`);
    }
    // Against a slow reference: records sharing a window key, in a block its kind allows.
    const plans = records.map((r) => keyPlan(r));
    const blocks = new Map<number, { kind: string; members: number[] }>();
    plans.forEach((plan, i) =>
      forEachWindowKey(plan, DEFAULT_BLOCKING, (key, kind) => {
        const block = blocks.get(key) ?? { kind, members: [] };
        block.members.push(i);
        blocks.set(key, block);
      }),
    );
    const expected = new Set<string>();
    for (const { kind, members } of blocks.values()) {
      const cap = DEFAULT_BLOCKING.caps[kind as 'u']!;
      const factor = kind === 'u' || kind === 'q' ? 2 : 1;
      for (const a of members)
        for (const b of members) {
          if (a >= b) continue;
          const one = !plans[a]!.many || !plans[b]!.many;
          const fits =
            members.length <= cap.many * factor ||
            (kind === 'u' && one && members.length <= cap.one * factor);
          if (fits) expected.add(`${a},${b}`);
        }
    }
    expect([...seen].sort()).toEqual([...expected].sort());
  });

  it('bring most true duplicates together while comparing a small share of all pairs', () => {
    const records = generateDuplicates({ count: 1500, seed: 4 });
    const pairs = candidatePairs(records.map((r) => extractFeatures(r.patient)));
    let found = 0;
    for (let k = 0; k < pairs.length; k += 2)
      if (records[pairs[k]!]!.personId === records[pairs[k + 1]!]!.personId) found++;
    const perPerson = new Map<string, number>();
    for (const r of records) perPerson.set(r.personId, (perPerson.get(r.personId) ?? 0) + 1);
    const truePairs = [...perPerson.values()].reduce((s, n) => s + (n * (n - 1)) / 2, 0);
    expect(found / truePairs).toBeGreaterThan(0.98);
    expect(pairs.length / 2).toBeLessThan(records.length * 30);
  });
});

describe('candidate pairs in shares', () => {
  it('together find exactly the pairs of the whole, each in one share', () => {
    const records = generateDuplicates({ count: 300, seed: 3 }).map((r) => extractFeatures(r.patient));
    const whole = candidatePairs(records);
    const union = new Set<string>();
    for (let index = 0; index < 3; index++) {
      const share = candidatePairs(records, DEFAULT_BLOCKING, { index, count: 3 });
      for (let k = 0; k < share.length; k += 2) {
        expect(share[k]! % 3).toBe(index);
        expect(union.has(`${share[k]},${share[k + 1]}`)).toBe(false);
        union.add(`${share[k]},${share[k + 1]}`);
      }
    }
    const expected = new Set<string>();
    for (let k = 0; k < whole.length; k += 2) expected.add(`${whole[k]},${whole[k + 1]}`);
    expect([...union].sort()).toEqual([...expected].sort());
  });
});
