/**
 * A bounded closed-loop load generator: a fixed number of workers each run one operation after
 * another for a warm-up and then a measured window. Only operations that complete inside the
 * measured window count; no new operation starts after it, and the total number of operations is
 * capped, so every run ends by itself. Used for HTTP (in a worker thread) and for bare SQL alike.
 */
import type { CpuShare } from './cpu.ts';

export interface Operation {
  /** Label for the per-kind breakdown, e.g. `read`. */
  kind: string;
  /**
   * Runs the operation and returns its status: an HTTP status, or 200 for a successful SQL operation;
   * or the status and a quantity the workload counts per operation (bytes received, resources written).
   */
  run(): Promise<number | { status: number; units: number }>;
}

export interface LoadOptions {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** Hard cap on operations started, warm-up included. */
  maxOps: number;
  next(): Operation;
  /** Called once when the measured window opens and once when it closes. */
  onWindow?: (edge: 'start' | 'end') => void;
}

export interface LatencySummary {
  count: number;
  perSecond: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface LoadResult extends LatencySummary {
  durationMs: number;
  concurrency: number;
  /** Completed operations in the measured window whose status was not 2xx (errors included). */
  non2xx: number;
  /** Thrown errors (connection failures, SQL errors) in the measured window. */
  errors: number;
  statuses: Record<string, number>;
  /** A few error messages or bodies, for diagnosis. */
  samples: string[];
  byKind: Record<string, LatencySummary & { non2xx: number }>;
  /** Operations started in all, warm-up included. */
  started: number;
  /** Sum of the operations' `units` in the measured window (workloads that count one). */
  units?: number;
  /** CPU time of the HTTP client's thread in the measured window, µs (HTTP runs only). */
  clientCpuUs?: number;
  /** Where the machine's CPU went in the measured window, % of one core. */
  cpu?: CpuShare;
}

/** A growable list of latencies without boxing. */
class Samples {
  private data = new Float64Array(4096);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  sorted(): Float64Array {
    return this.data.slice(0, this.length).sort();
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export function summarize(samples: Samples, windowMs: number): LatencySummary {
  const sorted = samples.sorted();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    perSecond: windowMs > 0 ? (sorted.length * 1000) / windowMs : 0,
    meanMs: sorted.length ? sum / sorted.length : 0,
    p50Ms: percentile(sorted, 50),
    p90Ms: percentile(sorted, 90),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.length ? (sorted[sorted.length - 1] as number) : 0,
  };
}

export function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 300) : String(err).slice(0, 300);
}

export async function runLoad(
  options: LoadOptions,
  sample?: (kind: string, status: number) => string | undefined,
): Promise<LoadResult> {
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const measureTo = measureFrom + options.durationMs;
  const all = new Samples();
  const byKind = new Map<string, { samples: Samples; non2xx: number }>();
  const statuses: Record<string, number> = {};
  const samples: string[] = [];
  let started = 0;
  let non2xx = 0;
  let errors = 0;
  let units = 0;
  let counted = false;

  // The window's edges are noticed by the operations themselves, not by timers: an in-process
  // database (PGlite) can keep the event loop in microtasks for the whole run, so timers would not fire.
  let opened = false;
  let closed = false;
  const edge = (now: number): void => {
    if (!opened && now >= measureFrom) {
      opened = true;
      options.onWindow?.('start');
    }
    if (!closed && now >= measureTo) {
      closed = true;
      options.onWindow?.('end');
    }
  };
  const worker = async (): Promise<void> => {
    while (started < options.maxOps) {
      const now = performance.now();
      edge(now);
      if (now >= measureTo) return;
      started += 1;
      // The clock starts once the operation is built (an assessment takes a millisecond to make).
      const op = options.next();
      const t0 = performance.now();
      let status: number;
      let opUnits = 0;
      let failure: string | undefined;
      try {
        const out = await op.run();
        if (typeof out === 'number') status = out;
        else {
          status = out.status;
          opUnits = out.units;
          counted = true;
        }
      } catch (err) {
        status = 0;
        failure = errorText(err);
      }
      const t1 = performance.now();
      edge(t1);
      if (t1 < measureFrom || t1 > measureTo) continue;
      const ms = t1 - t0;
      all.push(ms);
      units += opUnits;
      let kind = byKind.get(op.kind);
      if (!kind) {
        kind = { samples: new Samples(), non2xx: 0 };
        byKind.set(op.kind, kind);
      }
      kind.samples.push(ms);
      const key = status === 0 ? 'error' : String(status);
      statuses[key] = (statuses[key] ?? 0) + 1;
      if (status < 200 || status > 299) {
        non2xx += 1;
        kind.non2xx += 1;
        if (status === 0) errors += 1;
        if (samples.length < 5)
          samples.push(`${op.kind} ${key}: ${failure ?? sample?.(op.kind, status) ?? ''}`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  edge(performance.now());
  const windowMs = Math.min(options.durationMs, Math.max(0, performance.now() - measureFrom));
  return {
    ...summarize(all, windowMs),
    durationMs: windowMs,
    concurrency: options.concurrency,
    non2xx,
    errors,
    statuses,
    samples,
    byKind: Object.fromEntries(
      [...byKind].map(([kind, v]) => [kind, { ...summarize(v.samples, windowMs), non2xx: v.non2xx }]),
    ),
    started,
    ...(counted ? { units } : {}),
  };
}

/** Picks from weighted choices with a seeded generator. */
export function weightedPicker<T>(choices: readonly (readonly [T, number])[], next: () => number): () => T {
  const total = choices.reduce((s, [, w]) => s + w, 0);
  return () => {
    let r = next() * total;
    for (const [item, weight] of choices) {
      r -= weight;
      if (r < 0) return item;
    }
    return (choices[choices.length - 1] as readonly [T, number])[0];
  };
}
