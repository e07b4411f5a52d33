/**
 * The access matrix: every route × every role, plus the care roles of a second site and nobody
 * signed in. Each expected answer is derived from the policy table (POLICY, RESOURCE_TYPES and the
 * organisation tree), not copied by hand, and the route list is checked against the routes Fastify
 * actually serves, so a new route cannot be forgotten. Besides statuses, the tests read bundle
 * contents (no other site's people, no personal data behind the firewall) and the audit table
 * (every refused attempt at personal data leaves a failure event).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HTTPMethods, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Bundle, BundleEntry, Patient, Resource } from '@medplum/fhirtypes';
import {
  HEALTH_ASSESSMENT_URL,
  HEALTH_ASSESSMENT_VERSION,
  isStoredResourceType,
  isWritableResourceType,
  PASSAGE_CODE_SYSTEM,
  parseRelativeReference,
  permissionsOf,
  POLICY,
  RESOURCE_TYPES,
  ROLES,
  roleHas,
  STORED_RESOURCE_TYPES,
  type DataCategory,
  type Permission,
  type ResourceTypeInfo,
  type Role,
  type StoredResourceType,
} from '@passage/core';
import { randomUUID } from 'node:crypto';
import { systemContext } from './access-context.ts';
import { mergePatients } from '../identity/merge.ts';
import { unmerge } from '../identity/unmerge.ts';
import { currentTotp } from '../auth/totp.ts';
import { TEST_ORGS, testPatient } from '../testing/fixtures.ts';
import {
  createRoleUsers,
  createTestApp,
  ROLE_SITE,
  TEST_PASSWORD,
  type TestApp,
} from '../testing/test-app.ts';
import { servedRoutes as servedRoutesOf } from '../testing/served-routes.ts';

// ---------------------------------------------------------------------------------------------
// Who asks: the ten roles at their test sites, the care roles again at site B, and nobody.

interface Principal {
  readonly name: string;
  readonly role: Role;
  readonly site: string;
}
/** `null` is a request without a session. */
type Who = Principal | null;

const SITE_A = 'site-a';
const SITE_B = 'site-b';
const PRINCIPALS: readonly Principal[] = [
  ...ROLES.map((role) => ({ name: role, role, site: ROLE_SITE[role] })),
  ...ROLES.filter((role) => POLICY[role].care).map((role) => ({ name: `${role}-b`, role, site: SITE_B })),
];
const EVERYONE: readonly Who[] = [...PRINCIPALS, null];
const nameOf = (who: Who): string => who?.name ?? 'anonymous';

// ---------------------------------------------------------------------------------------------
// The policy, read from the policy table and the organisation tree.

const READ: Record<DataCategory, Permission> = {
  demographic: 'demographics.read',
  clinical: 'clinical.read',
  reference: 'reference.read',
  audit: 'audit.read',
};
const WRITE: Record<DataCategory, Permission | undefined> = {
  demographic: 'demographics.write',
  clinical: 'clinical.write',
  reference: 'reference.write',
  audit: undefined,
};

const PARENT = new Map(
  TEST_ORGS.map((o) => [o.id ?? '', parseRelativeReference(o.partOf?.reference ?? '')?.id]),
);
const ORG_NAME = new Map(TEST_ORGS.map((o) => [o.id ?? '', o.name ?? '']));

/** Whether `org` is `ancestor` or lies below it. */
function within(org: string, ancestor: string): boolean {
  for (let o: string | undefined = org; o; o = PARENT.get(o)) if (o === ancestor) return true;
  return false;
}
const holds = (p: Principal, permission: Permission): boolean => roleHas(p.role, permission);
const reaches = (p: Principal, permission: Permission, org: string): boolean =>
  holds(p, permission) && within(org, p.site);
const isPersonal = (type: StoredResourceType): boolean =>
  RESOURCE_TYPES[type].category === 'demographic' || RESOURCE_TYPES[type].category === 'clinical';

/** Registration site of every Patient this file creates. */
const patientSite = new Map<string, string>();
/** The Patient the `person` user is linked to. */
let ownPatientId = '';
const ownPatient = (p: Principal): string | null => (p.role === 'person' ? ownPatientId : null);

/** The status a read of one resource must get: 200, 404 (not there or not visible) or 403. */
function readOutcome(
  p: Principal,
  type: StoredResourceType,
  patientId: string | null,
  exists: boolean,
): 200 | 403 | 404 {
  const category = RESOURCE_TYPES[type].category;
  const permission = READ[category];
  if (holds(p, permission)) {
    if (!isPersonal(type)) return exists ? 200 : 404;
    const site = patientId ? patientSite.get(patientId) : undefined;
    return exists && site !== undefined && reaches(p, permission, site) ? 200 : 404;
  }
  if (isPersonal(type) && holds(p, 'own-record.read')) {
    return exists && patientId !== null && patientId === ownPatient(p) ? 200 : 404;
  }
  return 403;
}

/** The status a create or update of a resource of one person must get. */
function writeOutcome(
  p: Principal,
  type: StoredResourceType,
  site: string | null,
  success: 200 | 201 | 204,
): 200 | 201 | 204 | 403 | 404 | 405 | 422 {
  if (!isWritableResourceType(type)) return 405;
  const permission = WRITE[RESOURCE_TYPES[type].category];
  if (!permission || !holds(p, permission)) return 403;
  if (site === null) return success;
  // A person is registered where the user holds the role (403 elsewhere); records of people the user
  // cannot see are not there for them (404), and a new record for such a person is refused exactly
  // as for someone who does not exist (422), so nothing confirms that they are known elsewhere.
  if (reaches(p, permission, site)) return success;
  if (type === 'Patient') return success === 201 ? 403 : 404;
  return success === 201 ? 422 : 404;
}

/** The Patient a resource belongs to, by the element RESOURCE_TYPES names. */
function patientOf(resource: Resource): string | null {
  if (resource.resourceType === 'Patient') return resource.id ?? null;
  if (!isStoredResourceType(resource.resourceType)) return null;
  const info: ResourceTypeInfo = RESOURCE_TYPES[resource.resourceType];
  if (!info.patientElement) return null;
  const raw = (resource as unknown as Record<string, unknown>)[info.patientElement];
  for (const r of Array.isArray(raw) ? raw : [raw]) {
    const ref = (r as { reference?: unknown } | undefined)?.reference;
    const parsed = typeof ref === 'string' ? parseRelativeReference(ref) : undefined;
    if (parsed?.type === 'Patient') return parsed.id;
    // A Provenance belongs to the person its targets belong to.
    const owner = parsed ? extractedFor.get(`${parsed.type}/${parsed.id}`) : undefined;
    if (owner) return owner;
  }
  return null;
}

/** Resources written by completed assessments in these tests, by `Type/id`, to the person's id. */
const extractedFor = new Map<string, string>();

function canSee(p: Principal, resource: Resource): boolean {
  if (!isStoredResourceType(resource.resourceType)) return false;
  return readOutcome(p, resource.resourceType, patientOf(resource), true) === 200;
}

/**
 * On the embedded database (one connection), a write of personal data refused by the role check
 * never answers: FhirRepository.scopeFor records the refusal through `this.db` while writeAll's
 * transaction holds the only connection, and every later request queues behind it. Those cases run
 * on PostgreSQL only until the audit write no longer waits for the open transaction.
 */
// ---------------------------------------------------------------------------------------------
// The app, its users and the data.

let ta: TestApp;
const tokens = new Map<string, string>();
const userIds = new Map<string, string>();

interface Fixture {
  readonly key: string;
  readonly type: StoredResourceType;
  readonly id: string;
  readonly patient: string | null;
  /** Text only this resource holds, to find it in any answer. */
  readonly marker: string | null;
}
const fixtures = new Map<string, Fixture>();
const fx = (key: string): Fixture => {
  const f = fixtures.get(key);
  if (!f) throw new Error(`no fixture ${key}`);
  return f;
};
const personalFixtures = (): Fixture[] => [...fixtures.values()].filter((f) => isPersonal(f.type));
let auditEventId = '';
let targetUserId = '';

