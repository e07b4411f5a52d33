/**
 * Demo mode: a demo country with two regions and two sites, one user per role (username = role name)
 * plus a clinician at the second site, and about 200 synthetic migrants with multi-script names, each
 * with an arrival health assessment recorded by a clinician over the past four months and, for about
 * a quarter, a follow-up visit. Only ever run in demo mode.
 */
import type { Patient, Resource } from '@medplum/fhirtypes';
import {
  createRandom,
  generatePopulation,
  organizationResource,
  recommend,
  ROLES,
  syntheticAssessment,
  syntheticDecisions,
  syntheticFollowUp,
  type Random,
  type Role,
  type StoredResourceType,
  type SyntheticPerson,
} from '@passage/core';
import { buildAccessContext, systemContext, type AccessContext } from '../access/access-context.ts';
import { loadOrgTree } from '../access/org-tree.ts';
import { UserService } from '../auth/users.ts';
import type { Db } from '../db/database.ts';
import { FhirRepository, type WriteOp } from '../fhir/store/repository.ts';
import { newId } from '../fhir/store/write.ts';
import { assessmentWrites, completeAssessment, prepareAssessment } from '../records/assessment-service.ts';
import { recommendationInput } from '../records/recommendations.ts';

/** The demo admin's second factor, published so the demo can be tried; never used outside demo mode. */
export const DEMO_ADMIN_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
export const DEMO_PERSON_COUNT = 200;

export const DEMO_ORGS = {
  country: 'demo-country',
  north: 'demo-region-north',
  south: 'demo-region-south',
  siteA: 'demo-site-a',
  siteB: 'demo-site-b',
} as const;

export function demoOrganizations(): ReturnType<typeof organizationResource>[] {
  return [
    organizationResource(DEMO_ORGS.country, 'Passage demo node (Greece)', 'country'),
    organizationResource(DEMO_ORGS.north, 'North Aegean', 'region', DEMO_ORGS.country),
    organizationResource(DEMO_ORGS.south, 'Attica', 'region', DEMO_ORGS.country),
    organizationResource(DEMO_ORGS.siteA, 'Lesvos reception centre', 'site', DEMO_ORGS.north),
    organizationResource(DEMO_ORGS.siteB, 'Athens transit site', 'site', DEMO_ORGS.south),
  ];
}

/** Where each demo role works: care roles at site A, national roles at the country node. */
const DEMO_ROLE_ORG: Record<Role, string> = {
  clinician: DEMO_ORGS.siteA,
  nurse: DEMO_ORGS.siteA,
  mediator: DEMO_ORGS.siteA,
  coordinator: DEMO_ORGS.siteA,
  officer: DEMO_ORGS.country,
  researcher: DEMO_ORGS.country,
  trainer: DEMO_ORGS.country,
  border: DEMO_ORGS.country,
  admin: DEMO_ORGS.country,
  person: DEMO_ORGS.siteA,
};

const DISPLAY: Record<Role, string> = {
  clinician: 'Dr Eleni Papadopoulou',
  nurse: 'Nurse Amina Diallo',
  mediator: 'Karim Haddad (mediator)',
  coordinator: 'Sofia Georgiou (coordinator)',
  officer: 'Nikos Dimitriou (public health)',
  researcher: 'Dr Lena Vogel (research)',
  trainer: 'Maria Rossi (training)',
  border: 'Border officer Petrou',
  admin: 'Passage administrator',
  person: 'Demo person',
};

/** A clinician at the second site, so that the people registered there are assessed by someone local. */
export const DEMO_SITE_B_CLINICIAN = {
  username: 'clinician-b',
  displayName: 'Dr Andreas Nikolaou',
  organizationId: DEMO_ORGS.siteB,
} as const;

interface DemoUser {
  id: string;
  username: string;
  displayName: string;
}

/** Arrival assessments are spread over this many days before seeding. */
const ASSESSMENT_DAYS = 120;

