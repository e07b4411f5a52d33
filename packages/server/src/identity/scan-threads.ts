/**
 * The threads of a duplicate scan (scan-worker.ts): people are sent to every thread as they are read,
 * then each compares its share of the candidate pairs. The scan keeps the server's own thread free
 * for requests, and uses every core.
 */
import { totalmem } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FromWorker, Hit, ScanWorkerData, ToWorker } from './scan-worker.ts';

const WORKER_URL = new URL('./scan-worker.ts', import.meta.url);

export class ScanThreads {
  private readonly workers: Worker[];
  private readonly failed: Promise<never>;
  private loaded = 0;

  constructor(count: number, registerSize: number, progressEvery: number) {
    // Every thread holds every person (some 4 KB each): give them room, within the machine.
    const heapMb = Math.max(2048, Math.floor(totalmem() / 1024 / 1024 / (count + 1)));
    this.workers = Array.from({ length: count }, (_, share) => {
      const workerData: ScanWorkerData = { share, shares: count, registerSize, progressEvery };
      return new Worker(WORKER_URL, { workerData, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    });
    this.failed = new Promise<never>((_, reject) => {
      for (const worker of this.workers) {
        worker.once('error', reject);
        worker.once('exit', (code) => {
          if (code !== 0) reject(new Error(`A scan thread stopped (exit code ${code})`));
        });
      }
    });
    this.failed.catch(() => undefined);
  }

  /** Sends people (stored features) to every thread; resolves when all have read them. */
  async send(features: string[]): Promise<void> {
    const message: ToWorker = { type: 'people', features };
    const read = Promise.all(this.workers.map((w) => next(w, 'loaded')));
    for (const worker of this.workers) worker.postMessage(message);
    const counts = await Promise.race([read, this.failed]);
    this.loaded = Math.min(...counts.map((m) => m.people));
  }

  /** People every thread holds. */
  get people(): number {
    return this.loaded;
  }

  /**
   * Compares everyone. onHits gets each batch of pairs found, with how far (in people) the slowest
   * thread got; resolves with the number of candidate pairs compared.
   */
  async compare(onHits: (hits: Hit[], compared: number) => Promise<void>): Promise<number> {
    const compared = this.workers.map(() => 0);
    // Batches are handled one at a time, in the order they came.
    let queue = Promise.resolve();
    const finished = this.workers.map(
      (worker, w) =>
        new Promise<number>((resolve, reject) => {
          const listener = (message: FromWorker) => {
            if (message.type === 'hits') {
              compared[w] = message.compared;
              const slowest = Math.min(...compared);
              queue = queue.then(() => onHits(message.hits, slowest));
              queue.catch(reject);
            } else if (message.type === 'done') {
              worker.off('message', listener);
              queue.then(() => resolve(message.pairs), reject);
            }
          };
          worker.on('message', listener);
        }),
    );
    const compare: ToWorker = { type: 'compare' };
    for (const worker of this.workers) worker.postMessage(compare);
    const pairs = await Promise.race([Promise.all(finished), this.failed]);
    return pairs.reduce((s, n) => s + n, 0);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

function next<T extends FromWorker['type']>(
  worker: Worker,
  type: T,
): Promise<Extract<FromWorker, { type: T }>> {
  return new Promise((resolve) => {
    const listener = (message: FromWorker) => {
      if (message.type !== type) return;
      worker.off('message', listener);
      resolve(message as Extract<FromWorker, { type: T }>);
    };
    worker.on('message', listener);
  });
}
