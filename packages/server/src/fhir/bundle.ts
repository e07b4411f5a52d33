/**
 * `transaction` and `batch` Bundles. A transaction is atomic: ids are assigned first, `urn:uuid:`
 * references rewritten, then every write goes through one database transaction — one bad entry and
 * nothing is written. A batch runs each entry on its own and reports each outcome.
 */
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import {
  badRequest,
  describeValue,
  isFhirId,
  isStoredResourceType,
  PassageError,
  toOperationOutcome,
  type StoredResourceType,
} from '@passage/core';
import type { AccessContext } from '../access/access-context.ts';
import type { FhirRepository, WriteOp } from './store/repository.ts';
import { asResource } from './store/validate.ts';
import { newId, type WritePlan } from './store/write.ts';
import { toPassageError } from '../platform/errors.ts';

export const MAX_BUNDLE_ENTRIES = 10_000;

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface ParsedEntry {
  index: number;
  method: Method;
  type: StoredResourceType;
  id: string | undefined;
  ifMatch: number | undefined;
  resource: (Resource & { resourceType: StoredResourceType }) | undefined;
  fullUrl: string | undefined;
}

export interface BundleDeps {
  repo: FhirRepository;
  baseUrl: string;
}

export async function processBundle(ctx: AccessContext, body: unknown, deps: BundleDeps): Promise<Bundle> {
  if (!body || typeof body !== 'object' || (body as { resourceType?: unknown }).resourceType !== 'Bundle') {
    throw badRequest('POST /fhir takes a Bundle of type transaction or batch', 'Bundle');
  }
  const bundle = body as Bundle;
  if (bundle.type !== 'transaction' && bundle.type !== 'batch') {
    throw badRequest(
      `Bundle.type must be transaction or batch, not ${describeValue(bundle.type)}`,
      'Bundle.type',
    );
  }
  const entries = bundle.entry ?? [];
  if (!Array.isArray(entries)) throw badRequest('Bundle.entry must be an array', 'Bundle.entry');
  if (entries.length > MAX_BUNDLE_ENTRIES)
    throw badRequest(`A Bundle may hold at most ${MAX_BUNDLE_ENTRIES} entries`, 'Bundle.entry');
  return bundle.type === 'transaction' ? transaction(ctx, entries, deps) : batch(ctx, entries, deps);
}

function parseEntry(entry: BundleEntry, index: number): ParsedEntry {
  const at = `Bundle.entry[${index}]`;
  const fail = (message: string, where = 'request') =>
    new PassageError(400, 'bad_request', `${at}: ${message}`, [{ message, expression: `${at}.${where}` }]);
  if (!entry || typeof entry !== 'object') throw fail('each entry must be an object', '');
  const method = entry.request?.method;
  const url = entry.request?.url;
  if (method !== 'GET' && method !== 'POST' && method !== 'PUT' && method !== 'DELETE') {
    throw fail('request.method must be GET, POST, PUT or DELETE', 'request.method');
  }
  if (typeof url !== 'string' || url.length === 0) throw fail('request.url is required', 'request.url');
  if (url.includes('?'))
    throw fail('conditional operations and searches are not supported inside Bundles', 'request.url');
  if (entry.request?.ifNoneExist || entry.request?.ifNoneMatch || entry.request?.ifModifiedSince) {
    throw fail('conditional requests are not supported inside Bundles', 'request');
  }
  const [type = '', id, ...rest] = url.replace(/^\/+/, '').split('/');
  if (!isStoredResourceType(type) || rest.length > 0)
    throw fail(`'${url}' is not Type or Type/id of a supported type`, 'request.url');
  if (id !== undefined && !isFhirId(id)) throw fail(`'${id}' is not a valid id`, 'request.url');
  if ((method === 'POST') !== (id === undefined))
    throw fail(
      method === 'POST' ? 'POST goes to Type, without an id' : `${method} needs Type/id`,
      'request.url',
    );
  const ifMatch = parseIfMatch(entry.request?.ifMatch);
  let resource: ParsedEntry['resource'];
  if (method === 'POST' || method === 'PUT') {
    const checked = asEntryResource(entry.resource, at);
    resource = checked;
    if (checked.resourceType !== type)
      throw fail(`the resource is a ${checked.resourceType}, the URL says ${type}`, 'resource.resourceType');
    if (method === 'PUT' && checked.id !== id)
      throw fail('the resource id must equal the id in request.url', 'resource.id');
  }
  return {
    index,
    method,
    type,
    id,
    ifMatch,
    resource,
    fullUrl: typeof entry.fullUrl === 'string' ? entry.fullUrl : undefined,
  };
}

function asEntryResource(body: unknown, at: string): Resource & { resourceType: StoredResourceType } {
  try {
    return asResource(body, `${at}.resource`);
  } catch (err) {
    throw prefixed(err, at);
  }
}

export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!m)
    throw new PassageError(
      400,
      'bad_request',
      `If-Match must be a version ETag like W/"3", not '${header.slice(0, 40)}'`,
    );
  return Number(m[1]);
}

function prefixed(err: unknown, at: string): PassageError {
  const e = toPassageError(err);
  return new PassageError(
    e.status,
    e.code,
    `${at}: ${e.message}`,
    e.issues.map((i) => ({
      ...i,
      expression: i.expression?.startsWith('Bundle') ? i.expression : `${at}.${i.expression ?? 'resource'}`,
    })),
  );
}

