/**
 * Everything before the clock starts: a fresh database (PGlite in a temporary directory, or a
 * `passage_bench` database on a PostgreSQL server), the first administrator through the real CLI,
 * the server started in-process, the organisation tree and clinicians through the admin and FHIR
 * APIs, and bearer tokens from POST /api/auth/login.
 */
import { organizationResource } from '@passage/core';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { currentTotp, loadConfig, startServer, type RunningServer } from '@passage/server';

export const ROOT_ORG = 'national-node';
export const REGION = 'bench-region';
export const SITE_A = 'bench-site-a';
export const SITE_B = 'bench-site-b';
/** The benchmark's user works at site A; its role reaches that site only. */
export const CLINICIAN_ORGS = [SITE_A];

const ADMIN = 'bench-admin';
const PASSWORD = 'Bench-run-pass-2025!';
const CLINICIANS: Record<string, string> = { [SITE_A]: 'bench-clinician-a', [SITE_B]: 'bench-clinician-b' };

export interface Target {
  name: 'PGlite' | 'PostgreSQL';
  /** Environment for loadConfig and the CLI (database part only). */
  env: Record<string, string>;
  /** PGlite data directory, or the PostgreSQL URL of the bench database. */
  location: string;
  drop(): Promise<void>;
}

export async function pgliteTarget(): Promise<Target> {
  const dir = await mkdtemp(join(tmpdir(), 'passage-bench-'));
  return {
    name: 'PGlite',
    env: { PASSAGE_DATA_DIR: dir },
    location: dir,
    drop: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Connects to the PostgreSQL server and makes a fresh `passage_bench` database, or says why not. */
export async function postgresTarget(adminUrl: string): Promise<Target | string> {
  const url = new URL(adminUrl);
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(url.hostname)) {
    return `BENCH_DATABASE_URL must point at this machine (127.0.0.1), not ${url.hostname}`;
  }
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (err) {
    return `PostgreSQL at ${url.host} is not reachable (${(err as Error).message})`;
  }
  try {
    await admin.query('DROP DATABASE IF EXISTS passage_bench WITH (FORCE)');
    await admin.query('CREATE DATABASE passage_bench');
  } finally {
    await admin.end();
  }
  const benchUrl = new URL(adminUrl);
  benchUrl.pathname = '/passage_bench';
  return {
    name: 'PostgreSQL',
    env: { DATABASE_URL: benchUrl.toString() },
    location: benchUrl.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
      await c.connect();
      try {
        await c.query('DROP DATABASE IF EXISTS passage_bench WITH (FORCE)');
      } finally {
        await c.end();
      }
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export function serverEnv(target: Target, port: number): Record<string, string> {
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    PASSAGE_DEMO: 'false',
    PASSAGE_LOG_LEVEL: 'silent',
    PASSAGE_LOGIN_RATE_LIMIT: '1000',
    ...target.env,
  };
}

/** Runs the `passage` CLI against the target database; resolves with its exit code and output. */
function passage(
  target: Target,
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<{ code: number; output: string }> {
  const cli = fileURLToPath(new URL('./cli.ts', import.meta.resolve('@passage/server')));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    ...serverEnv(target, 8080),
    ...extraEnv,
  };
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { env, timeout: 180_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}`.trim() });
    });
  });
}

/** Creates the first administrator with `passage create-admin`, as an operator would; returns its TOTP secret. */
export async function createAdmin(target: Target): Promise<string> {
  const { code, output } = await passage(target, ['create-admin', ADMIN], {
    PASSAGE_ADMIN_PASSWORD: PASSWORD,
    PASSAGE_NODE_NAME: 'Bench country',
  });
  if (code !== 0) throw new Error(`passage create-admin failed (${code}):\n${output}`);
  const secret = /secret:\s*([A-Z2-7]+)/.exec(output)?.[1];
  if (!secret) throw new Error(`passage create-admin printed no TOTP secret:\n${output}`);
  return secret;
}

/** `passage audit verify` after the run: the hash chain must be intact after all that concurrent load. */
export async function verifyAudit(target: Target): Promise<string> {
  const { code, output } = await passage(target, ['audit', 'verify']);
  return `passage audit verify after the run: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} — ${output.split('\n').at(-1) ?? ''}`;
}

export interface Started {
  server: RunningServer;
  baseUrl: string;
  poolSize: number | null;
}

export async function start(target: Target): Promise<Started> {
  const port = await freePort();
  const config = loadConfig(serverEnv(target, port));
  const server = await startServer(config, { logger: false, print: () => undefined });
  return {
    server,
    baseUrl: `http://127.0.0.1:${port}`,
    poolSize: config.database.kind === 'postgres' ? config.database.poolSize : null,
  };
}

async function call(
  baseUrl: string,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<unknown> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  return text ? (JSON.parse(text) as unknown) : null;
}

export async function login(baseUrl: string, username: string, totp?: string): Promise<string> {
  const reply = (await call(baseUrl, 'POST', '/api/auth/login', null, {
    username,
    password: PASSWORD,
    ...(totp ? { totp } : {}),
  })) as { accessToken: string };
  return reply.accessToken;
}

export async function clinicianTokens(baseUrl: string): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const [site, username] of Object.entries(CLINICIANS)) tokens[site] = await login(baseUrl, username);
  return tokens;
}

/** Region and two sites under the national node, and a clinician at each site, through the APIs. */
export async function createOrganisationsAndUsers(baseUrl: string, totpSecret: string): Promise<void> {
  const admin = await login(baseUrl, ADMIN, currentTotp(totpSecret));
  const orgs = [
    organizationResource(REGION, 'Bench region', 'region', ROOT_ORG),
    organizationResource(SITE_A, 'Bench site A', 'site', REGION),
    organizationResource(SITE_B, 'Bench site B', 'site', REGION),
  ];
  await call(baseUrl, 'POST', '/fhir', admin, {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: orgs.map((o) => ({ resource: o, request: { method: 'PUT', url: `Organization/${o.id}` } })),
  });
  for (const [site, username] of Object.entries(CLINICIANS)) {
    await call(baseUrl, 'POST', '/api/admin/users', admin, {
      username,
      displayName: `Bench clinician (${site})`,
      password: PASSWORD,
      roles: [{ role: 'clinician', organizationId: site }],
    });
  }
}
