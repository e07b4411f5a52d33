/**
 * The assessments the benchmark completes: Passage's own synthetic arrival assessment (core
 * demo/clinical.ts) for a person of the loaded population — vitals and growth for the person's age
 * and sex, the screening tests ECDC 2018 offers for their origin, diagnoses at published frequencies —
 * as the form sends it. Later visits of a long record use the same form, recorded as follow-ups.
 */
import type { QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import { ENCOUNTER_TYPES, syntheticAssessment, type Random, type SyntheticPerson } from '@passage/core';

/** A registered person: the stored Patient's id and the synthetic person it was made from. */
export interface Subject {
  id: string;
  person: SyntheticPerson;
}

const FOLLOW_UP = ENCOUNTER_TYPES.find((c) => c.code === 'follow-up');

function asFollowUp(items: QuestionnaireResponseItem[] | undefined): QuestionnaireResponseItem[] | undefined {
  return items?.map((i) =>
    i.linkId === 'encounter-type' && FOLLOW_UP
      ? { ...i, answer: [{ valueCoding: FOLLOW_UP }] }
      : i.item
        ? { ...i, item: asFollowUp(i.item) ?? [] }
        : i,
  );
}

/** A completed assessment of `subject` on `date` (YYYY-MM-DD), for POST /api/assessments. */
export function assessmentOf(
  subject: Subject,
  random: Random,
  options: { date: string; followUp?: boolean },
): QuestionnaireResponse {
  const response = syntheticAssessment(subject.person, {
    random,
    date: options.date,
    patientId: subject.id,
  });
  return options.followUp ? { ...response, item: asFollowUp(response.item) ?? [] } : response;
}
