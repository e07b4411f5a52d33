/**
 * Configuration, read once from the environment and validated: an invalid environment stops the
 * start with every problem listed. The README's configuration table mirrors this schema.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  PASSAGE_DATA_DIR: z.string().min(1).default('./data'),
  PASSAGE_DEMO: flag.optional(),
  PASSAGE_DEMO_PASSWORD: z.string().min(8).default('passage-demo'),
  PASSAGE_SESSION_HOURS: z.coerce.number().min(0.1).max(720).default(12),
  PASSAGE_BODY_LIMIT_MB: z.coerce.number().min(0.1).max(512).default(16),
  PASSAGE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PASSAGE_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  PASSAGE_LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).default(5),
  PASSAGE_LOCKOUT_MINUTES: z.coerce.number().min(0).default(15),
  PASSAGE_SCAN_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  PASSAGE_WEB_DIST: z.string().optional(),
  PASSAGE_COOKIE_SECURE: flag.optional(),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  database: { kind: 'pglite'; dataDir: string | null } | { kind: 'postgres'; url: string; poolSize: number };
  /** Demo accounts and synthetic people: on by default only for the embedded database outside production. */
  demo: boolean;
  demoPassword: string;
  sessionHours: number;
  bodyLimitBytes: number;
  logLevel: z.infer<typeof EnvSchema>['PASSAGE_LOG_LEVEL'];
  loginRateLimitPerMinute: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  /** Threads a duplicate scan compares people in (default: one per core, at most 8). */
  scanThreads: number;
  webDist: string;
  cookieSecure: boolean;
}

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dataDir: resolve(e.PASSAGE_DATA_DIR) },
    demo: e.PASSAGE_DEMO ?? (!production && !e.DATABASE_URL),
    demoPassword: e.PASSAGE_DEMO_PASSWORD,
    sessionHours: e.PASSAGE_SESSION_HOURS,
    bodyLimitBytes: Math.round(e.PASSAGE_BODY_LIMIT_MB * 1024 * 1024),
    logLevel: e.PASSAGE_LOG_LEVEL,
    loginRateLimitPerMinute: e.PASSAGE_LOGIN_RATE_LIMIT,
    lockoutThreshold: e.PASSAGE_LOCKOUT_THRESHOLD,
    lockoutMinutes: e.PASSAGE_LOCKOUT_MINUTES,
    scanThreads: e.PASSAGE_SCAN_THREADS ?? Math.max(1, Math.min(8, availableParallelism())),
    webDist: resolve(e.PASSAGE_WEB_DIST ?? new URL('../../../web/dist', import.meta.url).pathname),
    cookieSecure: e.PASSAGE_COOKIE_SECURE ?? production,
  };
}
