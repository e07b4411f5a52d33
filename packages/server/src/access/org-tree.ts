/** The organisation hierarchy, loaded for access decisions: a role held at a region reaches its sites. */
import type { Db } from '../db/database.ts';

export interface OrgTree {
  descendants(orgId: string): string[];
  get(orgId: string): { id: string; parentId: string | null; kind: string; name: string } | undefined;
  all(): { id: string; parentId: string | null; kind: string; name: string }[];
}

export async function loadOrgTree(db: Db): Promise<OrgTree> {
  const rows = await db.selectFrom('org_tree').selectAll().orderBy('name').execute();
  const byId = new Map(
    rows.map((r) => [r.id, { id: r.id, parentId: r.parent_id, kind: r.kind, name: r.name }]),
  );
  const children = new Map<string, string[]>();
  for (const r of rows)
    if (r.parent_id) children.set(r.parent_id, [...(children.get(r.parent_id) ?? []), r.id]);
  return {
    descendants(orgId) {
      const out: string[] = [];
      const stack = [orgId];
      const seen = new Set<string>();
      while (stack.length > 0) {
        const id = stack.pop() as string;
        if (seen.has(id)) continue; // a cycle in partOf must not hang access checks
        seen.add(id);
        out.push(id);
        stack.push(...(children.get(id) ?? []));
      }
      return out;
    },
    get: (id) => byId.get(id),
    all: () => [...byId.values()],
  };
}
