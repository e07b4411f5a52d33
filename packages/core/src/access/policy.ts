/**
 * Who may do what: the single policy table for Passage. Every route (FHIR, API, exports) asks this
 * table through the data layer; the README mirrors it. Keep both in step (a test checks the README).
 *
 * The health-data firewall: only care roles read clinical data, and only for people registered at
 * (or shared with) a site where they hold the role. Border officials, trainers and admins never see
 * health data; public-health officers and researchers see aggregates only.
 */

export const ROLES = [
  'clinician',
  'nurse',
  'mediator',
  'coordinator',
  'officer',
  'researcher',
  'trainer',
  'border',
  'admin',
  'person',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** Read demographic data (Patient) of people at the role's sites. */
  'demographics.read',
  /** Register people and edit demographic data at the role's sites. */
  'demographics.write',
  /** Read clinical data (observations, conditions, …) of people at the role's sites. */
  'clinical.read',
  /** Record clinical data for people at the role's sites. */
  'clinical.write',
  /**
   * See what is marked sensitive (migration category, violence, mental health, HIV, …): only those
   * giving care. Without it, sensitive resources are absent and sensitive parts are removed.
   */
  'sensitive.read',
  /** Read one's own record (the person role). */
  'own-record.read',
  /** Read de-identified aggregate indicators with small-cell suppression. */
  'aggregates.read',
  /** Read notifiable-case data for public-health follow-up. */
  'notifiable.read',
  /** Read reference data: organisations, locations, practitioners, questionnaires. */
  'reference.read',
  /** Write reference data. */
  'reference.write',
  /** Manage users, roles and sites. */
  'users.manage',
  /** Search and view the audit trail. */
  'audit.read',
  /** Use training courses and health-promotion resources. */
  'training.use',
  /** Author and manage training courses. */
  'training.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export interface RolePolicy {
  readonly label: string;
  readonly description: string;
  /** Care roles hold clinical rights bounded by site; they may also need a second factor. */
  readonly care: boolean;
  readonly permissions: readonly Permission[];
  readonly totpRequired: boolean;
}

export const POLICY: Readonly<Record<Role, RolePolicy>> = {
  clinician: {
    label: 'Clinician',
    description: 'Doctor at a site: registers people, records assessments and follow-ups.',
    care: true,
    permissions: [
      'demographics.read',
      'demographics.write',
      'clinical.read',
      'clinical.write',
      'sensitive.read',
      'reference.read',
      'training.use',
    ],
    totpRequired: false,
  },
  nurse: {
    label: 'Nurse',
    description: 'Nurse at a site: registers people, records assessments and follow-ups.',
    care: true,
    permissions: [
      'demographics.read',
      'demographics.write',
      'clinical.read',
      'clinical.write',
      'sensitive.read',
      'reference.read',
      'training.use',
    ],
    totpRequired: false,
  },
  mediator: {
    label: 'Health mediator / interpreter',
    description:
      'Supports people at a site: sees and updates who they are and how to reach them, not clinical data.',
    care: true,
    permissions: ['demographics.read', 'demographics.write', 'reference.read', 'training.use'],
    totpRequired: false,
  },
  coordinator: {
    label: 'Site coordinator',
    description: 'Runs a site: reads the records of its people and its indicators.',
    care: true,
    permissions: [
      'demographics.read',
      'demographics.write',
      'clinical.read',
      'aggregates.read',
      'reference.read',
      'training.use',
    ],
    totpRequired: false,
  },
  officer: {
    label: 'Public-health officer',
    description: 'National or regional public health: aggregates and notifiable cases only.',
    care: false,
    permissions: ['aggregates.read', 'notifiable.read', 'reference.read', 'training.use'],
    totpRequired: false,
  },
  researcher: {
    label: 'Researcher',
    description: 'De-identified aggregates only.',
    care: false,
    permissions: ['aggregates.read', 'reference.read', 'training.use'],
    totpRequired: false,
  },
  trainer: {
    label: 'Trainer',
    description: 'Authors and runs training courses; never sees health data.',
    care: false,
    permissions: ['training.use', 'training.manage'],
    totpRequired: false,
  },
  border: {
    label: 'Border or immigration official',
    description: 'Training and health-promotion resources only; never sees health data.',
    care: false,
    permissions: ['training.use'],
    totpRequired: false,
  },
  admin: {
    label: 'Administrator',
    description: 'Manages users, sites and reference data and reads the audit trail; never sees health data.',
    care: false,
    permissions: ['users.manage', 'audit.read', 'reference.read', 'reference.write', 'training.use'],
    totpRequired: true,
  },
  person: {
    label: 'Person',
    description: 'A migrant reading their own record.',
    care: false,
    permissions: ['own-record.read'],
    totpRequired: false,
  },
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleHas(role: Role, permission: Permission): boolean {
  return POLICY[role].permissions.includes(permission);
}

/** A role held by a user at one organisation (a site, a region or the country node). */
export interface RoleAssignment {
  readonly role: Role;
  readonly organizationId: string;
}

/** Every permission the user holds through any of their roles, for the UI to shape navigation. */
export function permissionsOf(assignments: readonly RoleAssignment[]): Permission[] {
  const all = new Set<Permission>();
  for (const a of assignments) for (const p of POLICY[a.role].permissions) all.add(p);
  return PERMISSIONS.filter((p) => all.has(p));
}
