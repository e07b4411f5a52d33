/**
 * The HTTP client side of the benchmark, in a worker thread so that its CPU time is not taken from
 * the server's event loop (the server runs in-process, on the main thread). Keep-alive connections
 * to 127.0.0.1 only, one per concurrent worker.
 */
import http from 'node:http';
import { parentPort } from 'node:worker_threads';
import { threadCpuUs } from './cpu.ts';
import { errorText, runLoad, weightedPicker, type Operation } from './load.ts';
import { createRandom, patientsAt, population } from './population.ts';
import { MIX, searchPath, type IngestResult, type WorkerTask } from './workload.ts';

interface Reply {
  status: number;
  body: string;
}

function client(baseUrl: string, concurrency: number) {
  const url = new URL(baseUrl);
  if (url.hostname !== '127.0.0.1')
    throw new Error(`the benchmark only talks to 127.0.0.1, not ${url.hostname}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
  const request = (
    method: string,
    path: string,
    token: string,
    body: string | undefined,
    keepBody: boolean,
    timeoutMs = 60_000,
  ): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = {
        authorization: `Bearer ${token}`,
        accept: 'application/fhir+json',
      };
      if (body !== undefined) {
        headers['content-type'] = 'application/fhir+json';
        headers['content-length'] = Buffer.byteLength(body);
      }
      const req = http.request(
        { host: '127.0.0.1', port: url.port, method, path, agent, headers, timeout: timeoutMs },
        (res) => {
          const status = res.statusCode ?? 0;
          const chunks: Buffer[] = [];
          const keep = keepBody || status < 200 || status > 299;
          res.on('data', (c: Buffer) => {
            if (keep) chunks.push(c);
          });
          res.on('end', () => resolve({ status, body: keep ? Buffer.concat(chunks).toString('utf8') : '' }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  return { request, close: () => agent.destroy() };
}

async function load(task: Extract<WorkerTask, { type: 'load' }>) {
  const c = client(task.baseUrl, task.concurrency);
  const random = createRandom(task.seed);
  // People to register, made before the clock starts and sent in turn (new ids each time).
  const newcomers =
    task.workload === 'create' || task.workload === 'mix' ? patientsAt(task.site, 5000, task.seed + 7) : [];
  let serial = 0;
  let lastFailure = '';
  const call = async (method: string, path: string, body?: string): Promise<number> => {
    const reply = await c.request(method, path, task.token, body, false);
    if (reply.status < 200 || reply.status > 299) lastFailure = reply.body.slice(0, 300);
    return reply.status;
  };
  const ops: Record<'read' | 'search' | 'create', () => Operation> = {
    read: () => {
      const id = random.pick(task.readIds);
      return { kind: 'read', run: () => call('GET', `/fhir/Patient/${id}`) };
    },
    search: () => {
      const q = random.pick(task.searches);
      return { kind: 'search', run: () => call('GET', searchPath(q)) };
    },
    create: () => {
      const body = JSON.stringify(newcomers[serial++ % newcomers.length]);
      return { kind: 'create', run: () => call('POST', '/fhir/Patient', body) };
    },
  };
  const pick = weightedPicker(MIX, random.next);
  const next = task.workload === 'mix' ? () => ops[pick()]() : ops[task.workload];
  let cpuFrom = threadCpuUs();
  let cpuTo: number | undefined;
  const onWindow = (edge: 'start' | 'end') => {
    if (edge === 'start') cpuFrom = threadCpuUs();
    else cpuTo = threadCpuUs();
    parentPort?.postMessage({ window: edge });
  };
  try {
    const result = await runLoad(
      {
        concurrency: task.concurrency,
        warmupMs: task.warmupMs,
        durationMs: task.durationMs,
        maxOps: task.maxOps,
        next,
        onWindow,
      },
      () => lastFailure,
    );
    return { ...result, clientCpuUs: (cpuTo ?? threadCpuUs()) - cpuFrom };
  } finally {
    c.close();
  }
}

async function ingest(task: Extract<WorkerTask, { type: 'ingest' }>): Promise<IngestResult> {
  const c = client(task.baseUrl, task.concurrency);
  // Bundles of one site each, built before the clock starts.
  const people = population(task.sites, task.seed);
  const perSite = new Map<string, { site: string; body: string; size: number }[]>();
  for (const [site, patients] of Object.entries(people)) {
    const list: { site: string; body: string; size: number }[] = [];
    for (let i = 0; i < patients.length; i += task.bundleSize) {
      const part = patients.slice(i, i + task.bundleSize);
      const entry = part.map((resource) => ({
        fullUrl: `urn:uuid:${crypto.randomUUID()}`,
        resource,
        request: { method: 'POST', url: 'Patient' },
      }));
      list.push({
        site,
        body: JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry }),
        size: part.length,
      });
    }
    perSite.set(site, list);
  }
  // Interleave sites so that concurrent Bundles come from different clinicians, as in real use.
  const bundles: { site: string; body: string; size: number }[] = [];
  for (let i = 0; bundles.length < [...perSite.values()].reduce((n, l) => n + l.length, 0); i++) {
    for (const list of perSite.values()) {
      const b = list[i];
      if (b) bundles.push(b);
    }
  }
  const ids: Record<string, string[]> = {};
  const samples: string[] = [];
  const latencies: number[] = [];
  let non2xx = 0;
  let resources = 0;
  let nextBundle = 0;
  parentPort?.postMessage({ window: 'start' });
  const cpuFrom = threadCpuUs();
  const deadline = performance.now() + task.timeoutMs;
  const t0 = performance.now();
  const worker = async (): Promise<void> => {
    while (nextBundle < bundles.length && performance.now() < deadline) {
      const b = bundles[nextBundle++] as (typeof bundles)[number];
      const started = performance.now();
      let reply: Reply;
      try {
        reply = await c.request('POST', '/fhir', task.tokens[b.site] ?? '', b.body, true, task.timeoutMs);
      } catch (err) {
        non2xx += 1;
        if (samples.length < 5) samples.push(errorText(err));
        continue;
      }
      latencies.push(performance.now() - started);
      if (reply.status !== 200) {
        non2xx += 1;
        if (samples.length < 5) samples.push(`${reply.status}: ${reply.body.slice(0, 300)}`);
        continue;
      }
      const parsed = JSON.parse(reply.body) as { entry?: { response?: { location?: string } }[] };
      const list = (ids[b.site] ??= []);
      for (const e of parsed.entry ?? []) {
        const m = /^Patient\/([^/]+)\//.exec(e.response?.location ?? '');
        if (m?.[1]) list.push(m[1]);
      }
      resources += b.size;
    }
  };
  await Promise.all(Array.from({ length: task.concurrency }, worker));
  const ms = performance.now() - t0;
  const clientCpuUs = threadCpuUs() - cpuFrom;
  parentPort?.postMessage({ window: 'end' });
  c.close();
  latencies.sort((a, b) => a - b);
  return {
    resources,
    bundles: bundles.length,
    ms,
    perSecond: (resources * 1000) / ms,
    non2xx,
    samples,
    ids,
    bundleP50Ms: latencies[Math.floor(latencies.length / 2)] ?? 0,
    bundleMaxMs: latencies[latencies.length - 1] ?? 0,
    clientCpuUs,
  };
}

parentPort?.on('message', (task: WorkerTask) => {
  const work = task.type === 'load' ? load(task) : ingest(task);
  work.then(
    (result) => parentPort?.postMessage({ ok: true, result }),
    (err: unknown) => parentPort?.postMessage({ ok: false, error: errorText(err) }),
  );
});
