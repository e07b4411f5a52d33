/**
 * The background scan for duplicates: the stored matching features of the people the caller may see
 * are read and sent to one thread per core (scan-threads.ts), each blocks the whole register in
 * memory and scores its share of the candidate pairs, and pairs graded possible or better are queued for review (never
 * a pair already decided). One scan runs at a time; progress is written as people are compared; a
 * failure marks the scan failed with its error; shutdown stops it cleanly.
 */
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { sql } from 'kysely';
import { conflict, notFound, PassageError } from '@passage/core';
import { orgsWith, type AccessContext } from '../access/access-context.ts';
import { recordAudit, type AuditEntry } from '../audit/audit-log.ts';
import type { Db } from '../db/database.ts';
import { readScope, scopePredicate, type Scope } from '../fhir/store/access-scope.ts';
import { keyStalePatients, notMergedAway } from './blocking-store.ts';
import { queueCandidates } from './candidates.ts';
import { requirePermissions } from './identity-access.ts';
import { ScanThreads } from './scan-threads.ts';

/** People between progress reports (and pairs queued per statement). */
const PAGE = 500;
/** Rows read per statement while loading the people to compare. */
const LOAD_PAGE = 5000;
const STOPPED = 'Stopped: the server shut down before the scan ended';
/** A running scan not heard from for this long died with its process. */
const STALE_AFTER = '5 minutes';

/** keying: bringing stored keys and features up to date; loading: reading people; comparing. */
export type ScanPhase = 'keying' | 'loading' | 'comparing';

export interface ScanStatus {
  scanId: string;
  status: 'running' | 'done' | 'failed';
  phase?: ScanPhase;
  processed: number;
  total: number;
  found: number;
  startedAt: string;
  finishedAt?: string;
  error?: string;
}

class ScanStopped extends Error {}

interface Running {
  id: string;
  stopping: boolean;
  done: Promise<void>;
  threads?: ScanThreads;
}

const livePatients = (scope: Scope) =>
  sql`r.type = 'Patient' AND NOT r.deleted AND ${notMergedAway('r')} AND ${scopePredicate(scope)}`;

export class ScanRunner {
  private readonly db: Db;
  private readonly logError: (err: unknown) => void;
  private readonly pageSize: number;
  /** Threads a scan compares people in. */
  private readonly threads: number;
  /** Called with each progress written (people compared so far). */
  private readonly onProgress: ((processed: number) => void) | undefined;
  private running: Running | undefined;
  private closed = false;

  constructor(
    db: Db,
    logError: (err: unknown) => void,
    options: { pageSize?: number; threads?: number; onProgress?: (processed: number) => void } = {},
  ) {
    this.db = db;
    this.logError = logError;
    this.pageSize = options.pageSize ?? PAGE;
    this.threads = options.threads ?? 2;
    this.onProgress = options.onProgress;
  }

  /** Starts a scan in the background and returns its id. */
  async start(ctx: AccessContext): Promise<string> {
    const audit: AuditEntry = {
      action: 'E',
      subtype: 'duplicate-scan',
      entityType: 'Patient',
      outcome: 'success',
    };
    await requirePermissions(this.db, ctx, ['demographics.write'], audit);
    if (this.closed)
      throw new PassageError(503, 'unavailable', 'The server is shutting down: start the scan again later');
    const scope = readScope(ctx, 'Patient');
    await this.expireStale();
    const id = randomUUID();
    const now = new Date();
    try {
      await this.db
        .insertInto('identity_scan')
        .values({
          id,
          status: 'running',
          started_by: ctx.userId,
          orgs: ctx.system ? null : [...orgsWith(ctx, 'demographics.read')],
          started_at: now,
          heartbeat_at: now,
        })
        .execute();
    } catch (err) {
      if ((err as { code?: string }).code === '23505') {
        throw conflict(
          'scan_running',
          'A scan for duplicates is already running: follow its progress, or wait until it ends',
        );
      }
      throw err;
    }
    await recordAudit(this.db, ctx, [{ ...audit, entityId: null, detail: `scan ${id} started` }]);
    const state: Running = { id, stopping: false, done: Promise.resolve() };
    this.running = state;
    state.done = this.run(state, ctx, scope);
    return id;
  }

  async status(ctx: AccessContext, scanId: string): Promise<ScanStatus> {
    await requirePermissions(this.db, ctx, ['demographics.read'], {
      action: 'R',
      subtype: 'duplicate-scan-status',
      outcome: 'success',
    });
    await this.expireStale();
    const row = await this.db
      .selectFrom('identity_scan')
      .selectAll()
      .where('id', '=', scanId)
      .executeTakeFirst();
    // A scan counts people: only those who may see all of them see it.
    const mine = orgsWith(ctx, 'demographics.read');
    const visible = ctx.system || (row?.orgs && row.orgs.every((o) => mine.includes(o)));
    if (!row || !visible) throw notFound(`Scan ${scanId} was not found`);
    return {
      scanId: row.id,
      status: row.status,
      processed: row.processed,
      total: row.total,
      found: row.found,
      startedAt: new Date(row.started_at).toISOString(),
      ...(row.finished_at ? { finishedAt: new Date(row.finished_at).toISOString() } : {}),
      ...(row.error ? { error: row.error } : {}),
      ...(row.status === 'running' && row.phase ? { phase: row.phase } : {}),
    };
  }

