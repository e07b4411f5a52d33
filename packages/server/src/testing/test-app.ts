/** A whole Passage app on a fresh test database, with one user per role at site A and a second site. */
import type { FastifyInstance } from 'fastify';
import { ROLES, type Role } from '@passage/core';
import { buildApp, type AppServices } from '../platform/app.ts';
import { loadConfig } from '../platform/config.ts';
import { openTestDb, type TestDb } from './test-db.ts';
import { seedTestOrgs } from './fixtures.ts';
import { currentTotp } from '../auth/totp.ts';

export const TEST_PASSWORD = 'correct-horse-battery';
export const ADMIN_TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** Where each test user holds its role; `-b` users hold the same role at site B. */
export const ROLE_SITE: Record<Role, string> = {
  clinician: 'site-a',
  nurse: 'site-a',
  mediator: 'site-a',
  coordinator: 'site-a',
  officer: 'country',
  researcher: 'country',
  trainer: 'country',
  border: 'country',
  admin: 'country',
  person: 'site-a',
};

export interface TestApp {
  app: FastifyInstance;
  services: AppServices;
  t: TestDb;
  /** Bearer tokens by username. */
  tokens: Map<string, string>;
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const t = await openTestDb();
  await seedTestOrgs(t.db);
  const config = loadConfig({
    NODE_ENV: 'test',
    PASSAGE_DEMO: 'false',
    PASSAGE_LOGIN_RATE_LIMIT: '1000',
    PASSAGE_WEB_DIST: '/nonexistent',
    ...env,
  });
  const { app, services } = await buildApp(config, t.db, { logger: false });
  await app.ready();
  const tokens = new Map<string, string>();
  const login = async (username: string, password = TEST_PASSWORD): Promise<string> => {
    const attempt = (totpAt?: number) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: {
          username,
          password,
          ...(totpAt !== undefined ? { totp: currentTotp(ADMIN_TOTP, totpAt) } : {}),
        },
      });
    let res = await attempt(username.startsWith('admin') ? Date.now() : undefined);
    // Each code is accepted once; a second admin sign-in in the same 30 s uses the next step's code.
    for (let step = 1; step <= 2 && res.statusCode === 401 && username.startsWith('admin'); step++) {
      res = await attempt(Date.now() + step * 30_000);
    }
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    const token = (res.json() as { accessToken: string }).accessToken;
    tokens.set(username, token);
    return token;
  };
  return {
    app,
    services,
    t,
    tokens,
    login,
    async close() {
      await app.close();
      await t.close();
    },
  };
}

/** Creates one user per role at its site, and `<role>-b` at site B for the care roles. */
export async function createRoleUsers(ta: TestApp, personPatientId: string | null = null): Promise<void> {
  for (const role of ROLES) {
    await ta.services.users.create(null, {
      username: role,
      displayName: role,
      password: TEST_PASSWORD,
      roles: [{ role, organizationId: ROLE_SITE[role] }],
      patientId: role === 'person' ? personPatientId : null,
      ...(role === 'admin' ? { totpSecret: ADMIN_TOTP } : {}),
    });
  }
  for (const role of ['clinician', 'nurse', 'mediator', 'coordinator'] as const) {
    await ta.services.users.create(null, {
      username: `${role}-b`,
      displayName: `${role} B`,
      password: TEST_PASSWORD,
      roles: [{ role, organizationId: 'site-b' }],
    });
  }
}
