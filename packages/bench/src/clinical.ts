/**
 * The clinical record under load: opening a person with a long record (`Patient/{id}/$everything`)
 * and completing assessments (`POST /api/assessments`), each at concurrency 1 and at the run's
 * concurrency. The long records are built first through the same assessment API, so they hold what
 * the form really writes. With the server stopped, the SQL behind `$everything` is timed alone and
 * explained, to tell the database's share from the server's.
 */
import type { Db } from '@passage/server';
import type { Subject } from './assessment.ts';
import { withCpu } from './cpu.ts';
import type { HttpClientThread } from './http-load.ts';
import { runLoad, type LoadResult, type Operation } from './load.ts';
import { createRandom } from './population.ts';
import type { SqlClient } from './sql-ceiling.ts';
import type { RecordsResult } from './workload.ts';

export interface Spread {
  min: number;
  mean: number;
  max: number;
}

export interface DataSize {
  patients: number;
  resources: number;
  auditEvents: number;
  databaseMB: number;
}

export interface ClinicalResult {
  /** The long records: who, how they were built, what `$everything` returns for them. */
  records: {
    people: number;
    /** Resources each record was filled to (at least). */
    target: number;
    /** Assessments completed per person to get there. */
    assessments: Spread;
    setup: RecordsResult;
    /** Entries of the `$everything` Bundle (the Patient included). */
    resources: Spread;
    /** Bytes of the `$everything` response. */
    bytes: Spread;
    /** Mean number of resources per record, by type. */
    byType: Record<string, number>;
  };
  /** The database the timed clinical phases ran on (after the records were built). */
  data: DataSize;
  everything: LoadResult[];
  assess: LoadResult[];
  /** People available to each assessment phase (each assessed once, unless the phase ran out). */
  assessPeople: number[];
  /** Bare SQL of `$everything` (the Patient read and the compartment query), server stopped. */
  ceiling: LoadResult[];
  /** EXPLAIN ANALYZE of the compartment query for one record. */
  explain: string[];
  checks: string[];
  seconds: number;
}

export interface ClinicalSettings {
  records: number;
  recordResources: number;
  concurrencies: number[];
  warmupMs: number;
  durationMs: number;
  seed: number;
  maxOps: number;
}

type Log = (line: string) => void;

function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { min: 0, mean: 0, max: 0 };
  return {
    min: Math.min(...values),
    mean: values.reduce((a, b) => a + b, 0) / values.length,
    max: Math.max(...values),
  };
}

/** Counts and size of the database, through the server's own connection. */
export async function dataSize(db: Db): Promise<DataSize> {
  const patients = await db
    .selectFrom('fhir_resource')
    .where('type', '=', 'Patient')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirst();
  const resources = await db
    .selectFrom('fhir_resource')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirst();
  const audit = await db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirst();
  const size = await db
    .selectNoFrom((eb) => eb.fn<string>('pg_database_size', [eb.fn('current_database', [])]).as('bytes'))
    .executeTakeFirst();
  return {
    patients: Number(patients?.n ?? 0),
    resources: Number(resources?.n ?? 0),
    auditEvents: Number(audit?.n ?? 0),
    databaseMB: Number(size?.bytes ?? 0) / 1024 ** 2,
  };
}

const brief = (r: LoadResult) =>
  `${r.perSecond.toFixed(1)} /s, p50 ${r.p50Ms.toFixed(1)} ms, p95 ${r.p95Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms${r.non2xx ? `, ${r.non2xx} non-2xx: ${r.samples.join(' | ')}` : ''}`;

/** What `$everything` returns for each record: entries, bytes, types. */
async function measureRecords(baseUrl: string, token: string, ids: readonly string[]) {
  const counts: number[] = [];
  const bytes: number[] = [];
  const byType: Record<string, number> = {};
  for (const id of ids) {
    const res = await fetch(`${baseUrl}/fhir/Patient/${id}/$everything`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`$everything for ${id}: ${res.status} ${text.slice(0, 300)}`);
    bytes.push(Buffer.byteLength(text));
    const bundle = JSON.parse(text) as { entry?: { resource?: { resourceType?: string } }[] };
    counts.push(bundle.entry?.length ?? 0);
    for (const e of bundle.entry ?? []) {
      const t = e.resource?.resourceType ?? '?';
      byType[t] = (byType[t] ?? 0) + 1 / ids.length;
    }
  }
  for (const t of Object.keys(byType)) byType[t] = Math.round((byType[t] ?? 0) * 10) / 10;
  return { resources: spread(counts), bytes: spread(bytes), byType };
}

