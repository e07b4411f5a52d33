// Children's growth z-scores by the WHO LMS method (WHO Child Growth Standards 2006, WHO Growth Reference 2007).
export {
  DAYS_PER_MONTH,
  growthZScores,
  type GrowthAge,
  type GrowthInput,
  type GrowthResult,
  type MeasurementPosition,
} from './growth.ts';
export type { GrowthClassification, GrowthIndicator } from './classify.ts';
export { restrictedZScore, valueAtZ, zScore } from './lms.ts';
export type { Sex } from './tables.ts';