/** Replaces every `reference` equal to a Bundle-local fullUrl with the assigned Type/id. */
function rewriteReferences(value: unknown, map: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteReferences(v, map));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] =
        k === 'reference' && typeof v === 'string' && map.has(v) ? map.get(v) : rewriteReferences(v, map);
    }
    return out;
  }
  return value;
}

/** The response entry for a write: the stored resource (unless deleted), status, location and version. */
function writeResponse(plan: WritePlan, baseUrl: string): BundleEntry {
  return {
    ...(plan.deleted ? {} : { fullUrl: `${baseUrl}/${plan.type}/${plan.id}`, resource: plan.resource }),
    response: {
      status: plan.deleted ? '204 No Content' : plan.action === 'create' ? '201 Created' : '200 OK',
      location: `${plan.type}/${plan.id}/_history/${plan.version}`,
      etag: `W/"${plan.version}"`,
      lastModified: plan.lastUpdated.toISOString(),
    },
  };
}

const ORDER: Record<Method, number> = { DELETE: 0, POST: 1, PUT: 2, GET: 3 };

async function transaction(ctx: AccessContext, entries: BundleEntry[], deps: BundleDeps): Promise<Bundle> {
  const parsed = entries.map(parseEntry);
  const refMap = new Map<string, string>();
  for (const e of parsed) {
    if (e.method === 'POST') e.id = newId();
    if (e.fullUrl && e.id) {
      if (refMap.has(e.fullUrl))
        throw badRequest(
          `Bundle.entry[${e.index}]: fullUrl ${e.fullUrl} appears twice`,
          `Bundle.entry[${e.index}].fullUrl`,
        );
      refMap.set(e.fullUrl, `${e.type}/${e.id}`);
    }
  }
  const writes = parsed
    .filter((e) => e.method !== 'GET')
    .sort((a, b) => ORDER[a.method] - ORDER[b.method] || a.index - b.index);
  const seen = new Set<string>();
  for (const e of writes) {
    const key = `${e.type}/${e.id}`;
    if (seen.has(key))
      throw badRequest(
        `Bundle.entry[${e.index}]: ${key} is written twice in one transaction`,
        `Bundle.entry[${e.index}]`,
      );
    seen.add(key);
  }
  const ops: WriteOp[] = writes.map((e) =>
    e.method === 'DELETE'
      ? { method: 'DELETE', type: e.type, id: e.id as string }
      : {
          method: e.method as 'POST' | 'PUT',
          resource: {
            ...(rewriteReferences(e.resource, refMap) as Resource & { resourceType: StoredResourceType }),
            id: e.id as string,
          },
          ifMatch: e.ifMatch,
        },
  );
  const plans = await deps.repo.writeAll(ctx, ops, (i, err) => {
    throw prefixed(err, `Bundle.entry[${(writes[i] as ParsedEntry).index}]`);
  });
  const responses = new Map<number, BundleEntry>();
  writes.forEach((e, i) => {
    const plan = plans[i];
    if (!plan) return;
    responses.set(e.index, writeResponse(plan, deps.baseUrl));
  });
  for (const e of parsed.filter((x) => x.method === 'GET')) {
    try {
      const resource = await deps.repo.read(ctx, e.type, e.id as string);
      responses.set(e.index, {
        fullUrl: `${deps.baseUrl}/${e.type}/${e.id}`,
        resource,
        response: { status: '200 OK', etag: `W/"${resource.meta?.versionId}"` },
      });
    } catch (err) {
      const pe = toPassageError(err);
      responses.set(e.index, {
        response: { status: String(pe.status), outcome: toOperationOutcome(pe) as Resource as never },
      });
    }
  }
  return {
    resourceType: 'Bundle',
    type: 'transaction-response',
    entry: parsed.map((e) => responses.get(e.index) ?? {}),
  };
}

async function batch(ctx: AccessContext, entries: BundleEntry[], deps: BundleDeps): Promise<Bundle> {
  const out: BundleEntry[] = [];
  for (const [index, entry] of entries.entries()) {
    try {
      const e = parseEntry(entry, index);
      if (e.method === 'GET') {
        const resource = await deps.repo.read(ctx, e.type, e.id as string);
        out.push({
          fullUrl: `${deps.baseUrl}/${e.type}/${e.id}`,
          resource,
          response: { status: '200 OK', etag: `W/"${resource.meta?.versionId}"` },
        });
        continue;
      }
      const op: WriteOp =
        e.method === 'DELETE'
          ? { method: 'DELETE', type: e.type, id: e.id as string }
          : {
              method: e.method as 'POST' | 'PUT',
              resource: {
                ...(e.resource as Resource & { resourceType: StoredResourceType }),
                id: e.id ?? newId(),
              },
              ifMatch: e.ifMatch,
            };
      const [plan] = await deps.repo.writeAll(ctx, [op]);
      if (!plan) throw new Error('no plan');
      out.push(writeResponse(plan, deps.baseUrl));
    } catch (err) {
      const pe = toPassageError(err);
      out.push({ response: { status: `${pe.status}`, outcome: toOperationOutcome(pe) as never } });
    }
  }
  return { resourceType: 'Bundle', type: 'batch-response', entry: out };
}
