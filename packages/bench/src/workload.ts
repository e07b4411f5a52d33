/**
 * What the benchmark asks for, shared by the HTTP load (worker thread) and the SQL ceiling: the
 * searches, as FHIR query strings and as the SQL the server builds for them, and the operation mix.
 */
import type { Subject } from './assessment.ts';
import type { CpuShare } from './cpu.ts';
import { createRandom, normalizeForSearch, type Random } from '@passage/core';
import { familyNames, type BenchPatient } from './population.ts';

/**
 * `everything`: GET /fhir/Patient/{id}/$everything on one of `readIds`; `assess`: POST
 * /api/assessments for the next of `subjects`, each person once until the list runs out.
 */
export type Workload = 'create' | 'read' | 'search' | 'mix' | 'everything' | 'assess';

/** 70 % reads, 20 % searches, 10 % writes. */
export const MIX = [
  ['read', 70],
  ['search', 20],
  ['create', 10],
] as const;

export type SearchQuery =
  | { kind: 'family'; family: string }
  | { kind: 'family-gender'; family: string; gender: string }
  | { kind: 'birthdate'; year: number }
  | { kind: 'gender-birthdate'; gender: string; year: number };

export const SEARCH_COUNT = 20;

/**
 * A fixed set of searches over the loaded people: family-name prefixes (Latin or native script) alone
 * and with gender, birth years alone and with gender. Names and years are drawn from the population,
 * so common names are searched as often as they occur.
 */
export function makeSearches(seed: number, patients: readonly BenchPatient[], n = 400): SearchQuery[] {
  const random: Random = createRandom(seed);
  const { latin, native } = familyNames(patients);
  const years = patients.map((p) => Number(p.birthDate?.slice(0, 4))).filter((y) => Number.isInteger(y));
  if (latin.length === 0 || years.length === 0)
    throw new Error('the population has no family names or birth dates to search for');
  const out: SearchQuery[] = [];
  const prefix = (): string => {
    const name = native.length > 0 && random.bool(0.15) ? random.pick(native) : random.pick(latin);
    return [...name].slice(0, random.int(2, 4)).join('');
  };
  const gender = (): string => (random.bool(0.5) ? 'male' : 'female');
  for (let i = 0; i < n; i++) {
    const r = random.next();
    if (r < 0.5) out.push({ kind: 'family', family: prefix() });
    else if (r < 0.65) out.push({ kind: 'family-gender', family: prefix(), gender: gender() });
    else if (r < 0.85) out.push({ kind: 'birthdate', year: random.pick(years) });
    else out.push({ kind: 'gender-birthdate', gender: gender(), year: random.pick(years) });
  }
  return out;
}

export function searchPath(q: SearchQuery): string {
  const params = new URLSearchParams();
  if (q.kind === 'family' || q.kind === 'family-gender') params.set('family', q.family);
  if (q.kind === 'family-gender' || q.kind === 'gender-birthdate') params.set('gender', q.gender);
  if (q.kind === 'birthdate' || q.kind === 'gender-birthdate') params.set('birthdate', String(q.year));
  params.set('_count', String(SEARCH_COUNT));
  return `/fhir/Patient?${params}`;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The SQL the server runs for a search (see server fhir/store/search-sql.ts): one EXISTS per filter
 * over the index tables, the access filter through patient_access, ordered by id, one extra row to
 * know whether there is a next page.
 */
export function searchSql(q: SearchQuery, orgs: readonly string[]): { text: string; values: unknown[] } {
  const values: unknown[] = ['Patient'];
  const p = (v: unknown): string => {
    values.push(v);
    return `$${values.length}`;
  };
  const where: string[] = ['r.type = $1', 'NOT r.deleted'];
  where.push(
    `r.patient_id IN (SELECT pa.patient_id FROM patient_access pa WHERE pa.org_id IN (${orgs.map(p).join(', ')}))`,
  );
  const owner = (code: string) => `x.type = r.type AND x.id = r.id AND x.code = ${p(code)}`;
  if (q.kind === 'family' || q.kind === 'family-gender') {
    const o = owner('family');
    where.push(
      `EXISTS (SELECT 1 FROM search_string x WHERE ${o} AND (x.value LIKE ${p(`${escapeLike(normalizeForSearch(q.family))}%`)}))`,
    );
  }
  if (q.kind === 'family-gender' || q.kind === 'gender-birthdate') {
    const o = owner('gender');
    where.push(`EXISTS (SELECT 1 FROM search_token x WHERE ${o} AND ((x.value = ${p(q.gender)})))`);
  }
  if (q.kind === 'birthdate' || q.kind === 'gender-birthdate') {
    const o = owner('birthdate');
    const low = new Date(Date.UTC(q.year, 0, 1)).toISOString();
    const high = new Date(Date.UTC(q.year + 1, 0, 1) - 1).toISOString();
    where.push(
      `EXISTS (SELECT 1 FROM search_date x WHERE ${o} AND ((x.low >= ${p(low)}::timestamptz AND x.high <= ${p(high)}::timestamptz)))`,
    );
  }
  const text = `SELECT r.content FROM fhir_resource r WHERE ${where.join(' AND ')} ORDER BY r.id LIMIT ${p(SEARCH_COUNT + 1)} OFFSET ${p(0)}`;
  return { text, values };
}

/** Work for the HTTP worker thread. */
export type WorkerTask =
  | {
      type: 'load';
      baseUrl: string;
      token: string;
      workload: Workload;
      concurrency: number;
      warmupMs: number;
      durationMs: number;
      maxOps: number;
      readIds: string[];
      searches: SearchQuery[];
      site: string;
      seed: number;
      /** People to assess (workload `assess`), in order. */
      subjects?: Subject[];
    }
  | {
      /**
       * Builds long clinical records through POST /api/assessments: assessments for each subject
       * until their record holds `resources` resources (at most `maxAssessments`), one person's in
       * turn, `concurrency` people at a time.
       */
      type: 'records';
      baseUrl: string;
      token: string;
      subjects: Subject[];
      resources: number;
      maxAssessments: number;
      concurrency: number;
      seed: number;
      timeoutMs: number;
    }
  | {
      type: 'ingest';
      baseUrl: string;
      /** Bearer token per site: each site's clinician registers its own people. */
      tokens: Record<string, string>;
      /** How many people each site registers (see population.ts). */
      sites: Record<string, number>;
      bundleSize: number;
      concurrency: number;
      seed: number;
      timeoutMs: number;
    };

export interface IngestResult {
  resources: number;
  bundles: number;
  ms: number;
  perSecond: number;
  non2xx: number;
  samples: string[];
  /** Ids created, by site. */
  ids: Record<string, string[]>;
  /** The people created, by site, with what an assessment form needs to know of them. */
  subjects: Record<string, Subject[]>;
  /** Latency of each Bundle, ms. */
  bundleP50Ms: number;
  bundleMaxMs: number;
  /** CPU time of the client thread while sending, µs. */
  clientCpuUs: number;
  /** Where the machine's CPU went while sending, % of one core. */
  cpu?: CpuShare;
}

export interface RecordsResult {
  assessments: number;
  /** Assessments completed for each person. */
  perRecord: number[];
  /** Resources written: everything extracted, the QuestionnaireResponse and the Provenance. */
  resources: number;
  ms: number;
  non2xx: number;
  samples: string[];
}
