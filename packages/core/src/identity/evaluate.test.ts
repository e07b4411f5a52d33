import { describe, expect, it } from 'vitest';
import { generateDuplicates } from '../demo/duplicates.ts';
import { defaultModel } from './default-model.ts';
import { calibrateThresholds, evaluateLinkage } from './evaluate.ts';
import { trainModel } from './train.ts';

// About 5,000 registrations each (3,400 people, their siblings and repeat registrations), with seeds
// the default model was neither trained nor calibrated on.
const registers = [12, 13, 14].map((seed) => generateDuplicates({ count: 3400, seed }));

describe('linkage on generated registrations with known identities', () => {
  it('reaches F1 ≥ 0.95 at probable with the default model', () => {
    const results = registers.map((records) => evaluateLinkage(records, defaultModel()));
    const meanF1 = results.reduce((s, r) => s + r.probable.f1, 0) / results.length;
    for (const r of results) {
      expect(r.records).toBeGreaterThan(4800);
      expect(r.blockingRecall).toBeGreaterThan(0.99);
      expect(r.probable.f1).toBeGreaterThan(0.94);
      expect(r.certain.precision).toBeGreaterThan(0.995);
      expect(r.certain.recall).toBeGreaterThan(0.4);
      // About a dozen candidates per record (each pair serves two), not all 12.5 million pairs.
      expect(r.pairsCompared / r.records).toBeLessThan(10);
    }
    expect(meanF1).toBeGreaterThanOrEqual(0.95);
  }, 60_000);

  it('trains on a register without labels (EM) and keeps F1 above 0.94', () => {
    const records = registers[0] as (typeof registers)[number];
    const model = trainModel(records.map((r) => r.patient));
    expect(model.training).toMatchObject({ converged: true, settled: true });
    expect(model.matchesPerRecord).toBeGreaterThan(0.4);
    expect(model.matchesPerRecord).toBeLessThan(1);
    expect(evaluateLinkage(records, model).probable.f1).toBeGreaterThan(0.94);
  }, 60_000);

  it('calibrates thresholds in the right order', () => {
    const records = registers[1] as (typeof registers)[number];
    const thresholds = calibrateThresholds(records, defaultModel());
    expect(thresholds.certain).toBeGreaterThanOrEqual(thresholds.probable);
    expect(thresholds.probable).toBeGreaterThanOrEqual(thresholds.possible);
    const at = (probable: number) =>
      evaluateLinkage(records, { ...defaultModel(), thresholds: { ...thresholds, probable } });
    const best = at(thresholds.probable).probable.f1;
    expect(best).toBeGreaterThanOrEqual(at(thresholds.probable + 3).probable.f1);
    expect(best).toBeGreaterThanOrEqual(at(thresholds.probable - 3).probable.f1);
  }, 60_000);
});
