/**
 * The register the identity benchmark measures: a PostgreSQL database `passage_bench_identity` on
 * BENCH_DATABASE_URL, migrated by the server, with BENCH_IDENTITY_PEOPLE Patient records of core's
 * duplicate generator at one site, written through the server's repository (validation, search
 * indexes, access rows, audit rows and the identity blocking keys, as any write).
 *
 * Generation is streamed: records are generated and written a chunk (BENCH_IDENTITY_CHUNK records)
 * at a time, each chunk its own call of generateDuplicates with its own seed, so a person's repeat
 * registrations and siblings are all within one chunk. Each chunk is sliced to exactly the number
 * of records wanted (records born after today, which the generator's year-off-by-one and siblings
 * can produce and the server refuses, are left out). From the first chunk, some repeat registrations are held back (one per person,
 * never written): they are the $match queries, each with the ids of its person's stored records.
 *
 * The database is kept between runs: bench_identity_meta says which population it holds (records,
 * seed, chunk size, the server's KEY_SCHEME); a run with the same settings reuses it, an interrupted
 * load is resumed, anything else (or BENCH_IDENTITY_RELOAD=1) drops and reloads it.
 */
import type { Patient } from '@medplum/fhirtypes';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { migrate, openDatabase } from '@passage/server';
import { createAdmin, createOrganisationsAndUsers, SITE_A, start, type Target } from '../setup.ts';
import { internals, type GeneratedRecord, type Internals } from './internals.ts';
import type { LoadWorkerData, LoadWorkerReply } from './load-worker.ts';
import type { IdentitySettings } from './settings.ts';

/** Records born after this day (the generator's +1 year and siblings) are left out. */
const TODAY = new Date().toISOString().slice(0, 10);

/** Records generateDuplicates yields per person asked for (1.08 with siblings × 1.36 with repeats). */
const RECORDS_PER_PERSON = 1.47;

export interface MatchQuery {
  /** The repeat registration, as a new border would send it (no id). */
  patient: Patient;
  personId: string;
  /** The stored records of the same person. */
  trueIds: string[];
}

export interface LoadedRegister {
  url: string;
  target: Target;
  reused: boolean;
  /** Seconds this run spent loading (0 when reused). */
  seconds: number;
  /** Seconds the whole load took, over every run that contributed to it. */
  totalLoadSeconds: number;
  records: number;
  persons: number;
  /** Pairs of stored records of the same person. */
  truePairs: number;
  identityKeys: number;
  databaseMB: number;
  version: string;
  queries: MatchQuery[];
}

type Log = (line: string) => void;

function localOnly(url: URL): void {
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(url.hostname))
    throw new Error(`BENCH_DATABASE_URL must point at this machine (127.0.0.1), not ${url.hostname}`);
}

