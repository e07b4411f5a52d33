/** What `recommend` returns: one item per screening and per catch-up vaccine, each with its reason. */
import type { RecordedImmunization, RecordedScreening } from './input.ts';
import type { CatchUpVaccine } from './programme.ts';
import type { Reason } from './reasons.ts';
import type { Coding } from './screening-tests.ts';

export const SCREENING_TARGETS = [
  'active-tb',
  'latent-tb',
  'hiv',
  'hepatitis-b',
  'hepatitis-c',
  'schistosomiasis',
  'strongyloidiasis',
] as const;
export type ScreeningTarget = (typeof SCREENING_TARGETS)[number];

export type Priority = 'high' | 'routine';
export type RecommendationStatus = 'due' | 'done' | 'not-applicable';

interface RecommendationBase {
  /** Stable across calls, e.g. `screen-ltbi`, `vaccinate-mmr`. */
  readonly id: string;
  readonly priority: Priority;
  readonly status: RecommendationStatus;
  readonly reason: Reason;
  /** Context beside the reason: transit stays that did not count, self-reported doses. */
  readonly notes: readonly Reason[];
}

export interface ScreeningRecommendation extends RecommendationBase {
  readonly kind: 'screening';
  readonly target: ScreeningTarget;
  readonly tests: readonly Coding[];
  readonly doneBy?: RecordedScreening;
}

export interface VaccinationRecommendation extends RecommendationBase {
  readonly kind: 'vaccination';
  readonly target: CatchUpVaccine;
  /** Empty: vaccinations have no tests (kept so every item has the same shape). */
  readonly tests: readonly Coding[];
  /** CVX codes of suitable vaccines for the age; the host schedule picks products and intervals. */
  readonly vaccines: readonly Coding[];
  /** The documented dose that completed the series. */
  readonly doneBy?: RecordedImmunization;
}

export type Recommendation = ScreeningRecommendation | VaccinationRecommendation;

/** How a rule decided, before a recorded test or diagnosis overrides it. */
export interface Decision {
  readonly status: 'due' | 'not-applicable';
  readonly priority: Priority;
  readonly reason: Reason;
  readonly notes?: readonly Reason[];
}
