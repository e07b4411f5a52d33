/**
 * Completing a health assessment: the response is checked against the Questionnaire (a message per
 * field), its context answers are filled again from the person's record, and it is stored together
 * with everything extracted from it and a Provenance — one transaction, so a failure leaves no trace.
 */
import type { Patient, QuestionnaireResponse, Resource } from '@medplum/fhirtypes';
import { z } from 'zod';
import {
  extractAssessment,
  HEALTH_ASSESSMENT_URL,
  HEALTH_ASSESSMENT_VERSION,
  healthAssessment,
  isFhirId,
  issueExpression,
  latestToday,
  parseRelativeReference,
  PassageError,
  pruneDisabled,
  roleHas,
  unprocessable,
  validateResponse,
  withContext,
  type Extraction,
  type RecommendationDecision,
  type StoredResourceType,
} from '@passage/core';
import { orgsWith, requirePermission, type AccessContext } from '../access/access-context.ts';
import type { FhirRepository, WriteOp } from '../fhir/store/repository.ts';
import { CachedPatientLookup } from '../fhir/store/lookup.ts';
import { newId } from '../fhir/store/write.ts';
import { currentRecommendations } from './recommendations.ts';

export const CompleteAssessmentSchema = z.object({
  response: z.record(z.string(), z.unknown()),
  decisions: z
    .array(
      z.object({
        recommendationId: z.string().min(1).max(64),
        decision: z.enum(['ordered', 'done', 'declined']),
      }),
    )
    .max(100)
    .default([]),
});
export type CompleteAssessmentRequest = z.infer<typeof CompleteAssessmentSchema>;

export interface CompletedAssessment {
  responseId: string;
  encounterId: string;
  created: string[];
}

/** The Questionnaire a response answers; only the current assessment version is accepted. */
export function questionnaireFor(response: QuestionnaireResponse) {
  const [url, version] = (response.questionnaire ?? '').split('|');
  if (url !== HEALTH_ASSESSMENT_URL || (version !== undefined && version !== HEALTH_ASSESSMENT_VERSION)) {
    throw unprocessable(
      `QuestionnaireResponse.questionnaire must be ${HEALTH_ASSESSMENT_URL}|${HEALTH_ASSESSMENT_VERSION}`,
      [
        {
          expression: 'QuestionnaireResponse.questionnaire',
          message: 'not a questionnaire this server extracts',
          type: 'value',
        },
      ],
    );
  }
  return healthAssessment;
}

function subjectId(response: QuestionnaireResponse): string {
  const parsed = parseRelativeReference(response.subject?.reference ?? '');
  if (parsed?.type !== 'Patient') {
    throw unprocessable('QuestionnaireResponse.subject must reference the Patient assessed', [
      {
        expression: 'QuestionnaireResponse.subject',
        message: 'a Patient reference is required',
        type: 'required',
      },
    ]);
  }
  return parsed.id;
}

/** The site the assessment is recorded at: one of the person's sites where the user may record. */
async function recordingSite(repo: FhirRepository, ctx: AccessContext, patient: Patient): Promise<string> {
  const patientOrgs = (await new CachedPatientLookup(repo.db).orgsOf(patient.id as string)) ?? [];
  const mine = ctx.system ? patientOrgs : orgsWith(ctx, 'clinical.write');
  const site = patientOrgs.find((o) => mine.includes(o));
  const managing = parseRelativeReference(patient.managingOrganization?.reference ?? '')?.id;
  if (!site && !managing)
    throw new PassageError(403, 'forbidden', 'You may not record assessments for this person');
  return site ?? (managing as string);
}