function headersOf(who: Who): Record<string, string> {
  if (!who) return {};
  const token = tokens.get(who.name);
  if (!token) throw new Error(`no token for ${who.name}`);
  return { authorization: `Bearer ${token}` };
}

interface Req {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly payload?: InjectOptions['payload'];
}

async function send(who: Who, req: Req, token?: string): Promise<LightMyRequestResponse> {
  return ta.app.inject({
    method: req.method,
    url: req.url,
    headers: token ? { authorization: `Bearer ${token}` } : headersOf(who),
    ...(req.payload !== undefined ? { payload: req.payload } : {}),
  });
}

const describeReq = (who: Who, req: Req): string => `${nameOf(who)} ${req.method} ${req.url}`;

/** Checks the status, with the request and the answer in the message; FHIR errors are OperationOutcomes. */
function expectStatus(
  who: Who,
  req: Req,
  res: LightMyRequestResponse,
  expected: number | readonly number[],
): void {
  const allowed = typeof expected === 'number' ? [expected] : expected;
  const what = `${describeReq(who, req)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  expect.soft(allowed.includes(res.statusCode), `${what} (expected ${allowed.join(' or ')})`).toBe(true);
  if (req.url.startsWith('/fhir') && res.statusCode >= 400) {
    expect.soft((res.json() as { resourceType?: string }).resourceType, what).toBe('OperationOutcome');
  }
}

// Every refused attempt at personal data, with how many failure AuditEvents it left.
interface AuditProbe {
  readonly kind: 'read' | 'write';
  readonly request: string;
  readonly expected: number;
  readonly added: number;
}
const auditProbes: AuditProbe[] = [];

async function failures(username: string): Promise<number> {
  const row = await ta.t.db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('username', '=', username)
    .where('outcome', '=', 'failure')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Sends a request; when `refusals` of its parts are refusals of personal data, counts their audit events. */
async function audited(
  who: Who,
  req: Req,
  kind: AuditProbe['kind'],
  refusals: number,
): Promise<LightMyRequestResponse> {
  if (!who || refusals === 0) return send(who, req);
  const before = await failures(who.name);
  const res = await send(who, req);
  auditProbes.push({
    kind,
    request: `${describeReq(who, req)} → ${res.statusCode}`,
    expected: refusals,
    added: (await failures(who.name)) - before,
  });
  return res;
}
const refused = (status: number): boolean => status === 403 || status === 404 || status === 422;

const entriesOf = (res: LightMyRequestResponse): BundleEntry[] => (res.json() as Bundle).entry ?? [];

/** No resource in a bundle that the policy hides from the principal. */
function expectOnlyVisible(who: Principal, req: Req, res: LightMyRequestResponse): Resource[] {
  const resources = entriesOf(res).flatMap((e) => (e.resource ? [e.resource] : []));
  const hidden = resources.filter((r) => !canSee(who, r)).map((r) => `${r.resourceType}/${r.id}`);
  expect.soft(hidden, `${describeReq(who, req)} returned resources outside the policy`).toEqual([]);
  return resources;
}

const observation = (patientId: string, text: string): Record<string, unknown> => ({
  resourceType: 'Observation',
  status: 'final',
  code: { text },
  subject: { reference: `Patient/${patientId}` },
});

async function systemCreate(resource: Resource): Promise<Resource> {
  return ta.services.repo.create(systemContext(), resource);
}

async function storedVersion(type: StoredResourceType, id: string): Promise<Resource | undefined> {
  const row = await ta.t.db
    .selectFrom('fhir_resource')
    .select(['content', 'deleted'])
    .where('type', '=', type)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && !row.deleted ? (row.content as Resource) : undefined;
}

async function createAs(who: string, resource: object): Promise<Resource> {
  const res = await ta.app.inject({
    method: 'POST',
    url: `/fhir/${String((resource as { resourceType?: unknown }).resourceType)}`,
    headers: { authorization: `Bearer ${tokens.get(who) ?? ''}` },
    payload: resource,
  });
  if (res.statusCode !== 201) throw new Error(`${who} could not create: ${res.statusCode} ${res.body}`);
  return res.json() as Resource;
}

function remember(key: string, resource: Resource, marker: string | null): Fixture {
  if (!isStoredResourceType(resource.resourceType) || !resource.id) throw new Error(`bad fixture ${key}`);
  const f: Fixture = {
    key,
    type: resource.resourceType,
    id: resource.id,
    patient: patientOf(resource),
    marker,
  };
  fixtures.set(key, f);
  return f;
}

beforeAll(async () => {
  ta = await createTestApp();
  // Reference data and the person's own record are written by the system; clinical data by clinicians.
  const practitioner = await systemCreate({
    resourceType: 'Practitioner',
    name: [{ family: 'Okafor', given: ['Ada'] }],
  });
  remember('Practitioner', practitioner, null);
  const location = await systemCreate({ resourceType: 'Location', name: 'Site A clinic room 1' });
  remember('Location', location, null);
  const siteA = await storedVersion('Organization', SITE_A);
  if (!siteA) throw new Error('no site-a');
  remember('Organization', siteA, null);

  const pa = await systemCreate({
    ...testPatient(SITE_A, 'Haddad-A', 'Mohammed'),
    generalPractitioner: [{ reference: `Practitioner/${practitioner.id}` }],
  });
  patientSite.set(pa.id ?? '', SITE_A);
  ownPatientId = pa.id ?? '';
  remember('Patient A', pa, 'Haddad-A');

  await createRoleUsers(ta, ownPatientId);
  await ta.services.users.create(null, {
    username: 'target-user',
    displayName: 'Target of admin actions',
    password: TEST_PASSWORD,
    roles: [{ role: 'nurse', organizationId: SITE_A }],
  });
  for (const p of PRINCIPALS) tokens.set(p.name, await ta.login(p.name));
  const users = await ta.t.db.selectFrom('app_user').select(['id', 'username']).execute();
  for (const u of users) userIds.set(u.username, u.id);
  targetUserId = userIds.get('target-user') ?? '';

  const subject = { reference: `Patient/${ownPatientId}` };
  const pr = { reference: `Practitioner/${practitioner.id}` };
  remember(
    'Observation A',
    await createAs('clinician', {
      ...observation(ownPatientId, 'Body weight A'),
      performer: [pr, { reference: `Organization/${SITE_A}` }],
      valueQuantity: { value: 71.5, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
    }),
    'Body weight A',
  );
  remember(
    'Condition A',
    await createAs('clinician', {
      resourceType: 'Condition',
      subject,
      asserter: pr,
      code: {
        coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'B20', display: 'HIV disease' }],
        text: 'Condition marker A',
      },
    }),
    'Condition marker A',
  );
  remember(
    'Encounter A',
    await createAs('clinician', {
      resourceType: 'Encounter',
      status: 'finished',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
      subject,
      serviceProvider: { reference: `Organization/${SITE_A}` },
      location: [{ location: { reference: `Location/${location.id}` } }],
      reasonCode: [{ text: 'Encounter marker A' }],
    }),
    'Encounter marker A',
  );
  remember(
    'Immunization A',
    await createAs('clinician', {
      resourceType: 'Immunization',
      status: 'completed',
      vaccineCode: { text: 'Immunization marker A' },
      patient: subject,
      occurrenceDateTime: '2024-03-01',
      performer: [{ actor: pr }],
    }),
    'Immunization marker A',
  );
  remember(
    'AllergyIntolerance A',
    await createAs('clinician', {
      resourceType: 'AllergyIntolerance',
      clinicalStatus: {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' },
        ],
      },
      patient: subject,
      recorder: pr,
      code: { text: 'Allergy marker A' },
    }),
    'Allergy marker A',
  );

  const pb = await createAs('clinician-b', {
    ...testPatient(SITE_B, 'Diallo-B', 'Awa'),
    gender: 'female',
    generalPractitioner: [pr],
  });
  patientSite.set(pb.id ?? '', SITE_B);
  remember('Patient B', pb, 'Diallo-B');
  remember(
    'Observation B',
    await createAs('clinician-b', {
      ...observation(pb.id ?? '', 'Body weight B'),
      performer: [pr, { reference: `Organization/${SITE_B}` }],
    }),
    'Body weight B',
  );

  const audit = await ta.t.db.selectFrom('audit_event').select('id').limit(1).executeTakeFirstOrThrow();
  auditEventId = audit.id;
});
afterAll(() => ta?.close());

// ---------------------------------------------------------------------------------------------
// The routes Fastify serves.

const servedRoutes = (): string[] => servedRoutesOf(ta.app);

const isDocsOrRoot = (key: string): boolean => / (\/|\/api\/docs.*)$/.test(key);

// ---------------------------------------------------------------------------------------------
// The targets of reads: every fixture, a missing id of every stored type, an unknown type.

interface ReadTarget {
  readonly label: string;
  readonly type: string;
  readonly id: string;
  readonly patient: string | null;
  readonly exists: boolean;
}

/** The smallest assessment that may be completed: the visit's type and the person's consent. */
function minimalAssessment(patientId: string): Record<string, unknown> {
  const coding = (code: string) => [{ valueCoding: { system: PASSAGE_CODE_SYSTEM, code } }];
  return {
    resourceType: 'QuestionnaireResponse',
    status: 'completed',
    questionnaire: `${HEALTH_ASSESSMENT_URL}|${HEALTH_ASSESSMENT_VERSION}`,
    subject: { reference: `Patient/${patientId}` },
    item: [
      {
        linkId: 'encounter',
        item: [
          { linkId: 'encounter-type', answer: coding('arrival-assessment') },
          { linkId: 'consent', answer: [{ valueBoolean: true }] },
        ],
      },
      { linkId: 'pregnancy', item: [{ linkId: 'pregnant', answer: coding('no') }] },
    ],
  };
}

function readTargets(): ReadTarget[] {
  return [
    ...[...fixtures.values()].map((f) => ({
      label: f.key,
      type: f.type,
      id: f.id,
      patient: f.patient,
      exists: true,
    })),
    { label: 'an audit event', type: 'AuditEvent', id: auditEventId, patient: null, exists: true },
    ...STORED_RESOURCE_TYPES.map((type) => ({
      label: `a missing ${type}`,
      type,
      id: `missing-${type.toLowerCase()}`,
      patient: null,
      exists: false,
    })),
    { label: 'an unknown type', type: 'Nonsense', id: 'x1', patient: null, exists: false },
  ];
}

/** Expected status of GET /fhir/:type/:id (and, with `history`, of its history and versions). */
function expectRead(who: Who, t: ReadTarget, history = false): number {
  if (!who) return 401;
  if (!isStoredResourceType(t.type)) return 404;
  // AuditEvents live in the audit table, not the resource store: they are not versioned (405 for
  // those who may read them, the same refusal as a read for everyone else).
  const outcome = readOutcome(who, t.type, t.patient, t.exists);
  return history && t.type === 'AuditEvent' && outcome !== 403 ? 405 : outcome;
}

async function checkRead(
  who: Who,
  t: ReadTarget,
  req: Req,
  expected: number,
): Promise<LightMyRequestResponse> {
  const personal = isStoredResourceType(t.type) && isPersonal(t.type);
  const res = await audited(who, req, 'read', personal && refused(expected) ? 1 : 0);
  expectStatus(who, req, res, expected);
  return res;
}

// ---------------------------------------------------------------------------------------------
// Searches, including _include/_revinclude, and which fixtures each may bring.

interface SearchProbe {
  readonly url: string;
  /** Fixtures the search returns (as match or include) to whoever may see them. */
  readonly brings: readonly string[];
}

function searchProbes(): SearchProbe[] {
  const all = [...fixtures.values()];
  const ofType = (type: StoredResourceType) => all.filter((f) => f.type === type).map((f) => f.key);
  const ids = (keys: readonly string[]) => keys.map((k) => fx(k).id).join(',');
  return [
    ...STORED_RESOURCE_TYPES.map((type) => ({ url: `/fhir/${type}?_count=1000`, brings: ofType(type) })),
    {
      url: `/fhir/Patient?_id=${ids(['Patient A', 'Patient B'])}&_total=accurate`,
      brings: ['Patient A', 'Patient B'],
    },
    { url: '/fhir/Patient?_summary=count', brings: [] },
    {
      url: '/fhir/Organization?_revinclude=Patient:organization',
      brings: ['Organization', 'Patient A', 'Patient B'],
    },
    {
      url: '/fhir/Organization?_revinclude=Observation:performer',
      brings: ['Organization', 'Observation A', 'Observation B'],
    },
    {
      url: '/fhir/Organization?_revinclude=Encounter:service-provider',
      brings: ['Organization', 'Encounter A'],
    },
    {
      url: '/fhir/Practitioner?_revinclude=Patient:general-practitioner&_revinclude=Condition:asserter&_revinclude=Immunization:performer&_revinclude=AllergyIntolerance:recorder',
      brings: [
        'Practitioner',
        'Patient A',
        'Patient B',
        'Condition A',
        'Immunization A',
        'AllergyIntolerance A',
      ],
    },
    { url: '/fhir/Location?_revinclude=Encounter:location', brings: ['Location', 'Encounter A'] },
    {
      url: '/fhir/Patient?_revinclude=Observation:subject&_revinclude=Condition:subject&_revinclude=Encounter:subject&_include=Patient:general-practitioner&_include=Patient:organization',
      // Organization is site A's, which only Patient A names.
      brings: [
        'Patient A',
        'Patient B',
        'Observation A',
        'Observation B',
        'Condition A',
        'Encounter A',
        'Practitioner',
      ],
    },
    {
      url: '/fhir/Observation?_include=Observation:subject&_include=Observation:performer',
      brings: ['Observation A', 'Observation B', 'Patient A', 'Patient B', 'Practitioner'],
    },
    { url: `/fhir/Observation?subject=Patient/${fx('Patient B').id}`, brings: ['Observation B'] },
    { url: '/fhir/Condition?code=B20&_include=Condition:subject', brings: ['Condition A', 'Patient A'] },
  ];
}

function expectSearch(who: Who, url: string): number {
  if (!who) return 401;
  const type = /^\/fhir\/([A-Za-z]+)/.exec(url)?.[1] ?? '';
  if (!isStoredResourceType(type)) return 404;
  const category = RESOURCE_TYPES[type].category;
  if (holds(who, READ[category])) return 200;
  return isPersonal(type) && holds(who, 'own-record.read') ? 200 : 403;
}

// ---------------------------------------------------------------------------------------------
// The matrix: one test per route and method, in an order where reads come before writes and
// sign-out, password and second-factor changes come last.

const ROUTE_TESTS: [route: string, run: () => Promise<void>][] = [
  [
    'GET /healthz',
    async () => {
      for (const who of EVERYONE) {
        const req: Req = { method: 'GET', url: '/healthz' };
        expectStatus(who, req, await send(who, req), 200);
      }
    },
  ],
  [
    'GET /readyz',
    async () => {
      for (const who of EVERYONE) {
        const req: Req = { method: 'GET', url: '/readyz' };
        expectStatus(who, req, await send(who, req), 200);
      }
    },
  ],
  [
    'GET /fhir/metadata',
    async () => {
      for (const who of EVERYONE) {
        const req: Req = { method: 'GET', url: '/fhir/metadata' };
        const res = await send(who, req);
        expectStatus(who, req, res, 200);
        expect.soft((res.json() as { resourceType: string }).resourceType).toBe('CapabilityStatement');
      }
      const docs = await send(null, { method: 'GET', url: '/api/docs/json' });
      expect.soft(docs.statusCode, 'the OpenAPI document is public').toBe(200);
    },
  ],
  [
    'GET /api/auth/me',
    async () => {
      for (const who of EVERYONE) {
        const req: Req = { method: 'GET', url: '/api/auth/me' };
        const res = await send(who, req);
        expectStatus(who, req, res, who ? 200 : 401);
        if (who && res.statusCode === 200) {
          expect.soft(res.json(), describeReq(who, req)).toMatchObject({
            username: who.name,
            permissions: permissionsOf([{ role: who.role, organizationId: who.site }]),
          });
        }
      }
    },
  ],
  [
    'GET /api/indicators/summary',
    async () => {
      for (const who of EVERYONE) {
        const req: Req = { method: 'GET', url: '/api/indicators/summary' };
        const res = await send(who, req);
        const expected = !who ? 401 : holds(who, 'aggregates.read') ? 200 : 403;
        expectStatus(who, req, res, expected);
        if (who && res.statusCode === 200) {
          const rows = (res.json() as { rows: { site: string; count: number | null }[] }).rows;
          const visible = [...ORG_NAME]
            .filter(([id]) => reaches(who, 'aggregates.read', id))
            .map(([, n]) => n);
          const outside = rows.filter((r) => !visible.includes(r.site)).map((r) => r.site);
          expect.soft(outside, `${describeReq(who, req)} counts people of other sites`).toEqual([]);
          expect
            .soft(
              rows.every((r) => r.count === null || r.count >= 5),
              'small cells are suppressed',
            )
            .toBe(true);
          expect.soft(res.body).not.toContain(ownPatientId);
        }
      }
    },
  ],
  ...(['roles', 'organizations', 'users', 'audit'] as const).map((path): [string, () => Promise<void>] => [
    `GET /api/admin/${path}`,
    async () => {
      const permission: Permission = path === 'audit' ? 'audit.read' : 'users.manage';
      for (const who of EVERYONE) {
        const req: Req = { method: 'GET', url: `/api/admin/${path}` };
        const res = await send(who, req);
        expectStatus(who, req, res, !who ? 401 : holds(who, permission) ? 200 : 403);
        if (who && res.statusCode === 200 && path === 'users') {
          expect
            .soft(res.body, 'the user list does not link users to their health record')
            .not.toContain(ownPatientId);
        }
      }
    },
  ]),
  [
    'POST /api/admin/audit/verify',
    async () => {
      for (const who of EVERYONE) {
        const req: Req = { method: 'POST', url: '/api/admin/audit/verify' };
        expectStatus(who, req, await send(who, req), !who ? 401 : holds(who, 'audit.read') ? 200 : 403);
      }
    },
  ],
  [
    'POST /api/admin/users',
    async () => {
      for (const who of EVERYONE) {
        const username = `made-by-${nameOf(who)}`;
        const req: Req = {
          method: 'POST',
          url: '/api/admin/users',
          payload: {
            username,
            displayName: username,
            password: 'a-long-new-password-9',
            roles: [{ role: 'clinician', organizationId: SITE_A }],
          },
        };
        const expected = !who ? 401 : holds(who, 'users.manage') ? 201 : 403;
        expectStatus(who, req, await send(who, req), expected);
        const made = await ta.t.db
          .selectFrom('app_user')
          .select('id')
          .where('username', '=', username)
          .execute();
        expect.soft(made.length, `${describeReq(who, req)} created a user`).toBe(expected === 201 ? 1 : 0);
      }
    },
  ],
  [
    'PATCH /api/admin/users/:id',
    async () => {
      for (const who of EVERYONE) {
        const displayName = `renamed by ${nameOf(who)}`;
        const req: Req = {
          method: 'PATCH',
          url: `/api/admin/users/${targetUserId}`,
          payload: { displayName },
        };
        const expected = !who ? 401 : holds(who, 'users.manage') ? 200 : 403;
        expectStatus(who, req, await send(who, req), expected);
        const row = await ta.t.db
          .selectFrom('app_user')
          .select('display_name')
          .where('id', '=', targetUserId)
          .executeTakeFirstOrThrow();
        if (expected !== 200) expect.soft(row.display_name, describeReq(who, req)).not.toBe(displayName);
      }
    },
  ],
  [
    'POST /api/admin/users/:id/reset-password',
    async () => {
      for (const who of EVERYONE) {
        const req: Req = {
          method: 'POST',
          url: `/api/admin/users/${targetUserId}/reset-password`,
          payload: { password: 'another-long-pass-7' },
        };
        expectStatus(who, req, await send(who, req), !who ? 401 : holds(who, 'users.manage') ? 204 : 403);
      }
    },
  ],
  [
    'POST /api/admin/users/:id/reset-totp',
    async () => {
      for (const who of EVERYONE) {
        const req: Req = { method: 'POST', url: `/api/admin/users/${targetUserId}/reset-totp` };
        expectStatus(who, req, await send(who, req), !who ? 401 : holds(who, 'users.manage') ? 200 : 403);
      }
    },
  ],
  [
    'GET /fhir/Patient/:id/$everything',
    async () => {
      const patients = [...fixtures.values()].filter((f) => f.type === 'Patient');
      for (const f of [...patients, { key: 'missing', id: 'missing-patient', patient: null } as const]) {
        for (const who of EVERYONE) {
          const req: Req = { method: 'GET', url: `/fhir/Patient/${f.id}/$everything` };
          const expected = !who ? 401 : readOutcome(who, 'Patient', f.patient, f.patient !== null);
          const res = await send(who, req);
          expectStatus(who, req, res, expected);
          if (who && res.statusCode === 200) {
            const entries = (res.json() as Bundle).entry ?? [];
            const others = entries.filter((e) => e.resource && patientOf(e.resource) !== f.id);
            expect.soft(others.length, `${describeReq(who, req)} brings someone else's data`).toBe(0);
            if (!holds(who, 'clinical.read') && !holds(who, 'own-record.read')) {
              expect.soft(entries.length, `${describeReq(who, req)} brings clinical data`).toBe(1);
            }
          }
        }
      }
    },
  ],
  [
    'POST /fhir/Patient/$match',
    async () => {
      const target = [...fixtures.values()].find(
        (f) => f.type === 'Patient' && patientSite.get(f.id) === SITE_A,
      );
      if (!target) throw new Error('no site A patient');
      const stored = (await ta.services.repo.read(systemContext(), 'Patient', target.id)) as Patient;
      const payload = {
        resourceType: 'Parameters',
        parameter: [
          {
            name: 'resource',
            resource: {
              resourceType: 'Patient',
              name: stored.name,
              birthDate: stored.birthDate,
              gender: stored.gender,
            },
          },
        ],
      };
      for (const who of EVERYONE) {
        const req: Req = { method: 'POST', url: '/fhir/Patient/$match', payload };
        const res = await send(who, req);
        const expected = !who
          ? 401
          : holds(who, 'demographics.read') || holds(who, 'own-record.read')
            ? 200
            : 403;
        expectStatus(who, req, res, expected);
        if (who && res.statusCode === 200) {
          const found = ((res.json() as Bundle).entry ?? []).map((e) => e.resource?.id ?? '');
          const outside = found.filter((id) => {
            const site = patientSite.get(id);
            return who.role === 'person'
              ? id !== ownPatientId
              : !site || !reaches(who, 'demographics.read', site);
          });
          expect.soft(outside, `${describeReq(who, req)} finds people it may not see`).toEqual([]);
          if (reaches(who, 'demographics.read', SITE_A))
            expect.soft(found, describeReq(who, req)).toContain(target.id);
        }
      }
    },
  ],
  ...(
    [
      ['POST /fhir/QuestionnaireResponse/$extract', 200],
      ['POST /api/assessments', 201],
    ] as const
  ).map(([key, success]): [string, () => Promise<void>] => [
    key,
    async () => {
      const patients = [...fixtures.values()].filter((f) => f.type === 'Patient');
      for (const f of patients) {
        const site = patientSite.get(f.id) ?? '';
        const response = minimalAssessment(f.id);
        for (const who of EVERYONE) {
          const url = key.split(' ')[1] as string;
          const req: Req = { method: 'POST', url, payload: url.startsWith('/api') ? { response } : response };
          const expected = !who
            ? 401
            : !holds(who, 'clinical.write')
              ? 403
              : reaches(who, 'clinical.write', site)
                ? success
                : 404;
          const res = await send(who, req);
          expectStatus(who, req, res, expected);
          if (res.statusCode === 201) {
            const body = res.json() as { responseId: string; created: string[] };
            for (const ref of [...body.created, `QuestionnaireResponse/${body.responseId}`])
              extractedFor.set(ref, f.id);
          }
        }
      }
    },
  ]),
  [
    'GET /api/people/:patientId/recommendations',
    async () => {
      const patients = [...fixtures.values()].filter((f) => f.type === 'Patient');
      for (const f of patients) {
        const site = patientSite.get(f.id) ?? '';
        for (const who of EVERYONE) {
          const req: Req = { method: 'GET', url: `/api/people/${f.id}/recommendations` };
          const expected = !who
            ? 401
            : holds(who, 'clinical.read')
              ? reaches(who, 'clinical.read', site)
                ? 200
                : 404
              : holds(who, 'own-record.read')
                ? f.id === ownPatientId
                  ? 200
                  : 404
                : 403;
          expectStatus(who, req, await send(who, req), expected);
        }
      }
    },
  ],
  [
    'GET /fhir/:type/:id',
    async () => {
      for (const t of readTargets()) {
        for (const who of EVERYONE) {
          const req: Req = { method: 'GET', url: `/fhir/${t.type}/${t.id}` };
          const expected = expectRead(who, t);
          const res = await checkRead(who, t, req, expected);
          if (res.statusCode === 200)
            expect.soft(res.json(), describeReq(who, req)).toMatchObject({ id: t.id });
        }
      }
    },
  ],
  [
    'GET /fhir/:type/:id/_history',
    async () => {
      for (const t of readTargets()) {
        for (const who of EVERYONE) {
          const req: Req = { method: 'GET', url: `/fhir/${t.type}/${t.id}/_history` };
          const res = await checkRead(who, t, req, expectRead(who, t, true));
          if (res.statusCode === 200) {
            const urls = entriesOf(res).map((e) => e.fullUrl ?? '');
            expect.soft(urls.length, describeReq(who, req)).toBeGreaterThan(0);
            expect
              .soft(
                urls.every((u) => u.endsWith(`/${t.type}/${t.id}`)),
                describeReq(who, req),
              )
              .toBe(true);
          }
        }
      }
    },
  ],
  [
    'GET /fhir/:type/:id/_history/:vid',
    async () => {
      for (const t of readTargets()) {
        for (const who of EVERYONE) {
          const req: Req = { method: 'GET', url: `/fhir/${t.type}/${t.id}/_history/1` };
          const res = await checkRead(who, t, req, expectRead(who, t, true));
          if (res.statusCode === 200)
            expect.soft(res.json(), describeReq(who, req)).toMatchObject({ id: t.id });
        }
      }
      // A version that does not exist: 404 for those who may read the record, the same refusal otherwise.
      const obs = fx('Observation A');
      for (const who of EVERYONE) {
        const req: Req = { method: 'GET', url: `/fhir/Observation/${obs.id}/_history/99` };
        const asRead = expectRead(who, { ...obs, label: obs.key, exists: true }, true);
        expectStatus(who, req, await send(who, req), asRead === 200 ? 404 : asRead);
      }
    },
  ],
  [
    'GET /fhir/:type',
    async () => {
      for (const probe of searchProbes()) {
        for (const who of EVERYONE) {
          const req: Req = { method: 'GET', url: probe.url };
          const expected = expectSearch(who, probe.url);
          const type = /^\/fhir\/([A-Za-z]+)/.exec(probe.url)?.[1] ?? '';
          const personal = isStoredResourceType(type) && isPersonal(type);
          const res = await audited(who, req, 'read', personal && refused(expected) ? 1 : 0);
          expectStatus(who, req, res, expected);
          if (!who || res.statusCode !== 200) continue;
          const found = new Set(expectOnlyVisible(who, req, res).map((r) => `${r.resourceType}/${r.id}`));
          const should = probe.brings
            .map(fx)
            .filter((f) => readOutcome(who, f.type, f.patient, true) === 200);
          const missing = should.filter((f) => !found.has(`${f.type}/${f.id}`)).map((f) => f.key);
          expect.soft(missing, `${describeReq(who, req)} misses what the policy lets them see`).toEqual([]);
          if (probe.url.includes('_total=accurate')) {
            expect.soft((res.json() as Bundle).total, describeReq(who, req)).toBe(should.length);
          }
        }
      }
    },
  ],
  [
    'POST /fhir',
    async () => {
      await bundleMatrix('/fhir');
    },
  ],
  [
    'POST /fhir/',
    async () => {
      await bundleMatrix('/fhir/');
    },
  ],
  [
    'POST /fhir/:type',
    async () => {
      const pa = fx('Patient A');
      const cases: {
        label: string;
        type: string;
        body: (who: Who) => object;
        site: string | null;
      }[] = [
        {
          label: 'an Observation of a site-A person',
          type: 'Observation',
          body: (w) => observation(pa.id, `by ${nameOf(w)}`),
          site: SITE_A,
        },
        {
          label: 'a person at site A',
          type: 'Patient',
          body: (w) => testPatient(SITE_A, `Reg-A-${nameOf(w)}`),
          site: SITE_A,
        },
        {
          label: 'a person at site B',
          type: 'Patient',
          body: (w) => testPatient(SITE_B, `Reg-B-${nameOf(w)}`),
          site: SITE_B,
        },
        {
          label: 'a Practitioner',
          type: 'Practitioner',
          body: (w) => ({ resourceType: 'Practitioner', name: [{ family: `P-${nameOf(w)}` }] }),
          site: null,
        },
        {
          label: 'an AuditEvent',
          type: 'AuditEvent',
          body: () => ({ resourceType: 'AuditEvent' }),
          site: null,
        },
        {
          label: 'an unknown type',
          type: 'Nonsense',
          body: () => ({ resourceType: 'Nonsense' }),
          site: null,
        },
      ];
      for (const c of cases) {
        for (const who of EVERYONE) {
          const req: Req = { method: 'POST', url: `/fhir/${c.type}`, payload: c.body(who) };
          const expected = !who
            ? 401
            : isStoredResourceType(c.type)
              ? writeOutcome(who, c.type, c.site, 201)
              : 404;
          const personal = isStoredResourceType(c.type) && isPersonal(c.type);
          const res = await audited(who, req, 'write', personal && refused(expected) ? 1 : 0);
          expectStatus(who, req, res, expected);
          if (res.statusCode === 201 && c.type === 'Patient' && c.site) {
            patientSite.set((res.json() as Resource).id ?? '', c.site);
          }
        }
      }
    },
  ],
  [
    'PUT /fhir/:type/:id',
    async () => {
      const targets: { key: string; site: string | null }[] = [
        { key: 'Patient A', site: SITE_A },
        { key: 'Observation A', site: SITE_A },
        { key: 'Patient B', site: SITE_B },
        { key: 'Organization', site: null },
      ];
      for (const { key, site } of targets) {
        const f = fx(key);
        for (const who of EVERYONE) {
          const current = await storedVersion(f.type, f.id);
          const req: Req = { method: 'PUT', url: `/fhir/${f.type}/${f.id}`, payload: current };
          const expected = !who ? 401 : writeOutcome(who, f.type, site, 200);
          const res = await audited(who, req, 'write', isPersonal(f.type) && refused(expected) ? 1 : 0);
          expectStatus(who, req, res, expected);
        }
      }
      for (const who of EVERYONE) {
        const req: Req = {
          method: 'PUT',
          url: `/fhir/AuditEvent/${auditEventId}`,
          payload: { resourceType: 'AuditEvent', id: auditEventId },
        };
        expectStatus(who, req, await send(who, req), !who ? 401 : 405);
      }
    },
  ],
  [
    'DELETE /fhir/:type/:id',
    async () => {
      const pa = fx('Patient A');
      for (const who of EVERYONE) {
        // A fresh record per request, so that each principal's delete is judged on its own.
        const obs = await systemCreate(
          observation(pa.id, `disposable for ${nameOf(who)}`) as unknown as Resource,
        );
        const loc = await systemCreate({ resourceType: 'Location', name: `disposable for ${nameOf(who)}` });
        const cases: { type: StoredResourceType; id: string; site: string | null }[] = [
          { type: 'Observation', id: obs.id ?? '', site: SITE_A },
          { type: 'Location', id: loc.id ?? '', site: null },
        ];
        for (const c of cases) {
          const req: Req = { method: 'DELETE', url: `/fhir/${c.type}/${c.id}` };
          const expected = !who ? 401 : writeOutcome(who, c.type, c.site, 204);
          const res = await audited(who, req, 'write', isPersonal(c.type) && refused(expected) ? 1 : 0);
          expectStatus(who, req, res, expected);
          const still = await storedVersion(c.type, c.id);
          expect
            .soft(still !== undefined, `${describeReq(who, req)}: the record is still there`)
            .toBe(expected !== 204);
        }
        // AuditEvents are never written through the API.
        const req: Req = { method: 'DELETE', url: `/fhir/AuditEvent/${auditEventId}` };
        expectStatus(who, req, await send(who, req), !who ? 401 : [403, 405]);
      }
      const kept = await ta.t.db
        .selectFrom('audit_event')
        .select('id')
        .where('id', '=', auditEventId)
        .execute();
      expect(kept).toHaveLength(1);
    },
  ],
  // Identity writes many people: after the FHIR reads, whose searches page through everyone.
  ...identityRouteTests(),
  [
    'POST /api/auth/login',
    async () => {
      for (const who of EVERYONE) {
        const req: Req = {
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: who?.name ?? 'no-such-user', password: TEST_PASSWORD },
        };
        // Signing in is public; roles that require a second factor are refused without one.
        const expected = !who ? 401 : POLICY[who.role].totpRequired ? 401 : 200;
        const res = await send(null, req);
        expectStatus(who, req, res, expected);
        if (who && POLICY[who.role].totpRequired)
          expect.soft(res.json()).toMatchObject({ code: 'totp_required' });
      }
    },
  ],
  [
    'POST /api/auth/logout',
    async () => {
      for (const who of EVERYONE) {
        const req: Req = { method: 'POST', url: '/api/auth/logout' };
        if (!who) {
          expectStatus(who, req, await send(who, req), 401);
          continue;
        }
        // A session of its own, so the matrix's session survives.
        const { token } = await ta.services.sessions.create(userIds.get(who.name) ?? '');
        expectStatus(who, req, await send(who, req, token), 204);
        const after = await send(who, { method: 'GET', url: '/api/auth/me' }, token);
        expect.soft(after.statusCode, `${describeReq(who, req)}: the session still works`).toBe(401);
        const main = await send(who, { method: 'GET', url: '/api/auth/me' });
        expect.soft(main.statusCode, `${describeReq(who, req)} ended another session`).toBe(200);
      }
    },
  ],
  [
    'POST /api/auth/password',
    async () => {
      const other = `${TEST_PASSWORD}-2`;
      for (const who of EVERYONE) {
        const req: Req = {
          method: 'POST',
          url: '/api/auth/password',
          payload: { currentPassword: TEST_PASSWORD, newPassword: other },
        };
        expectStatus(who, req, await send(who, req), who ? 204 : 401);
        if (!who) continue;
        const back: Req = {
          method: 'POST',
          url: '/api/auth/password',
          payload: { currentPassword: other, newPassword: TEST_PASSWORD },
        };
        expectStatus(who, back, await send(who, back), 204);
      }
    },
  ],
  [
    'POST /api/auth/totp/setup',
    async () => {
      for (const who of EVERYONE) {
        const req: Req = { method: 'POST', url: '/api/auth/totp/setup' };
        // Roles that require a second factor have one already.
        expectStatus(who, req, await send(who, req), !who ? 401 : POLICY[who.role].totpRequired ? 409 : 200);
      }
    },
  ],
  [
    'POST /api/auth/totp/enable',
    async () => {
      for (const who of EVERYONE) {
        const setup = await send(who, { method: 'POST', url: '/api/auth/totp/setup' });
        const secret = setup.statusCode === 200 ? (setup.json() as { secret: string }).secret : null;
        const req: Req = {
          method: 'POST',
          url: '/api/auth/totp/enable',
          payload: { code: secret ? currentTotp(secret) : '123456' },
        };
        expectStatus(who, req, await send(who, req), !who ? 401 : POLICY[who.role].totpRequired ? 409 : 204);
      }
    },
  ],
];

