/**
 * The one error handler: every failure becomes a 4xx with a precise message (a FHIR OperationOutcome
 * on /fhir) or, for a genuine server fault, a logged 500 that reveals nothing internal.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PassageError, toOperationOutcome } from '@passage/core';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Maps anything thrown to a PassageError; unknown faults become a 500. */
export function toPassageError(err: unknown): PassageError {
  if (err instanceof PassageError) return err;
  const e = err as Partial<FastifyError> & {
    code?: string;
    validation?: { instancePath?: string; message?: string }[];
  };
  if (e.validation) {
    const issues = e.validation.map((v) => ({
      message: `${v.instancePath || 'body'} ${v.message ?? 'is invalid'}`.trim(),
      expression: v.instancePath?.replace(/^\//, '').replace(/\//g, '.') || 'body',
    }));
    return new PassageError(400, 'bad_request', issues.map((i) => i.message).join('; '), issues);
  }
  if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) {
    return new PassageError(400, 'malformed_json', `The body is not valid JSON: ${(err as Error).message}`);
  }
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return new PassageError(413, 'body_too_large', 'The body is larger than this server accepts');
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new PassageError(415, 'unsupported_media_type', 'Send application/fhir+json or application/json');
  }
  if (e.statusCode === 429)
    return new PassageError(429, 'rate_limited', 'Too many attempts: wait a minute and try again');
  if (e.code === '23505')
    return new PassageError(
      409,
      'conflict',
      'A concurrent change to the same record won: reload and try again',
    );
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return new PassageError(
      e.statusCode,
      (e.code ?? 'bad_request').toLowerCase(),
      e.message ?? 'Bad request',
    );
  }
  return new PassageError(500, 'internal', 'An unexpected error occurred; it has been logged');
}

export function sendError(request: FastifyRequest, reply: FastifyReply, err: unknown): FastifyReply {
  const error = toPassageError(err);
  if (error.status >= 500) request.log.error({ err }, 'request failed');
  reply.status(error.status);
  if (request.url.startsWith('/fhir')) {
    return reply.type('application/fhir+json').send(toOperationOutcome(error));
  }
  return reply.send({
    statusCode: error.status,
    code: error.code,
    error: STATUS_TEXT[error.status] ?? 'Error',
    message: error.message,
    ...(error.issues.length > 0 ? { issues: error.issues } : {}),
  });
}
