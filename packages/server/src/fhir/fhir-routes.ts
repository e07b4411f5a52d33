/** The FHIR R4 REST API at /fhir: a thin layer over the repository; every answer is FHIR JSON. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import {
  badRequest,
  describeValue,
  isFhirId,
  isStoredResourceType,
  notFound,
  parseSearch,
  type StoredResourceType,
} from '@passage/core';
import { requirePermission } from '../access/access-context.ts';
import { recordAuditSearch, searchAuditEvents } from '../audit/audit-fhir.ts';
import { accessOf } from '../platform/request-context.ts';
import { parseIfMatch, processBundle } from './bundle.ts';
import { capabilityStatement } from './capability.ts';
import { toEntry, type FhirRepository } from './store/repository.ts';
import { recordsFhirRoutes } from '../records/records-routes.ts';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';

export interface FhirRouteDeps {
  repo: FhirRepository;
  version: string;
  authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
}

function typeParam(raw: string): StoredResourceType {
  if (!isStoredResourceType(raw)) throw notFound(`Unknown resource type '${raw.slice(0, 64)}'`);
  return raw;
}

function idParam(raw: string): string {
  if (!isFhirId(raw)) throw badRequest(`'${raw.slice(0, 70)}' is not a valid FHIR id`, 'id');
  return raw;
}

function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}/fhir`;
}

function queryPairs(request: FastifyRequest): [string, string][] {
  const q = request.url.indexOf('?');
  return q < 0 ? [] : [...new URLSearchParams(request.url.slice(q + 1))];
}

function sendResource(reply: FastifyReply, resource: Resource, status = 200): FastifyReply {
  const version = resource.meta?.versionId;
  if (version) reply.header('ETag', `W/"${version}"`);
  if (resource.meta?.lastUpdated)
    reply.header('Last-Modified', new Date(resource.meta.lastUpdated).toUTCString());
  return reply.status(status).type(FHIR_JSON).send(resource);
}

export async function fhirRoutes(app: FastifyInstance, deps: FhirRouteDeps): Promise<void> {
  const { repo } = deps;

  app.get('/metadata', async (request, reply) =>
    reply.type(FHIR_JSON).send(capabilityStatement(baseUrl(request), deps.version)),
  );

  app.register(async (secured) => {
    secured.addHook('onRequest', deps.authenticate);
    recordsFhirRoutes(secured, repo);

    secured.post('/', async (request, reply) => {
      const result = await processBundle(accessOf(request), request.body, {
        repo,
        baseUrl: baseUrl(request),
      });
      return reply.type(FHIR_JSON).send(result);
    });

    secured.get<{ Params: { type: string } }>('/:type', async (request, reply) => {
      const type = typeParam(request.params.type);
      const ctx = accessOf(request);
      const pairs = queryPairs(request);
      if (type === 'AuditEvent') {
        requirePermission(ctx, 'audit.read');
        const found = await searchAuditEvents(repo.db, pairs);
        await recordAuditSearch(repo.db, ctx, request.url);
        return reply
          .type(FHIR_JSON)
          .send(
            searchsetBundle(request, found.events, [], undefined, found.hasMore, found.offset, found.count),
          );
      }
      const search = parseSearch(type, pairs);
      const result = await repo.search(ctx, search, request.url);
      return reply
        .type(FHIR_JSON)
        .send(
          searchsetBundle(
            request,
            result.matches,
            result.included,
            result.total,
            result.hasMore,
            search.offset,
            search.count,
          ),
        );
    });

    secured.post<{ Params: { type: string } }>('/:type', async (request, reply) => {
      const type = typeParam(request.params.type);
      const body = request.body as { resourceType?: unknown } | undefined;
      if (body && typeof body === 'object' && body.resourceType !== type) {
        throw badRequest(
          `POST /fhir/${type} takes a ${type}, not ${describeValue(body.resourceType)}`,
          'resourceType',
        );
      }
      const created = await repo.create(accessOf(request), request.body);
      reply.header(
        'Location',
        `${baseUrl(request)}/${type}/${created.id}/_history/${created.meta?.versionId}`,
      );
      return sendResource(reply, created, 201);
    });

    secured.get<{ Params: { type: string; id: string } }>('/:type/:id', async (request, reply) => {
      const type = typeParam(request.params.type);
      const id = idParam(request.params.id);
      return sendResource(reply, await repo.read(accessOf(request), type, id));
    });

    secured.put<{ Params: { type: string; id: string } }>('/:type/:id', async (request, reply) => {
      const type = typeParam(request.params.type);
      const id = idParam(request.params.id);
      const ifMatch = parseIfMatch(request.headers['if-match']);
      const { resource, created } = await repo.update(accessOf(request), type, id, request.body, ifMatch);
      if (created)
        reply.header('Location', `${baseUrl(request)}/${type}/${id}/_history/${resource.meta?.versionId}`);
      return sendResource(reply, resource, created ? 201 : 200);
    });

    secured.delete<{ Params: { type: string; id: string } }>('/:type/:id', async (request, reply) => {
      await repo.delete(accessOf(request), typeParam(request.params.type), idParam(request.params.id));
      return reply.status(204).send();
    });

    secured.get<{ Params: { type: string; id: string } }>('/:type/:id/_history', async (request, reply) => {
      const type = typeParam(request.params.type);
      const id = idParam(request.params.id);
      const versions = await repo.history(accessOf(request), type, id);
      const bundle: Bundle = {
        resourceType: 'Bundle',
        type: 'history',
        total: versions.length,
        link: [{ relation: 'self', url: `${baseUrl(request)}/${type}/${id}/_history` }],
        entry: versions.map((v) => ({
          fullUrl: `${baseUrl(request)}/${type}/${id}`,
          ...(v.deleted ? {} : { resource: v.content }),
          request: {
            method: v.deleted ? 'DELETE' : v.version === 1 ? 'POST' : 'PUT',
            url: v.version === 1 ? type : `${type}/${id}`,
          },
          response: {
            status: v.deleted ? '204' : v.version === 1 ? '201' : '200',
            etag: `W/"${v.version}"`,
            lastModified: new Date(v.lastUpdated).toISOString(),
          },
        })),
      };
      return reply.type(FHIR_JSON).send(bundle);
    });

    secured.get<{ Params: { type: string; id: string; vid: string } }>(
      '/:type/:id/_history/:vid',
      async (request, reply) => {
        const type = typeParam(request.params.type);
        const id = idParam(request.params.id);
        if (!/^\d{1,9}$/.test(request.params.vid))
          throw badRequest(`'${request.params.vid.slice(0, 20)}' is not a version number`, 'vid');
        return sendResource(reply, await repo.vread(accessOf(request), type, id, Number(request.params.vid)));
      },
    );
  });

  app.setNotFoundHandler((request) => {
    throw notFound(`No FHIR route ${request.method} ${request.url.split('?')[0]?.slice(0, 200)}`);
  });
}

function searchsetBundle(
  request: FastifyRequest,
  matches: readonly Resource[],
  included: readonly Resource[],
  total: number | undefined,
  hasMore: boolean,
  offset: number,
  count: number,
): Bundle {
  const base = baseUrl(request);
  const self = new URL(request.url, `${request.protocol}://${request.host}`);
  const page = (newOffset: number) => {
    const u = new URL(self);
    u.searchParams.set('_offset', String(newOffset));
    return `${u.origin}${u.pathname}?${u.searchParams}`;
  };
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    ...(total !== undefined ? { total } : {}),
    link: [
      { relation: 'self', url: `${self.origin}${self.pathname}${self.search}` },
      ...(hasMore ? [{ relation: 'next', url: page(offset + count) }] : []),
      ...(offset > 0 ? [{ relation: 'previous', url: page(Math.max(0, offset - count)) }] : []),
    ],
    entry: [
      ...matches.map((r) => toEntry(r, base, 'match')),
      ...included.map((r) => toEntry(r, base, 'include')),
    ],
  };
}