/** Whether the PostgreSQL server answers (why not, when it does not). */
export async function postgresAnswers(adminUrl: string): Promise<true | string> {
  const url = new URL(adminUrl);
  try {
    localOnly(url);
  } catch (err) {
    return (err as Error).message;
  }
  const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch (err) {
    return `PostgreSQL at ${url.host} is not reachable (${(err as Error).message})`;
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function withClient<T>(url: string, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

interface Meta {
  people: number;
  seed: number;
  chunk_size: number;
  key_scheme: string;
  status: 'loading' | 'ready';
  totp_secret: string | null;
  load_seconds: number;
}

const BENCH_TABLES = `
  CREATE TABLE IF NOT EXISTS bench_identity_meta (
    id int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    people int NOT NULL, seed int NOT NULL, chunk_size int NOT NULL, key_scheme text NOT NULL,
    status text NOT NULL, totp_secret text, load_seconds float8 NOT NULL DEFAULT 0,
    started_at timestamptz NOT NULL DEFAULT now(), finished_at timestamptz);
  CREATE TABLE IF NOT EXISTS bench_identity_truth (id text PRIMARY KEY, person_id text NOT NULL);
  CREATE INDEX IF NOT EXISTS bench_identity_truth_person ON bench_identity_truth (person_id);
  CREATE TABLE IF NOT EXISTS bench_identity_query (
    n int PRIMARY KEY, person_id text NOT NULL, true_ids text[] NOT NULL, patient jsonb NOT NULL);`;

async function readMeta(url: string): Promise<Meta | undefined> {
  return withClient(url, async (c) => {
    const exists = await c.query(`SELECT to_regclass('bench_identity_meta') IS NOT NULL AS e`);
    if (!exists.rows[0]?.e) return undefined;
    const rows = await c.query<Meta>('SELECT * FROM bench_identity_meta WHERE id = 1');
    return rows.rows[0];
  });
}

/** Records of one chunk, with the queries held back from it. Deterministic for (settings, chunk). */
export function chunkRecords(
  generate: Internals['generateDuplicates'],
  settings: IdentitySettings,
  chunk: number,
  queryPool: number,
): { stored: GeneratedRecord[]; queries: MatchQuery[] } {
  const want = Math.min(settings.chunk, settings.people - chunk * settings.chunk);
  const hold = chunk === 0 ? queryPool : 0;
  let count = Math.ceil((want + hold) / (RECORDS_PER_PERSON - 0.04)) + 20;
  for (;;) {
    const records = generate({ count, seed: settings.seed * 10_007 + chunk });
    const heldPersons = new Set<string>();
    const held: GeneratedRecord[] = [];
    const rest: GeneratedRecord[] = [];
    for (const r of records) {
      // The generator's year-off-by-one and siblings can be born after today: not a valid record.
      if ((r.patient.birthDate ?? '') > TODAY) continue;
      if (held.length < hold && r.variations.length > 0 && !heldPersons.has(r.personId)) {
        heldPersons.add(r.personId);
        held.push(r);
      } else rest.push(r);
    }
    if (rest.length < want || held.length < hold) {
      count = Math.ceil(count * 1.1);
      continue;
    }
    const stored = rest.slice(0, want).map((r, i) => {
      const id = `bi-${chunk}-${i + 1}`;
      const patient: Patient = {
        ...r.patient,
        id,
        managingOrganization: { reference: `Organization/${SITE_A}` },
      };
      return { ...r, id, personId: `c${chunk}.${r.personId}`, patient };
    });
    const byPerson = new Map<string, string[]>();
    for (const r of stored) byPerson.set(r.personId, [...(byPerson.get(r.personId) ?? []), r.id]);
    const queries = held.flatMap((r): MatchQuery[] => {
      const personId = `c${chunk}.${r.personId}`;
      const trueIds = byPerson.get(personId);
      if (!trueIds) return [];
      const { id: _id, ...patient } = r.patient;
      return [{ patient: { ...patient, resourceType: 'Patient' }, personId, trueIds }];
    });
    return { stored, queries };
  }
}

/** Creates the database when missing; drops and recreates it when asked to. */
async function ensureDatabase(adminUrl: string, name: string, recreate: boolean): Promise<boolean> {
  return withClient(adminUrl, async (c) => {
    if (recreate) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    const found = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    await c.query(`CREATE DATABASE ${name}`);
    return true;
  });
}

async function summary(url: string): Promise<Omit<LoadedRegister, 'url' | 'target' | 'reused' | 'seconds'>> {
  return withClient(url, async (c) => {
    const r = await c.query(`SELECT
        (SELECT count(*) FROM fhir_resource WHERE type = 'Patient' AND NOT deleted)::int AS records,
        (SELECT count(DISTINCT person_id) FROM bench_identity_truth)::int AS persons,
        (SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM (SELECT count(*) AS n FROM bench_identity_truth GROUP BY person_id) g)::float8 AS pairs,
        (SELECT count(*) FROM identity_key)::float8 AS keys,
        pg_database_size(current_database())::float8 AS bytes,
        (SELECT load_seconds FROM bench_identity_meta) AS load_seconds,
        current_setting('server_version') AS version`);
    const row = r.rows[0] ?? {};
    const q = await c.query<{ person_id: string; true_ids: string[]; patient: Patient }>(
      'SELECT person_id, true_ids, patient FROM bench_identity_query ORDER BY n',
    );
    return {
      records: Number(row.records),
      persons: Number(row.persons),
      truePairs: Number(row.pairs),
      identityKeys: Number(row.keys),
      databaseMB: Number(row.bytes) / 1024 ** 2,
      totalLoadSeconds: Number(row.load_seconds),
      version: `PostgreSQL ${String(row.version)}`,
      queries: q.rows.map((x) => ({ patient: x.patient, personId: x.person_id, trueIds: x.true_ids })),
    };
  });
}

/** Loads the register (or reuses or resumes it), and says what it holds. */
export async function loadRegister(settings: IdentitySettings, log: Log): Promise<LoadedRegister> {
  const admin = new URL(settings.databaseUrl);
  localOnly(admin);
  const benchUrl = new URL(settings.databaseUrl);
  benchUrl.pathname = `/${settings.database}`;
  const url = benchUrl.toString();
  const target: Target = {
    name: 'PostgreSQL',
    env: { DATABASE_URL: url },
    location: url,
    drop: async () => undefined,
  };
  const lib = await internals();
  const wanted = {
    people: settings.people,
    seed: settings.seed,
    chunk_size: settings.chunk,
    key_scheme: lib.keyScheme,
  };
  const created = await ensureDatabase(settings.databaseUrl, settings.database, false);
  let meta = created ? undefined : await readMeta(url);
  const same =
    meta !== undefined &&
    meta.people === wanted.people &&
    meta.seed === wanted.seed &&
    meta.chunk_size === wanted.chunk_size &&
    meta.key_scheme === wanted.key_scheme &&
    meta.totp_secret !== null;
  if (same && meta?.status === 'ready' && !settings.reload) {
    log(
      `[identity] reusing ${settings.database}: ${wanted.people.toLocaleString('en-US')} records, seed ${wanted.seed}, key scheme ${wanted.key_scheme} (BENCH_IDENTITY_RELOAD=1 reloads)`,
    );
    return { url, target, reused: true, seconds: 0, ...(await summary(url)) };
  }
  const resume = same && !settings.reload;
  if (!resume) {
    if (!created) {
      const why = settings.reload
        ? 'BENCH_IDENTITY_RELOAD=1'
        : meta
          ? `it holds ${JSON.stringify({ people: meta.people, seed: meta.seed, chunk_size: meta.chunk_size, key_scheme: meta.key_scheme, status: meta.status })}, wanted ${JSON.stringify(wanted)}`
          : 'it holds no bench population';
      log(`[identity] recreating ${settings.database}: ${why}`);
      await ensureDatabase(settings.databaseUrl, settings.database, true);
    }
    meta = undefined;
  } else log(`[identity] resuming the interrupted load of ${settings.database}`);

  const db = await openDatabase({ kind: 'postgres', url, poolSize: settings.writers + 1 });
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const began = performance.now();
  try {
    await migrate(db);
    await pool.query(BENCH_TABLES);
    if (!meta) {
      // The site, its clinician and the administrator, through the CLI and the APIs.
      log('[identity] creating the administrator, the sites and their clinicians …');
      const secret = await createAdmin(target);
      const running = await start(target);
      try {
        await createOrganisationsAndUsers(running.baseUrl, secret);
      } finally {
        await running.server.close();
      }
      await pool.query(
        `INSERT INTO bench_identity_meta (people, seed, chunk_size, key_scheme, status, totp_secret)
         VALUES ($1, $2, $3, $4, 'loading', $5)`,
        [wanted.people, wanted.seed, wanted.chunk_size, wanted.key_scheme, secret],
      );
    }
    const chunks = Math.ceil(settings.people / settings.chunk);
    const queryPool = Math.min(
      2000,
      Math.max(20, Math.floor(Math.min(settings.people, settings.chunk) * 0.05)),
    );
    let written = 0;
    let skipped = 0;
    let lastLog = performance.now();
    const progress = () => {
      const now = performance.now();
      if (now - lastLog < 10_000) return;
      lastLog = now;
      const s = (now - began) / 1000;
      const rate = written / s;
      const left = settings.people - written - skipped;
      log(
        `[identity] loaded ${(written + skipped).toLocaleString('en-US')} / ${settings.people.toLocaleString('en-US')} records (${Math.round(rate)} /s, ${Math.round(s)} s${left > 0 && rate > 0 ? `, about ${Math.round(left / rate / 60)} min left` : ''})`,
      );
    };
    // Writer threads take chunks one at a time until none are left.
    let next = 0;
    let done = 0;
    const data: LoadWorkerData = { url, settings, queryPool, resume };
    const runWriter = () =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(new URL('./load-worker.ts', import.meta.url), { workerData: data });
        const give = () => {
          if (next >= chunks) {
            worker.postMessage({ close: true });
            return;
          }
          worker.postMessage({ chunk: next });
          next += 1;
        };
        worker.on('message', (m: LoadWorkerReply) => {
          if (m.kind === 'progress') {
            written += m.written;
            progress();
          } else if (m.kind === 'done') {
            skipped += m.skipped;
            done += 1;
            // Statistics as autovacuum would keep them (it may be off): without them the planner
            // takes the growing key table for empty and the key writes slow down.
            if (done === 1 || done % 8 === 0) void pool.query('ANALYZE').catch(() => undefined);
            give();
          } else {
            reject(new Error(`loader thread: ${m.error}`));
            void worker.terminate();
          }
        });
        worker.on('error', reject);
        worker.on('exit', () => resolve());
        give();
      });
    await Promise.all(Array.from({ length: Math.min(settings.writers, chunks) }, runWriter));
    log('[identity] VACUUM ANALYZE (as autovacuum would) …');
    await pool.query('VACUUM ANALYZE');
    const seconds = (performance.now() - began) / 1000;
    await pool.query(
      `UPDATE bench_identity_meta SET status = 'ready', load_seconds = load_seconds + $1, finished_at = now()`,
      [seconds],
    );
    log(
      `[identity] loaded ${written.toLocaleString('en-US')} records in ${Math.round(seconds)} s (${Math.round(written / seconds)} records/s)${skipped ? `; ${skipped} were already there` : ''}`,
    );
    return { url, target, reused: false, seconds, ...(await summary(url)) };
  } catch (err) {
    const seconds = (performance.now() - began) / 1000;
    await pool
      .query('UPDATE bench_identity_meta SET load_seconds = load_seconds + $1', [seconds])
      .catch(() => undefined);
    throw err;
  } finally {
    await pool.end();
    await db.destroy();
  }
}
