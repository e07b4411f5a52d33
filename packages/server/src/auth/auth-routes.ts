/** /api/auth: sign-in (rate limited), sign-out, who am I, password change and second-factor enrolment. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MeSchema, TotpSetupSchema as TotpSetup } from '@passage/core';
import { accessOf, SESSION_COOKIE } from '../platform/request-context.ts';
import type { SessionStore } from './sessions.ts';
import type { UserService } from './users.ts';

export interface AuthRouteDeps {
  users: UserService;
  sessions: SessionStore;
  cookieSecure: boolean;
  loginRateLimitPerMinute: number;
  authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
}

const Login = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
  totp: z
    .string()
    .regex(/^\d{6}$/, 'a 6-digit code')
    .optional(),
});

export async function authRoutes(app: FastifyInstance, deps: AuthRouteDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/login',
    {
      config: { rateLimit: { max: deps.loginRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie and returns a bearer token',
        body: Login,
        response: { 200: z.object({ accessToken: z.string(), expiresAt: z.string(), user: MeSchema }) },
      },
    },
    async (request, reply) => {
      const { userId } = await deps.users.authenticate(request.body, request.ip);
      const { token, expiresAt } = await deps.sessions.create(userId);
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: deps.cookieSecure,
        path: '/',
        expires: expiresAt,
      });
      return { accessToken: token, expiresAt: expiresAt.toISOString(), user: await deps.users.me(userId) };
    },
  );

  r.register(async (secured) => {
    const s = secured.withTypeProvider<ZodTypeProvider>();
    s.addHook('onRequest', deps.authenticate);

    s.post('/logout', { schema: { tags: ['auth'], summary: 'End this session' } }, async (request, reply) => {
      if (request.session) await deps.sessions.revoke(request.session.tokenHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    });

    s.get(
      '/me',
      { schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: MeSchema } } },
      async (request) => deps.users.me(accessOf(request).userId),
    );

    s.post(
      '/password',
      {
        config: { rateLimit: { max: deps.loginRateLimitPerMinute, timeWindow: '1 minute' } },
        schema: {
          tags: ['auth'],
          summary: 'Change one’s own password',
          body: z.object({
            currentPassword: z.string().min(1).max(256),
            newPassword: z.string().min(1).max(256),
          }),
        },
      },
      async (request, reply) => {
        const ctx = accessOf(request);
        await deps.users.changePassword(ctx, request.body.currentPassword, request.body.newPassword);
        await deps.sessions.forgetUser(ctx.userId, false);
        return reply.status(204).send();
      },
    );

    s.post(
      '/totp/setup',
      { schema: { tags: ['auth'], summary: 'Start second-factor enrolment', response: { 200: TotpSetup } } },
      async (request) => deps.users.beginTotp(accessOf(request)),
    );

    s.post(
      '/totp/enable',
      {
        schema: {
          tags: ['auth'],
          summary: 'Confirm enrolment with a first code',
          body: z.object({ code: z.string().regex(/^\d{6}$/, 'a 6-digit code') }),
        },
      },
      async (request, reply) => {
        await deps.users.confirmTotp(accessOf(request), request.body.code);
        return reply.status(204).send();
      },
    );
  });
}