/** Validates, extracts and plans the writes, without storing anything (also `$extract`). */
export async function prepareAssessment(
  repo: FhirRepository,
  ctx: AccessContext,
  request: CompleteAssessmentRequest,
  now: Date,
): Promise<{ extraction: Extraction; draftExists: boolean }> {
  requirePermission(ctx, 'clinical.write');
  const raw = request.response as unknown as QuestionnaireResponse;
  if (raw.resourceType !== 'QuestionnaireResponse') {
    throw new PassageError(400, 'bad_request', 'response must be a QuestionnaireResponse', [
      { expression: 'response.resourceType', message: 'must be QuestionnaireResponse' },
    ]);
  }
  if (raw.id !== undefined && (typeof raw.id !== 'string' || !isFhirId(raw.id))) {
    throw new PassageError(400, 'bad_request', 'response.id is not a valid FHIR id', [
      { expression: 'QuestionnaireResponse.id', message: 'not a valid id' },
    ]);
  }
  const questionnaire = questionnaireFor(raw);
  const patient = (await repo.read(ctx, 'Patient', subjectId(raw))) as Patient & { id: string };
  let draftExists = false;
  if (raw.id) {
    try {
      const draft = (await repo.read(ctx, 'QuestionnaireResponse', raw.id)) as QuestionnaireResponse;
      if (draft.status !== 'in-progress') {
        throw new PassageError(409, 'conflict', `QuestionnaireResponse/${raw.id} is already ${draft.status}`);
      }
      if (draft.subject?.reference !== `Patient/${patient.id}`) {
        throw new PassageError(409, 'conflict', `QuestionnaireResponse/${raw.id} belongs to another person`);
      }
      draftExists = true;
    } catch (err) {
      if (!(err instanceof PassageError) || err.status !== 404) throw err;
    }
  }
  const today = now.toISOString().slice(0, 10);
  const response = pruneDisabled(questionnaire, withContext(raw, patient, today));
  // Dates are checked against the latest local date on Earth, so "today" east of the server passes.
  const issues = validateResponse(questionnaire, response, { today: latestToday(now), completing: true });
  if (issues.length > 0) {
    throw new PassageError(
      422,
      'invalid_response',
      issues.length === 1 ? (issues[0]?.message as string) : `${issues.length} answers need attention`,
      issues.map((i) => ({ message: i.message, expression: issueExpression(i), type: 'invariant' })),
    );
  }
  const decisions = await resolveDecisions(repo, ctx, patient, response, request.decisions, today);
  const siteId = await recordingSite(repo, ctx, patient);
  const siteName = (
    await repo.db.selectFrom('org_tree').select('name').where('id', '=', siteId).executeTakeFirst()
  )?.name;
  const extraction = extractAssessment({
    questionnaire,
    response: { ...response, id: raw.id ?? newId() },
    patient,
    siteId,
    ...(siteName ? { siteName } : {}),
    author: {
      userId: ctx.userId,
      display: ctx.displayName ?? ctx.username,
      role: ctx.assignments.find((a) => roleHas(a.role, 'clinical.write'))?.role ?? 'system',
    },
    now: now.toISOString(),
    newId,
    decisions,
  });
  return { extraction, draftExists };
}

async function resolveDecisions(
  repo: FhirRepository,
  ctx: AccessContext,
  patient: Patient & { id: string },
  response: QuestionnaireResponse,
  requested: CompleteAssessmentRequest['decisions'],
  today: string,
): Promise<RecommendationDecision[]> {
  if (requested.length === 0) return [];
  const pregnant = response.item?.flatMap((i) => i.item ?? []).find((i) => i.linkId === 'pregnant')
    ?.answer?.[0]?.valueCoding?.code;
  const recommendations = await currentRecommendations(repo, ctx, patient, today, pregnant === 'yes');
  return requested.map((d, index) => {
    const found = recommendations.find((r) => r.id === d.recommendationId);
    if (!found || found.status !== 'due') {
      throw unprocessable(
        `decisions[${index}]: '${d.recommendationId}' is not a recommendation due for this person`,
        [
          {
            expression: `decisions[${index}].recommendationId`,
            message: 'not a due recommendation',
            type: 'value',
          },
        ],
      );
    }
    return {
      recommendationId: found.id,
      kind: found.kind,
      target: found.target,
      label: found.label,
      reason: found.reason,
      decision: d.decision,
    };
  });
}

export async function completeAssessment(
  repo: FhirRepository,
  ctx: AccessContext,
  request: CompleteAssessmentRequest,
  now = new Date(),
): Promise<CompletedAssessment> {
  const { extraction } = await prepareAssessment(repo, ctx, request, now);
  await repo.writeAll(ctx, assessmentWrites(extraction));
  return {
    responseId: extraction.response.id,
    encounterId: extraction.encounter.id,
    created: extraction.resources.map((r) => `${r.resourceType}/${r.id}`),
  };
}

/** The writes that store a completed assessment: what was extracted, the response, its provenance. */
export function assessmentWrites(extraction: Extraction): WriteOp[] {
  return [
    ...extraction.resources.map((resource) => ({ method: 'POST' as const, resource: asStored(resource) })),
    { method: 'PUT', resource: asStored(extraction.response) },
    { method: 'POST', resource: asStored(extraction.provenance) },
  ];
}

function asStored(resource: Resource): Resource & { resourceType: StoredResourceType } {
  return resource as Resource & { resourceType: StoredResourceType };
}
