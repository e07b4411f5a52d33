/**
 * A loader thread: generates the chunks it is given and writes them through the server's repository
 * (its own connections), so that generation, validation, indexing and key computation use every core.
 */
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { openDatabase } from '@passage/server';
import { internals, type GeneratedRecord } from './internals.ts';
import { chunkRecords } from './loader.ts';
import type { IdentitySettings } from './settings.ts';

export interface LoadWorkerData {
  url: string;
  settings: IdentitySettings;
  queryPool: number;
  /** Whether records may already be stored (an interrupted load). */
  resume: boolean;
}

export type LoadWorkerReply =
  | { kind: 'progress'; written: number }
  | { kind: 'done'; chunk: number; written: number; skipped: number }
  | { kind: 'error'; error: string };

async function writeTruth(pool: pg.Pool, records: readonly GeneratedRecord[]): Promise<void> {
  await pool.query(
    `INSERT INTO bench_identity_truth (id, person_id) SELECT * FROM unnest($1::text[], $2::text[])
     ON CONFLICT (id) DO NOTHING`,
    [records.map((r) => r.id), records.map((r) => r.personId)],
  );
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('load-worker.ts runs as a worker thread');
  const { url, settings, queryPool, resume } = workerData as LoadWorkerData;
  const lib = await internals();
  const db = await openDatabase({ kind: 'postgres', url, poolSize: 2 });
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const repo = lib.newRepository(db);
  const ctx = lib.systemContext();
  const reply = (m: LoadWorkerReply) => port.postMessage(m);

  const writeChunk = async (chunk: number) => {
    const { stored, queries } = chunkRecords(lib.generateDuplicates, settings, chunk, queryPool);
    if (chunk === 0) {
      await pool.query(
        `INSERT INTO bench_identity_query (n, person_id, true_ids, patient)
         SELECT n, p, string_to_array(t, ' '), q::jsonb FROM unnest($1::int[], $2::text[], $3::text[], $4::text[]) AS u(n, p, t, q)
         ON CONFLICT (n) DO NOTHING`,
        [
          queries.map((_, i) => i),
          queries.map((q) => q.personId),
          queries.map((q) => q.trueIds.join(' ')),
          queries.map((q) => JSON.stringify(q.patient)),
        ],
      );
    }
    let todo = stored;
    if (resume) {
      const existing = await pool.query<{ id: string }>(
        `SELECT id FROM fhir_resource WHERE type = 'Patient' AND id = ANY($1::text[])`,
        [stored.map((r) => r.id)],
      );
      const have = new Set(existing.rows.map((r) => r.id));
      todo = stored.filter((r) => !have.has(r.id));
      // Their truth rows may be missing if the run stopped between the two writes.
      const done = stored.filter((r) => have.has(r.id));
      if (done.length) await writeTruth(pool, done);
    }
    for (let i = 0; i < todo.length; i += settings.batch) {
      const batch = todo.slice(i, i + settings.batch);
      await repo.writeAll(
        ctx,
        batch.map((r) => ({ method: 'POST' as const, resource: r.patient })),
      );
      await writeTruth(pool, batch);
      reply({ kind: 'progress', written: batch.length });
    }
    reply({ kind: 'done', chunk, written: todo.length, skipped: stored.length - todo.length });
  };

  port.on('message', (message: { chunk: number } | { close: true }) => {
    if ('close' in message) {
      void Promise.all([pool.end(), db.destroy()]).finally(() => port.close());
      return;
    }
    writeChunk(message.chunk).catch((err: unknown) =>
      reply({ kind: 'error', error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
    );
  });
}

await main();
