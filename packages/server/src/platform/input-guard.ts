/**
 * Text the database cannot store is refused at the door with a 400, rather than failing deep in a
 * query: PostgreSQL text cannot hold NUL characters, and JSON with unpaired UTF-16 surrogates is
 * not valid Unicode.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest } from '@passage/core';

function problemIn(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character';
  if (!text.isWellFormed()) return 'contains an unpaired UTF-16 surrogate';
  return undefined;
}

/** Walks parsed JSON; throws a 400 naming the first bad string or key. */
export function assertStorableJson(value: unknown, path = 'body', depth = 0): void {
  if (depth > 100) throw badRequest('The JSON is nested more than 100 levels deep', path);
  if (typeof value === 'string') {
    const problem = problemIn(value);
    if (problem) throw badRequest(`The text at ${path} ${problem}`, path);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => assertStorableJson(v, `${path}[${i}]`, depth + 1));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const problem = problemIn(k);
      if (problem) throw badRequest(`A property name in ${path} ${problem}`, path);
      assertStorableJson(v, `${path}.${k}`, depth + 1);
    }
  }
}

export function assertStorableQuery(request: FastifyRequest): void {
  const q = request.url.indexOf('?');
  if (q < 0) return;
  let pairs: [string, string][];
  try {
    pairs = [...new URLSearchParams(request.url.slice(q + 1))];
  } catch {
    throw badRequest('The query string is malformed', 'query');
  }
  for (const [k, v] of pairs) {
    const problem = problemIn(k) ?? problemIn(v);
    if (problem) throw badRequest(`The query parameter '${k.replaceAll('\u0000', '')}' ${problem}`, 'query');
  }
}

/** JSON bodies (application/json and application/fhir+json) are parsed safely, then checked. */
export function registerJsonParsing(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(
    ['application/json', 'application/fhir+json', 'application/json+fhir'],
    { parseAs: 'string' },
    (request, body, done) => {
      parse(request, body as string, (err, value) => {
        if (err) return done(err, undefined);
        try {
          assertStorableJson(value);
          done(null, value);
        } catch (e) {
          done(e as Error, undefined);
        }
      });
    },
  );
  app.addHook('onRequest', async (request) => assertStorableQuery(request));
}
