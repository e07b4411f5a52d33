/** Results as JSON and as a Markdown table, written to packages/bench/results/latest.{json,md}. */
import { mkdir, writeFile } from 'node:fs/promises';
import type { ClinicalResult } from './clinical.ts';
import type { CpuShare } from './cpu.ts';
import { identityMarkdown, type IdentityReport } from './identity/report.ts';
import type { LoadResult } from './load.ts';
import type { Machine } from './machine.ts';
import type { IngestResult } from './workload.ts';

/** A phase during which other processes used more than this (% of one core) is reported as disturbed. */
export const DISTURBED = 25;

export const TARGETS = { mixPerSecond: 1500, mixP99Ms: 50, ingestPerSecond: 5000, ratio: 0.5 } as const;

export interface Settings {
  patients: number;
  seconds: number;
  warmupSeconds: number;
  concurrency: number;
  bundleSize: number;
  ingestConcurrency: number;
  seed: number;
  databaseUrl: string;
  databases: string[];
  /** People given a long record for `$everything`. */
  records: number;
  /** Resources each of their records is filled to, at least. */
  recordResources: number;
  /** Measured seconds of each clinical phase (per concurrency). */
  clinicalSeconds: number;
}

export type ApiName = 'create' | 'read' | 'search' | 'mix';
export type CeilingKey = ApiName | 'read+audit' | 'search+audit';

export interface DatabaseResult {
  name: 'PGlite' | 'PostgreSQL';
  version: string;
  /** Server pool size (PostgreSQL) or null (PGlite: one session). */
  poolSize: number | null;
  data: { patients: number; resources: number; auditEvents: number; databaseMB: number };
  ingest: Omit<IngestResult, 'ids' | 'subjects'>;
  api: Record<ApiName, LoadResult>;
  ceiling: Record<CeilingKey, LoadResult>;
  /** API throughput / ceiling throughput per operation. */
  ratios: Record<ApiName, number>;
  /** The clinical record: `$everything` on long records and completing assessments. */
  clinical?: ClinicalResult;
  checks: string[];
  seconds: number;
  /** Wall-clock seconds of each stage of this database's run, in order. */
  timings?: Record<string, number>;
}

export interface Report {
  date: string;
  machine: Machine;
  /** 1-, 5- and 15-minute load averages when the run started and ended. */
  loadAverage: { start: number[]; end: number[] };
  /** CPU used by processes other than the benchmark and PostgreSQL in the 3 s before the run, % of one core. */
  otherCpuBefore: number;
  settings: Omit<Settings, 'databaseUrl'>;
  databases: DatabaseResult[];
  skipped: { name: string; reason: string }[];
  targets: typeof TARGETS;
  /** The identity phase (identity/run.ts), also written to identity-latest.{json,md}. */
  identity?: IdentityReport;
}

const n0 = (v: number) => Math.round(v).toLocaleString('en-US');
const ms = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1));
const pct = (v: number) => `${Math.round(v * 100)} %`;
const kib = (v: number) => `${n0(v / 1024)} KiB`;

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

const LABEL: Record<ApiName, string> = {
  create: 'create (POST /fhir/Patient)',
  read: 'read (GET /fhir/Patient/{id})',
  search: 'search (GET /fhir/Patient?…)',
  mix: 'mix 70/20/10 read/search/create',
};

/** The lines of an EXPLAIN ANALYZE that say where the time went: scans, sorts, totals. */
export function planSummary(plan: readonly string[]): string {
  return plan
    .map((l) => l.trim().replace(/^->\s*/, ''))
    .filter((l) => /Scan|Sort|Limit|Execution Time|Planning Time/.test(l) && !/Sort Key|Sort Method/.test(l))
    .map((l) => l.replace(/\s*\(cost=[^)]*\)/, '').replace(/\s+/g, ' '))
    .join('; ');
}

