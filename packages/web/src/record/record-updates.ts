/**
 * The changes a clinician makes from the record page, as whole resources to PUT back. Everything the
 * resource already holds (meta security labels and tags included) is kept; only the changed elements
 * differ, so the server's version history shows exactly what changed.
 */
import { DECISION_EXT, passageCode } from '@passage/core';
import type { Condition, Observation, ServiceRequest } from '@medplum/fhirtypes';

const CONDITION_CLINICAL_SYSTEM = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
const INTERPRETATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';

export const TEST_RESULTS = ['positive', 'negative', 'indeterminate'] as const;
export type TestResult = (typeof TEST_RESULTS)[number];

/** The problem, resolved on `day` (YYYY-MM-DD). */
export function resolvedCondition<T extends Condition>(condition: T, day: string): T {
  return {
    ...condition,
    clinicalStatus: {
      coding: [{ system: CONDITION_CLINICAL_SYSTEM, code: 'resolved', display: 'Resolved' }],
    },
    abatementDateTime: day,
  };
}

// Same codings as the assessment's extraction (extract.ts testResultValue), so a result recorded
// later reads like one recorded during the assessment.
const RESULT_CODING: Record<TestResult, { display: string; interpretation: string }> = {
  positive: { display: 'Positive', interpretation: 'POS' },
  negative: { display: 'Negative', interpretation: 'NEG' },
  indeterminate: { display: 'Indeterminate', interpretation: 'IND' },
};

/** A pending test (status registered) with its result: final, coded value and interpretation. */
export function withTestResult<T extends Observation>(
  observation: T,
  result: TestResult,
  issued: string,
  note?: string,
): T {
  const { display, interpretation } = RESULT_CODING[result];
  const { dataAbsentReason: _absent, ...rest } = observation;
  const text = note?.trim();
  return {
    ...rest,
    status: 'final',
    valueCodeableConcept: { coding: [passageCode(result, display)], text: display },
    interpretation: [{ coding: [{ system: INTERPRETATION_SYSTEM, code: interpretation }] }],
    issued,
    ...(text ? { note: [...(observation.note ?? []), { text }] } : {}),
  } as T;
}

export type RequestOutcome = 'completed' | 'revoked';

/** A referral or recommendation done (completed) or declined (revoked); the decision extension follows. */
export function withRequestStatus<T extends ServiceRequest>(request: T, status: RequestOutcome): T {
  const decision = status === 'completed' ? 'done' : 'declined';
  return {
    ...request,
    status,
    ...(request.extension
      ? {
          extension: request.extension.map((e) =>
            e.url === DECISION_EXT ? { url: DECISION_EXT, valueCode: decision } : e,
          ),
        }
      : {}),
  };
}
