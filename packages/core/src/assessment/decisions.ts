/**
 * What the clinician decided about each recommended screening or vaccine (ordered now, done today,
 * declined by the person), recorded as ServiceRequests so each is tracked until done or declined.
 */
import type { Coding, ServiceRequest } from '@medplum/fhirtypes';
import { PASSAGE_FHIR_BASE } from '../records/fhir-conventions.ts';
import { PASSAGE_CODE_SYSTEM, passageCode } from './questionnaire-builder.ts';

export const RECOMMENDATION_EXT = `${PASSAGE_FHIR_BASE}/StructureDefinition/recommendation`;
export const DECISION_EXT = `${PASSAGE_FHIR_BASE}/StructureDefinition/recommendation-decision`;
export const SCREENING_CATEGORY: Coding = {
  system: PASSAGE_CODE_SYSTEM,
  code: 'screening',
  display: 'Screening',
};
export const VACCINATION_CATEGORY: Coding = {
  system: PASSAGE_CODE_SYSTEM,
  code: 'vaccination',
  display: 'Catch-up vaccination',
};

export type Decision = 'ordered' | 'done' | 'declined';

export interface RecommendationDecision {
  /** The recommendation's stable id (e.g. `screen-ltbi`). */
  recommendationId: string;
  kind: 'screening' | 'vaccination';
  /** What is recommended (e.g. `latent-tb`, `mmr`). */
  target: string;
  /** Human-readable name and reason, as shown when the decision was taken. */
  label: string;
  reason: string;
  decision: Decision;
  /** When an ordered test or vaccine is due; defaults to today. */
  due?: string;
}

const STATUS: Record<Decision, ServiceRequest['status']> = {
  ordered: 'active',
  done: 'completed',
  declined: 'revoked',
};

export function decisionRequests(decisions: readonly RecommendationDecision[], today: string) {
  return decisions.map((d) => ({
    category: d.kind === 'screening' ? SCREENING_CATEGORY : VACCINATION_CATEGORY,
    code: passageCode(d.target, d.label),
    priority: 'routine' as const,
    reason: d.reason,
    status: STATUS[d.decision],
    occurrence: d.due ?? today,
    extension: [
      { url: RECOMMENDATION_EXT, valueString: d.recommendationId },
      { url: DECISION_EXT, valueCode: d.decision },
    ],
  }));
}
