/**
 * The identity measurements on a loaded register, through the real API with the server started
 * in-process: `POST /fhir/Patient/$match` at concurrency 1 and BENCH_CONCURRENCY, and one full
 * duplicate scan (`POST /api/identity/scans`, polled at `GET /api/identity/scans/{id}`).
 */
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { clinicianTokens, SITE_A, start } from '../setup.ts';
import type { LoadedRegister, MatchQuery } from './loader.ts';
import type { MatchAnswer, MatchTask, MatchTaskResult } from './match-worker.ts';
import type { IdentitySettings } from './settings.ts';

export interface MatchResult {
  concurrency: number;
  queries: number;
  wallSeconds: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: string[];
  /** Answers that held a stored record of the same person (at any rank), and at rank 1. */
  found: number;
  top1: number;
  /** The grade the answer gave the person's record, when it held it. */
  grades: Record<string, number>;
  meanResults: number;
}

export interface GradeCount {
  grade: string;
  pairs: number;
  /** Of them, pairs of records of the same person. */
  truePairs: number;
}

export interface ScanResult {
  status: string;
  error?: string;
  wallSeconds: number;
  /** People the scan compared (its total) and how far it got. */
  total: number;
  processed: number;
  /** Pairs it queued. */
  found: number;
  /** Seconds from the start when each phase was first seen. */
  phases: Record<string, number>;
  byGrade: GradeCount[];
  /** Pairs of records of the same person in the register. */
  truePairs: number;
}

export interface MeasureResult {
  poolSize: number | null;
  match: MatchResult[];
  scan: ScanResult;
}

type Log = (line: string) => void;

const WARMUP = 20;
const POLL_MS = 250;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
}

