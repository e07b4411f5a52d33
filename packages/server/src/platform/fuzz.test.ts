/**
 * Property-based robustness: random and malformed JSON, wrong content types, bodies over the limit,
 * bad ids and bad search parameters at every route. Whatever arrives, the server answers with a
 * 4xx it explains (a FHIR OperationOutcome on /fhir), never a 5xx.
 *
 * Runs are bounded (PASSAGE_FUZZ_RUNS scales them); a failure prints the request and fast-check's
 * seed, and PASSAGE_FUZZ_SEED replays it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { searchParamsOf, STORED_RESOURCE_TYPES, type StoredResourceType } from '@passage/core';
import { systemContext } from '../access/access-context.ts';
import { AUDIT_SEARCH_PARAMS } from '../audit/audit-fhir.ts';
import { testPatient } from '../testing/fixtures.ts';
import { createRoleUsers, createTestApp, TEST_PASSWORD, type TestApp } from '../testing/test-app.ts';
import { servedRoutes as servedRoutesOf } from '../testing/served-routes.ts';

const SCALE = Number(process.env.PASSAGE_FUZZ_RUNS ?? 1);
const SEED = process.env.PASSAGE_FUZZ_SEED;
const runs = <T>(n: number): fc.Parameters<T> => ({
  numRuns: Math.max(1, Math.round(n * SCALE)),
  endOnFailure: true,
  ...(SEED ? { seed: Number(SEED) } : {}),
});

const BODY_LIMIT_MB = 1;

let ta: TestApp;
const tokens = new Map<string, string>();
let clinicianId = '';
let targetUserId = '';
/** A person the fuzzing may read, change or delete. */
let victimId = '';
/** A person no generated request names: still readable at the end. */
let anchorId = '';

beforeAll(async () => {
  ta = await createTestApp({ PASSAGE_BODY_LIMIT_MB: String(BODY_LIMIT_MB) });
  await createRoleUsers(ta);
  const repo = ta.services.repo;
  anchorId = (await repo.create(systemContext(), testPatient('site-a', 'Anchor', 'Amina'))).id ?? '';
  victimId = (await repo.create(systemContext(), testPatient('site-a', 'Victim', 'Omar'))).id ?? '';
  await repo.create(systemContext(), {
    resourceType: 'Observation',
    status: 'final',
    code: { text: 'weight' },
    subject: { reference: `Patient/${victimId}` },
    valueQuantity: { value: 70, unit: 'kg' },
  });
  await ta.services.users.create(null, {
    username: 'fuzz-target',
    displayName: 'Fuzz target',
    password: TEST_PASSWORD,
    roles: [{ role: 'nurse', organizationId: 'site-a' }],
  });
  for (const name of ['clinician', 'coordinator', 'admin']) tokens.set(name, await ta.login(name));
  const users = await ta.t.db.selectFrom('app_user').select(['id', 'username']).execute();
  clinicianId = users.find((u) => u.username === 'clinician')?.id ?? '';
  targetUserId = users.find((u) => u.username === 'fuzz-target')?.id ?? '';
});
afterAll(() => ta?.close());

// ---------------------------------------------------------------------------------------------
// Requests and what every answer must look like.

type As = 'clinician' | 'coordinator' | 'admin' | 'anonymous' | 'fresh';
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface Req {
  readonly as: As;
  readonly method: Method;
  readonly url: string;
  readonly body?: string;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

async function send(req: Req): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...req.headers };
  if (req.as === 'fresh') {
    // Signing out ends the session it is sent with: each request gets a session of its own.
    headers.authorization = `Bearer ${(await ta.services.sessions.create(clinicianId)).token}`;
  } else if (req.as !== 'anonymous') {
    headers.authorization = `Bearer ${tokens.get(req.as) ?? ''}`;
  }
  if (req.contentType !== undefined) headers['content-type'] = req.contentType;
  return ta.app.inject({
    method: req.method,
    url: req.url,
    headers,
    ...(req.body !== undefined ? { payload: req.body } : {}),
  });
}

function show(req: Req, res: LightMyRequestResponse): string {
  const body =
    req.body === undefined ? '' : ` [${req.contentType ?? 'no content-type'}] ${preview(req.body)}`;
  return `${req.as} ${req.method} ${preview(req.url)}${body} → ${res.statusCode} ${res.body.slice(0, 300)}`;
}
const preview = (s: string): string => (s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s);

function parsed(res: LightMyRequestResponse): unknown {
  try {
    return JSON.parse(res.body) as unknown;
  } catch {
    return undefined;
  }
}

/** No 5xx; every error explained: an OperationOutcome on /fhir, Passage's error object elsewhere. */
function expectExplained(req: Req, res: LightMyRequestResponse): void {
  const what = show(req, res);
  expect(res.statusCode, what).toBeLessThan(500);
  if (res.statusCode < 400) return;
  const body = parsed(res) as { resourceType?: unknown; statusCode?: unknown; message?: unknown } | undefined;
  if (req.url.startsWith('/fhir')) {
    expect(body?.resourceType, what).toBe('OperationOutcome');
  } else {
    expect(body?.statusCode, what).toBe(res.statusCode);
    expect(typeof body?.message, what).toBe('string');
  }
}

function expect4xx(req: Req, res: LightMyRequestResponse): void {
  expectExplained(req, res);
  expect(res.statusCode, show(req, res)).toBeGreaterThanOrEqual(400);
}

// ---------------------------------------------------------------------------------------------
// Every route, and how to fill in its parameters.

interface Params {
  readonly type: string;
  readonly id: string;
  readonly vid: string;
  readonly userId: string;
}

interface FuzzRoute {
  readonly key: string;
  readonly as: As;
  readonly path: (p: Params) => string;
}