export interface ClinicalApiInput {
  name: string;
  baseUrl: string;
  token: string;
  db: Db;
  thread: HttpClientThread;
  /** The people of the site whose clinician runs the load, in the order they were registered. */
  subjects: readonly Subject[];
  site: string;
  settings: ClinicalSettings;
  log: Log;
  /** Called at the end of each stage, with its name (where the run's time went). */
  mark?: (stage: string) => void;
  /** Called around each timed phase (CPU profile). */
  around?: <T>(phase: string, run: () => Promise<T>) => Promise<T>;
}

export type ClinicalApiResult = Omit<ClinicalResult, 'ceiling' | 'explain' | 'seconds'> & {
  recordIds: string[];
};

/** The API phases, server running. */
export async function clinicalApi(input: ClinicalApiInput): Promise<ClinicalApiResult> {
  const { name, baseUrl, token, thread, settings, log } = input;
  const around = input.around ?? (<T>(_phase: string, run: () => Promise<T>) => run());
  const checks: string[] = [];
  const recordPeople = input.subjects.slice(0, settings.records);
  const rest = input.subjects.slice(settings.records);
  if (recordPeople.length < settings.records || rest.length < 2)
    throw new Error(`not enough people for ${settings.records} long records and the assessment phases`);

  // 1. The long records, through the assessment API (not timed as a phase, but its rate is reported).
  log(
    `[${name}] building ${recordPeople.length} records of ≥ ${settings.recordResources} resources each (POST /api/assessments) …`,
  );
  const setup = await thread.records({
    type: 'records',
    baseUrl,
    token,
    subjects: [...recordPeople],
    resources: settings.recordResources,
    maxAssessments: 100,
    concurrency: Math.min(16, recordPeople.length),
    seed: settings.seed,
    timeoutMs: 600_000,
  });
  log(
    `[${name}] records: ${setup.assessments} assessments, ${setup.resources} resources in ${(setup.ms / 1000).toFixed(1)} s${setup.non2xx ? `, ${setup.non2xx} failed: ${setup.samples.join(' | ')}` : ''}`,
  );
  if (setup.assessments === 0) throw new Error(`no assessment was stored: ${setup.samples.join(' | ')}`);
  const recordIds = recordPeople.map((s) => s.id);
  const measured = await measureRecords(baseUrl, token, recordIds);
  log(
    `[${name}] each record: ${measured.resources.min}–${measured.resources.max} resources, ${Math.round(measured.bytes.mean / 1024)} KiB`,
  );
  const data = await dataSize(input.db);
  input.mark?.('long records through the assessment API');

  const phase = (concurrency: number) => ({
    type: 'load' as const,
    baseUrl,
    token,
    concurrency,
    warmupMs: settings.warmupMs,
    durationMs: settings.durationMs,
    maxOps: settings.maxOps,
    searches: [],
    site: input.site,
    seed: settings.seed + concurrency,
  });

  // 2. Opening a long record.
  const everything: LoadResult[] = [];
  for (const c of settings.concurrencies) {
    log(`[${name}] API $everything ×${c} …`);
    const r = await around(`everything-c${c}`, () =>
      withCpu((onWindow) =>
        thread.load({ ...phase(c), workload: 'everything', readIds: recordIds }, onWindow),
      ),
    );
    log(`[${name}] API $everything ×${c}: ${brief(r)}`);
    everything.push(r);
  }
  input.mark?.('API $everything');

  // 3. Completing assessments, each for a different person: a fifth of the people for concurrency 1.
  const assess: LoadResult[] = [];
  const assessPeople: number[] = [];
  const split = Math.max(1, Math.floor(rest.length / 5));
  for (const [i, c] of settings.concurrencies.entries()) {
    const people =
      settings.concurrencies.length === 1 ? rest : i === 0 ? rest.slice(0, split) : rest.slice(split);
    log(`[${name}] API assessments ×${c} …`);
    const r = await around(`assess-c${c}`, () =>
      withCpu((onWindow) =>
        thread.load({ ...phase(c), workload: 'assess', readIds: [], subjects: [...people] }, onWindow),
      ),
    );
    log(
      `[${name}] API assessments ×${c}: ${brief(r)}, ${Math.round(((r.units ?? 0) * 1000) / (r.durationMs || 1))} resources/s`,
    );
    assess.push(r);
    assessPeople.push(people.length);
    if (r.started > people.length)
      checks.push(
        `Assessments ×${c}: ${r.started} assessments for ${people.length} people — some people were assessed more than once.`,
      );
  }
  input.mark?.('API assessments');
  const failed = setup.non2xx + [...everything, ...assess].reduce((n, r) => n + r.non2xx, 0);
  const short = measured.resources.min < settings.recordResources;
  checks.push(
    `Long records: ${recordIds.length} people, ${setup.assessments} assessments stored; ` +
      `$everything returned ${Math.round(measured.resources.min)}–${Math.round(measured.resources.max)} resources per record${short ? ` — FEWER than the ${settings.recordResources} asked for` : ''}; ` +
      `every $everything and assessment answered 2xx: ${failed === 0 ? 'yes' : `no (${failed} failed)`}.`,
  );
  return {
    records: {
      people: recordIds.length,
      target: settings.recordResources,
      assessments: spread(setup.perRecord),
      setup,
      ...measured,
    },
    data,
    everything,
    assess,
    assessPeople,
    checks,
    recordIds,
  };
}