/** Seeds the demo once; returns false when demo data is already there. */
export async function seedDemo(
  db: Db,
  password: string,
  log: (line: string) => void = () => undefined,
): Promise<boolean> {
  const existing = await db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', 'clinician')
    .executeTakeFirst();
  if (existing) return false;
  const repo = new FhirRepository(db);
  const system = systemContext();
  await repo.writeAll(
    system,
    demoOrganizations().map((o) => ({ method: 'PUT' as const, resource: o })),
  );
  const people = generatePopulation({
    count: DEMO_PERSON_COUNT,
    seed: 2026,
    managingOrganizations: [`Organization/${DEMO_ORGS.siteA}`, `Organization/${DEMO_ORGS.siteB}`],
  });
  const plans = await repo.writeAll(
    system,
    people.map((p) => ({ method: 'POST' as const, resource: { ...p.patient, id: crypto.randomUUID() } })),
  );
  const personPatient = plans.find(
    (p) =>
      (p.resource as { managingOrganization?: { reference?: string } }).managingOrganization?.reference ===
      `Organization/${DEMO_ORGS.siteA}`,
  );
  const users = new UserService(db, { lockoutThreshold: 5, lockoutMinutes: 15 });
  const staff = new Map<string, DemoUser>();
  for (const role of ROLES) {
    const { user } = await users.create(null, {
      username: role,
      displayName: DISPLAY[role],
      password,
      roles: [{ role, organizationId: DEMO_ROLE_ORG[role] }],
      patientId: role === 'person' ? (personPatient?.id ?? null) : null,
      ...(role === 'admin' ? { totpSecret: DEMO_ADMIN_TOTP_SECRET } : {}),
    });
    staff.set(role, user);
  }
  const { user: clinicianB } = await users.create(null, {
    username: DEMO_SITE_B_CLINICIAN.username,
    displayName: DEMO_SITE_B_CLINICIAN.displayName,
    password,
    roles: [{ role: 'clinician', organizationId: DEMO_SITE_B_CLINICIAN.organizationId }],
  });
  log(
    `Demo data: ${demoOrganizations().length} organisations, ${plans.length} people, ${ROLES.length + 1} users.`,
  );

  const started = performance.now();
  const tree = await loadOrgTree(db);
  const contextOf = (user: DemoUser, role: Role, organizationId: string) =>
    buildAccessContext({
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      assignments: [{ role, organizationId }],
      descendants: (id) => tree.descendants(id),
      ownPatientId: null,
    });
  const demoUser = (role: Role) => {
    const user = staff.get(role);
    if (!user) throw new Error(`the demo ${role} was not created`);
    return user;
  };
  // Site A: the clinician assesses, the nurse sees people again; site B: its own clinician does both.
  const siteA = {
    clinician: contextOf(demoUser('clinician'), 'clinician', DEMO_ORGS.siteA),
    nurse: contextOf(demoUser('nurse'), 'nurse', DEMO_ORGS.siteA),
  };
  const siteB = contextOf(clinicianB, 'clinician', DEMO_ORGS.siteB);
  const clinical = await seedClinicalData(repo, {
    people: people.map((person, i) => ({
      person,
      patient: (plans[i] as { resource: Resource }).resource as Patient & { id: string },
    })),
    authors: (patient) => {
      const atB = patient.managingOrganization?.reference === `Organization/${DEMO_ORGS.siteB}`;
      return atB
        ? { assessment: siteB, followUp: siteB, siteId: DEMO_ORGS.siteB }
        : { assessment: siteA.clinician, followUp: siteA.nurse, siteId: DEMO_ORGS.siteA };
    },
    random: createRandom(2027),
    now: new Date(),
    alwaysFollowUp: personPatient?.id,
  });
  log(
    `Demo clinical data: ${clinical.assessments} assessments, ${clinical.followUps} follow-ups in ${Math.round(performance.now() - started)} ms.`,
  );
  return true;
}

export interface ClinicalSeedInput {
  people: readonly { person: SyntheticPerson; patient: Patient & { id: string } }[];
  /** Who records the assessment and the follow-up of a person, and where. */
  authors: (patient: Patient) => { assessment: AccessContext; followUp: AccessContext; siteId: string };
  random: Random;
  now: Date;
  /** A Patient id that gets a follow-up whenever one is possible (the demo person's own record). */
  alwaysFollowUp?: string | undefined;
  /**
   * Assessments written per transaction (default 20). With 1, each goes through `completeAssessment`;
   * with more, each is prepared (validated, extracted) by `prepareAssessment` as `completeAssessment`
   * does and the writes of several are committed together: far fewer round trips on PGlite.
   */
  batchSize?: number;
}

const DAY_MS = 86_400_000;

interface PlannedFollowUp {
  person: SyntheticPerson;
  patient: Patient & { id: string };
  assessment: Resource[];
  when: Date;
  ctx: AccessContext;
  siteId: string;
}

/**
 * Records an arrival assessment for every person, as `completeAssessment` does (validated, extracted,
 * written with its Provenance), dated over the past ASSESSMENT_DAYS days, with decisions on some of the
 * recommendations due; then, for nearly all of those whose follow-up date has passed, the follow-up: results
 * that arrived, referrals completed, a visit with vital signs.
 */
