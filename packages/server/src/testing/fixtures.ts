/** A small organisation tree and users at two sites, shared by server tests. */
import type { Patient } from '@medplum/fhirtypes';
import { organizationResource, ROLES, type Role } from '@passage/core';
import { buildAccessContext, systemContext, type AccessContext } from '../access/access-context.ts';
import type { Db } from '../db/database.ts';
import { FhirRepository } from '../fhir/store/repository.ts';
import { loadOrgTree } from '../access/org-tree.ts';

export const TEST_ORGS = [
  organizationResource('country', 'Test country', 'country'),
  organizationResource('region-1', 'Region one', 'region', 'country'),
  organizationResource('site-a', 'Site A', 'site', 'region-1'),
  organizationResource('site-b', 'Site B', 'site', 'region-1'),
];

export async function seedTestOrgs(db: Db): Promise<void> {
  const repo = new FhirRepository(db);
  await repo.writeAll(
    systemContext(),
    TEST_ORGS.map((o) => ({ method: 'PUT' as const, resource: o })),
  );
}

/** An access context for one role at one organisation, as a signed-in user would have. */
export async function contextFor(
  db: Db,
  role: Role,
  org: string,
  ownPatientId: string | null = null,
): Promise<AccessContext> {
  const tree = await loadOrgTree(db);
  return buildAccessContext({
    userId: `${role}@${org}`,
    username: `${role}-${org}`,
    assignments: [{ role, organizationId: org }],
    descendants: (id) => tree.descendants(id),
    ownPatientId,
  });
}

export function testPatient(site: string, family = 'Haddad', given = 'Mohammed'): Patient {
  return {
    resourceType: 'Patient',
    name: [{ family, given: [given] }],
    gender: 'male',
    birthDate: '1990-01-01',
    managingOrganization: { reference: `Organization/${site}` },
  };
}

export { ROLES };
