import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRoleUsers,
  createTestApp,
  ADMIN_TOTP,
  TEST_PASSWORD,
  type TestApp,
} from '../testing/test-app.ts';
import { currentTotp } from './totp.ts';

let ta: TestApp;

beforeAll(async () => {
  ta = await createTestApp({ PASSAGE_LOCKOUT_THRESHOLD: '3' });
  await createRoleUsers(ta);
});
afterAll(() => ta.close());

const login = (payload: Record<string, unknown>) =>
  ta.app.inject({ method: 'POST', url: '/api/auth/login', payload });

describe('sign-in', () => {
  it('answers a token and sets an HttpOnly SameSite cookie', async () => {
    const res = await login({ username: 'nurse', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      accessToken: string;
      expiresAt: string;
      user: { username: string; permissions: string[] };
    };
    expect(body.accessToken.length).toBeGreaterThan(30);
    expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(body.user.permissions).toContain('clinical.write');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/passage_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const viaCookie = await ta.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      cookies: { passage_session: body.accessToken },
    });
    expect(viaCookie.json()).toMatchObject({ username: 'nurse' });
    const viaBearer = await ta.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${body.accessToken}` },
    });
    expect(viaBearer.statusCode).toBe(200);
  });

  it('refuses wrong passwords and unknown users alike', async () => {
    const wrong = await login({ username: 'mediator', password: 'not the password' });
    const unknown = await login({ username: 'nobody', password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'invalid_credentials' });
    expect(unknown.json()).toMatchObject({ code: 'invalid_credentials' });
  });

  it('locks an account after repeated failures, even for the right password', async () => {
    for (let i = 0; i < 3; i++) await login({ username: 'trainer', password: 'wrong password!' });
    const locked = await login({ username: 'trainer', password: TEST_PASSWORD });
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toMatchObject({ code: 'account_locked' });
  });

  it('requires a TOTP code for admins and accepts each code once', async () => {
    const noCode = await login({ username: 'admin', password: TEST_PASSWORD });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json()).toMatchObject({ code: 'totp_required' });
    const badCode = await login({
      username: 'admin',
      password: TEST_PASSWORD,
      totp: '000000' === currentTotp(ADMIN_TOTP) ? '111111' : '000000',
    });
    expect(badCode.json()).toMatchObject({ code: 'totp_invalid' });
    const code = currentTotp(ADMIN_TOTP);
    expect((await login({ username: 'admin', password: TEST_PASSWORD, totp: code })).statusCode).toBe(200);
    const replay = await login({ username: 'admin', password: TEST_PASSWORD, totp: code });
    expect(replay.json()).toMatchObject({ code: 'totp_invalid' });
  });

  it('signs out: the token stops working', async () => {
    const token = await ta.login('coordinator');
    const out = await ta.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(out.statusCode).toBe(204);
    const me = await ta.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.statusCode).toBe(401);
  });

  it('changes a password with the current one, and rejects weak ones', async () => {
    const token = await ta.login('researcher');
    const headers = { authorization: `Bearer ${token}` };
    const weak = await ta.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(weak.json()).toMatchObject({ code: 'weak_password' });
    const ok = await ta.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'a much better passphrase' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await login({ username: 'researcher', password: 'a much better passphrase' })).statusCode).toBe(
      200,
    );
  });

  it('rate-limits sign-in attempts', async () => {
    const limited = await createTestApp({ PASSAGE_LOGIN_RATE_LIMIT: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push(
          (
            await limited.app.inject({
              method: 'POST',
              url: '/api/auth/login',
              payload: { username: 'x', password: 'y' },
            })
          ).statusCode,
        );
      }
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses.slice(3)).toEqual([429, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('user administration', () => {
  it('creates, disables and resets users; a disabled user cannot sign in', async () => {
    const headers = { authorization: `Bearer ${await ta.login('admin')}` };
    const created = await ta.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers,
      payload: {
        username: 'newnurse',
        displayName: 'New Nurse',
        password: 'a long enough secret',
        roles: [{ role: 'nurse', organizationId: 'site-b' }],
      },
    });
    expect(created.statusCode).toBe(201);
    const user = created.json() as { id: string; roles: { organizationName: string }[] };
    expect(user.roles[0]?.organizationName).toBe('Site B');
    const dup = await ta.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers,
      payload: { username: 'NewNurse', displayName: 'x', password: 'a long enough secret', roles: [] },
    });
    expect(dup.json()).toMatchObject({ code: 'username_taken' });
    const token = await ta.login('newnurse', 'a long enough secret');
    const disabled = await ta.app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${user.id}`,
      headers,
      payload: { disabled: true },
    });
    expect(disabled.statusCode).toBe(200);
    expect(
      (
        await ta.app.inject({
          method: 'GET',
          url: '/api/auth/me',
          headers: { authorization: `Bearer ${token}` },
        })
      ).statusCode,
    ).toBe(401);
    expect((await login({ username: 'newnurse', password: 'a long enough secret' })).statusCode).toBe(403);
    await ta.app.inject({
      method: 'PATCH',
      url: `/api/admin/users/${user.id}`,
      headers,
      payload: { disabled: false },
    });
    const reset = await ta.app.inject({
      method: 'POST',
      url: `/api/admin/users/${user.id}/reset-password`,
      headers,
      payload: { password: 'temporary password 1' },
    });
    expect(reset.statusCode).toBe(204);
    const again = await login({ username: 'newnurse', password: 'temporary password 1' });
    expect((again.json() as { user: { mustChangePassword: boolean } }).user.mustChangePassword).toBe(true);
  });
});