/** Bundles: GET entries judged one by one, and a transaction that writes. */
async function bundleMatrix(url: '/fhir' | '/fhir/'): Promise<void> {
  const targets = readTargets().filter((t) => t.type !== 'AuditEvent' && t.type !== 'Nonsense');
  for (const type of ['batch', 'transaction'] as const) {
    for (const who of EVERYONE) {
      const req: Req = {
        method: 'POST',
        url,
        payload: {
          resourceType: 'Bundle',
          type,
          entry: targets.map((t) => ({ request: { method: 'GET', url: `${t.type}/${t.id}` } })),
        },
      };
      const expectedEntries = targets.map((t) => expectRead(who, t));
      const refusals = targets.filter(
        (t, i) => isStoredResourceType(t.type) && isPersonal(t.type) && refused(expectedEntries[i] ?? 0),
      ).length;
      const res = await audited(who, req, 'read', refusals);
      expectStatus(who, req, res, who ? 200 : 401);
      if (!who || res.statusCode !== 200) continue;
      const got = entriesOf(res).map((e) => Number.parseInt(e.response?.status ?? '', 10));
      const labels = targets.map((t) => t.label);
      expect
        .soft(
          Object.fromEntries(labels.map((l, i) => [l, got[i]])),
          `${describeReq(who, req)} (${type}): entry statuses`,
        )
        .toEqual(Object.fromEntries(labels.map((l, i) => [l, expectedEntries[i]])));
      expectOnlyVisible(who, req, res);
    }
  }
  const pa = fx('Patient A');
  for (const who of EVERYONE) {
    const req: Req = {
      method: 'POST',
      url,
      payload: {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          {
            resource: observation(pa.id, `bundled by ${nameOf(who)}`),
            request: { method: 'POST', url: 'Observation' },
          },
        ],
      },
    };
    // A create inside a transaction: refused like a create, answered 200 with the Bundle on success.
    const asCreate = !who ? 401 : writeOutcome(who, 'Observation', SITE_A, 201);
    const expected = asCreate === 201 ? 200 : asCreate;
    const res = await audited(who, req, 'write', refused(expected) ? 1 : 0);
    expectStatus(who, req, res, expected);
  }
}

