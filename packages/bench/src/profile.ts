/**
 * With BENCH_PROFILE=1, a CPU profile of the main thread (the server) is taken during each API phase
 * and written to results/<database>-<phase>.cpuprofile, loadable in Chrome DevTools; a summary of
 * the hottest functions is printed. `node packages/bench/src/profile.ts FILE` prints a summary again.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export class Profiler {
  private readonly session = new Session();
  private started = false;

  async start(): Promise<void> {
    if (!this.started) {
      this.session.connect();
      await this.session.post('Profiler.enable');
      await this.session.post('Profiler.setSamplingInterval', { interval: 500 });
      this.started = true;
    }
    await this.session.post('Profiler.start');
  }

  /** Stops and writes the profile; returns its summary. */
  async stop(file: URL): Promise<string> {
    const { profile } = (await this.session.post('Profiler.stop')) as unknown as { profile: Profile };
    await writeFile(file, JSON.stringify(profile));
    return summarizeProfile(profile);
  }

  close(): void {
    if (this.started) this.session.disconnect();
  }
}

function where(url: string): string {
  if (!url) return '';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) return path.slice(nm + 'node_modules/'.length);
  const pk = path.indexOf('packages/');
  return pk >= 0 ? path.slice(pk) : path;
}

/** Self time by function and by package or source file, as text. */
export function summarizeProfile(profile: Profile, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0) || 1;
  const fn = new Map<string, number>();
  const area = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = where(url);
    const key = `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
    fn.set(key, (fn.get(key) ?? 0) + us);
    const pkg = file.startsWith('packages/')
      ? file.split('/').slice(0, 4).join('/')
      : file
        ? (file.startsWith('@') ? file.split('/').slice(0, 2) : file.split('/').slice(0, 1)).join('/')
        : functionName.startsWith('(')
          ? functionName
          : 'node internals / native';
    area.set(pkg, (area.get(pkg) ?? 0) + us);
  }
  // Inclusive time of the project's own functions (each sample counted once per function on its stack).
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusive = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const node = byId.get(cur);
      if (!node) break;
      const file = where(node.callFrame.url);
      if (!file.startsWith('packages/')) continue;
      const key = `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
    }
  });
  const pct = (us: number) => `${((us * 100) / total).toFixed(1).padStart(5)} %`;
  const lines = [`self time, ${(total / 1e6).toFixed(1)} s sampled`, 'by area:'];
  for (const [k, v] of [...area].sort((a, b) => b[1] - a[1]).slice(0, 15)) lines.push(`  ${pct(v)}  ${k}`);
  lines.push('by function:');
  for (const [k, v] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(v)}  ${k}`);
  lines.push('inclusive, Passage code:');
  for (const [k, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`  ${pct(v)}  ${k}`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node packages/bench/src/profile.ts FILE.cpuprofile\n');
    process.exit(2);
  }
  const profile = JSON.parse(await readFile(file, 'utf8')) as Profile;
  process.stdout.write(`${summarizeProfile(profile, 40)}\n`);
}
