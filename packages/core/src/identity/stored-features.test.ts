import { describe, expect, it } from 'vitest';
import { generateDuplicates } from '../demo/duplicates.ts';
import { blockingKeys } from './blocking.ts';
import { defaultMatcher } from './default-model.ts';
import { extractFeatures } from './features.ts';
import { parseFeatures, serializeFeatures } from './stored-features.ts';

describe('stored features', () => {
  const records = generateDuplicates({ count: 300, seed: 8 }).map((r) => r.patient);
  const matcher = defaultMatcher();

  it('read back to the same keys and the same score for every pair', () => {
    const fresh = records.map((p) => matcher.prepare(p));
    const stored = records.map((p) => {
      const parsed = parseFeatures(serializeFeatures(extractFeatures(p)));
      if (!parsed) throw new Error('not read back');
      return matcher.adopt(parsed);
    });
    for (let i = 0; i < fresh.length; i++) {
      expect(blockingKeys(stored[i]!)).toEqual(blockingKeys(fresh[i]!));
      for (let j = i + 1; j < Math.min(fresh.length, i + 40); j++)
        expect(matcher.score(stored[i]!, stored[j]!)).toEqual(matcher.score(fresh[i]!, fresh[j]!));
    }
  });

  it('refuse text of another version or shape', () => {
    expect(parseFeatures('not json')).toBeUndefined();
    expect(parseFeatures('[99]')).toBeUndefined();
    expect(parseFeatures('{"a":1}')).toBeUndefined();
  });
});
