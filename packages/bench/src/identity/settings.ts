/** The identity benchmark's settings, from the environment (packages/bench/README.md). */

export interface IdentitySettings {
  /** Patient records in the register. */
  people: number;
  seed: number;
  /** $match queries per concurrency level. */
  queries: number;
  /** The concurrency levels $match is measured at. */
  concurrencies: number[];
  /** Records generated and written per chunk (duplicates stay within a chunk). */
  chunk: number;
  /** Concurrent repository writers while loading. */
  writers: number;
  /** Patients per repository transaction while loading. */
  batch: number;
  reload: boolean;
  /** People for the in-process precision/recall evaluation (0: skipped). */
  evalPeople: number;
  evalSeed: number;
  scanTimeoutSeconds: number;
  databaseUrl: string;
  database: string;
}

function intEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(v) || v < min || v > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not '${raw}'`);
  return v;
}

function databaseName(name: string): string {
  if (!/^passage_bench_[a-z0-9_]{1,40}$/.test(name))
    throw new Error(
      `BENCH_IDENTITY_DATABASE must be passage_bench_ and lower-case letters, digits or _, not '${name}'`,
    );
  return name;
}

export function identitySettings(): IdentitySettings {
  const concurrency = intEnv('BENCH_CONCURRENCY', 16, 1, 256);
  return {
    people: intEnv('BENCH_IDENTITY_PEOPLE', 1_000_000, 1000, 10_000_000),
    seed: intEnv('BENCH_IDENTITY_SEED', 1, 0, 1_000_000),
    queries: intEnv('BENCH_IDENTITY_QUERIES', 500, 10, 100_000),
    concurrencies: [...new Set([1, concurrency])],
    chunk: intEnv('BENCH_IDENTITY_CHUNK', 20_000, 1000, 500_000),
    writers: intEnv('BENCH_IDENTITY_WRITERS', 2, 1, 16),
    batch: intEnv('BENCH_IDENTITY_BATCH', 500, 1, 5000),
    reload: process.env.BENCH_IDENTITY_RELOAD === '1',
    evalPeople: intEnv('BENCH_IDENTITY_EVAL_PEOPLE', 100_000, 0, 1_000_000),
    evalSeed: intEnv('BENCH_IDENTITY_EVAL_SEED', 21, 0, 1_000_000),
    scanTimeoutSeconds: intEnv('BENCH_IDENTITY_SCAN_TIMEOUT', 3600, 10, 86_400),
    databaseUrl: process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    database: databaseName(process.env.BENCH_IDENTITY_DATABASE || 'passage_bench_identity'),
  };
}
