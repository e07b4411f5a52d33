/**
 * `npm run bench`: Passage's throughput and latency on PGlite and PostgreSQL, against the ceiling
 * of the same work as bare SQL. See packages/bench/README.md for what is measured and how.
 *
 * Environment: BENCH_PATIENTS (10000), BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2),
 * BENCH_CONCURRENCY (16), BENCH_BUNDLE_SIZE (500), BENCH_INGEST_CONCURRENCY (2), BENCH_SEED (42),
 * BENCH_DATABASES (pglite,postgres), BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_PROFILE=1 to write a CPU profile of the server per API phase to results/*.cpuprofile,
 * BENCH_KEEP=1 to keep the bench database or data directory afterwards (for EXPLAIN and profiling),
 * BENCH_RECORDS (20) people whose records are filled through the assessment API to at least
 * BENCH_RECORD_RESOURCES (200) resources for the `$everything` phases. The clinical phases (`$everything`, assessments) run at concurrency 1 and
 * BENCH_CONCURRENCY, each measured for half of BENCH_SECONDS.
 * Then the identity phase (identity/run.ts; BENCH_IDENTITY=0 skips it, BENCH_ONLY=identity runs it alone).
 */
import { loadavg } from 'node:os';
import { clinicalApi, everythingCeiling, type ClinicalApiResult, type ClinicalResult } from './clinical.ts';
import { cpuShare, cpuSnapshot, withCpu } from './cpu.ts';
import { HttpClientThread } from './http-load.ts';
import type { LoadResult } from './load.ts';
import { machineInfo } from './machine.ts';
import { identityWanted, runIdentity } from './identity/run.ts';
import { Profiler } from './profile.ts';
import {
  DISTURBED,
  TARGETS,
  toMarkdown,
  writeReport,
  type ApiName,
  type CeilingKey,
  type DatabaseResult,
  type Report,
  type Settings,
} from './report.ts';
import {
  CLINICIAN_ORGS,
  SITE_A,
  SITE_B,
  clinicianTokens,
  createAdmin,
  createOrganisationsAndUsers,
  pgliteTarget,
  postgresTarget,
  start,
  verifyAudit,
  type Started,
  type Target,
} from './setup.ts';
import {
  ceilingOperations,
  databaseVersion,
  loadTemplates,
  pgClient,
  pgliteClient,
  resetToBaseline,
  runCeiling,
  searchIds,
  type SqlClient,
} from './sql-ceiling.ts';
import { population } from './population.ts';
import { makeSearches, searchPath, type SearchQuery } from './workload.ts';

const MAX_OPS_PER_PHASE = 2_000_000;
const INGEST_TIMEOUT_MS = 240_000;

function intEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min || v > max)
    throw new Error(`${name} must be a number from ${min} to ${max}, not '${raw}'`);
  return v;
}

export function readSettings(): Settings {
  const seconds = intEnv('BENCH_SECONDS', 10, 1, 120);
  return {
    patients: Math.round(intEnv('BENCH_PATIENTS', 10_000, 100, 200_000)),
    seconds,
    warmupSeconds: intEnv('BENCH_WARMUP_SECONDS', 2, 0, 60),
    concurrency: Math.round(intEnv('BENCH_CONCURRENCY', 16, 1, 256)),
    bundleSize: Math.round(intEnv('BENCH_BUNDLE_SIZE', 500, 1, 10_000)),
    ingestConcurrency: Math.round(intEnv('BENCH_INGEST_CONCURRENCY', 2, 1, 16)),
    seed: Math.round(intEnv('BENCH_SEED', 42, 0, 2 ** 31)),
    databaseUrl: process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    databases: (process.env.BENCH_DATABASES || 'pglite,postgres')
      .split(',')
      .map((s) => s.trim().toLowerCase()),
    records: Math.round(intEnv('BENCH_RECORDS', 20, 1, 1000)),
    recordResources: Math.round(intEnv('BENCH_RECORD_RESOURCES', 200, 1, 3000)),
    clinicalSeconds: Math.max(1, Math.round(seconds / 2)),
  };
}

const log = (line: string) => process.stdout.write(`${line}\n`);

function brief(r: LoadResult): string {
  return `${Math.round(r.perSecond)} /s, p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms${r.non2xx ? `, ${r.non2xx} non-2xx: ${r.samples.join(' | ')}` : ''}`;
}

/** CPU used by other processes (not this one, not PostgreSQL) over `ms`, % of one core. */
async function otherCpu(ms: number): Promise<number> {
  const from = cpuSnapshot();
  await new Promise((resolve) => setTimeout(resolve, ms));
  return cpuShare(from, cpuSnapshot()).other;
}

function profileFile(target: Target, phase: string): URL {
  return new URL(`../results/${target.name.toLowerCase()}-${phase}.cpuprofile`, import.meta.url);
}