// ---------------------------------------------------------------------------------------------
// Identity: the review queue, merges and scans. Reviewing and merging need demographics.write and
// clinical.write reaching both records' sites; the queue needs demographics.read; a scan needs
// demographics.write, and its progress is shown to those who may see everyone it counts.

const mayMerge = (p: Principal, sites: readonly string[]): boolean =>
  sites.every((site) => reaches(p, 'demographics.write', site) && reaches(p, 'clinical.write', site));
const mayTryMerging = (p: Principal): boolean => holds(p, 'demographics.write') && holds(p, 'clinical.write');

/**
 * A review or merge decision over people (survivor first): each must be visible (else 404) and
 * registered where the caller holds both write rights (else 403). A standing merge shows the
 * survivor at the duplicate's site too.
 */
function careOutcome(p: Principal, people: readonly { site: string; visibleAt: readonly string[] }[]) {
  for (const person of people) {
    if (!person.visibleAt.some((site) => reaches(p, 'demographics.read', site))) return 404;
    if (!mayMerge(p, [person.site])) return 403;
  }
  return 'ok';
}
const separate = (sites: readonly [string, string]) => sites.map((site) => ({ site, visibleAt: [site] }));

/** Two fresh people, registered by the system, with their sites remembered for the policy. */
async function freshPair(sites: readonly [string, string], family: string): Promise<[string, string]> {
  const ids: string[] = [];
  for (const [i, site] of sites.entries()) {
    const p = await systemCreate(testPatient(site, `${family}-${i}`, 'Twin'));
    patientSite.set(p.id ?? '', site);
    ids.push(p.id ?? '');
  }
  return ids as [string, string];
}

