import {
  POLICY,
  type OrganizationNode,
  type Role,
  type RoleAssignmentSchema,
  type TotpSetup,
  type User,
} from '@passage/core';
import type { z } from 'zod';
import { api } from '../api/client';

/** A role to give at an organisation, as the create and update requests take it. */
export type RoleAssignmentInput = z.infer<typeof RoleAssignmentSchema>;

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  roles: RoleAssignmentInput[];
}

export interface UserPatch {
  displayName?: string;
  roles?: RoleAssignmentInput[];
  disabled?: boolean;
}

export const fetchUsers = (query: string, signal?: AbortSignal) =>
  api<{ users: User[] }>('/api/admin/users', { query: { query }, signal }).then((r) => r.users);

export const fetchOrganizations = (signal?: AbortSignal) =>
  api<{ organizations: OrganizationNode[] }>('/api/admin/organizations', { signal }).then(
    (r) => r.organizations,
  );

/** The new user; totpSetup is the second-factor key when a role requires one, shown this once only. */
export type CreatedUser = User & { totpSetup: TotpSetup | null };

export const createUser = (user: NewUser) =>
  api<CreatedUser>('/api/admin/users', { method: 'POST', body: user });

export const updateUser = (id: string, patch: UserPatch) =>
  api<User>(`/api/admin/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: patch });

export const resetPassword = (id: string, password: string) =>
  api<void>(`/api/admin/users/${encodeURIComponent(id)}/reset-password`, {
    method: 'POST',
    body: { password },
  });

/** Issues a new second-factor key (replacing any old one), returned this once only. */
export const resetTotp = (id: string) =>
  api<TotpSetup>(`/api/admin/users/${encodeURIComponent(id)}/reset-totp`, { method: 'POST' });

/** Whether one of these roles signs in with an authenticator app (the server enforces it). */
export function requiresSecondFactor(roles: readonly { role: Role }[]): boolean {
  return roles.some((r) => POLICY[r.role].totpRequired);
}

export type OrganizationOption = Pick<OrganizationNode, 'id' | 'name' | 'kind'> & { depth: number };

/**
 * Flattens the country → region → site tree depth-first, siblings by name, so a list can show it
 * indented. Organisations whose parent is missing are treated as roots rather than dropped.
 */
export function organizationTree(organizations: readonly OrganizationNode[]): OrganizationOption[] {
  const ids = new Set(organizations.map((o) => o.id));
  const children = new Map<string | null, OrganizationNode[]>();
  for (const o of organizations) {
    const parent = o.parentId && ids.has(o.parentId) ? o.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), o]);
  }
  const out: OrganizationOption[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number) => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    for (const o of list) {
      if (seen.has(o.id)) continue; // A cycle in bad data must not hang the page.
      seen.add(o.id);
      out.push({ id: o.id, name: o.name, kind: o.kind, depth });
      visit(o.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}