async function apiSearchIds(baseUrl: string, token: string, q: SearchQuery): Promise<string[]> {
  const res = await fetch(`${baseUrl}${searchPath(q)}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(30_000),
  });
  if (!res.ok) throw new Error(`search ${searchPath(q)}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  const bundle = (await res.json()) as { entry?: { resource?: { id?: string } }[] };
  return (bundle.entry ?? []).map((e) => String(e.resource?.id));
}

async function benchDatabase(target: Target, settings: Settings): Promise<DatabaseResult> {
  const began = performance.now();
  const timings: Record<string, number> = {};
  let lastMark = began;
  const mark = (stage: string) => {
    const now = performance.now();
    timings[stage] = Math.round(((timings[stage] ?? 0) + (now - lastMark) / 1000) * 10) / 10;
    lastMark = now;
  };
  const phase = {
    concurrency: settings.concurrency,
    warmupMs: settings.warmupSeconds * 1000,
    durationMs: settings.seconds * 1000,
    maxOps: MAX_OPS_PER_PHASE,
  };
  const people = population(
    {
      [SITE_A]: settings.patients - Math.round(settings.patients / 4),
      [SITE_B]: Math.round(settings.patients / 4),
    },
    settings.seed,
  );
  const searches = makeSearches(settings.seed + 1, Object.values(people).flat());
  const checks: string[] = [];
  const thread = new HttpClientThread();
  const profiler = process.env.BENCH_PROFILE === '1' ? new Profiler() : undefined;
  // The server currently running, so that a failure still stops it (close() may be called twice).
  let current: Started | undefined;
  try {
    // 1. Setup through the real CLI and APIs.
    log(`[${target.name}] creating the administrator (passage create-admin) …`);
    const totpSecret = await createAdmin(target);
    let running = await start(target);
    current = running;
    await createOrganisationsAndUsers(running.baseUrl, totpSecret);
    let tokens = await clinicianTokens(running.baseUrl);
    mark('setup');

    // 2. Transaction-Bundle ingest: three quarters of the people at site A, a quarter at site B.
    log(`[${target.name}] ingesting ${settings.patients} patients in Bundles of ${settings.bundleSize} …`);
    const atB = Math.round(settings.patients / 4);
    const sites = { [SITE_A]: settings.patients - atB, [SITE_B]: atB };
    await profiler?.start();
    const ingest = await withCpu((onWindow) =>
      thread.ingest(
        {
          type: 'ingest',
          baseUrl: running.baseUrl,
          tokens,
          sites,
          bundleSize: settings.bundleSize,
          concurrency: settings.ingestConcurrency,
          seed: settings.seed,
          timeoutMs: INGEST_TIMEOUT_MS,
        },
        onWindow,
      ),
    );
    log(
      `[${target.name}] ingest: ${Math.round(ingest.perSecond)} resources/s (${ingest.resources} in ${(ingest.ms / 1000).toFixed(1)} s)${ingest.non2xx ? `, ${ingest.non2xx} failed: ${ingest.samples.join(' | ')}` : ''}`,
    );
    if (profiler) log(await profiler.stop(profileFile(target, 'ingest')));
    mark('Bundle ingest');
    const readIds = ingest.ids[SITE_A] ?? [];
    if (readIds.length === 0) throw new Error(`ingest stored no patients: ${ingest.samples.join(' | ')}`);

    // What the API answers for some searches, to check that the ceiling's SQL asks the same.
    const probe = searches.filter((q, i) => searches.findIndex((x) => x.kind === q.kind) === i || i < 8);
    const apiAnswers = await Promise.all(
      probe.map((q) => apiSearchIds(running.baseUrl, tokens[SITE_A] ?? '', q)),
    );
    await running.server.close();

    // 3. The ceiling, on the same data, with the server stopped.
    log(`[${target.name}] ceiling (bare SQL) …`);
    const client: SqlClient =
      target.name === 'PGlite'
        ? await pgliteClient(target.location)
        : pgClient(target.location, running.poolSize ?? 10);
    let version: string;
    let data: DatabaseResult['data'];
    const ceiling = {} as Record<CeilingKey, LoadResult>;
    try {
      // Fresh statistics for the planner, as autovacuum would have after a bulk load.
      await client.query('ANALYZE', []);
      version = await databaseVersion(client);
      const counts = await client.query(
        `SELECT (SELECT count(*) FROM fhir_resource WHERE type = 'Patient')::int AS patients, (SELECT count(*) FROM fhir_resource)::int AS resources,
          (SELECT count(*) FROM audit_event)::int AS audit, pg_database_size(current_database())::float8 AS bytes`,
        [],
      );
      const c = counts.rows[0] ?? {};
      data = {
        patients: Number(c.patients),
        resources: Number(c.resources),
        auditEvents: Number(c.audit),
        databaseMB: Number(c.bytes) / 1024 ** 2,
      };
      let mismatches = 0;
      for (const [i, q] of probe.entries()) {
        const sqlIds = await searchIds(client, q, CLINICIAN_ORGS);
        if (sqlIds.join() !== (apiAnswers[i] ?? []).join()) {
          mismatches += 1;
          checks.push(
            `Search ${searchPath(q)}: the API returned ${apiAnswers[i]?.length ?? 0} ids, the ceiling SQL ${sqlIds.length}, and they differ.`,
          );
        }
      }
      const hits = apiAnswers.reduce((s, a) => s + a.length, 0);
      checks.push(
        `Ceiling search SQL checked against the API on ${probe.length} searches (${hits} results): ${mismatches === 0 ? 'same ids in the same order' : `${mismatches} differ`}.`,
      );
      const users = await client.query(
        `SELECT id, username FROM app_user WHERE username = 'bench-clinician-a'`,
        [],
      );
      const actor = { userId: String(users.rows[0]?.id), username: 'bench-clinician-a', site: SITE_A };
      const templates = await loadTemplates(client, readIds.slice(0, 50), SITE_A);
      const ops = ceilingOperations({
        client,
        readIds,
        searches,
        templates,
        orgs: CLINICIAN_ORGS,
        actor,
        seed: settings.seed + 2,
      });
      // Reads and searches first, on the loaded data only; the write phases last.
      for (const name of ['read', 'search', 'read+audit', 'search+audit', 'mix', 'create'] as const) {
        ceiling[name] = await withCpu((onWindow) => runCeiling(ops, name, phase, onWindow));
        log(`[${target.name}] ceiling ${name}: ${brief(ceiling[name])}`);
      }
      // Back to the loaded data, so that the API phases search the same population as the ceiling did.
      const removed = await resetToBaseline(client, [
        ...(ingest.ids[SITE_A] ?? []),
        ...(ingest.ids[SITE_B] ?? []),
      ]);
      checks.push(
        `The ${removed.patients} patients and ${removed.auditEvents} unsealed audit rows written by the ceiling were removed before the API phases.`,
      );
    } finally {
      await client.close();
    }
    mark('ceiling and reset');

    // 4. The API under load, server restarted on the same data.
    running = await start(target);
    current = running;
    tokens = await clinicianTokens(running.baseUrl);
    const api = {} as Record<ApiName, LoadResult>;
    const clinicalSettings = {
      records: settings.records,
      recordResources: settings.recordResources,
      concurrencies: [...new Set([1, settings.concurrency])],
      warmupMs: settings.warmupSeconds * 1000,
      durationMs: settings.clinicalSeconds * 1000,
      seed: settings.seed + 4,
      maxOps: MAX_OPS_PER_PHASE,
    };
    let clinicalPart: ClinicalApiResult | undefined;
    let clinicalBegan = 0;
    try {
      for (const workload of ['read', 'search', 'mix', 'create'] as const) {
        log(`[${target.name}] API ${workload} …`);
        await profiler?.start();
        api[workload] = await withCpu((onWindow) =>
          thread.load(
            {
              type: 'load',
              baseUrl: running.baseUrl,
              token: tokens[SITE_A] ?? '',
              workload,
              ...phase,
              readIds,
              searches,
              site: SITE_A,
              seed: settings.seed + 3,
            },
            onWindow,
          ),
        );
        log(`[${target.name}] API ${workload}: ${brief(api[workload])}`);
        if (profiler) log(await profiler.stop(profileFile(target, workload)));
      }
      mark('API read/search/mix/create');
      // 5. The clinical record: long records opened with $everything, assessments completed.
      clinicalBegan = performance.now();
      clinicalPart = await clinicalApi({
        name: target.name,
        baseUrl: running.baseUrl,
        token: tokens[SITE_A] ?? '',
        db: running.server.db,
        thread,
        subjects: ingest.subjects[SITE_A] ?? [],
        site: SITE_A,
        settings: clinicalSettings,
        log,
        mark,
        around: async (name, run) => {
          await profiler?.start();
          const result = await run();
          if (profiler) log(await profiler.stop(profileFile(target, name)));
          return result;
        },
      });
    } finally {
      await running.server.close();
    }
    // 6. The SQL of $everything alone, on the same data, server stopped.
    let clinical: ClinicalResult | undefined;
    if (clinicalPart) {
      const { recordIds, ...part } = clinicalPart;
      const sqlClient: SqlClient =
        target.name === 'PGlite'
          ? await pgliteClient(target.location)
          : pgClient(target.location, running.poolSize ?? 10);
      try {
        log(`[${target.name}] ceiling $everything (bare SQL) …`);
        const { ceiling: everything, explain } = await everythingCeiling(
          sqlClient,
          recordIds,
          CLINICIAN_ORGS,
          clinicalSettings,
          log,
          target.name,
        );
        mark('ceiling $everything');
        clinical = {
          ...part,
          ceiling: everything,
          explain,
          seconds: (performance.now() - clinicalBegan) / 1000,
        };
      } finally {
        await sqlClient.close();
      }
    }
    checks.push(await verifyAudit(target));
    log(`[${target.name}] ${checks.at(-1) ?? ''}`);
    mark('audit verify');
    const ratios = Object.fromEntries(
      (['create', 'read', 'search', 'mix'] as const).map((k) => [
        k,
        ceiling[k].perSecond ? api[k].perSecond / ceiling[k].perSecond : 0,
      ]),
    ) as Record<ApiName, number>;
    const { ids: _ids, subjects: _subjects, ...ingestSummary } = ingest;
    return {
      name: target.name,
      version,
      poolSize: running.poolSize,
      data,
      ingest: ingestSummary,
      api,
      ceiling,
      ratios,
      ...(clinical ? { clinical } : {}),
      checks,
      seconds: (performance.now() - began) / 1000,
      timings,
    };
  } finally {
    await current?.server.close().catch(() => undefined);
    profiler?.close();
    await thread.close();
  }
}

async function main(): Promise<void> {
  if (process.env.BENCH_ONLY === 'identity') {
    const identity = await runIdentity(log);
    if (
      identity.measure?.match.some((m) => m.non2xx > 0) ||
      (identity.measure && identity.measure.scan.status !== 'done')
    )
      process.exitCode = 1;
    return;
  }
  const settings = readSettings();
  const report: Report = {
    date: new Date().toISOString(),
    machine: machineInfo(),
    loadAverage: { start: loadavg(), end: [] },
    otherCpuBefore: await otherCpu(3000),
    settings: {
      patients: settings.patients,
      seconds: settings.seconds,
      warmupSeconds: settings.warmupSeconds,
      concurrency: settings.concurrency,
      bundleSize: settings.bundleSize,
      ingestConcurrency: settings.ingestConcurrency,
      seed: settings.seed,
      databases: settings.databases,
      records: settings.records,
      recordResources: settings.recordResources,
      clinicalSeconds: settings.clinicalSeconds,
    },
    databases: [],
    skipped: [],
    targets: TARGETS,
  };
  if (report.otherCpuBefore > DISTURBED) {
    log(
      `Note: other processes are using ${report.otherCpuBefore} % of a core; the figures will be low and noisy.`,
    );
  }
  log(
    `Passage benchmark: ${settings.patients} patients, ${settings.concurrency} concurrent, ${settings.warmupSeconds}+${settings.seconds} s per phase.`,
  );
  const factories: (() => Promise<Target | undefined>)[] = [];
  if (settings.databases.includes('pglite')) factories.push(pgliteTarget);
  if (settings.databases.includes('postgres')) {
    factories.push(async () => {
      const pg = await postgresTarget(settings.databaseUrl);
      if (typeof pg !== 'string') return pg;
      log(`Skipping PostgreSQL: ${pg}`);
      report.skipped.push({ name: 'PostgreSQL', reason: pg });
      return undefined;
    });
  }
  for (const factory of factories) {
    const target = await factory();
    if (!target) continue;
    try {
      report.databases.push(await benchDatabase(target, settings));
    } finally {
      if (process.env.BENCH_KEEP === '1') log(`[${target.name}] kept (BENCH_KEEP=1): ${target.location}`);
      else
        await target
          .drop()
          .catch((err: unknown) => log(`Could not remove the ${target.name} bench database: ${String(err)}`));
    }
  }
  if (identityWanted()) {
    const identity = await runIdentity(log);
    report.identity = identity;
    if (
      identity.measure?.match.some((m) => m.non2xx > 0) ||
      (identity.measure && identity.measure.scan.status !== 'done')
    )
      process.exitCode = 1;
  }
  report.loadAverage.end = loadavg();
  const files = await writeReport(report, new URL('../results/', import.meta.url));
  log('');
  log(toMarkdown(report));
  log(`Written to ${files.json} and ${files.md}.`);
  const setupFailures = report.databases.reduce((n, d) => n + (d.clinical?.records.setup.non2xx ?? 0), 0);
  const non2xx =
    setupFailures +
    report.databases
      .flatMap((d) =>
        [
          ...Object.values(d.api),
          ...Object.values(d.ceiling),
          ...(d.clinical ? [...d.clinical.everything, ...d.clinical.assess, ...d.clinical.ceiling] : []),
        ].map((r) => r.non2xx),
      )
      .reduce((a, b) => a + b, 0);
  if (non2xx > 0) {
    log(`WARNING: ${non2xx} non-2xx responses or failed operations (expected 0).`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