function runMatch(task: MatchTask): Promise<MatchTaskResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./match-worker.ts', import.meta.url), { workerData: task });
    worker.once('message', (m: MatchTaskResult) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the $match client thread exited (${code})`)));
  });
}

function summarise(concurrency: number, r: MatchTaskResult): MatchResult {
  const ok = r.answers.filter((a) => a.status >= 200 && a.status < 300);
  const sorted = r.answers.map((a) => a.ms).sort((a, b) => a - b);
  const grades: Record<string, number> = {};
  for (const a of ok) if (a.rank > 0) grades[a.grade || 'none'] = (grades[a.grade || 'none'] ?? 0) + 1;
  const failed: MatchAnswer[] = r.answers.filter((a) => !(a.status >= 200 && a.status < 300));
  return {
    concurrency,
    queries: r.answers.length,
    wallSeconds: r.wallMs / 1000,
    perSecond: (r.answers.length * 1000) / r.wallMs,
    p50Ms: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted.at(-1) ?? 0,
    non2xx: failed.length,
    errors: [...new Set(failed.map((a) => `${a.status}: ${a.error ?? ''}`))].slice(0, 3),
    found: ok.filter((a) => a.rank > 0).length,
    top1: ok.filter((a) => a.rank === 1).length,
    grades,
    meanResults: ok.length ? ok.reduce((s, a) => s + a.results, 0) / ok.length : 0,
  };
}

async function call(baseUrl: string, token: string, method: string, path: string): Promise<unknown> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(120_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as unknown;
}

interface ScanStatus {
  status: string;
  phase?: string;
  processed: number;
  total: number;
  found: number;
  error?: string;
}

async function scan(
  register: LoadedRegister,
  baseUrl: string,
  token: string,
  settings: IdentitySettings,
  log: Log,
): Promise<ScanResult> {
  const pool = new pg.Pool({ connectionString: register.url, max: 1 });
  try {
    // A fresh review queue (bench database only): the scan proposes every pair it finds, as the first
    // scan of a register would; pairs already queued would not be counted again.
    await pool.query('DELETE FROM identity_candidate');
    const began = performance.now();
    const since = () => (performance.now() - began) / 1000;
    const { scanId } = (await call(baseUrl, token, 'POST', '/api/identity/scans')) as { scanId: string };
    const phases: Record<string, number> = {};
    let status: ScanStatus;
    let lastLog = 0;
    for (;;) {
      status = (await call(baseUrl, token, 'GET', `/api/identity/scans/${scanId}`)) as ScanStatus;
      if (status.phase && phases[status.phase] === undefined) phases[status.phase] = since();
      if (status.status !== 'running') break;
      if (since() > settings.scanTimeoutSeconds)
        throw new Error(`the scan did not finish within ${settings.scanTimeoutSeconds} s`);
      if (since() - lastLog >= 15) {
        lastLog = since();
        log(
          `[identity] scan ${status.phase ?? ''} ${status.processed.toLocaleString('en-US')} / ${status.total.toLocaleString('en-US')}, ${status.found} pairs, ${Math.round(since())} s`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const wallSeconds = since();
    const grades = await pool.query<{ grade: string; pairs: string; true_pairs: string }>(
      `SELECT c.grade, count(*) AS pairs, count(*) FILTER (WHERE ta.person_id = tb.person_id) AS true_pairs
       FROM identity_candidate c
       LEFT JOIN bench_identity_truth ta ON ta.id = c.a_id LEFT JOIN bench_identity_truth tb ON tb.id = c.b_id
       GROUP BY c.grade ORDER BY c.grade`,
    );
    return {
      status: status.status,
      ...(status.error ? { error: status.error } : {}),
      wallSeconds,
      total: status.total,
      processed: status.processed,
      found: status.found,
      phases,
      byGrade: grades.rows.map((g) => ({
        grade: g.grade,
        pairs: Number(g.pairs),
        truePairs: Number(g.true_pairs),
      })),
      truePairs: register.truePairs,
    };
  } finally {
    await pool.end();
  }
}

/** Queries for each concurrency level: disjoint slices of the held-back registrations while they last. */
function slices(queries: readonly MatchQuery[], count: number, levels: number): MatchQuery[][] {
  const pool = queries.slice(WARMUP);
  return Array.from({ length: levels }, (_, level) =>
    Array.from({ length: count }, (_, i) => pool[(level * count + i) % pool.length] as MatchQuery),
  );
}

export async function measure(
  register: LoadedRegister,
  settings: IdentitySettings,
  log: Log,
): Promise<MeasureResult> {
  if (register.queries.length <= WARMUP) throw new Error('the register holds too few $match queries');
  const running = await start(register.target);
  try {
    const token = (await clinicianTokens(running.baseUrl))[SITE_A] ?? '';
    const match: MatchResult[] = [];
    const levels = slices(register.queries, settings.queries, settings.concurrencies.length);
    for (const [i, concurrency] of settings.concurrencies.entries()) {
      log(`[identity] $match ×${concurrency}: ${settings.queries} queries …`);
      const result = summarise(
        concurrency,
        await runMatch({
          baseUrl: running.baseUrl,
          token,
          concurrency,
          warmup: register.queries.slice(0, WARMUP),
          queries: levels[i] ?? [],
          count: 10,
        }),
      );
      match.push(result);
      log(
        `[identity] $match ×${concurrency}: p50 ${result.p50Ms.toFixed(1)} ms, p95 ${result.p95Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms, ${result.perSecond.toFixed(1)}/s; person found in ${result.found}/${result.queries} (first in ${result.top1})${result.non2xx ? `; ${result.non2xx} failed: ${result.errors.join(' | ')}` : ''}`,
      );
    }
    log(`[identity] duplicate scan of ${register.records.toLocaleString('en-US')} records …`);
    const scanResult = await scan(register, running.baseUrl, token, settings, log);
    log(
      `[identity] scan ${scanResult.status} in ${scanResult.wallSeconds.toFixed(1)} s: ${scanResult.total.toLocaleString('en-US')} people, ${scanResult.found.toLocaleString('en-US')} pairs queued${scanResult.error ? ` — ${scanResult.error}` : ''}`,
    );
    return { poolSize: running.poolSize, match, scan: scanResult };
  } finally {
    await running.server.close();
  }
}
