/** The server calls of the assessment: the person, drafts, decision support and completion. */
import { HEALTH_ASSESSMENT_URL, HEALTH_ASSESSMENT_VERSION, type Decision } from '@passage/core';
import { api } from '../api/client';
import type { Patient, QuestionnaireResponse } from './fhir-types';

const path = (...parts: string[]) => parts.map(encodeURIComponent).join('/');

export function fetchPatient(id: string, signal?: AbortSignal): Promise<Patient> {
  return api<Patient>(`/fhir/Patient/${path(id)}`, { signal });
}

export function fetchResponse(id: string, signal?: AbortSignal): Promise<QuestionnaireResponse> {
  return api<QuestionnaireResponse>(`/fhir/QuestionnaireResponse/${path(id)}`, { signal });
}

/** Saved answers so far; `id` once the draft exists on the server. */
export function newDraft(patientId: string, item: QuestionnaireResponse['item']): QuestionnaireResponse {
  return {
    resourceType: 'QuestionnaireResponse',
    status: 'in-progress',
    questionnaire: `${HEALTH_ASSESSMENT_URL}|${HEALTH_ASSESSMENT_VERSION}`,
    subject: { reference: `Patient/${patientId}` },
    authored: new Date().toISOString(),
    item: item ?? [],
  };
}

/** Creates the draft (POST) the first time, then updates it (PUT); answers the stored draft. */
export function saveDraft(draft: QuestionnaireResponse): Promise<QuestionnaireResponse> {
  return draft.id
    ? api<QuestionnaireResponse>(`/fhir/QuestionnaireResponse/${path(draft.id)}`, {
        method: 'PUT',
        body: draft,
      })
    : api<QuestionnaireResponse>('/fhir/QuestionnaireResponse', { method: 'POST', body: draft });
}

export interface Recommendation {
  id: string;
  kind: 'screening' | 'vaccination';
  target: string;
  /** English, from the server. */
  label: string;
  reason: string;
  priority: 'high' | 'routine';
  status: 'due' | 'done' | 'not-applicable';
  tests?: { code: string; display: string }[];
}

export async function fetchRecommendations(
  patientId: string,
  pregnant: boolean,
  signal?: AbortSignal,
): Promise<Recommendation[]> {
  const body = await api<{ recommendations: Recommendation[] }>(
    `/api/people/${path(patientId)}/recommendations`,
    {
      query: { pregnant: String(pregnant) },
      signal,
    },
  );
  return body.recommendations;
}

export interface CompletionResult {
  responseId: string;
  encounterId: string;
  created: string[];
}

export function completeAssessment(
  response: QuestionnaireResponse,
  decisions: readonly { recommendationId: string; decision: Decision }[],
): Promise<CompletionResult> {
  return api<CompletionResult>('/api/assessments', { method: 'POST', body: { response, decisions } });
}

/** The site where an assessment took place: its encounter's service provider, by name. Best effort. */
export async function fetchSiteName(
  response: QuestionnaireResponse,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const encounter = response.encounter?.reference;
  if (!encounter?.startsWith('Encounter/')) return undefined;
  const found = await api<{ serviceProvider?: { reference?: string; display?: string } }>(
    `/fhir/${encounter.split('/').map(encodeURIComponent).join('/')}`,
    { signal },
  );
  const provider = found.serviceProvider;
  if (provider?.display) return provider.display;
  if (!provider?.reference?.startsWith('Organization/')) return undefined;
  const organization = await api<{ name?: string }>(
    `/fhir/${provider.reference.split('/').map(encodeURIComponent).join('/')}`,
    { signal },
  );
  return organization.name;
}
