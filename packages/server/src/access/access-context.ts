/**
 * Who is asking, and where their rights reach. Built once per session from the user's role
 * assignments and the organisation tree; every data-layer call takes one, so access is decided in
 * one place for FHIR routes, API routes and exports alike.
 */
import { forbidden, POLICY, type Permission, type Role, type RoleAssignment } from '@passage/core';

export interface AccessContext {
  readonly userId: string;
  readonly username: string;
  /** The name people know the user by, for records they author ("Dr Eleni Papadopoulou"). */
  readonly displayName?: string;
  readonly assignments: readonly RoleAssignment[];
  /** For each permission, the organisations (with all their descendants) where the user holds it. */
  readonly orgsByPermission: ReadonlyMap<Permission, readonly string[]>;
  /** The person role: the Patient id whose record this user may read. */
  readonly ownPatientId: string | null;
  readonly sourceIp?: string;
  /** The server itself (CLI, demo seeding, migrations of data): unbounded, still audited. */
  readonly system?: boolean;
}

export function systemContext(): AccessContext {
  return {
    userId: SYSTEM_USERNAME,
    username: SYSTEM_USERNAME,
    assignments: [],
    orgsByPermission: new Map(),
    ownPatientId: null,
    system: true,
  };
}

/** The system itself (CLI, seeding, background jobs): used only outside request handling. */
export const SYSTEM_USERNAME = 'system';

export function buildAccessContext(input: {
  userId: string;
  username: string;
  displayName?: string;
  assignments: readonly RoleAssignment[];
  descendants: (orgId: string) => readonly string[];
  ownPatientId: string | null;
}): AccessContext {
  const byPermission = new Map<Permission, Set<string>>();
  for (const a of input.assignments) {
    for (const p of POLICY[a.role].permissions) {
      const set = byPermission.get(p) ?? new Set<string>();
      for (const org of input.descendants(a.organizationId)) set.add(org);
      byPermission.set(p, set);
    }
  }
  return {
    userId: input.userId,
    username: input.username,
    ...(input.displayName ? { displayName: input.displayName } : {}),
    assignments: input.assignments,
    orgsByPermission: new Map([...byPermission].map(([p, s]) => [p, [...s]])),
    ownPatientId: input.ownPatientId,
  };
}

export function hasPermission(ctx: AccessContext, permission: Permission): boolean {
  return (ctx.orgsByPermission.get(permission)?.length ?? 0) > 0;
}

export function orgsWith(ctx: AccessContext, permission: Permission): readonly string[] {
  return ctx.orgsByPermission.get(permission) ?? [];
}

export function requirePermission(ctx: AccessContext, permission: Permission): void {
  if (!hasPermission(ctx, permission)) {
    throw forbidden(`Your roles do not allow this (${permission} is needed)`);
  }
}

/** The role (and its organisation) that grants a permission, for the audit trail. */
export function grantingRole(
  ctx: AccessContext,
  permission: Permission | undefined,
): { role: Role; organizationId: string } | undefined {
  if (permission) {
    const a = ctx.assignments.find((x) => POLICY[x.role].permissions.includes(permission));
    if (a) return { role: a.role, organizationId: a.organizationId };
  }
  const first = ctx.assignments[0];
  return first ? { role: first.role, organizationId: first.organizationId } : undefined;
}
