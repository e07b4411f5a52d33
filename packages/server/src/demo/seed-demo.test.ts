// Demo seeding: 200 people, each with a completed arrival assessment recorded by a clinician of their
// site, coded diagnoses, pending and final results, follow-ups for some; seeding twice does nothing
// the second time, and the audit chain over all those writes verifies.
import type {
  Condition,
  Encounter,
  Observation,
  Patient,
  QuestionnaireResponse,
  Resource,
  ServiceRequest,
} from '@medplum/fhirtypes';
import { createRandom, generatePopulation, ICD10_SYSTEM } from '@passage/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../access/access-context.ts';
import { verifyAuditChain } from '../audit/chain.ts';
import { FhirRepository } from '../fhir/store/repository.ts';
import { contextFor, seedTestOrgs } from '../testing/fixtures.ts';
import { openTestDb, type TestDb } from '../testing/test-db.ts';
import {
  DEMO_ORGS,
  DEMO_PERSON_COUNT,
  DEMO_SITE_B_CLINICIAN,
  seedClinicalData,
  seedDemo,
} from './seed-demo.ts';

let t: TestDb;
let seeded: boolean;
let seconds: number;
const lines: string[] = [];
let resources: { type: string; patient_id: string | null; content: Resource }[];

const ofType = <T extends Resource>(type: T['resourceType']) =>
  resources.filter((r) => r.type === type).map((r) => r.content as T);

beforeAll(async () => {
  t = await openTestDb();
  const start = performance.now();
  seeded = await seedDemo(t.db, 'passage-demo-password', (line) => lines.push(line));
  seconds = (performance.now() - start) / 1000;
  resources = (await t.db
    .selectFrom('fhir_resource')
    .select(['type', 'patient_id', 'content'])
    .where('deleted', '=', false)
    .execute()) as typeof resources;
}, 180_000);
afterAll(async () => {
  await t.close();
});

describe('demo seeding', () => {
  it('registers the demo people and logs how long the clinical data took', () => {
    expect(seeded).toBe(true);
    expect(ofType('Patient')).toHaveLength(DEMO_PERSON_COUNT);
    expect(lines.join('\n')).toMatch(/Demo clinical data: 200 assessments, \d+ follow-ups in \d+ ms/);
    console.log(`seedDemo took ${seconds.toFixed(1)} s\n${lines.join('\n')}`);
  });

  it('gives every person a completed assessment and an Encounter, dated over the past 120 days', () => {
    const patients = new Set(ofType('Patient').map((p) => p.id));
    const assessed = new Set(
      resources
        .filter(
          (r) =>
            r.type === 'QuestionnaireResponse' && (r.content as QuestionnaireResponse).status === 'completed',
        )
        .map((r) => r.patient_id),
    );
    const withEncounter = new Set(resources.filter((r) => r.type === 'Encounter').map((r) => r.patient_id));
    expect([...patients].filter((id) => !assessed.has(id as string))).toEqual([]);
    expect([...patients].filter((id) => !withEncounter.has(id as string))).toEqual([]);
    const arrivals = ofType<Encounter>('Encounter').filter(
      (e) => e.type?.[0]?.coding?.[0]?.code === 'arrival-assessment',
    );
    expect(arrivals).toHaveLength(DEMO_PERSON_COUNT);
    const now = Date.now();
    const ages = arrivals.map((e) => (now - Date.parse(e.period?.end as string)) / 86_400_000);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ages)).toBeLessThanOrEqual(121);
    expect(Math.max(...ages) - Math.min(...ages)).toBeGreaterThan(60);
  });

  it('records each assessment as a clinician of the person’s site (clinician-b at site B)', async () => {
    const ids = new Map(
      (
        await t.db
          .selectFrom('app_user')
          .select(['id', 'username'])
          .where('username', 'in', ['clinician', DEMO_SITE_B_CLINICIAN.username])
          .execute()
      ).map((u) => [u.username, u.id]),
    );
    const patients = new Map(ofType<Patient>('Patient').map((p) => [`Patient/${p.id}`, p]));
    const authors = new Set<string>();
    for (const e of ofType<Encounter>('Encounter')) {
      if (e.type?.[0]?.coding?.[0]?.code !== 'arrival-assessment') continue;
      const site = patients.get(e.subject?.reference as string)?.managingOrganization?.reference;
      expect(e.serviceProvider?.reference).toBe(site);
      const author = e.participant?.[0]?.individual?.identifier?.value as string;
      authors.add(author);
      expect(author).toBe(
        ids.get(site === `Organization/${DEMO_ORGS.siteB}` ? DEMO_SITE_B_CLINICIAN.username : 'clinician'),
      );
    }
    expect(authors.size).toBe(2);
  });

  it('stores coded diagnoses, vital signs, pending and final results, decisions and referrals', () => {
    const conditions = ofType<Condition>('Condition');
    const icd10 = conditions.filter((c) => c.code?.coding?.some((x) => x.system === ICD10_SYSTEM));
    expect(icd10.length).toBeGreaterThan(20);
    expect(new Set(icd10.map((c) => c.code?.coding?.[0]?.code)).size).toBeGreaterThan(8);
    const observations = ofType<Observation>('Observation');
    const lab = observations.filter((o) =>
      o.category?.some((c) => c.coding?.some((x) => x.code === 'laboratory' || x.code === 'imaging')),
    );
    const pending = lab.filter((o) => o.status === 'registered');
    const final = lab.filter((o) => o.status === 'final');
    expect(pending.length).toBeGreaterThan(10);
    expect(final.length).toBeGreaterThan(10);
    expect(final.some((o) => o.valueCodeableConcept?.coding?.[0]?.code === 'positive')).toBe(true);
    const vital = (code: string) => observations.filter((o) => o.code.coding?.some((c) => c.code === code));
    expect(vital('8310-5').length).toBeGreaterThanOrEqual(DEMO_PERSON_COUNT);
    expect(vital('29463-7').length).toBeGreaterThanOrEqual(DEMO_PERSON_COUNT);
    const requests = ofType<ServiceRequest>('ServiceRequest');
    const category = (s: ServiceRequest) => s.category?.[0]?.coding?.[0]?.code;
    expect(
      requests.filter((s) => category(s) === 'screening' || category(s) === 'vaccination').length,
    ).toBeGreaterThan(50);
    expect(requests.filter((s) => category(s) === '3457005').length).toBeGreaterThan(5);
    expect(ofType('Immunization').length).toBeGreaterThan(50);
  });

  it('follows up about a quarter: results arrived, referrals completed, a visit with vital signs', () => {
    const followUps = ofType<Encounter>('Encounter').filter(
      (e) => e.type?.[0]?.coding?.[0]?.code === 'follow-up',
    );
    expect(followUps.length).toBeGreaterThan(DEMO_PERSON_COUNT * 0.12);
    expect(followUps.length).toBeLessThan(DEMO_PERSON_COUNT * 0.4);
    const observations = ofType<Observation>('Observation');
    for (const e of followUps) {
      const vitals = observations.filter((o) => o.encounter?.reference === `Encounter/${e.id}`);
      expect(vitals.length).toBeGreaterThanOrEqual(2);
    }
    const resulted = observations.filter((o) => o.status === 'final' && o.issued !== undefined);
    expect(resulted.length).toBeGreaterThan(5);
    const completed = ofType<ServiceRequest>('ServiceRequest').filter((s) => s.status === 'completed');
    expect(completed.length).toBeGreaterThan(5);
  });

  it('the demo person’s own record has an assessment and a follow-up', async () => {
    const person = await t.db
      .selectFrom('app_user')
      .select('patient_id')
      .where('username', '=', 'person')
      .executeTakeFirstOrThrow();
    const own = resources.filter((r) => r.patient_id === person.patient_id);
    expect(own.some((r) => r.type === 'QuestionnaireResponse')).toBe(true);
    const types = own
      .filter((r) => r.type === 'Encounter')
      .map((r) => (r.content as Encounter).type?.[0]?.coding?.[0]?.code);
    expect(types).toContain('arrival-assessment');
    expect(types).toContain('follow-up');
  });

  it('adds the second-site clinician as a user', async () => {
    const user = await t.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', DEMO_SITE_B_CLINICIAN.username)
      .executeTakeFirst();
    expect(user).toBeDefined();
  });

  it('does nothing when seeded again', async () => {
    expect(await seedDemo(t.db, 'passage-demo-password')).toBe(false);
    const count = await t.db
      .selectFrom('fhir_resource')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('type', '=', 'Patient')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(DEMO_PERSON_COUNT);
  });

  it('leaves an audit chain that verifies', async () => {
    const verification = await verifyAuditChain(t.db);
    expect(verification.problem).toBeNull();
    expect(verification.ok).toBe(true);
    expect(verification.checked).toBeGreaterThan(1000);
  });
});

