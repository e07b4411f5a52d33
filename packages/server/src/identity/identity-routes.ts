/**
 * /api/identity: the review queue of possible duplicates, merge and unmerge, and the background scan.
 * Rights (existing permissions, no new ones): reading the queue needs demographics.read; dismissing,
 * merging and unmerging need demographics.write and clinical.write at both records' sites (the care
 * roles); starting a scan needs demographics.write. Rights are checked before input is looked at.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Patient } from '@medplum/fhirtypes';
import { z } from 'zod';
import { isFhirId, type Permission } from '@passage/core';
import type { FhirRepository } from '../fhir/store/repository.ts';
import { accessOf } from '../platform/request-context.ts';
import { dismissCandidate, listCandidates } from './candidates.ts';
import { CARE_RIGHTS, requirePermissions } from './identity-access.ts';
import { mergePatients } from './merge.ts';
import { ScanRunner } from './scan.ts';
import { unmerge } from './unmerge.ts';

const FhirId = z.string().refine(isFhirId, 'must be a FHIR id: 1 to 64 letters, digits, - and .');
const Uuid = (what: string) => z.string().uuid(`must be ${what}`);

const MergeBody = z.strictObject({
  survivorId: FhirId,
  duplicateId: FhirId,
  candidateId: Uuid('the id of a candidate from the review queue').optional(),
});
/** A Patient as any read returns it (redacted where the caller may not see sensitive parts). */
const PatientJson = z.custom<Patient>(
  (v) => typeof v === 'object' && v !== null && (v as { resourceType?: unknown }).resourceType === 'Patient',
);
const Reason = z.object({
  field: z.string(),
  score: z.number(),
  note: z.string(),
  level: z.string().optional().describe('the agreement level (core identity/fields.ts)'),
});
const Candidate = z.object({
  id: z.string(),
  score: z.number(),
  grade: z.string(),
  fields: z.array(Reason),
  a: PatientJson,
  b: PatientJson,
  status: z.enum(['pending', 'merged', 'dismissed']),
  foundAt: z.string(),
  mergeId: z.string().optional(),
});
const ScanStatusSchema = z.object({
  scanId: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  phase: z
    .enum(['keying', 'loading', 'comparing'])
    .optional()
    .describe('what a running scan is doing: keying stale records, reading people, comparing them'),
  processed: z.number(),
  total: z.number(),
  found: z.number(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  error: z.string().optional(),
});

export async function identityRoutes(
  app: FastifyInstance,
  deps: {
    repo: FhirRepository;
    authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    scanThreads: number;
  },
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { repo } = deps;
  r.addHook('onRequest', deps.authenticate);
  const scans = new ScanRunner(repo.db, (err) => app.log.error({ err }, 'duplicate scan failed'), {
    threads: deps.scanThreads,
  });
  // Shutdown stops a running scan and waits for it, before the database closes.
  app.addHook('onClose', () => scans.close());

  const needs =
    (permissions: readonly Permission[], subtype: string): onRequestHookHandler =>
    async (request) =>
      requirePermissions(repo.db, accessOf(request), permissions, {
        action: 'E',
        subtype,
        entityType: 'Patient',
        outcome: 'success',
      });

  r.get(
    '/candidates',
    {
      onRequest: needs(['demographics.read'], 'duplicate-review'),
      schema: {
        tags: ['identity'],
        summary: 'Possible duplicates, side by side with the reason for each score',
        querystring: z.strictObject({
          status: z.enum(['pending', 'merged', 'dismissed']).default('pending'),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
        }),
        response: { 200: z.object({ items: z.array(Candidate), total: z.number() }) },
      },
    },
    async (request) => listCandidates(repo, accessOf(request), request.query),
  );

  r.post(
    '/candidates/:id/dismiss',
    {
      onRequest: needs(CARE_RIGHTS, 'duplicate-dismiss'),
      schema: {
        tags: ['identity'],
        summary: 'Record that a pair is two different people: it is not proposed again',
        params: z.object({ id: Uuid('the id of a candidate from the review queue') }),
      },
    },
    async (request, reply) => {
      await dismissCandidate(repo, accessOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  r.post(
    '/merges',
    {
      onRequest: needs(CARE_RIGHTS, 'merge'),
      schema: {
        tags: ['identity'],
        summary: 'Merge a duplicate record into the surviving one, with full provenance',
        body: MergeBody,
        response: {
          201: z.object({
            mergeId: z.string(),
            survivorId: z.string(),
            duplicateId: z.string(),
            moved: z.array(z.string()),
          }),
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await mergePatients(repo, accessOf(request), request.body)),
  );

  r.post(
    '/merges/:mergeId/undo',
    {
      onRequest: needs(CARE_RIGHTS, 'unmerge'),
      schema: {
        tags: ['identity'],
        summary: 'Undo a merge: both records as they were, later changes kept',
        params: z.object({ mergeId: Uuid('the id of a merge') }),
        response: {
          200: z.object({
            mergeId: z.string(),
            survivorId: z.string(),
            duplicateId: z.string(),
            restored: z.array(z.string()),
            kept: z.array(z.string()),
          }),
        },
      },
    },
    async (request) => unmerge(repo, accessOf(request), request.params.mergeId),
  );

  r.post(
    '/scans',
    {
      onRequest: needs(['demographics.write'], 'duplicate-scan'),
      schema: {
        tags: ['identity'],
        summary: 'Scan everyone you may see for duplicates, in the background (one scan at a time)',
        response: { 202: z.object({ scanId: z.string() }) },
      },
    },
    async (request, reply) => reply.status(202).send({ scanId: await scans.start(accessOf(request)) }),
  );

  r.get(
    '/scans/:scanId',
    {
      onRequest: needs(['demographics.read'], 'duplicate-scan-status'),
      schema: {
        tags: ['identity'],
        summary: 'Progress of a scan',
        params: z.object({ scanId: Uuid('the id of a scan') }),
        response: { 200: ScanStatusSchema },
      },
    },
    async (request) => scans.status(accessOf(request), request.params.scanId),
  );
}
