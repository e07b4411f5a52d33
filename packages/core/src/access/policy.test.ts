import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { permissionsOf, POLICY, ROLES } from './policy.ts';
import { policyMarkdown } from './policy-table.ts';

describe('role policy', () => {
  it('keeps the health-data firewall: only care roles read clinical data', () => {
    for (const role of ROLES) {
      if (POLICY[role].permissions.includes('clinical.read')) expect(POLICY[role].care).toBe(true);
    }
    for (const role of ['border', 'trainer', 'admin', 'researcher', 'officer'] as const) {
      expect(
        POLICY[role].permissions.filter((p) => p.startsWith('clinical') || p.startsWith('demographics')),
      ).toEqual([]);
    }
  });

  it('requires a second factor for administrators', () => {
    expect(POLICY.admin.totpRequired).toBe(true);
  });

  it('merges permissions of several roles', () => {
    const merged = permissionsOf([
      { role: 'trainer', organizationId: 'x' },
      { role: 'officer', organizationId: 'y' },
    ]);
    expect(merged).toEqual(expect.arrayContaining(['training.manage', 'aggregates.read']));
  });

  it('is mirrored in the README', () => {
    const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
    // Prettier pads table cells; compare with runs of spaces and dashes collapsed.
    const squash = (text: string) => text.replace(/ +/g, ' ').replace(/-{3,}/g, '---');
    expect(squash(readme), `README.md must contain the policy table:\n${policyMarkdown()}`).toContain(
      squash(policyMarkdown()),
    );
  });
});
