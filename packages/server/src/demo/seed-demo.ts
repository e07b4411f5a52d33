/**
 * Demo mode: a demo country with two regions and two sites, one user per role (username = role name),
 * and about 200 synthetic migrants with multi-script names. Only ever run in demo mode.
 */
import { generatePopulation, organizationResource, ROLES, type Role } from '@passage/core';
import { systemContext } from '../access/access-context.ts';
import { UserService } from '../auth/users.ts';
import type { Db } from '../db/database.ts';
import { FhirRepository } from '../fhir/store/repository.ts';

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
  for (const role of ROLES) {
    await users.create(null, {
      username: role,
      displayName: DISPLAY[role],
      password,
      roles: [{ role, organizationId: DEMO_ROLE_ORG[role] }],
      patientId: role === 'person' ? (personPatient?.id ?? null) : null,
      ...(role === 'admin' ? { totpSecret: DEMO_ADMIN_TOTP_SECRET } : {}),
    });
  }
  log(
    `Demo data: ${demoOrganizations().length} organisations, ${plans.length} people, ${ROLES.length} users.`,
  );
  return true;
}
