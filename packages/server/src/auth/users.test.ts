import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../testing/test-db.ts';
import { UserService } from './users.ts';

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t.close());

describe('UserService.get', () => {
  it('finds a user wherever they sort among many', async () => {
    // Rows written directly: hashing 600 passwords would only slow the test down.
    const rows = Array.from({ length: 600 }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      username: `user${String(i).padStart(4, '0')}`,
      display_name: `User ${i}`,
      password_hash: 'not-a-hash',
      totp_secret: null,
      totp_last_step: null,
      locked_until: null,
      patient_id: null,
      last_login_at: null,
    }));
    await t.db.insertInto('app_user').values(rows).execute();
    const users = new UserService(t.db, { lockoutThreshold: 5, lockoutMinutes: 15 });
    const last = rows.at(-1) as (typeof rows)[number];
    expect((await users.get(last.id)).username).toBe('user0599');
    await expect(users.get('00000000-0000-4000-8000-999999999999')).rejects.toMatchObject({ status: 404 });
  });
});
