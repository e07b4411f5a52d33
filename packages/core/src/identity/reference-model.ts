// How the shipped default model (default-model.json) is made, so anyone can remake it: EM on
// generated registrations (demo/duplicates.ts), thresholds calibrated on another generated register
// whose true identities are known. A server with its own register trains its own (trainModel) and
// keeps these thresholds: they are posterior log-odds, which hold as a register grows.
import { generateDuplicates } from '../demo/duplicates.ts';
import { calibrateThresholds } from './evaluate.ts';
import type { LinkageModel } from './model.ts';
import { trainModel } from './train.ts';

export const REFERENCE_MODEL_OPTIONS = { count: 12_000, seed: 2026, calibrationCount: 30_000 } as const;

export function buildReferenceModel(
  options: { count: number; seed: number; calibrationCount?: number } = REFERENCE_MODEL_OPTIONS,
): LinkageModel {
  const training = generateDuplicates({ count: options.count, seed: options.seed });
  const model = trainModel(
    training.map((r) => r.patient),
    { start: 'priors' },
  );
  // A larger register than the training one: the thresholds are read from the tail of the weights
  // (certain: the lowest weight above which almost no pair is wrong), which a small register leaves noisy.
  const calibration = generateDuplicates({
    count: options.calibrationCount ?? options.count,
    seed: options.seed + 1,
  });
  model.thresholds = calibrateThresholds(calibration, model, { certainPrecision: 0.999 });
  return model;
}