async function queuePair(a: string, b: string): Promise<string> {
  const [x, y] = [a, b].sort() as [string, string];
  // Matching on write may have queued the pair already: the test's own row replaces it.
  await ta.services.registrations.idle();
  await ta.t.db.deleteFrom('identity_candidate').where('a_id', '=', x).where('b_id', '=', y).execute();
  const id = randomUUID();
  await ta.t.db
    .insertInto('identity_candidate')
    .values({
      id,
      a_id: x,
      b_id: y,
      score: 0.8,
      grade: 'probable',
      fields: JSON.stringify([]),
      found_at: new Date(),
      found_by: 'test',
    })
    .execute();
  return id;
}

async function scanEnded(scanId: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const row = await ta.t.db
      .selectFrom('identity_scan')
      .select('status')
      .where('id', '=', scanId)
      .executeTakeFirst();
    if (row?.status !== 'running') return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`scan ${scanId} did not end`);
}

let clinicianScanId = '';
const SITE_PAIRS: readonly (readonly [string, string])[] = [
  [SITE_A, SITE_A],
  [SITE_B, SITE_B],
  [SITE_A, SITE_B],
];

function identityRouteTests(): [string, () => Promise<void>][] {
  return [
    [
      'GET /api/identity/candidates',
      async () => {
        const pairs = [];
        for (const sites of SITE_PAIRS) pairs.push(await freshPair(sites, 'Queued'));
        for (const [a, b] of pairs) await queuePair(a, b);
        for (const who of EVERYONE) {
          const req: Req = { method: 'GET', url: '/api/identity/candidates?limit=100' };
          const res = await audited(who, req, 'read', who && !holds(who, 'demographics.read') ? 1 : 0);
          expectStatus(who, req, res, !who ? 401 : holds(who, 'demographics.read') ? 200 : 403);
          if (!who || res.statusCode !== 200) continue;
          const items = (res.json() as { items: { a: Patient; b: Patient }[] }).items;
          const shown = items.map((i) => [i.a.id ?? '', i.b.id ?? ''].sort().join());
          const outside = items
            .flatMap((i) => [i.a.id ?? '', i.b.id ?? ''])
            .filter((id) => !reaches(who, 'demographics.read', patientSite.get(id) ?? ''));
          expect.soft(outside, `${describeReq(who, req)} shows people it may not see`).toEqual([]);
          for (const [a, b] of pairs) {
            const visible = [a, b].every((id) =>
              reaches(who, 'demographics.read', patientSite.get(id) ?? ''),
            );
            expect
              .soft(shown.includes([a, b].sort().join()), `${describeReq(who, req)} pair ${a} ${b}`)
              .toBe(visible);
          }
        }
      },
    ],
    [
      'POST /api/identity/candidates/:id/dismiss',
      async () => {
        for (const sites of SITE_PAIRS) {
          const [a, b] = await freshPair(sites, 'Dismissed');
          const id = await queuePair(a, b);
          for (const who of EVERYONE) {
            const req: Req = { method: 'POST', url: `/api/identity/candidates/${id}/dismiss` };
            const outcome = who && mayTryMerging(who) ? careOutcome(who, separate(sites)) : 403;
            const expected = !who ? 401 : outcome === 'ok' ? 204 : outcome;
            expectStatus(who, req, await audited(who, req, 'write', refused(expected) ? 1 : 0), expected);
          }
        }
      },
    ],
    [
      'POST /api/identity/merges',
      async () => {
        for (const sites of SITE_PAIRS) {
          for (const who of EVERYONE) {
            const [survivorId, duplicateId] = await freshPair(sites, `Merged-${nameOf(who)}`);
            const req: Req = {
              method: 'POST',
              url: '/api/identity/merges',
              payload: { survivorId, duplicateId },
            };
            const outcome = who && mayTryMerging(who) ? careOutcome(who, separate(sites)) : 403;
            const expected = !who ? 401 : outcome === 'ok' ? 201 : outcome;
            expectStatus(who, req, await audited(who, req, 'write', refused(expected) ? 1 : 0), expected);
          }
        }
      },
    ],
    [
      'POST /api/identity/merges/:mergeId/undo',
      async () => {
        for (const sites of SITE_PAIRS) {
          for (const who of EVERYONE) {
            const [survivorId, duplicateId] = await freshPair(sites, `Unmerged-${nameOf(who)}`);
            const { mergeId } = await mergePatients(ta.services.repo, systemContext(), {
              survivorId,
              duplicateId,
            });
            const req: Req = { method: 'POST', url: `/api/identity/merges/${mergeId}/undo` };
            const merged = [
              { site: sites[0], visibleAt: sites },
              { site: sites[1], visibleAt: [sites[1]] },
            ];
            const outcome = who && mayTryMerging(who) ? careOutcome(who, merged) : 403;
            const expected = !who ? 401 : outcome === 'ok' ? 200 : outcome;
            const res = await audited(who, req, 'write', refused(expected) ? 1 : 0);
            expectStatus(who, req, res, expected);
            // A merge left standing would show each person at the other's site: not what the policy here models.
            if (res.statusCode !== 200) await unmerge(ta.services.repo, systemContext(), mergeId);
          }
        }
      },
    ],
    [
      'POST /api/identity/scans',
      async () => {
        for (const who of EVERYONE) {
          const req: Req = { method: 'POST', url: '/api/identity/scans' };
          const res = await send(who, req);
          expectStatus(who, req, res, !who ? 401 : holds(who, 'demographics.write') ? 202 : 403);
          if (res.statusCode !== 202) continue;
          const { scanId } = res.json() as { scanId: string };
          if (who?.name === 'clinician') clinicianScanId = scanId;
          await scanEnded(scanId);
        }
      },
    ],
    [
      'GET /api/identity/scans/:scanId',
      async () => {
        if (!clinicianScanId) {
          const res = await send(PRINCIPALS.find((p) => p.name === 'clinician') ?? null, {
            method: 'POST',
            url: '/api/identity/scans',
          });
          clinicianScanId = (res.json() as { scanId: string }).scanId;
          await scanEnded(clinicianScanId);
        }
        // The clinician's scan counted the people of site A.
        for (const who of EVERYONE) {
          for (const [scanId, exists] of [
            [clinicianScanId, true],
            [randomUUID(), false],
          ] as const) {
            const req: Req = { method: 'GET', url: `/api/identity/scans/${scanId}` };
            const expected = !who
              ? 401
              : !holds(who, 'demographics.read')
                ? 403
                : exists && reaches(who, 'demographics.read', SITE_A)
                  ? 200
                  : 404;
            expectStatus(who, req, await send(who, req), expected);
          }
        }
      },
    ],
  ];
}

