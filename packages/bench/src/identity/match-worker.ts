/**
 * The $match client, in a worker thread so that it does not take the server's event loop: sends each
 * query once as `POST /fhir/Patient/$match` over keep-alive connections, `concurrency` at a time,
 * and says how long each took and whether the answer held the person's stored record.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Patient } from '@medplum/fhirtypes';

export interface MatchTask {
  baseUrl: string;
  token: string;
  concurrency: number;
  /** Sent first, not counted. */
  warmup: { patient: Patient; trueIds: string[] }[];
  queries: { patient: Patient; trueIds: string[] }[];
  count: number;
}

export interface MatchAnswer {
  ms: number;
  status: number;
  /** Entries in the searchset. */
  results: number;
  /** Rank (1-based) of the first entry that is the same person, 0 if none. */
  rank: number;
  /** The match grade given to that entry. */
  grade: string;
  error?: string;
}

export interface MatchTaskResult {
  wallMs: number;
  answers: MatchAnswer[];
}

const MATCH_GRADE_EXT = 'http://hl7.org/fhir/StructureDefinition/match-grade';

interface SearchBundle {
  entry?: {
    resource?: { id?: string };
    search?: { extension?: { url?: string; valueCode?: string }[] };
  }[];
}

async function one(task: MatchTask, q: { patient: Patient; trueIds: string[] }): Promise<MatchAnswer> {
  const body = JSON.stringify({
    resourceType: 'Parameters',
    parameter: [
      { name: 'resource', resource: q.patient },
      { name: 'count', valueInteger: task.count },
    ],
  });
  const started = performance.now();
  try {
    const res = await fetch(`${task.baseUrl}/fhir/Patient/$match`, {
      method: 'POST',
      headers: { authorization: `Bearer ${task.token}`, 'content-type': 'application/fhir+json' },
      body,
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    if (!res.ok) return { ms, status: res.status, results: 0, rank: 0, grade: '', error: text.slice(0, 300) };
    const bundle = JSON.parse(text) as SearchBundle;
    const entries = bundle.entry ?? [];
    const index = entries.findIndex((e) => q.trueIds.includes(String(e.resource?.id)));
    const hit = entries[index];
    return {
      ms,
      status: res.status,
      results: entries.length,
      rank: index + 1,
      grade: hit?.search?.extension?.find((x) => x.url === MATCH_GRADE_EXT)?.valueCode ?? '',
    };
  } catch (err) {
    return { ms: performance.now() - started, status: 0, results: 0, rank: 0, grade: '', error: String(err) };
  }
}

async function run(task: MatchTask, queries: MatchTask['queries']): Promise<MatchAnswer[]> {
  const answers: MatchAnswer[] = new Array<MatchAnswer>(queries.length);
  let next = 0;
  const loop = async () => {
    for (let i = next++; i < queries.length; i = next++)
      answers[i] = await one(task, queries[i] as MatchTask['queries'][number]);
  };
  await Promise.all(Array.from({ length: Math.min(task.concurrency, queries.length) }, loop));
  return answers;
}

const port = parentPort;
if (port) {
  const task = workerData as MatchTask;
  await run(task, task.warmup);
  const began = performance.now();
  const answers = await run(task, task.queries);
  port.postMessage({ wallMs: performance.now() - began, answers } satisfies MatchTaskResult);
}