/** Percent-encodes everything but unreserved characters, so a value stays in its URL part. */
function pct(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** HTTP header values are Latin-1 without control characters. */
const headerSafe = (s: string): string => s.replace(/[^\x20-\x7e]/g, '?');

const ROUTES: readonly FuzzRoute[] = [
  { key: 'GET /healthz', as: 'anonymous', path: () => '/healthz' },
  { key: 'GET /readyz', as: 'anonymous', path: () => '/readyz' },
  { key: 'GET /fhir/metadata', as: 'anonymous', path: () => '/fhir/metadata' },
  { key: 'POST /fhir', as: 'clinician', path: () => '/fhir' },
  { key: 'POST /fhir/', as: 'clinician', path: () => '/fhir/' },
  { key: 'GET /fhir/:type', as: 'clinician', path: (p) => `/fhir/${pct(p.type)}` },
  { key: 'POST /fhir/:type', as: 'clinician', path: (p) => `/fhir/${pct(p.type)}` },
  { key: 'GET /fhir/:type/:id', as: 'clinician', path: (p) => `/fhir/${pct(p.type)}/${pct(p.id)}` },
  { key: 'PUT /fhir/:type/:id', as: 'clinician', path: (p) => `/fhir/${pct(p.type)}/${pct(p.id)}` },
  { key: 'DELETE /fhir/:type/:id', as: 'clinician', path: (p) => `/fhir/${pct(p.type)}/${pct(p.id)}` },
  {
    key: 'GET /fhir/:type/:id/_history',
    as: 'clinician',
    path: (p) => `/fhir/${pct(p.type)}/${pct(p.id)}/_history`,
  },
  {
    key: 'GET /fhir/:type/:id/_history/:vid',
    as: 'clinician',
    path: (p) => `/fhir/${pct(p.type)}/${pct(p.id)}/_history/${pct(p.vid)}`,
  },
  { key: 'POST /api/auth/login', as: 'anonymous', path: () => '/api/auth/login' },
  { key: 'POST /api/auth/logout', as: 'fresh', path: () => '/api/auth/logout' },
  { key: 'GET /api/auth/me', as: 'clinician', path: () => '/api/auth/me' },
  { key: 'POST /api/auth/password', as: 'clinician', path: () => '/api/auth/password' },
  { key: 'POST /api/auth/totp/setup', as: 'clinician', path: () => '/api/auth/totp/setup' },
  { key: 'POST /api/auth/totp/enable', as: 'clinician', path: () => '/api/auth/totp/enable' },
  { key: 'GET /api/admin/roles', as: 'admin', path: () => '/api/admin/roles' },
  { key: 'GET /api/admin/organizations', as: 'admin', path: () => '/api/admin/organizations' },
  { key: 'GET /api/admin/users', as: 'admin', path: () => '/api/admin/users' },
  { key: 'POST /api/admin/users', as: 'admin', path: () => '/api/admin/users' },
  { key: 'PATCH /api/admin/users/:id', as: 'admin', path: (p) => `/api/admin/users/${pct(p.userId)}` },
  {
    key: 'POST /api/admin/users/:id/reset-password',
    as: 'admin',
    path: (p) => `/api/admin/users/${pct(p.userId)}/reset-password`,
  },
  {
    key: 'POST /api/admin/users/:id/reset-totp',
    as: 'admin',
    path: (p) => `/api/admin/users/${pct(p.userId)}/reset-totp`,
  },
  { key: 'GET /api/admin/audit', as: 'admin', path: () => '/api/admin/audit' },
  { key: 'POST /api/admin/audit/verify', as: 'admin', path: () => '/api/admin/audit/verify' },
  { key: 'GET /api/indicators/summary', as: 'coordinator', path: () => '/api/indicators/summary' },
  {
    key: 'GET /fhir/Patient/:id/$everything',
    as: 'clinician',
    path: (p) => `/fhir/Patient/${pct(p.id)}/$everything`,
  },
  { key: 'POST /fhir/Patient/$match', as: 'clinician', path: () => '/fhir/Patient/$match' },
  {
    key: 'POST /fhir/QuestionnaireResponse/$extract',
    as: 'clinician',
    path: () => '/fhir/QuestionnaireResponse/$extract',
  },
  { key: 'POST /api/assessments', as: 'clinician', path: () => '/api/assessments' },
  {
    key: 'GET /api/people/:patientId/recommendations',
    as: 'clinician',
    path: (p) => `/api/people/${pct(p.id)}/recommendations`,
  },
  { key: 'GET /api/identity/candidates', as: 'coordinator', path: () => '/api/identity/candidates' },
  {
    key: 'POST /api/identity/candidates/:id/dismiss',
    as: 'clinician',
    path: (p) => `/api/identity/candidates/${pct(p.id)}/dismiss`,
  },
  { key: 'POST /api/identity/merges', as: 'clinician', path: () => '/api/identity/merges' },
  {
    key: 'POST /api/identity/merges/:mergeId/undo',
    as: 'clinician',
    path: (p) => `/api/identity/merges/${pct(p.id)}/undo`,
  },
  { key: 'POST /api/identity/scans', as: 'clinician', path: () => '/api/identity/scans' },
  {
    key: 'GET /api/identity/scans/:scanId',
    as: 'clinician',
    path: (p) => `/api/identity/scans/${pct(p.id)}`,
  },
];

const methodOf = (r: FuzzRoute): Method => r.key.split(' ')[0] as Method;
const takesBody = (r: FuzzRoute): boolean => methodOf(r) !== 'GET';
const isFhir = (r: FuzzRoute): boolean => r.key.split(' ')[1]?.startsWith('/fhir') ?? false;

const servedRoutes = (): string[] => servedRoutesOf(ta.app);

// ---------------------------------------------------------------------------------------------
// Arbitraries.

/** A code unit no well-formed text holds: half of a surrogate pair. */
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** Characters that often break text handling: control characters (NUL first), BOM, separators. */
const awkward = fc.constantFrom(
  '\u0000',
  '\u0001',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\ufeff',
  '\u200b',
  '\u2028',
  '\uffff',
);

/**
 * Any text: ASCII, printable Unicode, any code point, and now and then awkward characters or half a
 * surrogate pair.
 */
const text = (maxLength = 40): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength }) },
    {
      weight: 1,
      arbitrary: fc.string({
        unit: fc.oneof(
          { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
          { weight: 2, arbitrary: awkward },
          { weight: 1, arbitrary: loneSurrogate },
        ),
        maxLength,
      }),
    },
  );

