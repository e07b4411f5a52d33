import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../testing/test-db.ts';
import { recordAudit } from './audit-log.ts';

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t.close());

describe('audit group commit', () => {
  it('writes every concurrent event, and one bad event fails only its own caller', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        recordAudit(t.db, null, [
          {
            action: 'R',
            subtype: 'read',
            entityType: 'Patient',
            entityId: `p${i}`,
            outcome: 'success',
            detail: i === 7 ? 'bad\u0000' : null,
          },
        ]),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(results[7]?.status).toBe('rejected');
    const rows = await t.db
      .selectFrom('audit_event')
      .select('entity_id')
      .where('subtype', '=', 'read')
      .execute();
    expect(rows.map((r) => r.entity_id).sort()).toEqual(
      Array.from({ length: 40 }, (_, i) => `p${i}`)
        .filter((id) => id !== 'p7')
        .sort(),
    );
  });
});
