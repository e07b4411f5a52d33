/**
 * Where the machine's CPU went during a phase: the server's thread, the HTTP client's thread, the
 * PostgreSQL processes, everything else, and idle — in % of one core (so 2 cores = 200 %). Read from
 * /proc on Linux; elsewhere only the Node figures are known.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_US = 10_000; // USER_HZ = 100 on Linux

export interface CpuSnapshot {
  at: number;
  /** This process, all threads, µs. */
  process: number;
  /** The main thread (the server, or the ceiling's SQL client), µs. */
  main: number;
  postgres: number;
  busy: number;
  idle: number;
  iowait: number;
  steal: number;
}

export interface CpuShare {
  /** Percent of one core. */
  main: number;
  client: number;
  /** Other Node threads: GC helpers, libuv pool. */
  helpers: number;
  postgres: number;
  other: number;
  idle: number;
  /** Idle while waiting for the disk (WAL flushes). */
  iowait: number;
  steal: number;
}

function procStat(): { busy: number; idle: number; iowait: number; steal: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = f;
    return {
      busy: (user + nice + system + irq + softirq + steal) * TICK_US,
      idle: idle * TICK_US,
      iowait: iowait * TICK_US,
      steal: steal * TICK_US,
    };
  } catch {
    return { busy: 0, idle: 0, iowait: 0, steal: 0 };
  }
}

/** CPU of every `postgres` process, plus what exited backends left in their parent's account. */
function postgresCpu(): number {
  let ticks = 0;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    if (stat.slice(open + 1, close) !== 'postgres') continue;
    const f = stat.slice(close + 2).split(' ');
    // Fields 14–17 of stat: utime, stime, cutime, cstime (here at offsets 11–14 after the name).
    ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  }
  return ticks * TICK_US;
}

export function cpuSnapshot(): CpuSnapshot {
  const p = process.cpuUsage();
  const t = process.threadCpuUsage();
  return {
    at: performance.now(),
    process: p.user + p.system,
    main: t.user + t.system,
    postgres: postgresCpu(),
    ...procStat(),
  };
}

/** Shares between two snapshots; `clientUs` is the client thread's own CPU time, if there was one. */
export function cpuShare(a: CpuSnapshot, b: CpuSnapshot, clientUs = 0): CpuShare {
  const wall = (b.at - a.at) * 1000;
  const pct = (us: number) => (wall > 0 ? Math.max(0, Math.round((us * 100) / wall)) : 0);
  const processUs = b.process - a.process;
  const mainUs = b.main - a.main;
  const pgUs = b.postgres - a.postgres;
  const busy = b.busy - a.busy;
  return {
    main: pct(mainUs),
    client: pct(clientUs),
    helpers: pct(processUs - mainUs - clientUs),
    postgres: pct(pgUs),
    other: pct(busy - processUs - pgUs),
    idle: pct(b.idle - a.idle),
    iowait: pct(b.iowait - a.iowait),
    steal: pct(b.steal - a.steal),
  };
}

/** The thread's own CPU time in µs (for the client worker). */
export function threadCpuUs(): number {
  const t = process.threadCpuUsage();
  return t.user + t.system;
}

/**
 * Runs a phase and records where the CPU went during its measured window, whose edges the load
 * runner reports (from this thread for the ceiling, from the client thread for HTTP).
 */
export async function withCpu<T extends { clientCpuUs?: number; cpu?: CpuShare }>(
  run: (onWindow: (edge: 'start' | 'end') => void) => Promise<T>,
): Promise<T> {
  let from: CpuSnapshot | undefined;
  let to: CpuSnapshot | undefined;
  const onWindow = (edge: 'start' | 'end') => {
    if (edge === 'start') from = cpuSnapshot();
    else to = cpuSnapshot();
  };
  const result = await run(onWindow);
  return from ? { ...result, cpu: cpuShare(from, to ?? cpuSnapshot(), result.clientCpuUs ?? 0) } : result;
}