const json = fc.jsonValue({ maxDepth: 4 });

const resourceType = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...STORED_RESOURCE_TYPES) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('Bundle', 'OperationOutcome', 'patient', 'Nonsense', '', 'Patient '),
  },
  { weight: 1, arbitrary: text(20) },
);

/** An id: valid, the victim's, or any kind of junk. */
const anyId = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constant(victimId),
    fc.uuid(),
    fc.stringMatching(/^[A-Za-z0-9\-.]{1,64}$/),
    text(80),
    fc.string({ minLength: 65, maxLength: 260 }),
    fc.constantFrom(
      '..',
      '.',
      '../..',
      '..%2F',
      '%2e%2e',
      '%00',
      '%',
      '%zz',
      ' ',
      'a b',
      '$everything',
      '_history',
      '*',
    ),
  );

const reference = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constant({ reference: `Patient/${victimId}` }),
    fc.constantFrom(
      { reference: 'Patient/does-not-exist' },
      { reference: 'Organization/site-a' },
      { reference: 'Organization/site-b' },
      { reference: 'urn:uuid:11111111-1111-4111-8111-111111111111' },
      { reference: 42 },
      { display: 'no reference' },
      'Patient/x',
      null,
      [],
    ),
    fc.record({ reference: text() }),
    json,
  );

/** Something shaped like a FHIR resource: a real type, plausible elements, junk. */
const fhirish = (): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(
      resourceType,
      fc.record(
        {
          id: fc.oneof(fc.constant(victimId), fc.uuid(), text(70), json),
          meta: fc.oneof(fc.record({ versionId: text(5), lastUpdated: text(30) }), json),
          status: fc.oneof(fc.constantFrom('final', 'active', 'completed', 'finished', 'bogus', ''), json),
          subject: reference(),
          patient: reference(),
          target: fc.array(reference(), { maxLength: 3 }),
          managingOrganization: reference(),
          code: fc.oneof(
            fc.record({ text: text() }),
            fc.record({ coding: fc.array(fc.record({ system: text(), code: text() }), { maxLength: 2 }) }),
            json,
          ),
          name: fc.oneof(
            fc.array(fc.record({ family: text(), given: fc.array(text(), { maxLength: 2 }) }), {
              maxLength: 2,
            }),
            json,
          ),
          gender: fc.oneof(fc.constantFrom('male', 'female', 'other', 'unknown'), json),
          birthDate: fc.oneof(
            fc.constantFrom('1990-01-01', '2024-02-30', '0000-01-01', '1990', '1990-13'),
            text(20),
          ),
          valueQuantity: fc.oneof(fc.record({ value: fc.double(), unit: text(5) }), json),
          extension: fc.oneof(
            fc.array(fc.record({ url: text(), valueString: text() }), { maxLength: 2 }),
            json,
          ),
          contained: fc.array(json, { maxLength: 2 }),
        },
        { requiredKeys: [] },
      ),
      fc.dictionary(text(15), json, { maxKeys: 3 }),
    )
    .map(([type, known, junk]) => ({ ...junk, ...known, resourceType: type }));

/** Long text that does not compress: what a pasted document or a scanner might send. */
const longText = fc.string({ unit: 'binary', minLength: 1500, maxLength: 3000 });
const someText = (): fc.Arbitrary<string> =>
  fc.oneof({ weight: 8, arbitrary: text(30) }, { weight: 1, arbitrary: longText });

