/**
 * Builds the Passage HTTP server: security headers, body limits, the FHIR API at /fhir, Passage's API
 * at /api with OpenAPI docs at /api/docs, health probes, and the web app at /.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { notFound } from '@passage/core';
import { adminRoutes } from '../admin/admin-routes.ts';
import { authRoutes } from '../auth/auth-routes.ts';
import { SessionStore } from '../auth/sessions.ts';
import { UserService } from '../auth/users.ts';
import type { Db } from '../db/database.ts';
import { loadFhirDefinitions } from '../fhir/definitions.ts';
import { fhirRoutes } from '../fhir/fhir-routes.ts';
import { FhirRepository } from '../fhir/store/repository.ts';
import { identityRoutes } from '../identity/identity-routes.ts';
import { RegistrationMatcher } from '../identity/registration-matcher.ts';
import { indicatorRoutes } from '../indicators/indicator-routes.ts';
import { installQuestionnaires } from '../records/questionnaires.ts';
import { recordsApiRoutes } from '../records/records-routes.ts';
import type { Config } from './config.ts';
import { sendError } from './errors.ts';
import { makeAuthenticate } from './request-context.ts';
import { registerJsonParsing } from './input-guard.ts';

export const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface AppServices {
  db: Db;
  repo: FhirRepository;
  users: UserService;
  sessions: SessionStore;
  /** Matches people as they are written, queueing possible duplicates for review. */
  registrations: RegistrationMatcher;
}

export async function buildApp(
  config: Config,
  db: Db,
  options: { logger?: boolean } = {},
): Promise<{ app: FastifyInstance; services: AppServices }> {
  loadFhirDefinitions();
  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: false,
    // Every route answers JSON; reject deep or odd query strings early.
    routerOptions: { maxParamLength: 200 },
    requestIdHeader: false,
    // Malformed URLs and over-long parameters get the same error shape as everything else.
    frameworkErrors: (err, request, reply) => sendError(request, reply, err),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('session', null);
  // Only JSON is spoken here, and only text the database can store.
  registerJsonParsing(app);
  app.setErrorHandler((err, request, reply) => sendError(request, reply, err));

  const repo = new FhirRepository(db);
  const services: AppServices = {
    db,
    repo,
    registrations: new RegistrationMatcher(db, (err) =>
      app.log.error({ err }, 'matching newly written people failed'),
    ),
    users: new UserService(db, {
      lockoutThreshold: config.lockoutThreshold,
      lockoutMinutes: config.lockoutMinutes,
    }),
    sessions: new SessionStore(db, config.sessionHours),
  };
  services.registrations.attach(repo);
  // Before the database closes: the round of matching in progress ends first.
  app.addHook('onClose', () => services.registrations.close());
  // The shipped Questionnaires are served as they are validated: installed before the first request.
  app.addHook('onReady', () => installQuestionnaires(services.repo));
  const authenticate = makeAuthenticate(services.sessions);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.cookieSecure,
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      Object.assign(new Error('rate limited'), { statusCode: ctx.statusCode }),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Passage API',
        version: VERSION,
        description: 'Passage’s own API. The FHIR R4 API is described by GET /fhir/metadata.',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`SELECT 1`.execute(db);
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'unavailable', message: 'The database does not answer' });
    }
  });

  await app.register((fhir) => fhirRoutes(fhir, { repo: services.repo, version: VERSION, authenticate }), {
    prefix: '/fhir',
  });
  await app.register(
    async (api) => {
      await api.register(
        (a) =>
          authRoutes(a, {
            users: services.users,
            sessions: services.sessions,
            cookieSecure: config.cookieSecure,
            loginRateLimitPerMinute: config.loginRateLimitPerMinute,
            authenticate,
          }),
        { prefix: '/auth' },
      );
      await api.register(
        (a) => adminRoutes(a, { db, users: services.users, sessions: services.sessions, authenticate }),
        { prefix: '/admin' },
      );
      await api.register((a) => indicatorRoutes(a, { db, authenticate }), { prefix: '/indicators' });
      await api.register((a) => recordsApiRoutes(a, { repo: services.repo, authenticate }));
      await api.register(
        (a) => identityRoutes(a, { repo: services.repo, authenticate, scanThreads: config.scanThreads }),
        {
          prefix: '/identity',
        },
      );
      api.setNotFoundHandler((request) => {
        throw notFound(`No API route ${request.method} ${request.url.split('?')[0]?.slice(0, 200)}`);
      });
    },
    { prefix: '/api' },
  );

  const indexHtml = join(config.webDist, 'index.html');
  if (existsSync(indexHtml)) {
    await app.register(fastifyStatic, { root: config.webDist, wildcard: false, index: false });
    const html = readFileSync(indexHtml, 'utf8');
    app.get('/', async (_request, reply) => reply.type('text/html').send(html));
    // Client-side routes fall back to the app; unknown files and methods are plain 404s.
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !/\.[a-z0-9]{1,8}$/i.test(request.url.split('?')[0] ?? '')) {
        return reply.type('text/html').send(html);
      }
      throw notFound(`Nothing at ${request.method} ${request.url.slice(0, 200)}`);
    });
  } else {
    app.get('/', async (_request, reply) =>
      reply.type('text/plain').send('Passage API is running. The web app is not built: run npm run build.'),
    );
    app.setNotFoundHandler((request) => {
      throw notFound(`Nothing at ${request.method} ${request.url.slice(0, 200)}`);
    });
  }
  return { app, services };
}