export async function seedClinicalData(
  repo: FhirRepository,
  input: ClinicalSeedInput,
): Promise<{ assessments: number; followUps: number }> {
  const { random, now } = input;
  const batchSize = Math.max(1, input.batchSize ?? 20);
  const today = now.toISOString().slice(0, 10);
  const followUps: PlannedFollowUp[] = [];
  const queued = new Map<AccessContext, { ops: WriteOp[]; count: number }>();
  const flush = async (ctx: AccessContext) => {
    const batch = queued.get(ctx);
    if (!batch || batch.ops.length === 0) return;
    queued.delete(ctx);
    await repo.writeAll(ctx, batch.ops);
  };

  for (const { person, patient } of input.people) {
    const authors = input.authors(patient);
    const ctx = authors.assessment;
    // A working day's hour, some day in the past four months, not before the person was born.
    const always = patient.id === input.alwaysFollowUp;
    const born = Date.parse(`${patient.birthDate ?? today}T00:00:00Z`);
    const daysAgo = always ? random.int(40, 90) : random.int(1, ASSESSMENT_DAYS);
    const day = Math.max(Date.parse(`${today}T00:00:00Z`) - daysAgo * DAY_MS, born);
    const when = new Date(Math.min(now.getTime(), day + random.int(7 * 60, 16 * 60) * 60_000));
    const date = when.toISOString().slice(0, 10);
    const response = syntheticAssessment(person, { random, date, patientId: patient.id });
    response.authored = new Date(when.getTime() - random.int(20, 50) * 60_000).toISOString();
    const pregnant = response.item
      ?.find((i) => i.linkId === 'pregnancy')
      ?.item?.find((i) => i.linkId === 'pregnant')?.answer?.[0]?.valueCoding?.code;
    // Nothing is recorded yet, so what is due now is what the server checks the decisions against.
    const due = recommend(recommendationInput(patient, [], date, pregnant === 'yes'));
    const request = {
      response: response as unknown as Record<string, unknown>,
      decisions: syntheticDecisions(response, due, random),
    };

    let assessment: Resource[];
    if (batchSize === 1) {
      const completed = await completeAssessment(repo, ctx, request, when);
      assessment = await readBack(repo, completed.created);
    } else {
      const { extraction } = await prepareAssessment(repo, ctx, request, when);
      const batch = queued.get(ctx) ?? { ops: [], count: 0 };
      queued.set(ctx, batch);
      batch.ops.push(...assessmentWrites(extraction));
      if (++batch.count >= batchSize) await flush(ctx);
      assessment = extraction.resources;
    }

    const followUpDate =
      response.item?.find((i) => i.linkId === 'conclusion')?.item?.find((i) => i.linkId === 'follow-up-date')
        ?.answer?.[0]?.valueDate ??
      (always ? new Date(when.getTime() + 14 * DAY_MS).toISOString().slice(0, 10) : undefined);
    if (!followUpDate || followUpDate >= today) continue;
    if (!always && !random.bool(0.95)) continue;
    followUps.push({
      person,
      patient,
      assessment,
      when: new Date(Date.parse(`${followUpDate}T00:00:00Z`) + random.int(8 * 60, 15 * 60) * 60_000),
      ctx: authors.followUp,
      siteId: authors.siteId,
    });
  }
  for (const ctx of [...queued.keys()]) await flush(ctx);

  // Follow-ups: what the assessment stored, updated (results, requests), and the new visit; written
  // in batches like the assessments (with batchSize 1, one transaction per follow-up).
  for (const f of followUps) {
    const ctx = f.ctx;
    const { updated, created } = syntheticFollowUp(f.person, {
      random,
      when: f.when.toISOString(),
      patientId: f.patient.id,
      siteId: f.siteId,
      author: {
        userId: ctx.userId,
        display: ctx.displayName ?? ctx.username,
        role: ctx.assignments[0]?.role ?? 'clinician',
      },
      assessment: f.assessment,
      newId,
    });
    const ops: WriteOp[] = [
      ...updated.map((resource) => ({ method: 'PUT' as const, resource: asStored(resource) })),
      ...created.map((resource) => ({ method: 'POST' as const, resource: asStored(resource) })),
    ];
    const batch = queued.get(ctx) ?? { ops: [], count: 0 };
    queued.set(ctx, batch);
    batch.ops.push(...ops);
    if (++batch.count >= batchSize) await flush(ctx);
  }
  for (const ctx of [...queued.keys()]) await flush(ctx);
  return { assessments: input.people.length, followUps: followUps.length };
}

/** The resources an assessment stored, as stored. */
async function readBack(repo: FhirRepository, references: readonly string[]): Promise<Resource[]> {
  if (references.length === 0) return [];
  const rows = await repo.db
    .selectFrom('fhir_resource')
    .select('content')
    .where(
      'id',
      'in',
      references.map((ref) => ref.slice(ref.indexOf('/') + 1)),
    )
    .execute();
  return rows.map((row) => row.content as Resource);
}

function asStored(resource: Resource): Resource & { resourceType: StoredResourceType } {
  return resource as Resource & { resourceType: StoredResourceType };
}
