import { describe, expect, it } from 'vitest';
import type { OrganizationNode } from '@passage/core';
import { organizationTree, requiresSecondFactor } from './users.resource';

describe('organizationTree', () => {
  it('orders depth-first with depths, siblings by name, orphans as roots', () => {
    const orgs: OrganizationNode[] = [
      { id: 's2', name: 'Site B', kind: 'site', parentId: 'r1' },
      { id: 'c', name: 'Country', kind: 'country', parentId: null },
      { id: 'r1', name: 'Region', kind: 'region', parentId: 'c' },
      { id: 's1', name: 'Site A', kind: 'site', parentId: 'r1' },
      { id: 'o', name: 'Orphan', kind: 'site', parentId: 'gone' },
    ];
    expect(organizationTree(orgs).map((o) => `${o.depth}:${o.name}`)).toEqual([
      '0:Country',
      '1:Region',
      '2:Site A',
      '2:Site B',
      '0:Orphan',
    ]);
  });
});

describe('requiresSecondFactor', () => {
  it('follows the policy: administrators need an authenticator app, nurses do not', () => {
    expect(requiresSecondFactor([{ role: 'nurse' }])).toBe(false);
    expect(requiresSecondFactor([{ role: 'nurse' }, { role: 'admin' }])).toBe(true);
    expect(requiresSecondFactor([])).toBe(false);
  });
});