/** `mean (min–max)`, or one figure when they are all the same. */
function spreadText(v: { min: number; mean: number; max: number }, f: (x: number) => string): string {
  return v.min === v.max ? f(v.mean) : `${f(v.mean)} (${f(v.min)}–${f(v.max)})`;
}

function clinicalSection(
  c: ClinicalResult,
  settings: Report['settings'],
  before: DatabaseResult['data'],
): string {
  const lines: string[] = [];
  const r = c.records;
  const types = Object.entries(r.byType)
    .sort((a, b) => b[1] - a[1])
    .map(([t, n]) => `${t} ${Number.isInteger(n) ? n : n.toFixed(1)}`)
    .join(', ');
  const perSecond = r.setup.ms ? (r.setup.assessments * 1000) / r.setup.ms : 0;
  lines.push(
    `**Opening a person's record** (\`GET /fhir/Patient/{id}/$everything\`, the record page and its timeline): ` +
      `${r.people} people, whose records were filled beforehand to at least ${n0(r.target)} resources through \`POST /api/assessments\` ` +
      `(an arrival assessment, then follow-up visits: ${spreadText(r.assessments, (v) => v.toFixed(1))} assessments each; ` +
      `${n0(r.setup.assessments)} assessments, ${n0(r.setup.resources)} resources in ${(r.setup.ms / 1000).toFixed(1)} s, ${perSecond.toFixed(1)} assessments/s at ${Math.min(16, r.people)} people at a time). ` +
      `Each record holds ${spreadText(r.resources, n0)} resources, the Patient included — on average ${types}; ` +
      `the response is ${spreadText(r.bytes, kib)}. ` +
      `Database for these phases: ${n0(c.data.patients)} patients, ${n0(c.data.resources)} resources, ${n0(c.data.auditEvents)} audit events, ${n0(c.data.databaseMB)} MB ` +
      `(was ${n0(before.resources)} resources before the API phases). ${settings.warmupSeconds} s warm-up + ${settings.clinicalSeconds} s measured per concurrency.`,
  );
  lines.push('');
  lines.push(
    row([
      'Concurrency',
      'API req/s',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'non-2xx',
      'MiB/s',
      'Ceiling ops/s',
      'ceil. p50',
      'ceil. p99',
      'API/ceiling',
    ]),
  );
  lines.push(row(['---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  for (const [i, a] of c.everything.entries()) {
    const ceil = c.ceiling[i];
    lines.push(
      row([
        String(a.concurrency),
        a.perSecond < 100 ? a.perSecond.toFixed(1) : n0(a.perSecond),
        ms(a.p50Ms),
        ms(a.p95Ms),
        ms(a.p99Ms),
        String(a.non2xx),
        (((a.units ?? 0) * 1000) / (a.durationMs || 1) / 1024 ** 2).toFixed(1),
        ceil ? n0(ceil.perSecond) : '',
        ceil ? ms(ceil.p50Ms) : '',
        ceil ? ms(ceil.p99Ms) : '',
        ceil?.perSecond ? pct(a.perSecond / ceil.perSecond) : '',
      ]),
    );
  }
  lines.push('');
  lines.push(
    'Ceiling: the SQL the server runs for it (the Patient with the access filter, then the compartment newest first), server stopped, without the audit row the API writes.' +
      (c.explain.length > 0 ? ` Plan for one record: ${planSummary(c.explain)}.` : ''),
  );
  lines.push('');
  const written = c.assess.map((a) => (a.count ? (a.units ?? 0) / a.count : 0));
  const meanWritten = written.length ? written.reduce((x, y) => x + y, 0) / written.length : 0;
  lines.push(
    `**Completing an assessment** (\`POST /api/assessments\`, each for a different person of the loaded population, as the form sends it: ` +
      `Passage's synthetic arrival assessment for the person — vitals and growth for age and sex, the TB symptom screen, PHQ-9 and GAD-7, the screening tests ECDC 2018 offers for their origin, catch-up vaccines, diagnoses; ` +
      `validated, extracted and stored in one transaction): ${meanWritten.toFixed(1)} resources written per assessment on average (the Encounter, Observations, Conditions, Immunizations, requests, the QuestionnaireResponse, a Provenance). ` +
      `People available: ${c.assessPeople.map((n, i) => `${n0(n)} for ×${c.assess[i]?.concurrency ?? '?'}`).join(', ')}.`,
  );
  lines.push('');
  lines.push(
    row(['Concurrency', 'assessments/s', 'p50 ms', 'p95 ms', 'p99 ms', 'non-2xx', 'resources written/s']),
  );
  lines.push(row(['---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  for (const a of c.assess) {
    lines.push(
      row([
        String(a.concurrency),
        a.perSecond < 100 ? a.perSecond.toFixed(1) : n0(a.perSecond),
        ms(a.p50Ms),
        ms(a.p95Ms),
        ms(a.p99Ms),
        String(a.non2xx),
        n0(((a.units ?? 0) * 1000) / (a.durationMs || 1)),
      ]),
    );
  }
  return lines.join('\n');
}

function databaseSection(d: DatabaseResult, settings: Report['settings'], cores: number): string {
  const lines: string[] = [];
  lines.push(`### ${d.name}`);
  lines.push('');
  lines.push(
    `${d.version}. Data: ${n0(d.data.patients)} patients, ${n0(d.data.resources)} resources, ${n0(d.data.auditEvents)} audit events, ${n0(d.data.databaseMB)} MB (measured before the timed phases). ` +
      `Concurrency ${settings.concurrency}${d.poolSize ? `, server and ceiling pool ${d.poolSize} connections` : ', one PGlite session'}; ` +
      `${settings.warmupSeconds} s warm-up + ${settings.seconds} s measured per phase.`,
  );
  lines.push('');
  lines.push(
    row([
      'Operation',
      'API req/s',
      'p50 ms',
      'p99 ms',
      'non-2xx',
      'Ceiling ops/s',
      'ceil. p50',
      'ceil. p99',
      'API/ceiling',
    ]),
  );
  lines.push(row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  for (const name of ['create', 'read', 'search', 'mix'] as const) {
    const a = d.api[name];
    const c = d.ceiling[name];
    lines.push(
      row([
        LABEL[name],
        n0(a.perSecond),
        ms(a.p50Ms),
        ms(a.p99Ms),
        String(a.non2xx),
        n0(c.perSecond),
        ms(c.p50Ms),
        ms(c.p99Ms),
        pct(d.ratios[name]),
      ]),
    );
  }
  lines.push(
    row([
      `Bundle ingest (${settings.bundleSize}/Bundle, ${settings.ingestConcurrency} at a time)`,
      `${n0(d.ingest.perSecond)} res/s`,
      `${ms(d.ingest.bundleP50Ms)} /Bundle`,
      `${ms(d.ingest.bundleMaxMs)} max`,
      String(d.ingest.non2xx),
      '',
      '',
      '',
      '',
    ]),
  );
  lines.push('');
  lines.push('Ceiling with what the API also does (access filter, one audit row per read or search):');
  lines.push('');
  lines.push(row(['Operation', 'Ceiling ops/s', 'p50 ms', 'p99 ms', 'API/this']));
  lines.push(row(['---', '---:', '---:', '---:', '---:']));
  for (const [key, api] of [
    ['read+audit', 'read'],
    ['search+audit', 'search'],
  ] as const) {
    const c = d.ceiling[key];
    lines.push(
      row([
        key,
        n0(c.perSecond),
        ms(c.p50Ms),
        ms(c.p99Ms),
        pct(c.perSecond ? d.api[api].perSecond / c.perSecond : 0),
      ]),
    );
  }
  if (d.clinical) lines.push('', clinicalSection(d.clinical, settings, d.data));
  lines.push('');
  lines.push(
    `CPU in the measured window, % of one core (${d.name === 'PGlite' ? 'PGlite runs inside the server thread' : 'PostgreSQL is its own processes'}; the machine has ${cores} cores = ${cores * 100} %):`,
  );
  lines.push('');
  lines.push(
    row([
      'Phase',
      'server / SQL-client thread',
      'HTTP client thread',
      'Node helper threads',
      'PostgreSQL processes',
      'other processes',
      'idle',
      'iowait',
      'steal',
    ]),
  );
  lines.push(row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']));
  const cpuRows: [string, CpuShare | undefined][] = [
    ['API Bundle ingest', d.ingest.cpu],
    ...(['read', 'search', 'mix', 'create'] as const).map((k): [string, CpuShare | undefined] => [
      `API ${k}`,
      d.api[k].cpu,
    ]),
    ...(['read', 'search', 'read+audit', 'search+audit', 'mix', 'create'] as const).map(
      (k): [string, CpuShare | undefined] => [`ceiling ${k}`, d.ceiling[k].cpu],
    ),
    ...(d.clinical
      ? [
          ...d.clinical.everything.map((r): [string, CpuShare | undefined] => [
            `API $everything ×${r.concurrency}`,
            r.cpu,
          ]),
          ...d.clinical.assess.map((r): [string, CpuShare | undefined] => [
            `API assessments ×${r.concurrency}`,
            r.cpu,
          ]),
          ...d.clinical.ceiling.map((r): [string, CpuShare | undefined] => [
            `ceiling $everything ×${r.concurrency}`,
            r.cpu,
          ]),
        ]
      : []),
  ];
  for (const [label, c] of cpuRows) {
    if (!c) continue;
    lines.push(
      row([
        label,
        `${c.main}`,
        `${c.client}`,
        `${c.helpers}`,
        `${c.postgres}`,
        `${c.other}`,
        `${c.idle}`,
        `${c.iowait}`,
        `${c.steal}`,
      ]),
    );
  }
  if (d.name === 'PostgreSQL') {
    const mix = d.api.mix;
    const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
    lines.push('');
    lines.push(
      `Targets (PostgreSQL): mix ≥ ${n0(TARGETS.mixPerSecond)} req/s with p99 ≤ ${TARGETS.mixP99Ms} ms — ` +
        `${n0(mix.perSecond)} req/s, p99 ${ms(mix.p99Ms)} ms: ${met(mix.perSecond >= TARGETS.mixPerSecond && mix.p99Ms <= TARGETS.mixP99Ms)}. ` +
        `Bundle ingest ≥ ${n0(TARGETS.ingestPerSecond)} resources/s — ${n0(d.ingest.perSecond)}: ${met(d.ingest.perSecond >= TARGETS.ingestPerSecond)}. ` +
        `API ≥ ${pct(TARGETS.ratio)} of the ceiling — ${(['create', 'read', 'search', 'mix'] as const).map((k) => `${k} ${pct(d.ratios[k])}`).join(', ')}.`,
    );
  }
  const problems = (['create', 'read', 'search', 'mix'] as const).filter(
    (k) => d.api[k].non2xx > 0 || d.ceiling[k].non2xx > 0,
  );
  const clinicalProblems = d.clinical
    ? [
        ...d.clinical.records.setup.samples.map((x) => `long records: ${x}`),
        ...d.clinical.everything.flatMap((r) => r.samples.map((x) => `$everything ×${r.concurrency}: ${x}`)),
        ...d.clinical.assess.flatMap((r) => r.samples.map((x) => `assessments ×${r.concurrency}: ${x}`)),
      ]
    : [];
  if (clinicalProblems.length > 0) {
    lines.push('');
    lines.push('**Failed clinical requests:**');
    for (const x of clinicalProblems) lines.push(`- ${x.replace(/\n/g, ' ')}`);
  }
  if (problems.length > 0 || d.ingest.non2xx > 0) {
    lines.push('');
    lines.push(
      `**Non-2xx responses** in ${[...problems, ...(d.ingest.non2xx ? ['ingest'] : [])].join(', ')}:`,
    );
    for (const k of problems)
      for (const s of [...d.api[k].samples, ...d.ceiling[k].samples])
        lines.push(`- ${k}: ${s.replace(/\n/g, ' ')}`);
    for (const s of d.ingest.samples) lines.push(`- ingest: ${s.replace(/\n/g, ' ')}`);
  }
  const checks = [...d.checks, ...(d.clinical?.checks ?? [])];
  if (d.timings) {
    checks.push(
      `Time: ${Math.round(d.seconds)} s in all — ${Object.entries(d.timings)
        .map(([k, v]) => `${k} ${v.toFixed(0)} s`)
        .join(', ')}.`,
    );
  }
  if (checks.length > 0) {
    lines.push('');
    for (const c of checks) lines.push(`- ${c}`);
  }
  return lines.join('\n');
}

export function toMarkdown(report: Report): string {
  const m = report.machine;
  const s = report.settings;
  const out: string[] = [];
  out.push(`# Passage benchmark — ${report.date}`);
  out.push('');
  out.push(
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}. ` +
      `Population: ${n0(s.patients)} patients (seed ${s.seed}); ${n0(s.records)} long records of at least ${n0(s.recordResources)} resources for $everything.`,
  );
  out.push('');
  const la = (v: number[]) => v.map((x) => x.toFixed(2)).join(' / ');
  const disturbed = report.databases.flatMap((d) =>
    [
      [`${d.name} Bundle ingest`, d.ingest.cpu] as const,
      ...Object.entries(d.api).map(([k, r]) => [`${d.name} API ${k}`, r.cpu] as const),
      ...Object.entries(d.ceiling).map(([k, r]) => [`${d.name} ceiling ${k}`, r.cpu] as const),
      ...(d.clinical?.everything ?? []).map(
        (r) => [`${d.name} API $everything ×${r.concurrency}`, r.cpu] as const,
      ),
      ...(d.clinical?.assess ?? []).map(
        (r) => [`${d.name} API assessments ×${r.concurrency}`, r.cpu] as const,
      ),
      ...(d.clinical?.ceiling ?? []).map(
        (r) => [`${d.name} ceiling $everything ×${r.concurrency}`, r.cpu] as const,
      ),
    ]
      .filter(([, cpu]) => (cpu?.other ?? 0) > DISTURBED)
      .map(([k]) => k),
  );
  out.push(
    `Other processes used ${report.otherCpuBefore} % of a core just before the run; load average ${la(report.loadAverage.start)} at start, ${la(report.loadAverage.end)} at end. ` +
      (disturbed.length > 0
        ? `**Disturbed:** other processes used more than ${DISTURBED} % of a core during ${disturbed.join(', ')} — those figures are low; rerun on a quiet machine.`
        : 'No phase was disturbed by other processes.'),
  );
  out.push('');
  out.push(
    'The server runs in-process (main thread); the HTTP client runs in a worker thread with keep-alive connections to 127.0.0.1. ' +
      'The ceiling runs the same work as bare SQL on the same database at the same concurrency: read = primary-key SELECT; ' +
      'search = the EXISTS query on the index tables with the access filter; create = the INSERTs of a create (resource, history, index rows, access row, audit row) in one transaction.',
  );
  for (const d of report.databases) {
    out.push('');
    out.push(databaseSection(d, s, m.cores));
  }
  for (const k of report.skipped) {
    out.push('');
    out.push(`### ${k.name}: skipped`);
    out.push('');
    out.push(k.reason);
  }
  if (report.identity) out.push('', identityMarkdown(report.identity));
  out.push('');
  return out.join('\n');
}

export async function writeReport(report: Report, dir: URL): Promise<{ json: string; md: string }> {
  await mkdir(dir, { recursive: true });
  const json = new URL('latest.json', dir);
  const md = new URL('latest.md', dir);
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(md, toMarkdown(report));
  return { json: json.pathname, md: md.pathname };
}
