// Skipped unless asked for:
//   PASSAGE_LINKAGE_BENCH=100000 vitest run --project core packages/core/src/identity/benchmark.test.ts
//     generates that many people (with siblings and repeat registrations: about 1.47 records each),
//     evaluates the default model and a model trained by EM on that register, and prints the figures.
//   PASSAGE_WRITE_DEFAULT_MODEL=1 vitest run --project core packages/core/src/identity/benchmark.test.ts
//     rebuilds default-model.json (reference-model.ts).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { generateDuplicates } from '../demo/duplicates.ts';
import { defaultModel } from './default-model.ts';
import { evaluateLinkage } from './evaluate.ts';
import { serializeModel } from './model.ts';
import { buildReferenceModel } from './reference-model.ts';
import { trainModel } from './train.ts';

const people = Number(process.env.PASSAGE_LINKAGE_BENCH ?? 0);
const rewrite = process.env.PASSAGE_WRITE_DEFAULT_MODEL === '1';
const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;

describe.skipIf(!rewrite)('default model', () => {
  it('is rebuilt from generated registrations', async () => {
    const model = buildReferenceModel();
    const file = fileURLToPath(new URL('./default-model.json', import.meta.url));
    const options = { ...(await resolveConfig(file)), parser: 'json' };
    writeFileSync(file, await format(serializeModel(model), options));
    expect(model.training?.settled).toBe(true);
  }, 600_000);
});

describe.skipIf(!people)('linkage at scale', () => {
  it(`links ${people} generated people`, () => {
    let start = performance.now();
    const records = generateDuplicates({ count: people, seed: 21 });
    const generated = seconds(start);
    start = performance.now();
    const withDefault = evaluateLinkage(records, defaultModel());
    const evaluated = seconds(start);
    start = performance.now();
    const model = trainModel(records.map((r) => r.patient));
    const trained = seconds(start);
    const withOwn = evaluateLinkage(records, model);
    console.log(
      JSON.stringify(
        {
          people,
          records: records.length,
          generated,
          evaluated,
          trained,
          training: model.training,
          withDefault,
          withOwn,
        },
        null,
        1,
      ),
    );
    expect(withDefault.blockingRecall).toBeGreaterThan(0.99);
  }, 3_600_000);
});