  /** Stops the running scan (it is marked failed, saying why) and waits for it; no new scan starts. */
  async close(): Promise<void> {
    this.closed = true;
    const running = this.running;
    if (!running) return;
    running.stopping = true;
    // Threads in the middle of comparing are stopped, not waited for.
    await running.threads?.close();
    await running.done;
  }

  /** A scan whose process died stays `running`: marked failed once its heartbeat is old. */
  private async expireStale(): Promise<void> {
    await sql`UPDATE identity_scan SET status = 'failed', finished_at = now(),
      error = 'Interrupted: the server running it stopped before it ended'
      WHERE status = 'running' AND heartbeat_at < now() - ${STALE_AFTER}::interval
      AND id <> ${this.running?.id ?? ''}`.execute(this.db);
  }

  /** Writes progress; stops when shutting down or when the scan was expired meanwhile. */
  private async beat(
    state: Running,
    progress: { processed?: number; total?: number; found?: number; phase?: ScanPhase } = {},
  ) {
    if (state.stopping) throw new ScanStopped(STOPPED);
    const updated = await this.db
      .updateTable('identity_scan')
      .set({ ...progress, heartbeat_at: new Date() })
      .where('id', '=', state.id)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new ScanStopped('Stopped: marked as interrupted');
    if (progress.processed !== undefined) this.onProgress?.(progress.processed);
  }

  /** Lets requests through between chunks of CPU work; stops here when shutting down. */
  private async pause(state: Running): Promise<void> {
    await yieldToEventLoop();
    if (state.stopping) throw new ScanStopped(STOPPED);
  }

  /** Never rejects: every outcome ends in the scan's row. */
  private async run(state: Running, ctx: AccessContext, scope: Scope): Promise<void> {
    let processed = 0;
    let found = 0;
    let threads: ScanThreads | undefined;
    try {
      await yieldToEventLoop();
      await this.beat(state, { phase: 'keying' });
      await keyStalePatients(this.db, { pause: () => this.pause(state), onPage: () => this.beat(state) });
      const counted = await sql<{ n: number }>`SELECT count(*)::int AS n FROM fhir_resource r
        WHERE ${livePatients(scope)}`.execute(this.db);
      const total = Number(counted.rows[0]?.n ?? 0);
      await this.beat(state, { total, phase: 'loading' });
      threads = new ScanThreads(this.threads, total, this.pageSize);
      state.threads = threads;
      await this.loadPeople(state, scope, threads);
      const decided = await this.decidedPairs();
      await this.beat(state, { phase: 'comparing' });
      const people = threads.people;
      await threads.compare(async (hits, compared) => {
        found += await queueCandidates(
          this.db,
          hits.filter((h) => !decided.has(`${h.a}|${h.b}`)),
          state.id,
        );
        if (compared - processed >= this.pageSize || compared === people) {
          processed = compared;
          await this.beat(state, { processed, found });
        }
      });
      processed = people;
      await this.db
        .updateTable('identity_scan')
        .set({ status: 'done', finished_at: new Date(), processed, found, heartbeat_at: new Date() })
        .where('id', '=', state.id)
        .execute();
      await recordAudit(this.db, ctx, [
        {
          action: 'E',
          subtype: 'duplicate-scan',
          entityType: 'Patient',
          outcome: 'success',
          permission: 'demographics.read',
          detail: `scan ${state.id} done: ${processed} people, ${found} possible duplicate pair(s)`,
        },
      ]);
    } catch (err) {
      if (!(err instanceof ScanStopped) && !state.stopping) this.logError(err);
      const message = state.stopping ? STOPPED : err instanceof Error ? err.message : String(err);
      await this.db
        .updateTable('identity_scan')
        .set({ status: 'failed', finished_at: new Date(), processed, found, error: message.slice(0, 1000) })
        .where('id', '=', state.id)
        .execute()
        .catch((e: unknown) => this.logError(e));
    } finally {
      await threads?.close();
      if (this.running === state) this.running = undefined;
    }
  }

  /**
   * Sends everyone the scan covers to the threads, a page at a time by id: the features stored with
   * each Patient's keys (keyStalePatients has just brought them up to date).
   */
  private async loadPeople(state: Running, scope: Scope, threads: ScanThreads): Promise<void> {
    // The threads read one page while the next is fetched.
    let sent = Promise.resolve();
    for (let last = ''; ;) {
      const page = await sql<{ id: string; features: string }>`SELECT k.patient_id AS id, k.features
        FROM identity_keyed k JOIN fhir_resource r ON r.type = 'Patient' AND r.id = k.patient_id
        WHERE ${livePatients(scope)} AND k.version = r.version AND k.features IS NOT NULL
        AND k.patient_id > ${last} ORDER BY k.patient_id LIMIT ${LOAD_PAGE}`.execute(this.db);
      await sent;
      if (page.rows.length > 0) {
        sent = threads.send(page.rows.map((r) => r.features));
        sent.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile
      }
      if (page.rows.length < LOAD_PAGE) return await sent;
      last = page.rows.at(-1)?.id ?? last;
      await this.beat(state);
    }
  }

  /** Pairs already in the queue, whatever their status: never proposed again. */
  private async decidedPairs(): Promise<Set<string>> {
    const rows = await sql<{ a_id: string; b_id: string }>`SELECT a_id, b_id FROM identity_candidate`.execute(
      this.db,
    );
    return new Set(rows.rows.map((r) => `${r.a_id}|${r.b_id}`));
  }
}
