/**
 * Linkage quality in-process, from core alone: core's evaluateLinkage on generateDuplicates
 * (BENCH_IDENTITY_EVAL_PEOPLE people, seed BENCH_IDENTITY_EVAL_SEED) with the default model.
 */
import { defaultModel, evaluateLinkage, type LinkageEvaluation } from '@passage/core';
import { internals } from './internals.ts';

export interface LinkageResult extends LinkageEvaluation {
  people: number;
  seed: number;
  generateSeconds: number;
  evaluateSeconds: number;
}

export async function linkage(people: number, seed: number): Promise<LinkageResult> {
  const { generateDuplicates } = await internals();
  const t0 = performance.now();
  const records = generateDuplicates({ count: people, seed });
  const t1 = performance.now();
  const evaluation = evaluateLinkage(records, defaultModel());
  const t2 = performance.now();
  return {
    ...evaluation,
    people,
    seed,
    generateSeconds: (t1 - t0) / 1000,
    evaluateSeconds: (t2 - t1) / 1000,
  };
}
