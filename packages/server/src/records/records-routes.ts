/**
 * The clinical record's operations: `Patient/{id}/$everything`, `Patient/$match`,
 * `QuestionnaireResponse/$extract` (a preview) on /fhir, and completing an assessment and the
 * decision-support recommendations on /api.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Bundle, Patient, Parameters, Resource } from '@medplum/fhirtypes';
import { z } from 'zod';
import { badRequest, forbidden, isFhirId, PassageError } from '@passage/core';
import { hasPermission } from '../access/access-context.ts';
import { accessOf } from '../platform/request-context.ts';
import { toEntry, type FhirRepository } from '../fhir/store/repository.ts';
import { completeAssessment, CompleteAssessmentSchema, prepareAssessment } from './assessment-service.ts';
import { patientEverything } from './everything.ts';
import { matchPatients, MATCH_GRADE_EXT } from './match.ts';
import { currentRecommendations, RecommendationsResponseSchema } from './recommendations.ts';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';

function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}/fhir`;
}

function patientIdParam(raw: string): string {
  if (!isFhirId(raw)) throw badRequest(`'${raw.slice(0, 70)}' is not a valid FHIR id`, 'id');
  return raw;
}

/** Registered inside the authenticated /fhir scope, before the generic `/:type/:id` routes match. */
export function recordsFhirRoutes(app: FastifyInstance, repo: FhirRepository): void {
  app.get<{ Params: { id: string } }>('/Patient/:id/$everything', async (request, reply) => {
    const id = patientIdParam(request.params.id);
    const { patient, resources, truncated } = await patientEverything(repo, accessOf(request), id);
    const base = baseUrl(request);
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      total: resources.length + 1,
      link: [{ relation: 'self', url: `${base}/Patient/${id}/$everything` }],
      entry: [toEntry(patient, base, 'match'), ...resources.map((r) => toEntry(r, base, 'match'))],
      ...(truncated
        ? {
            meta: {
              tag: [
                { code: 'SUBSETTED', system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue' },
              ],
            },
          }
        : {}),
    };
    return reply.type(FHIR_JSON).send(bundle);
  });

  app.post('/Patient/$match', async (request, reply) => {
    const { patient, count, onlyCertain } = matchParameters(request.body);
    const results = await matchPatients(repo, accessOf(request), patient, { count, onlyCertain });
    const base = baseUrl(request);
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      total: results.length,
      entry: results.map((m) => ({
        ...toEntry(m.patient, base, 'match'),
        search: {
          mode: 'match',
          score: m.score,
          extension: [{ url: MATCH_GRADE_EXT, valueCode: m.grade }],
        },
      })),
    };
    return reply.type(FHIR_JSON).send(bundle);
  });

  app.post('/QuestionnaireResponse/$extract', async (request, reply) => {
    const body = request.body as Parameters | Resource | undefined;
    const response =
      body?.resourceType === 'Parameters'
        ? (body as Parameters).parameter?.find((p) => p.name === 'questionnaire-response')?.resource
        : body;
    if (!response || typeof response !== 'object') {
      throw badRequest(
        '$extract takes a QuestionnaireResponse, or Parameters with questionnaire-response',
        'body',
      );
    }
    const { extraction } = await prepareAssessment(
      repo,
      accessOf(request),
      { response: response as unknown as Record<string, unknown>, decisions: [] },
      new Date(),
    );
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [...extraction.resources, extraction.response, extraction.provenance].map((r) => ({
        fullUrl: `urn:uuid:${r.id}`,
        resource: r,
        request: { method: 'PUT', url: `${r.resourceType}/${r.id}` },
      })),
    };
    return reply.type(FHIR_JSON).send(bundle);
  });
}

function matchParameters(body: unknown): { patient: Patient; count: number; onlyCertain: boolean } {
  const parameters = body as Parameters | undefined;
  if (parameters?.resourceType !== 'Parameters') {
    throw badRequest('Patient/$match takes a Parameters resource with a `resource` Patient', 'Parameters');
  }
  const patient = parameters.parameter?.find((p) => p.name === 'resource')?.resource;
  if (patient?.resourceType !== 'Patient') {
    throw badRequest('Parameters.parameter `resource` must hold a Patient', 'Parameters.parameter');
  }
  const count = parameters.parameter?.find((p) => p.name === 'count')?.valueInteger ?? 10;
  if (!Number.isInteger(count) || count < 1 || count > 100) {
    throw badRequest('count must be an integer from 1 to 100', 'Parameters.parameter');
  }
  const onlyCertain =
    parameters.parameter?.find((p) => p.name === 'onlyCertainMatches')?.valueBoolean ?? false;
  return { patient, count, onlyCertain };
}

export async function recordsApiRoutes(
  app: FastifyInstance,
  deps: {
    repo: FhirRepository;
    authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  },
): Promise<void> {
  app.addHook('onRequest', deps.authenticate);

  app.post(
    '/assessments',
    {
      schema: {
        tags: ['records'],
        summary: 'Complete a health assessment: validate, store and extract in one transaction',
        body: CompleteAssessmentSchema,
        response: {
          201: z.object({ responseId: z.string(), encounterId: z.string(), created: z.array(z.string()) }),
        },
      },
    },
    async (request, reply) => {
      const result = await completeAssessment(
        deps.repo,
        accessOf(request),
        CompleteAssessmentSchema.parse(request.body),
      );
      return reply.status(201).send(result);
    },
  );

  app.get<{ Params: { patientId: string }; Querystring: { pregnant?: string } }>(
    '/people/:patientId/recommendations',
    {
      schema: {
        tags: ['records'],
        summary: 'Screenings to offer and vaccines to catch up (ECDC 2018), each with its reason',
        params: z.object({ patientId: z.string() }),
        querystring: z.object({ pregnant: z.enum(['true', 'false']).optional() }),
        response: { 200: RecommendationsResponseSchema },
      },
    },
    async (request) => {
      const id = patientIdParam(request.params.patientId);
      const ctx = accessOf(request);
      // Recommendations are made from clinical data: only who may read it (or the person) asks.
      if (!hasPermission(ctx, 'clinical.read') && !hasPermission(ctx, 'own-record.read')) {
        throw forbidden('Your roles do not allow reading clinical data');
      }
      const patient = (await deps.repo.read(ctx, 'Patient', id)) as Patient & { id: string };
      if (!patient.birthDate) {
        throw new PassageError(
          422,
          'unprocessable',
          'Record a birth date (or an estimated age) first: recommendations depend on age',
        );
      }
      const today = new Date().toISOString().slice(0, 10);
      return {
        recommendations: await currentRecommendations(
          deps.repo,
          ctx,
          patient,
          today,
          request.query.pregnant === 'true',
        ),
      };
    },
  );
}
