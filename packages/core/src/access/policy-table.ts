/** The policy table as Markdown, for the README (a test keeps the README's copy in step). */
import { PERMISSIONS, POLICY, ROLES } from './policy.ts';

export function policyMarkdown(): string {
  const header = `| role | ${PERMISSIONS.map((p) => `\`${p}\``).join(' | ')} | second factor |`;
  const rule = `|${' --- |'.repeat(PERMISSIONS.length + 2)}`;
  const rows = ROLES.map((role) => {
    const p = POLICY[role];
    const cells = PERMISSIONS.map((perm) => (p.permissions.includes(perm) ? '✓' : ''));
    return `| ${role} | ${cells.join(' | ')} | ${p.totpRequired ? 'required' : 'optional'} |`;
  });
  return [header, rule, ...rows].join('\n');
}