/**
 * The SQL the server runs for `$everything` (records/everything.ts): the Patient by primary key
 * with the access filter, then the compartment, newest first. Without the audit row the API adds.
 */
function everythingSql(patientId: string, orgs: readonly string[]) {
  const orgList = orgs.map((_, i) => `$${i + 2}`).join(', ');
  const access = `patient_id IN (SELECT pa.patient_id FROM patient_access pa WHERE pa.org_id IN (${orgList}))`;
  return {
    patient: {
      text: `SELECT content FROM fhir_resource r WHERE r.type = 'Patient' AND r.id = $1 AND NOT r.deleted AND r.${access}`,
      values: [patientId, ...orgs],
    },
    compartment: {
      text: `SELECT r.content FROM fhir_resource r WHERE r.patient_id = $1 AND r.type <> 'Patient' AND NOT r.deleted AND r.${access} ORDER BY r.last_updated DESC LIMIT 10001`,
      values: [patientId, ...orgs],
    },
  };
}

/** The ceiling of `$everything` and its plan, on the same data with the server stopped. */
export async function everythingCeiling(
  client: SqlClient,
  recordIds: readonly string[],
  orgs: readonly string[],
  settings: ClinicalSettings,
  log: (line: string) => void,
  name: string,
): Promise<{ ceiling: LoadResult[]; explain: string[] }> {
  const random = createRandom(settings.seed + 5);
  const next = (): Operation => {
    const s = everythingSql(random.pick(recordIds), orgs);
    return {
      kind: 'everything',
      run: async () => {
        const patient = await client.query(s.patient.text, s.patient.values);
        if (patient.rows.length === 0) return 404;
        const rows = await client.query(s.compartment.text, s.compartment.values);
        return { status: 200, units: rows.rows.length };
      },
    };
  };
  const ceiling: LoadResult[] = [];
  for (const c of settings.concurrencies) {
    const r = await withCpu((onWindow) =>
      runLoad({
        concurrency: c,
        warmupMs: settings.warmupMs,
        durationMs: settings.durationMs,
        maxOps: settings.maxOps,
        next,
        onWindow,
      }),
    );
    log(`[${name}] ceiling $everything ×${c}: ${brief(r)}`);
    ceiling.push(r);
  }
  const first = recordIds[0];
  let explain: string[] = [];
  if (first) {
    const s = everythingSql(first, orgs).compartment;
    const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${s.text}`, s.values);
    explain = plan.rows.map((r) => String(Object.values(r)[0]));
  }
  return { ceiling, explain };
}
