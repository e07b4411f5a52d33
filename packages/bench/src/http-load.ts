/** Runs HTTP work in the client worker thread and waits for its result, with a time limit. */
import { Worker } from 'node:worker_threads';
import type { LoadResult } from './load.ts';
import type { IngestResult, RecordsResult, WorkerTask } from './workload.ts';

type Reply = { ok: true; result: unknown } | { ok: false; error: string } | { window: 'start' | 'end' };

export type WindowHook = (edge: 'start' | 'end') => void;

export class HttpClientThread {
  private readonly worker = new Worker(new URL('./http-worker.ts', import.meta.url));

  private run(task: WorkerTask, limitMs: number, onWindow?: WindowHook): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`the HTTP client thread did not answer within ${Math.round(limitMs / 1000)} s`));
      }, limitMs);
      const onMessage = (reply: Reply) => {
        if ('window' in reply) {
          onWindow?.(reply.window);
          return;
        }
        cleanup();
        if (reply.ok) resolve(reply.result);
        else reject(new Error(reply.error));
      };
      const onError = (err: Error) => {
        cleanup();
        reject(err);
      };
      const cleanup = () => {
        clearTimeout(timer);
        this.worker.off('message', onMessage);
        this.worker.off('error', onError);
      };
      this.worker.on('message', onMessage);
      this.worker.on('error', onError);
      this.worker.postMessage(task);
    });
  }

  /** `onWindow` is told when the measured window opens and closes in the client thread. */
  async load(task: Extract<WorkerTask, { type: 'load' }>, onWindow?: WindowHook): Promise<LoadResult> {
    return (await this.run(task, task.warmupMs + task.durationMs + 120_000, onWindow)) as LoadResult;
  }

  async ingest(task: Extract<WorkerTask, { type: 'ingest' }>, onWindow?: WindowHook): Promise<IngestResult> {
    return (await this.run(task, task.timeoutMs + 120_000, onWindow)) as IngestResult;
  }

  async records(task: Extract<WorkerTask, { type: 'records' }>): Promise<RecordsResult> {
    return (await this.run(task, task.timeoutMs + 120_000)) as RecordsResult;
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
