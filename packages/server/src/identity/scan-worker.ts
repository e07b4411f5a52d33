/**
 * One thread of a duplicate scan (scan.ts starts one per core): it receives everyone's stored
 * features, takes its share of the candidate pairs (core's candidatePairs partition), scores them
 * and sends back those worth a reviewer's look, with their reasons. Every thread holds every
 * person, so any pair can be scored where it falls; no pair falls to two threads.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { candidatePairs, parseFeatures, type RecordFeatures } from '@passage/core';
import type { FoundPair } from './candidates.ts';
import { explainPair, matcherFor, REVIEW_GRADES } from './matcher.ts';

export interface ScanWorkerData {
  share: number;
  shares: number;
  registerSize: number;
  /** People compared between progress messages. */
  progressEvery: number;
}

export type ToWorker = { type: 'people'; features: string[] } | { type: 'compare' };

export type Hit = FoundPair;

export type FromWorker =
  | { type: 'loaded'; people: number }
  | { type: 'hits'; hits: Hit[]; compared: number }
  | { type: 'done'; pairs: number; compared: number };

/** Pairs worth sending in one message. */
const BATCH = 500;

function run(data: ScanWorkerData, port: NonNullable<typeof parentPort>): void {
  const matcher = matcherFor(data.registerSize);
  const people: RecordFeatures[] = [];
  const send = (message: FromWorker) => port.postMessage(message);

  const compare = () => {
    const pairs = candidatePairs(people, undefined, { index: data.share, count: data.shares });
    let hits: Hit[] = [];
    let reported = 0;
    for (let k = 0; k < pairs.length; k += 2) {
      const i = pairs[k] as number;
      if (i - reported >= data.progressEvery || hits.length >= BATCH) {
        send({ type: 'hits', hits, compared: i });
        [hits, reported] = [[], i];
      }
      const one = people[i] as RecordFeatures;
      const other = people[pairs[k + 1] as number] as RecordFeatures;
      const [a, b] = one.id < other.id ? [one, other] : [other, one];
      if (!REVIEW_GRADES.includes(matcher.score(a, b).grade)) continue;
      hits.push({ a: a.id, b: b.id, score: explainPair(matcher, a, b) });
    }
    send({ type: 'hits', hits, compared: people.length });
    send({ type: 'done', pairs: pairs.length / 2, compared: people.length });
  };

  port.on('message', (message: ToWorker) => {
    if (message.type === 'people') {
      for (const text of message.features) {
        const features = parseFeatures(text);
        if (features) people.push(matcher.adopt(features));
      }
      send({ type: 'loaded', people: people.length });
    } else compare();
  });
}

if (parentPort) run(workerData as ScanWorkerData, parentPort);
