/** Resolves who is calling (cookie or bearer token) and attaches the session to the request. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { unauthorized } from '@passage/core';
import type { ResolvedSession, SessionStore } from '../auth/sessions.ts';
import type { AccessContext } from '../access/access-context.ts';

export const SESSION_COOKIE = 'passage_session';

declare module 'fastify' {
  interface FastifyRequest {
    session: ResolvedSession | null;
  }
}

export function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  return request.cookies[SESSION_COOKIE];
}

export function makeAuthenticate(sessions: SessionStore) {
  return async function authenticate(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const token = tokenOf(request);
    const session = token ? await sessions.resolve(token) : undefined;
    if (!session) throw unauthorized(token ? 'Your session has ended: sign in again' : 'Sign in first');
    request.session = { ...session, ctx: { ...session.ctx, sourceIp: request.ip } };
  };
}

/** The caller's access context; routes behind `authenticate` always have one. */
export function accessOf(request: FastifyRequest): AccessContext {
  if (!request.session) throw unauthorized();
  return request.session.ctx;
}
