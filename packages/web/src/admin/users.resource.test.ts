import { describe, expect, it } from 'vitest';
import { organizationTree, requiresSecondFactor, type Organization } from './users.resource';

describe('organizationTree', () => {
  it('orders depth-first with depths, siblings by name, orphans as roots', () => {
    const orgs: Organization[] = [
      { id: 's2', name: 'Site B', type: 'site', parentId: 'r1' },
      { id: 'c', name: 'Country', type: 'country', parentId: null },
      { id: 'r1', name: 'Region', type: 'region', parentId: 'c' },
      { id: 's1', name: 'Site A', type: 'site', parentId: 'r1' },
      { id: 'o', name: 'Orphan', type: 'site', parentId: 'gone' },
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