const fhirDate = fc.oneof(
  fc
    .date({
      min: new Date('0001-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    })
    .chain((d) => fc.constantFrom(4, 7, 10).map((n) => d.toISOString().slice(0, n))),
  fc.constantFrom('0001-01-01', '9999-12-31', '1900-02-29', '2000-02-29'),
);
const fhirDateTime = fc.oneof(
  fhirDate,
  fc
    .date({
      min: new Date('0001-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  fc.constantFrom('2024-01-01T00:00:00+14:00', '2024-01-01T00:00:00-12:00', '9999-12-31T23:59:59.999+14:00'),
);

/** Resources valid enough to be stored, with random values in every indexed element. */
const validish = (): fc.Arbitrary<Record<string, unknown>> =>
  fc.oneof(
    fc
      .record({
        family: someText(),
        given: fc.array(someText(), { maxLength: 2 }),
        birthDate: fhirDate,
        gender: fc.constantFrom('male', 'female', 'other', 'unknown'),
        identifier: fc.array(fc.record({ system: someText(), value: someText() }), { maxLength: 2 }),
        address: fc.array(fc.record({ text: someText(), city: someText(), country: someText() }), {
          maxLength: 1,
        }),
        telecom: fc.array(fc.record({ system: fc.constant('phone'), value: someText() }), { maxLength: 1 }),
        deceasedDateTime: fhirDateTime,
      })
      .map(({ family, given, ...rest }) => ({
        resourceType: 'Patient',
        id: `fz-${family.length}-${rest.birthDate}`.replace(/[^A-Za-z0-9\-.]/g, '-').slice(0, 64),
        name: [{ family, given }],
        managingOrganization: { reference: 'Organization/site-a' },
        ...rest,
      })),
    fc
      .record({
        code: fc.record({
          coding: fc.array(fc.record({ system: someText(), code: someText() }), {
            minLength: 1,
            maxLength: 2,
          }),
          text: someText(),
        }),
        value: fc.oneof(
          fc
            .record({
              value: fc.double({ noNaN: true, noDefaultInfinity: true }),
              unit: someText(),
              system: someText(),
              code: someText(),
            })
            .map((valueQuantity) => ({ valueQuantity })),
          someText().map((valueString) => ({ valueString })),
          fhirDateTime.map((valueDateTime) => ({ valueDateTime })),
        ),
        effectiveDateTime: fhirDateTime,
        category: fc.array(fc.record({ text: someText() }), { maxLength: 1 }),
      })
      .map(({ value, ...rest }) => ({
        resourceType: 'Observation',
        id: `fz-obs-${rest.effectiveDateTime}`.replace(/[^A-Za-z0-9\-.]/g, '-').slice(0, 64),
        status: 'final',
        subject: { reference: `Patient/${victimId}` },
        ...value,
        ...rest,
      })),
  );

const bundleEntry = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    {
      weight: 5,
      arbitrary: fc.record(
        {
          fullUrl: fc.oneof(
            fc.constant('urn:uuid:11111111-1111-4111-8111-111111111111'),
            fc.uuid().map((u) => `urn:uuid:${u}`),
            text(),
          ),
          resource: fc.oneof(validish(), fhirish(), json),
          request: fc.oneof(
            fc.record(
              {
                method: fc.oneof(
                  fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'get', ''),
                  json,
                ),
                url: fc.oneof(
                  fc.tuple(resourceType, anyId()).map(([t, id]) => `${t}/${id}`),
                  resourceType,
                  fc.constantFrom(
                    'Patient?name=x',
                    '/Patient',
                    'Patient/1/_history/1',
                    '',
                    '///',
                    `Patient/${victimId}`,
                  ),
                  text(),
                  json,
                ),
                ifMatch: fc.oneof(fc.constantFrom('W/"1"', '"2"', 'W/"x"', '*'), text(10)),
                ifNoneExist: text(10),
              },
              { requiredKeys: [] },
            ),
            json,
          ),
        },
        { requiredKeys: [] },
      ),
    },
    { weight: 1, arbitrary: json },
  );

const bundle = (): fc.Arbitrary<unknown> =>
  fc.record(
    {
      resourceType: fc.oneof(
        { weight: 5, arbitrary: fc.constant('Bundle') },
        { weight: 1, arbitrary: resourceType },
      ),
      type: fc.oneof(fc.constantFrom('transaction', 'batch', 'collection', 'searchset'), json),
      entry: fc.oneof(
        { weight: 5, arbitrary: fc.array(bundleEntry(), { maxLength: 6 }) },
        { weight: 1, arbitrary: json },
      ),
    },
    { requiredKeys: ['resourceType'] },
  );

const params = (): fc.Arbitrary<Params> =>
  fc.record({
    type: resourceType,
    id: anyId(),
    vid: fc.oneof(fc.constantFrom('1', '2', '0', '-1', '1.0', '1e3', '9999999999'), text(12)),
    userId: fc.oneof(fc.constant(targetUserId), fc.uuid(), text(40)),
  });

const JSON_TYPES = [
  'application/json',
  'application/fhir+json',
  'application/json; charset=utf-8',
  'application/json+fhir',
];

// ---------------------------------------------------------------------------------------------

describe('fuzzing every route: no 5xx, every error explained', () => {
  it('fuzzes every route the server serves', () => {
    const served = servedRoutes()
      .filter((k) => !k.startsWith('HEAD ') && !/ (\/|\/api\/docs.*)$/.test(k))
      .sort();
    expect(served.length).toBeGreaterThan(20);
    expect(ROUTES.map((r) => r.key).sort()).toEqual(served);
  });

  it('random JSON, strings and FHIR-ish resources sent to the FHIR write routes', async () => {
    const writeRoutes = ROUTES.filter((r) => isFhir(r) && (methodOf(r) === 'POST' || methodOf(r) === 'PUT'));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...writeRoutes),
        params(),
        fc.oneof(
          { weight: 2, arbitrary: json.map((v) => JSON.stringify(v)) },
          { weight: 1, arbitrary: text(60).map((s) => JSON.stringify(s)) },
          { weight: 1, arbitrary: text(60) },
          { weight: 4, arbitrary: fhirish().map((v) => JSON.stringify(v)) },
          { weight: 4, arbitrary: validish().map((v) => JSON.stringify(v)) },
          { weight: 2, arbitrary: bundle().map((v) => JSON.stringify(v)) },
        ),
        fc.constantFrom(...JSON_TYPES),
        fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
        fc.option(
          fc.oneof(fc.constantFrom('W/"1"', '"1"', 'W/"0"', 'W/"999999999"', 'W/"1x"', '*', ''), text(12)),
          {
            nil: undefined,
          },
        ),
        async (route, p, body, contentType, matchUrl, ifMatch) => {
          // Mostly the URL agrees with the body, so that the write gets past the first checks.
          let filled = p;
          const probe = parsedJson(body) as { resourceType?: unknown; id?: unknown } | undefined;
          if (matchUrl && probe && typeof probe === 'object') {
            filled = {
              ...p,
              type: typeof probe.resourceType === 'string' ? probe.resourceType : p.type,
              id: typeof probe.id === 'string' ? probe.id : p.id,
            };
          }
          const req: Req = {
            as: route.as,
            method: methodOf(route),
            url: route.path(filled),
            body,
            contentType,
            ...(ifMatch !== undefined && methodOf(route) === 'PUT'
              ? { headers: { 'if-match': headerSafe(ifMatch) } }
              : {}),
          };
          expectExplained(req, await send(req));
        },
      ),
      runs(300),
    );
  });

  it('random Bundles posted to /fhir', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/fhir', '/fhir/'),
        bundle(),
        fc.constantFrom(...JSON_TYPES),
        async (url, b, contentType) => {
          const req: Req = { as: 'clinician', method: 'POST', url, body: JSON.stringify(b), contentType };
          const res = await send(req);
          expectExplained(req, res);
          if (res.statusCode === 200) {
            const out = parsed(res) as {
              resourceType?: unknown;
              entry?: { response?: { status?: unknown; outcome?: { resourceType?: unknown } } }[];
            };
            expect(out.resourceType, show(req, res)).toBe('Bundle');
            for (const e of out.entry ?? []) {
              const status = Number.parseInt(String(e.response?.status), 10);
              expect(status, show(req, res)).toBeLessThan(500);
              if (status >= 400)
                expect(e.response?.outcome?.resourceType, show(req, res)).toBe('OperationOutcome');
            }
          }
        },
      ),
      runs(200),
    );
  });

  it('random JSON bodies and query strings at every /api route and the probes', async () => {
    const routes = ROUTES.filter((r) => !isFhir(r));
    const query = fc.array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom(
            'query',
            'limit',
            'cursor',
            'from',
            'to',
            'username',
            'outcome',
            'action',
            'entityType',
            'patientId',
            'status',
            'offset',
          ),
          text(12),
        ),
        fc.oneof(
          text(30),
          json.map((v) => JSON.stringify(v)),
        ),
      ),
      { maxLength: 4 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        params(),
        fc.oneof(
          { weight: 3, arbitrary: json },
          { weight: 1, arbitrary: text(40) },
          {
            weight: 2,
            arbitrary: fc.record(
              {
                username: fc.oneof(text(70), json),
                password: fc.oneof(text(20), json),
                totp: fc.oneof(fc.stringMatching(/^\d{6}$/), text(8)),
                displayName: fc.oneof(text(), json),
                currentPassword: text(),
                newPassword: text(),
                code: fc.oneof(fc.stringMatching(/^\d{6}$/), text(8)),
                disabled: fc.oneof(fc.boolean(), json),
                roles: fc.oneof(
                  fc.array(
                    fc.record({
                      role: fc.oneof(fc.constantFrom('nurse', 'admin', 'person', 'king'), text(8)),
                      organizationId: fc.oneof(fc.constantFrom('site-a', 'country', 'nowhere'), text(10)),
                    }),
                    { maxLength: 3 },
                  ),
                  json,
                ),
              },
              { requiredKeys: [] },
            ),
          },
        ),
        query,
        async (route, p, body, pairs) => {
          const qs = pairs.map(([k, v]) => `${pct(k)}=${pct(v)}`).join('&');
          const url = `${route.path(p)}${qs ? `?${qs}` : ''}`;
          const req: Req = takesBody(route)
            ? {
                as: route.as,
                method: methodOf(route),
                url,
                body: JSON.stringify(body),
                contentType: 'application/json',
              }
            : { as: route.as, method: methodOf(route), url };
          expectExplained(req, await send(req));
        },
      ),
      runs(300),
    );
  });

  it('malformed JSON and wrong content types at every route that takes a body: 4xx', async () => {
    const routes = ROUTES.filter(takesBody);
    const valid = fc.oneof(fhirish(), json).map((v) => JSON.stringify(v));
    const garbled = fc
      .tuple(
        valid,
        fc.nat(),
        fc.constantFrom('truncate', 'insert', 'replace', 'empty', 'prefix'),
        fc.constantFrom(
          '{',
          '}',
          '[',
          ']',
          ',',
          ':',
          '"',
          '\\',
          "'",
          'NaN',
          'undefined',
          '\u00ff',
          '//',
          '/*',
        ),
      )
      .map(([s, at, how, junk]) => {
        const i = s.length === 0 ? 0 : at % s.length;
        if (how === 'truncate') return s.slice(0, i);
        if (how === 'insert') return `${s.slice(0, i)}${junk}${s.slice(i)}`;
        if (how === 'replace') return `${s.slice(0, i)}${junk}${s.slice(i + 1)}`;
        if (how === 'prefix') return `${junk}${s}`;
        return '';
      })
      .filter((s) => parsedJson(s) === undefined);
    const wrongType = fc.oneof(
      fc.constantFrom(
        'text/plain',
        'text/html',
        'application/xml',
        'application/fhir+xml',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/octet-stream',
        'image/png',
        'application/jsonx',
        'json',
        '*/*',
      ),
      fc.stringMatching(/^[a-z]{1,10}\/[a-z0-9.+-]{1,12}$/).filter((t) => !t.includes('json')),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        params(),
        fc.oneof(fc.tuple(garbled, fc.constantFrom(...JSON_TYPES)), fc.tuple(valid, wrongType)),
        async (route, p, [body, contentType]) => {
          const req: Req = { as: route.as, method: methodOf(route), url: route.path(p), body, contentType };
          expect4xx(req, await send(req));
        },
      ),
      runs(200),
    );
  });

  it(`a body over the limit (${BODY_LIMIT_MB} MB) is refused with 413 at every route that takes a body`, async () => {
    const huge = JSON.stringify({
      resourceType: 'Patient',
      text: { div: 'x'.repeat(Math.ceil(BODY_LIMIT_MB * 1.5 * 1024 * 1024)) },
    });
    const p: Params = { type: 'Patient', id: victimId, vid: '1', userId: targetUserId };
    for (const route of ROUTES.filter(takesBody)) {
      // application/fhir+json is spoken on /fhir only.
      for (const contentType of isFhir(route)
        ? ['application/json', 'application/fhir+json']
        : ['application/json']) {
        const req: Req = {
          as: route.as,
          method: methodOf(route),
          url: route.path(p),
          body: huge,
          contentType,
        };
        const res = await send(req);
        expectExplained(req, res);
        expect(res.statusCode, show(req, res)).toBe(413);
      }
    }
  });

  it('random ids and versions in /fhir/Patient/:id and /_history/:vid: 4xx', async () => {
    const vid = fc.oneof(
      text(12).filter((v) => !/^\d+$/.test(v)),
      fc.constantFrom('0', '00', '9999999999', '-1', '+1', '1.0', '1e0', ' 1', '1 ', '0x1', '１'),
    );
    const id = anyId().filter((i) => i !== victimId && i !== anchorId);
    const shapes = fc.oneof(
      id.map((i) => ({ method: 'GET' as const, path: `/fhir/Patient/${pct(i)}` })),
      id.map((i) => ({ method: 'DELETE' as const, path: `/fhir/Patient/${pct(i)}` })),
      id.map((i) => ({ method: 'GET' as const, path: `/fhir/Patient/${pct(i)}/_history` })),
      fc
        .tuple(id, vid)
        .map(([i, v]) => ({ method: 'GET' as const, path: `/fhir/Patient/${pct(i)}/_history/${pct(v)}` })),
      vid.map((v) => ({ method: 'GET' as const, path: `/fhir/Patient/${victimId}/_history/${pct(v)}` })),
    );
    await fc.assert(
      fc.asyncProperty(shapes, async ({ method, path }) => {
        const req: Req = { as: 'clinician', method, url: path };
        const res = await send(req);
        // Malformed URLs and over-long ids are refused by the router itself: see the problems below.
        expect(res.statusCode, show(req, res)).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, show(req, res)).toBeLessThan(500);
      }),
      runs(300),
    );
    // The same ids written raw into the URL: dot segments and '?' may lead elsewhere, but never to a 5xx.
    await fc.assert(
      fc.asyncProperty(anyId(), fc.constantFrom('', '/_history', '/_history/1'), async (i, suffix) => {
        const raw = [...i].map((c) => (/^[\x20-\x7e]$/.test(c) ? c : pct(c))).join('');
        const req: Req = { as: 'clinician', method: 'GET', url: `/fhir/Patient/${raw}${suffix}` };
        const res = await send(req);
        expect(res.statusCode, show(req, res)).toBeLessThan(500);
      }),
      runs(150),
    );
  });

  it('random search parameters: 200 or 4xx', async () => {
    const prefix = fc.constantFrom('', 'eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap', 'xx');
    const date = fc.oneof(
      fc
        .date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true })
        .chain((d) => fc.nat({ max: 24 }).map((n) => d.toISOString().slice(0, Math.max(4, n)))),
      fc.constantFrom(
        '2024',
        '2024-02-30',
        '2024-13',
        '0000',
        '2024-01-01T25:00',
        '2024-01-01T10:00:00+99:99',
        '2024-01-01T10:00:00.123456789Z',
      ),
    );
    const number = fc.oneof(
      fc.double().map(String),
      fc.integer().map(String),
      fc.constantFrom(
        '1e309',
        '-1e309',
        '5.4e-400',
        '9'.repeat(40),
        '0.0000000000000000000001',
        '-0',
        '1.',
        '.5',
        '1e',
        'NaN',
        'Infinity',
      ),
    );
    const value = fc.oneof(
      text(30),
      fc.tuple(prefix, fc.oneof(date, number, text(10))).map(([a, b]) => `${a}${b}`),
      fc.tuple(text(10), text(10)).map(([s, c]) => `${s}|${c}`),
      fc.tuple(number, text(8), text(8)).map(([n, s, u]) => `${n}|${s}|${u}`),
      fc.tuple(resourceType, anyId()).map(([t, i]) => `${t}/${i}`),
      fc.array(text(6), { maxLength: 4 }).map((a) => a.join(',')),
      fc.constantFrom(
        '',
        ',',
        ',,',
        '\\',
        '\\,',
        '|',
        '||',
        '$',
        'true',
        'false',
        '*',
        '%',
        '%zz',
        `Patient/${victimId}`,
      ),
    );
    const modifier = fc.oneof(
      fc.constantFrom(
        '',
        '',
        '',
        ':exact',
        ':contains',
        ':missing',
        ':not',
        ':text',
        ':above',
        ':below',
        ':in',
        ':of-type',
        ':identifier',
        ':Patient',
        ':Organization',
        ':',
      ),
      text(8).map((m) => `:${m}`),
    );
    const RESULT = [
      '_count',
      '_offset',
      '_sort',
      '_include',
      '_revinclude',
      '_total',
      '_summary',
      '_format',
      '_elements',
      '_has',
      '_text',
      '_content',
      '_list',
      '_filter',
      '_query',
      '_id',
      '_lastUpdated',
    ];
    const query = (type: StoredResourceType): fc.Arbitrary<[string, string][]> => {
      const names =
        type === 'AuditEvent' ? AUDIT_SEARCH_PARAMS.map((p) => p.code) : [...searchParamsOf(type).keys()];
      const key = fc.oneof(
        { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...names), modifier).map(([n, m]) => `${n}${m}`) },
        { weight: 2, arbitrary: fc.constantFrom(...RESULT) },
        { weight: 1, arbitrary: text(20) },
        {
          weight: 1,
          arbitrary: fc.constantFrom('subject.name', 'patient:Patient.name', '_has:Observation:subject:code'),
        },
      );
      const special = fc.oneof(
        fc.tuple(
          fc.constant('_sort'),
          fc
            .array(fc.tuple(fc.constantFrom('', '-'), fc.oneof(fc.constantFrom(...names), text(10))), {
              maxLength: 3,
            })
            .map((a) => a.map(([d, n]) => `${d}${n}`).join(',')),
        ),
        fc.tuple(
          fc.constantFrom('_include', '_revinclude'),
          fc.oneof(
            fc
              .tuple(
                fc.constantFrom(...STORED_RESOURCE_TYPES),
                fc.constantFrom(...names, 'subject', 'patient'),
                fc.constantFrom('', ':Patient', ':Nonsense', ':*'),
              )
              .map(([t, n, x]) => `${t}:${n}${x}`),
            text(20),
          ),
        ),
        fc.tuple(
          fc.constantFrom('_count', '_offset'),
          fc.oneof(number, fc.constantFrom('0', '1000', '1001', '10000', '10001', '-1', ''), text(5)),
        ),
      );
      return fc.array(
        fc.oneof({ weight: 3, arbitrary: fc.tuple(key, value) }, { weight: 1, arbitrary: special }),
        { maxLength: 5 },
      );
    };
    const rawJunk = fc.constantFrom(
      '',
      '',
      '',
      '&',
      '&&',
      '&=x',
      '&%zz=1',
      '&a=%E0%A4%A',
      '&%=',
      '&name',
      '&_count=1&_count=2',
    );
    const typedQuery = fc.oneof(
      {
        weight: 6,
        arbitrary: fc
          .constantFrom(...STORED_RESOURCE_TYPES)
          .chain((t) => fc.tuple(fc.constant<string>(t), query(t))),
      },
      {
        weight: 1,
        arbitrary: fc.tuple(
          fc.constantFrom('Nonsense', 'patient', 'Bundle'),
          fc.constant<[string, string][]>([]),
        ),
      },
    );
    await fc.assert(
      fc.asyncProperty(typedQuery, rawJunk, async ([type, pairs], junk) => {
        const qs = pairs.map(([k, v]) => `${pct(k)}=${pct(v)}`).join('&');
        const req: Req = {
          as: type === 'AuditEvent' ? 'admin' : 'clinician',
          method: 'GET',
          url: `/fhir/${type}?${qs}${junk}`,
        };
        const res = await send(req);
        expectExplained(req, res);
        if (res.statusCode < 400) {
          expect(res.statusCode, show(req, res)).toBe(200);
          expect((parsed(res) as { resourceType?: unknown }).resourceType, show(req, res)).toBe('Bundle');
        }
      }),
      runs(300),
    );
  });

  it('concurrent writes, reads and deletes of one record: no 5xx', async () => {
    const op = fc.constantFrom('PUT', 'PUT', 'DELETE', 'GET', 'HISTORY');
    await fc.assert(
      fc.asyncProperty(fc.uuid(), fc.array(op, { minLength: 2, maxLength: 8 }), async (uuid, ops) => {
        const id = `conc-${uuid}`.slice(0, 64);
        const reqs = ops.map((o): Req =>
          o === 'PUT'
            ? {
                as: 'clinician',
                method: 'PUT',
                url: `/fhir/Patient/${id}`,
                body: JSON.stringify({ ...testPatient('site-a', 'Concurrent'), id }),
                contentType: 'application/fhir+json',
              }
            : o === 'HISTORY'
              ? { as: 'clinician', method: 'GET', url: `/fhir/Patient/${id}/_history` }
              : { as: 'clinician', method: o, url: `/fhir/Patient/${id}` },
        );
        const answers = await Promise.all(reqs.map((r) => send(r)));
        reqs.forEach((r, i) => {
          const res = answers[i];
          if (res) expectExplained(r, res);
        });
      }),
      runs(40),
    );
  });

  it('random Authorization headers and session cookies: 401, never 5xx', async () => {
    const secured = ROUTES.filter((r) => r.as !== 'anonymous');
    const credential = fc.oneof(
      text(60).map((t) => ({ authorization: headerSafe(`Bearer ${t}`) })),
      fc.string({ minLength: 20, maxLength: 250 }).map((t) => ({ authorization: headerSafe(`Bearer ${t}`) })),
      fc.constantFrom(
        { authorization: 'Basic Y2xpbmljaWFuOnB3' },
        { authorization: 'Bearer' },
        { authorization: 'bearer x' },
      ),
      text(60).map((t) => ({ cookie: `passage_session=${headerSafe(t)}` })),
      fc.constantFrom(
        { cookie: 'passage_session=%E0%A4%A' },
        { cookie: 'passage_session=' },
        { cookie: ';;;=' },
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...secured), params(), credential, async (route, p, headers) => {
        const req: Req = { as: 'anonymous', method: methodOf(route), url: route.path(p), headers };
        const res = await send(req);
        expectExplained(req, res);
        // A path no route matches (an empty or over-long segment) is a 404 or 414 before anyone asks who calls.
        expect([401, 404, 414], show(req, res)).toContain(res.statusCode);
      }),
      runs(200),
    );
  });

  it('still serves after the fuzzing: the database answers and untouched records are intact', async () => {
    const ready = await send({ as: 'anonymous', method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    const anchor = await send({ as: 'clinician', method: 'GET', url: `/fhir/Patient/${anchorId}` });
    expect(anchor.statusCode).toBe(200);
    expect(anchor.json()).toMatchObject({ name: [{ family: 'Anchor' }] });
    const chain = await send({ as: 'admin', method: 'POST', url: '/api/admin/audit/verify' });
    expect(chain.json()).toMatchObject({ ok: true });
  });
});

