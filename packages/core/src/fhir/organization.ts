/** Organisations in Passage's hierarchy: a country node, its regions, and their sites. */
import type { Organization } from '@medplum/fhirtypes';

export const ORGANIZATION_LEVEL_SYSTEM = 'https://passage.example.org/fhir/CodeSystem/organization-level';
export const ORGANIZATION_LEVELS = ['country', 'region', 'site'] as const;
export type OrganizationLevel = (typeof ORGANIZATION_LEVELS)[number];

export function organizationResource(
  id: string,
  name: string,
  level: OrganizationLevel,
  parentId?: string,
): Organization & { id: string } {
  return {
    resourceType: 'Organization',
    id,
    name,
    active: true,
    type: [{ coding: [{ system: ORGANIZATION_LEVEL_SYSTEM, code: level }] }],
    ...(parentId ? { partOf: { reference: `Organization/${parentId}` } } : {}),
  };
}

/** The level an Organization declares; a site when it declares none. */
export function organizationLevel(org: Organization): OrganizationLevel {
  const code = org.type
    ?.flatMap((t) => t.coding ?? [])
    .find((c) => (ORGANIZATION_LEVELS as readonly string[]).includes(c.code ?? ''))?.code;
  return (code as OrganizationLevel | undefined) ?? 'site';
}
