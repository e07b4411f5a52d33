import { describe, expect, it } from 'vitest';
import { createRandom } from '../demo/random.ts';
import { CLASSES, estimateEm, priorRows } from './em.ts';
import { FIELD_INDEX, FIELDS, LEVEL_COUNTS } from './fields.ts';

const F = FIELDS.length;

/** Pairs drawn from known classes: agreement patterns and their counts, as EM receives them. */
function simulate(weights: number[], probabilities: number[][][], pairs: number, seed: number) {
  const random = createRandom(seed);
  const draw = (row: readonly number[]) => {
    let target = random.next();
    for (let l = 0; l < row.length; l++) if ((target -= row[l] as number) < 0) return l;
    return row.length - 2;
  };
  const counts = new Map<string, number>();
  for (let n = 0; n < pairs; n++) {
    const k = draw(weights);
    const pattern = FIELDS.map((_, f) => draw((probabilities[k] as number[][])[f] as number[]));
    const key = pattern.join(',');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const keys = [...counts.keys()];
  return {
    levels: Uint8Array.from(keys.flatMap((key) => key.split(',').map(Number))),
    counts: Float64Array.from(keys.map((key) => counts.get(key) as number)),
  };
}

describe('estimateEm', () => {
  // A truth unlike the priors: matches agree more on names and less on birth dates than expected.
  const truth = CLASSES.map((kind) => priorRows(kind).map((row) => row.map((v) => v)));
  const name = FIELD_INDEX.name;
  const birth = FIELD_INDEX.birthDate;
  truth[0]![name] = [0.6, 0.2, 0.1, 0.04, 0.02, 0.02, 0.01, 0.01, 0, 0];
  truth[0]![birth] = [0.3, 0.02, 0.05, 0.35, 0.15, 0.05, 0.03, 0.02, 0.03, 0];
  const weights = [0.03, 0.05, 0.92];
  const { levels, counts } = simulate(weights, truth, 200_000, 42);

  it('converges, and the likelihood never decreases', () => {
    const result = estimateEm(levels, counts);
    expect(result.converged).toBe(true);
    for (let i = 1; i < result.logLikelihood.length; i++) {
      expect(result.logLikelihood[i]).toBeGreaterThanOrEqual((result.logLikelihood[i - 1] as number) - 1e-6);
    }
  });

  it('recovers the share of matches and what matches look like', () => {
    const result = estimateEm(levels, counts);
    expect(result.weights[0]).toBeCloseTo(0.03, 2);
    for (const f of [name, birth]) {
      for (let l = 0; l < (LEVEL_COUNTS[f] as number) - 1; l++) {
        expect(
          Math.abs(((result.probabilities[0] as number[][])[f] as number[])[l]! - truth[0]![f]![l]!),
        ).toBeLessThan(0.03);
      }
    }
  });

  it('gives a field never observed its prior', () => {
    const family = FIELD_INDEX.family;
    const missing = Uint8Array.from(levels, (l, i) =>
      i % F === family ? (LEVEL_COUNTS[family] as number) - 1 : l,
    );
    const unseen = estimateEm(missing, counts);
    expect((unseen.probabilities[0] as number[][])[family]).toEqual(
      priorRows('match')[family]?.map((v) => expect.closeTo(v, 6)),
    );
  });
});