/*
 * The smallest requests that showed each problem the properties above found. They fail until the
 * server is fixed (see the report that came with this file); the properties keep looking for more.
 */
describe('problems the fuzzing found', () => {
  async function expectAll4xx(reqs: readonly Req[]): Promise<void> {
    for (const req of reqs) {
      const res = await send(req);
      expect
        .soft(res.statusCode >= 400 && res.statusCode < 500, `expected a 4xx: ${show(req, res)}`)
        .toBe(true);
      if (req.url.startsWith('/fhir')) {
        expect
          .soft(
            (parsed(res) as { resourceType?: unknown } | undefined)?.resourceType,
            `expected an OperationOutcome: ${show(req, res)}`,
          )
          .toBe('OperationOutcome');
      }
    }
  }
  const get = (as: As, url: string): Req => ({ as, method: 'GET', url });
  const post = (as: As, url: string, body: string, method: Method = 'POST'): Req => ({
    as,
    method,
    url,
    body,
    contentType: 'application/json',
  });

  it('a NUL character in a search value, a sign-in name or a user field is a 4xx, not a 500', async () => {
    await expectAll4xx([
      get('clinician', '/fhir/Patient?name=a%00b'),
      get('clinician', '/fhir/Patient?identifier=a%00b'),
      get('clinician', '/fhir/Patient?identifier=%00|x'),
      get('clinician', '/fhir/Patient?family:contains=%00'),
      get('clinician', '/fhir/Observation?subject=Patient/a%00'),
      get('clinician', '/fhir/Observation?value-quantity=5|%00|kg'),
      get('admin', '/fhir/AuditEvent?agent-name=%00'),
      get('admin', '/fhir/AuditEvent?entity=%00'),
      get('admin', '/api/admin/users?query=%00'),
      get('admin', '/api/admin/audit?username=%00'),
      get('admin', '/api/admin/audit?entityType=a%00'),
      post('anonymous', '/api/auth/login', JSON.stringify({ username: 'a\u0000', password: 'x' })),
      post(
        'admin',
        '/api/admin/users',
        JSON.stringify({
          username: 'nul-user',
          displayName: 'a\u0000',
          password: 'long-password-123',
          roles: [],
        }),
      ),
    ]);
  });

  it('half a surrogate pair in a JSON body is a 4xx, not a 500', async () => {
    const patient = JSON.stringify(testPatient('site-a', 'SURROGATE'));
    await expectAll4xx([
      post('clinician', '/fhir/Patient', patient.replace('SURROGATE', 'a\\ud800b')),
      post(
        'clinician',
        '/fhir/Patient',
        JSON.stringify({
          ...testPatient('site-a'),
          extension: [{ url: 'http://x', valueString: 'S' }],
        }).replace('"S"', '"\\udc00"'),
      ),
    ]);
  });

  it('a search value made only of commas is a 4xx, not a 500', async () => {
    await expectAll4xx(
      ['_id=,,', 'name=,', 'gender=,', 'gender:not=,', 'birthdate=,', '_lastUpdated=,'].map((q) =>
        get('clinician', `/fhir/Patient?${q.replaceAll(',', '%2C')}`),
      ),
    );
    await expectAll4xx([
      get('clinician', '/fhir/Observation?subject=%2C'),
      get('clinician', '/fhir/Observation?value-quantity=%2C'),
    ]);
  });

  it('a search parameter named like an Object.prototype member is a 4xx, not a 500 or a silent match', async () => {
    await expectAll4xx(
      [
        '__proto__=x',
        'constructor=x',
        'toString=x',
        'hasOwnProperty=x',
        '_sort=constructor',
        '_sort=-__proto__',
      ].map((q) => get('clinician', `/fhir/Patient?${q}`)),
    );
  });

  it('a reference that is not a string is a 4xx, not a 500', async () => {
    const obs = (subject: unknown) =>
      JSON.stringify({ resourceType: 'Observation', status: 'final', code: { text: 'x' }, subject });
    await expectAll4xx([
      post(
        'clinician',
        '/fhir/Encounter',
        JSON.stringify({ resourceType: 'Encounter', subject: { reference: 42 } }),
      ),
      post('clinician', '/fhir/Observation', obs({ reference: 42 })),
      post('clinician', '/fhir/Observation', obs({ reference: {} })),
      post(
        'clinician',
        '/fhir/Observation/x1',
        JSON.stringify({ ...JSON.parse(obs({ reference: true })), id: 'x1' }),
        'PUT',
      ),
    ]);
    const res = await send(
      post(
        'clinician',
        '/fhir',
        JSON.stringify({
          resourceType: 'Bundle',
          type: 'batch',
          entry: [
            { request: { method: 'POST', url: 'Observation' }, resource: JSON.parse(obs({ reference: 42 })) },
          ],
        }),
      ),
    );
    expect.soft(res.body, 'the batch entry is refused with a 4xx').toMatch(/"status":"4\d\d"/);
  });

  it('a resourceType or Bundle.type that cannot be turned into text is a 4xx, not a 500', async () => {
    await expectAll4xx([
      post('clinician', '/fhir/Patient', JSON.stringify({ resourceType: { toString: null } })),
      post('clinician', '/fhir', JSON.stringify({ resourceType: 'Bundle', type: { toString: null } })),
      post(
        'clinician',
        '/fhir/',
        JSON.stringify({ resourceType: 'Bundle', type: { valueOf: null, toString: null } }),
      ),
    ]);
  });

  it('long text in a searchable element is stored or refused, not a 500', async () => {
    // Random letters do not compress, so the search index gets the whole value.
    const long = Array.from({ length: 3000 }, (_, i) =>
      String.fromCharCode(0x4e00 + ((i * 7919) % 20000)),
    ).join('');
    for (const body of [
      testPatient('site-a', long),
      { ...testPatient('site-a'), identifier: [{ system: 'http://example.org/id', value: long }] },
      { ...testPatient('site-a'), identifier: [{ system: `http://example.org/${long}`, value: '1' }] },
    ]) {
      const req = post('clinician', '/fhir/Patient', JSON.stringify(body));
      const res = await send(req);
      expect.soft(res.statusCode, show(req, res)).toBeLessThan(500);
    }
  });

  it('dates in year 0000 are a 4xx or an empty match, not a 500', async () => {
    // The database has no year 0: PGlite refuses all of these, PostgreSQL the FHIR searches.
    for (const req of [
      get('admin', '/api/admin/audit?from=0000-01-01'),
      get('admin', '/api/admin/audit?to=0000-12-31'),
      get('admin', '/api/admin/audit?from=0000-01-01T00:00:00Z'),
      get('clinician', '/fhir/Patient?birthdate=0000-01-01T00:00:00Z'),
      get('clinician', '/fhir/Patient?_lastUpdated=0000-01-01T00:00:00Z'),
      get('admin', '/fhir/AuditEvent?date=0000-01-01T00:00:00Z'),
    ]) {
      const res = await send(req);
      expect.soft(res.statusCode, show(req, res)).toBeLessThan(500);
    }
  });

  it('a malformed URL or an over-long id on /fhir is answered with an OperationOutcome', async () => {
    await expectAll4xx([
      get('clinician', '/fhir/Patient/%zz'),
      get('clinician', '/fhir/Patient/%E0%A4%A'),
      get('clinician', `/fhir/Patient/${'a'.repeat(300)}`),
    ]);
  });
});

function parsedJson(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
}
