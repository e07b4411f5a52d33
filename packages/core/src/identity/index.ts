// Identity across borders: is this registration a person already in the register? Probabilistic
// record linkage (Fellegi & Sunter 1969) with m learned by EM and u from random pairs (Winkler), term
// frequencies (a common name counts for less), names compared across scripts and spellings, blocking
// keys for fast candidate retrieval, and every score explained field by field.
export {
  candidateTokens,
  nameKeys,
  nameTokens,
  scoreMatch,
  type FieldScore,
  type MatchScore,
} from './match-score.ts';
export {
  compileModel,
  gradeOf,
  loadModel,
  priorLogOdds,
  serializeModel,
  type LinkageModel,
  type MatchGrade,
  type Matcher,
  type PairScore,
  type TermFrequency,
  type Thresholds,
} from './model.ts';
export { defaultMatcher, defaultModel } from './default-model.ts';
export { explainMatch, type FieldExplanation, type MatchExplanation } from './explain.ts';
export { estimateU, prepareRegister, trainModel, trainOnFeatures, type TrainOptions } from './train.ts';
export { buildReferenceModel, REFERENCE_MODEL_OPTIONS } from './reference-model.ts';
export {
  blockingKeys,
  candidatePairs,
  DEFAULT_BLOCKING,
  probeKeys,
  TRAINING_BLOCKING,
  type BlockingScheme,
} from './blocking.ts';
export {
  calibrateThresholds,
  evaluateLinkage,
  type LabelledRecord,
  type LinkageEvaluation,
  type LinkageMetrics,
} from './evaluate.ts';
export { extractFeatures, type BirthFeature, type RecordFeatures } from './features.ts';
export {
  FIELDS as MATCH_FIELDS,
  LEVELS as MATCH_LEVELS,
  type Field as MatchField,
  type Level as MatchLevel,
} from './fields.ts';
export { applyFrequencies, countFrequencies, type Frequencies } from './frequencies.ts';
export {
  CLASSES as LINKAGE_CLASSES,
  estimateEm,
  PRIORS as LINKAGE_PRIORS,
  type EmOptions,
  type EmResult,
} from './em.ts';
export { jaroWinkler } from './jaro-winkler.ts';
export { phoneticKey } from './phonetic.ts';
export { type Partition } from './block-index.ts';
export { type KeyKind } from './blocking.ts';
export { parseFeatures, serializeFeatures, STORED_FEATURES_VERSION } from './stored-features.ts';