describe('seedClinicalData one assessment at a time (completeAssessment)', () => {
  it('stores the same kinds of record as the batched path', async () => {
    const other = await openTestDb();
    try {
      await seedTestOrgs(other.db);
      const repo = new FhirRepository(other.db);
      const people = generatePopulation({
        count: 12,
        seed: 4,
        managingOrganizations: ['Organization/site-a'],
      });
      const plans = await repo.writeAll(
        systemContext(),
        people.map((p) => ({ method: 'POST' as const, resource: { ...p.patient, id: crypto.randomUUID() } })),
      );
      const clinician = await contextFor(other.db, 'clinician', 'site-a');
      const nurse = await contextFor(other.db, 'nurse', 'site-a');
      const result = await seedClinicalData(repo, {
        people: people.map((person, i) => ({
          person,
          patient: plans[i]?.resource as Patient & { id: string },
        })),
        authors: () => ({ assessment: clinician, followUp: nurse, siteId: 'site-a' }),
        random: createRandom(1),
        now: new Date(),
        alwaysFollowUp: plans[0]?.resource.id,
        batchSize: 1,
      });
      expect(result.assessments).toBe(12);
      expect(result.followUps).toBeGreaterThanOrEqual(1);
      const rows = await other.db
        .selectFrom('fhir_resource')
        .select(['type', 'content'])
        .where('type', 'in', ['QuestionnaireResponse', 'Encounter'])
        .execute();
      expect(rows.filter((r) => r.type === 'QuestionnaireResponse')).toHaveLength(12);
      const encounters = rows.filter((r) => r.type === 'Encounter').map((r) => r.content as Encounter);
      expect(encounters.filter((e) => e.type?.[0]?.coding?.[0]?.code === 'follow-up')).toHaveLength(
        result.followUps,
      );
      expect((await verifyAuditChain(other.db)).ok).toBe(true);
    } finally {
      await other.close();
    }
  });
});
