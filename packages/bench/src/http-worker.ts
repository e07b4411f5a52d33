/**
 * The HTTP client side of the benchmark, in a worker thread so that its CPU time is not taken from
 * the server's event loop (the server runs in-process, on the main thread). Keep-alive connections
 * to 127.0.0.1 only, one per concurrent worker.
 */
import http from 'node:http';
import { parentPort } from 'node:worker_threads';
import { assessmentOf, type Subject } from './assessment.ts';
import { threadCpuUs } from './cpu.ts';
import { errorText, runLoad, weightedPicker, type Operation } from './load.ts';
import type { SyntheticPerson } from '@passage/core';
import { createRandom, patientsAt, populationPeople } from './population.ts';
import { MIX, searchPath, type IngestResult, type RecordsResult, type WorkerTask } from './workload.ts';

interface Reply {
  status: number;
  body: string;
  /** Bytes of the response body, kept or not. */
  bytes: number;
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
        headers['content-type'] = path.startsWith('/api/') ? 'application/json' : 'application/fhir+json';
        headers['content-length'] = Buffer.byteLength(body);
      }
      const req = http.request(
        { host: '127.0.0.1', port: url.port, method, path, agent, headers, timeout: timeoutMs },
        (res) => {
          const status = res.statusCode ?? 0;
          const chunks: Buffer[] = [];
          const keep = keepBody || status < 200 || status > 299;
          let bytes = 0;
          res.on('data', (c: Buffer) => {
            bytes += c.length;
            if (keep) chunks.push(c);
          });
          res.on('end', () =>
            resolve({ status, body: keep ? Buffer.concat(chunks).toString('utf8') : '', bytes }),
          );
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
  const subjects = task.subjects ?? [];
  const today = new Date().toISOString().slice(0, 10);
  const ops: Record<'read' | 'search' | 'create' | 'everything' | 'assess', () => Operation> = {
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
    // units: bytes of the Bundle.
    everything: () => {
      const id = random.pick(task.readIds);
      return {
        kind: 'everything',
        run: async () => {
          const reply = await c.request(
            'GET',
            `/fhir/Patient/${id}/$everything`,
            task.token,
            undefined,
            false,
          );
          if (reply.status !== 200) lastFailure = reply.body.slice(0, 300);
          return { status: reply.status, units: reply.status === 200 ? reply.bytes : 0 };
        },
      };
    },
    // units: resources written (extracted, the response and the provenance).
    assess: () => {
      const subject = subjects[serial++ % subjects.length] as Subject;
      const body = JSON.stringify({
        response: assessmentOf(subject, random, { date: today }),
        decisions: [],
      });
      return { kind: 'assess', run: () => completeAssessment(body) };
    },
  };
  const completeAssessment = async (body: string) => {
    const reply = await c.request('POST', '/api/assessments', task.token, body, true);
    if (reply.status !== 201) {
      lastFailure = reply.body.slice(0, 300);
      return { status: reply.status, units: 0 };
    }
    const created = (JSON.parse(reply.body) as { created?: unknown[] }).created?.length ?? 0;
    return { status: reply.status, units: created + 2 };
  };
  if (task.workload === 'assess' && subjects.length === 0) throw new Error('assess: no people to assess');
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
  const people = populationPeople(task.sites, task.seed);
  type Sent = { site: string; body: string; size: number; people: SyntheticPerson[] };
  const perSite = new Map<string, Sent[]>();
  for (const [site, patients] of Object.entries(people)) {
    const list: Sent[] = [];
    for (let i = 0; i < patients.length; i += task.bundleSize) {
      const part = patients.slice(i, i + task.bundleSize);
      const entry = part.map((p) => ({
        fullUrl: `urn:uuid:${crypto.randomUUID()}`,
        resource: p.patient,
        request: { method: 'POST', url: 'Patient' },
      }));
      list.push({
        site,
        body: JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry }),
        size: part.length,
        people: part,
      });
    }
    perSite.set(site, list);
  }
  // Interleave sites so that concurrent Bundles come from different clinicians, as in real use.
  const bundles: Sent[] = [];
  for (let i = 0; bundles.length < [...perSite.values()].reduce((n, l) => n + l.length, 0); i++) {
    for (const list of perSite.values()) {
      const b = list[i];
      if (b) bundles.push(b);
    }
  }
  const ids: Record<string, string[]> = {};
  const subjects: Record<string, Subject[]> = {};
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
      const people = (subjects[b.site] ??= []);
      // Transaction responses answer the entries in order.
      for (const [i, e] of (parsed.entry ?? []).entries()) {
        const m = /^Patient\/([^/]+)\//.exec(e.response?.location ?? '');
        const p = b.people[i];
        if (!m?.[1]) continue;
        list.push(m[1]);
        if (p) people.push({ id: m[1], person: p });
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
    subjects,
    bundleP50Ms: latencies[Math.floor(latencies.length / 2)] ?? 0,
    bundleMaxMs: latencies[latencies.length - 1] ?? 0,
    clientCpuUs,
  };
}

/**
 * Each person's assessments in turn (the arrival assessment, then follow-ups) until their record
 * holds `resources` resources, `concurrency` people at a time.
 */
async function records(task: Extract<WorkerTask, { type: 'records' }>): Promise<RecordsResult> {
  const c = client(task.baseUrl, task.concurrency);
  const random = createRandom(task.seed);
  const today = new Date().toISOString().slice(0, 10);
  const samples: string[] = [];
  const perRecord: number[] = [];
  let assessments = 0;
  let resources = 0;
  let non2xx = 0;
  let next = 0;
  const deadline = performance.now() + task.timeoutMs;
  const t0 = performance.now();
  const worker = async (): Promise<void> => {
    while (next < task.subjects.length && performance.now() < deadline) {
      const subject = task.subjects[next++] as Subject;
      let held = 1; // the Patient
      let done = 0;
      for (let i = 0; i < task.maxAssessments && held < task.resources; i++) {
        const body = JSON.stringify({
          response: assessmentOf(subject, random, { date: today, followUp: done > 0 }),
          decisions: [],
        });
        let reply: Reply;
        try {
          reply = await c.request('POST', '/api/assessments', task.token, body, true);
        } catch (err) {
          non2xx += 1;
          if (samples.length < 5) samples.push(errorText(err));
          continue;
        }
        if (reply.status !== 201) {
          non2xx += 1;
          if (samples.length < 5) samples.push(`${reply.status}: ${reply.body.slice(0, 300)}`);
          continue;
        }
        const written = ((JSON.parse(reply.body) as { created?: unknown[] }).created?.length ?? 0) + 2;
        done += 1;
        held += written;
        resources += written;
      }
      assessments += done;
      perRecord.push(done);
    }
  };
  await Promise.all(Array.from({ length: task.concurrency }, worker));
  c.close();
  return { assessments, resources, perRecord, ms: performance.now() - t0, non2xx, samples };
}

parentPort?.on('message', (task: WorkerTask) => {
  const work = task.type === 'load' ? load(task) : task.type === 'records' ? records(task) : ingest(task);
  work.then(
    (result) => parentPort?.postMessage({ ok: true, result }),
    (err: unknown) => parentPort?.postMessage({ ok: false, error: errorText(err) }),
  );
});