describe('access matrix: every route × every role, a second site and nobody signed in', () => {
  it('covers every route the server serves', () => {
    const mustCover = servedRoutes()
      .filter((k) => !k.startsWith('HEAD ') && !isDocsOrRoot(k))
      .sort();
    // The parse is checked against the router itself.
    for (const key of mustCover) {
      const [method = '', url = ''] = key.split(' ');
      expect(ta.app.hasRoute({ method: method as HTTPMethods, url }), key).toBe(true);
    }
    expect(mustCover.length).toBeGreaterThan(20);
    expect(ROUTE_TESTS.map(([route]) => route).sort()).toEqual(mustCover);
  });

  it('derives the principals from the policy table', () => {
    expect(PRINCIPALS.map((p) => p.name)).toEqual([
      ...ROLES,
      ...['clinician', 'nurse', 'mediator', 'coordinator'].map((r) => `${r}-b`),
    ]);
  });

  for (const [route, run] of ROUTE_TESTS) it(route, run);
});

describe('the health-data firewall', () => {
  /** Roles that may read no person's data at all (not even their own). */
  const firewalled = PRINCIPALS.filter(
    (p) => !holds(p, 'demographics.read') && !holds(p, 'clinical.read') && !holds(p, 'own-record.read'),
  );

  it('holds border officials, trainers, admins, researchers and officers', () => {
    expect(firewalled.map((p) => p.role).sort()).toEqual([
      'admin',
      'border',
      'officer',
      'researcher',
      'trainer',
    ]);
  });

  it('gives them no Patient or clinical data through any FHIR route', async () => {
    const personal = personalFixtures();
    const requests: Req[] = [
      ...personal.flatMap((f): Req[] => [
        { method: 'GET', url: `/fhir/${f.type}/${f.id}` },
        { method: 'GET', url: `/fhir/${f.type}/${f.id}/_history` },
        { method: 'GET', url: `/fhir/${f.type}/${f.id}/_history/1` },
      ]),
      // AuditEvents name the records they are about: see 'the audit trail' below.
      ...searchProbes()
        .filter((p) => !p.url.startsWith('/fhir/AuditEvent'))
        .map((p): Req => ({ method: 'GET', url: p.url })),
      ...STORED_RESOURCE_TYPES.filter(isPersonal).map((type): Req => ({
        method: 'GET',
        url: `/fhir/${type}?_count=1000&_total=accurate`,
      })),
      ...(['batch', 'transaction'] as const).map((type): Req => ({
        method: 'POST',
        url: '/fhir',
        payload: {
          resourceType: 'Bundle',
          type,
          entry: personal.map((f) => ({ request: { method: 'GET', url: `${f.type}/${f.id}` } })),
        },
      })),
    ];
    for (const who of firewalled) {
      for (const req of requests) {
        const res = await send(who, req);
        const asked = `${req.url} ${JSON.stringify(req.payload ?? '')}`;
        const what = `${describeReq(who, req)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
        expect.soft([200, 403], what).toContain(res.statusCode);
        const leaked = personal.filter(
          (f) =>
            (!asked.includes(f.id) && res.body.includes(f.id)) || (f.marker && res.body.includes(f.marker)),
        );
        expect
          .soft(
            leaked.map((f) => f.key),
            what,
          )
          .toEqual([]);
        const types = /"resourceType":"(\w+)"/g;
        const returned = [...res.body.matchAll(types)]
          .map((m) => m[1] ?? '')
          .filter((t) => isStoredResourceType(t) && isPersonal(t));
        expect.soft(returned, what).toEqual([]);
      }
    }
  });

  it('keeps the mediator away from clinical data, even through _revinclude', async () => {
    for (const who of PRINCIPALS.filter((p) => p.role === 'mediator')) {
      const req: Req = {
        method: 'GET',
        url: '/fhir/Patient?_revinclude=Observation:subject&_revinclude=Condition:subject',
      };
      const res = await send(who, req);
      expectStatus(who, req, res, 200);
      const types = entriesOf(res).map((e) => e.resource?.resourceType);
      expect(
        types.every((t) => t === 'Patient'),
        describeReq(who, req),
      ).toBe(true);
    }
  });
});

describe('the audit trail of refusals', () => {
  it('has a failure AuditEvent for every refused read of personal data', () => {
    const reads = auditProbes.filter((p) => p.kind === 'read');
    expect(reads.length).toBeGreaterThan(100);
    const unrecorded = reads
      .filter((p) => p.added < p.expected)
      .map((p) => `${p.request} (${p.added}/${p.expected})`);
    expect(unrecorded.join('\n'), 'refused without a failure AuditEvent').toBe('');
  });

  it('has a failure AuditEvent for every refused write of personal data', () => {
    const writes = auditProbes.filter((p) => p.kind === 'write');
    expect(writes.length).toBeGreaterThan(5);
    const unrecorded = writes
      .filter((p) => p.added < p.expected)
      .map((p) => `${p.request} (${p.added}/${p.expected})`);
    expect(unrecorded.join('\n'), 'refused without a failure AuditEvent').toBe('');
  });
});

/*
 * Problems the matrix found, each reduced to its smallest reproduction. They fail until the server
 * is fixed; see the report that came with this file.
 */
describe('found problems', () => {
  const asUser = (name: string): Principal => {
    const p = PRINCIPALS.find((x) => x.name === name);
    if (!p) throw new Error(name);
    return p;
  };

  it('a record deleted at site A cannot be re-created from site B to read its history', async () => {
    const clinician = asUser('clinician');
    const clinicianB = asUser('clinician-b');
    const secret = 'hidden-result-of-site-A';
    const created = await createAs('clinician', observation(fx('Patient A').id, secret));
    const id = created.id ?? '';
    expect((await send(clinician, { method: 'DELETE', url: `/fhir/Observation/${id}` })).statusCode).toBe(
      204,
    );

    const put: Req = {
      method: 'PUT',
      url: `/fhir/Observation/${id}`,
      payload: { ...observation(fx('Patient B').id, 'innocent'), id },
    };
    const putRes = await send(clinicianB, put);
    for (const req of [
      { method: 'GET', url: `/fhir/Observation/${id}/_history` },
      { method: 'GET', url: `/fhir/Observation/${id}/_history/1` },
    ] as const) {
      const res = await send(clinicianB, req);
      const what = `after ${describeReq(clinicianB, put)} → ${putRes.statusCode}: ${describeReq(clinicianB, req)} → ${res.statusCode}`;
      expect.soft(res.body, what).not.toContain(secret);
    }
  });

  it('a person deleted at site A cannot be re-registered at site B to reach their records', async () => {
    const clinician = asUser('clinician');
    const clinicianB = asUser('clinician-b');
    const secret = 'record-of-a-deleted-person';
    const person = await createAs('clinician', testPatient(SITE_A, 'Deleted-Person'));
    const pid = person.id ?? '';
    patientSite.set(pid, SITE_A);
    const obs = await createAs('clinician', observation(pid, secret));
    expect((await send(clinician, { method: 'DELETE', url: `/fhir/Patient/${pid}` })).statusCode).toBe(204);

    const put: Req = {
      method: 'PUT',
      url: `/fhir/Patient/${pid}`,
      payload: { ...testPatient(SITE_B, 'Claimed'), id: pid },
    };
    const putRes = await send(clinicianB, put);
    for (const req of [
      { method: 'GET', url: `/fhir/Observation/${obs.id}` },
      { method: 'GET', url: `/fhir/Observation?subject=Patient/${pid}` },
    ] as const) {
      const res = await send(clinicianB, req);
      const what = `after ${describeReq(clinicianB, put)} → ${putRes.statusCode}: ${describeReq(clinicianB, req)} → ${res.statusCode}`;
      expect.soft(res.body, what).not.toContain(secret);
    }
    // Site A keeps its records of the person.
    const own = await send(clinician, { method: 'GET', url: `/fhir/Observation/${obs.id}` });
    expect
      .soft(
        own.statusCode,
        `${describeReq(clinician, { method: 'GET', url: `/fhir/Observation/${obs.id}` })}`,
      )
      .toBe(200);
  });

  it('does not show admins the clinical search terms of care workers in the audit trail', async () => {
    const clinician = asUser('clinician');
    const admin = asUser('admin');
    const search: Req = { method: 'GET', url: '/fhir/Condition?code=http://hl7.org/fhir/sid/icd-10|B20' };
    expect((await send(clinician, search)).statusCode).toBe(200);
    for (const req of [
      { method: 'GET', url: '/fhir/AuditEvent?entity-type=Condition&_count=1000' },
      { method: 'GET', url: '/api/admin/audit?entityType=Condition&limit=500' },
    ] as const) {
      const res = await send(admin, req);
      expect(res.statusCode).toBe(200);
      const what = `after ${describeReq(clinician, search)}: ${describeReq(admin, req)} shows which person matched an HIV diagnosis code`;
      expect.soft(res.body, what).not.toMatch(/B20/);
    }
  });

  it('refuses non-admins at /api/admin before it looks at their input', async () => {
    for (const who of PRINCIPALS.filter((p) => !holds(p, 'users.manage'))) {
      for (const req of [
        { method: 'POST', url: '/api/admin/users', payload: { username: 'x' } },
        { method: 'PATCH', url: '/api/admin/users/not-a-uuid', payload: {} },
        { method: 'GET', url: '/api/admin/audit?limit=100000' },
      ] as const) {
        expectStatus(who, req, await send(who, req), 403);
      }
    }
  });
});
