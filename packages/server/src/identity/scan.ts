/**
 * The background scan for duplicates: the people the caller may see are loaded and prepared for
 * matching, blocked in memory (core's BlockIndex: each person compared only with those sharing a
 * key), and pairs graded possible or better queued for review (never a pair already decided). One scan runs at a time; progress is written
 * after every page; a failure marks the scan failed with its error; shutdown stops it cleanly.
 */
import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Patient } from '@medplum/fhirtypes';
import {
  candidatePairSteps,
  conflict,
  notFound,
  PassageError,
  type Matcher,
  type RecordFeatures,
} from '@passage/core';
import { orgsWith, type AccessContext } from '../access/access-context.ts';
import { recordAudit, type AuditEntry } from '../audit/audit-log.ts';
import type { Db } from '../db/database.ts';
import { readScope, scopePredicate, type Scope } from '../fhir/store/access-scope.ts';
import { keyStalePatients, notMergedAway } from './blocking-store.ts';
import { requirePermissions } from './identity-access.ts';
import { explainPair, matcherFor, REVIEW_GRADES, type PairScore } from './matcher.ts';

/** People between progress reports (and pairs queued per statement). */
const PAGE = 500;
/** Rows read per statement while loading the people to compare. */
const LOAD_PAGE = 5000;
/** People keyed or pairs scored between yields, so requests are served while a scan runs. */
const CHUNK = 50;
/** Pairs scored between yields (some 5 µs each). */
const SCORES_PER_YIELD = 2000;
const STOPPED = 'Stopped: the server shut down before the scan ended';
/** A running scan not heard from for this long died with its process. */
const STALE_AFTER = '5 minutes';

export interface ScanStatus {
  scanId: string;
  status: 'running' | 'done' | 'failed';
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
}

const livePatients = (scope: Scope) =>
  sql`r.type = 'Patient' AND NOT r.deleted AND ${notMergedAway('r')} AND ${scopePredicate(scope)}`;

/** A name the matching code cannot handle must not fail the whole scan: that person is skipped. */
function safePrepare(matcher: Matcher, patient: Patient): RecordFeatures | undefined {
  try {
    return matcher.prepare(patient);
  } catch {
    return undefined;
  }
}

interface Hit {
  a: string;
  b: string;
  score: PairScore;
}

export class ScanRunner {
  private readonly db: Db;
  private readonly logError: (err: unknown) => void;
  private readonly pageSize: number;
  /** Called with each progress written (people compared so far). */
  private readonly onProgress: ((processed: number) => void) | undefined;
  private running: Running | undefined;
  private closed = false;

  constructor(
    db: Db,
    logError: (err: unknown) => void,
    options: { pageSize?: number; onProgress?: (processed: number) => void } = {},
  ) {
    this.db = db;
    this.logError = logError;
    this.pageSize = options.pageSize ?? PAGE;
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
    };
  }

  /** Stops the running scan (it is marked failed, saying why) and waits for it; no new scan starts. */
  async close(): Promise<void> {
    this.closed = true;
    const running = this.running;
    if (!running) return;
    running.stopping = true;
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
  private async beat(state: Running, progress: { processed?: number; total?: number; found?: number } = {}) {
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
    try {
      await yieldToEventLoop();
      // The stored keys serve $match and registration; the scan itself blocks in memory.
      await keyStalePatients(this.db, { pause: () => this.pause(state), onPage: () => this.beat(state) });
      const counted = await sql<{ n: number }>`SELECT count(*)::int AS n FROM fhir_resource r
        WHERE ${livePatients(scope)}`.execute(this.db);
      const total = Number(counted.rows[0]?.n ?? 0);
      await this.beat(state, { total });
      const matcher = matcherFor(total);
      const people = await this.loadPeople(state, scope, matcher);
      const pairs = await this.findPairs(state, people);
      const decided = await this.decidedPairs();
      let hits: Hit[] = [];
      const flush = async () => {
        found += await this.queue(state, hits);
        hits = [];
      };
      let sinceYield = 0;
      for (let k = 0; k < pairs.length; k += 2) {
        const i = pairs[k] as number;
        const a = people[i] as RecordFeatures;
        const b = people[pairs[k + 1] as number] as RecordFeatures;
        // Pairs come ordered by their first person: everyone before i is done.
        if (i - processed >= this.pageSize) {
          processed = i;
          await flush();
          await this.beat(state, { processed, found });
        } else if (++sinceYield >= SCORES_PER_YIELD) {
          sinceYield = 0;
          await this.pause(state);
        }
        const [x, y] = a.id < b.id ? [a, b] : [b, a];
        if (decided.has(`${x.id}|${y.id}`)) continue;
        const score = matcher.score(x, y);
        if (!REVIEW_GRADES.includes(score.grade)) continue;
        hits.push({ a: x.id, b: y.id, score: explainPair(matcher, x, y) });
        if (hits.length >= this.pageSize) await flush();
      }
      await flush();
      processed = people.length;
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
      if (!(err instanceof ScanStopped)) this.logError(err);
      const message = err instanceof Error ? err.message : String(err);
      await this.db
        .updateTable('identity_scan')
        .set({ status: 'failed', finished_at: new Date(), processed, found, error: message.slice(0, 1000) })
        .where('id', '=', state.id)
        .execute()
        .catch((e: unknown) => this.logError(e));
    } finally {
      if (this.running === state) this.running = undefined;
    }
  }

  /** Everyone the scan covers, prepared for matching, a page at a time by id. */
  private async loadPeople(state: Running, scope: Scope, matcher: Matcher): Promise<RecordFeatures[]> {
    const people: RecordFeatures[] = [];
    for (let last = ''; ;) {
      const page = await sql<{ id: string; content: Patient }>`SELECT r.id, r.content FROM fhir_resource r
        WHERE ${livePatients(scope)} AND r.id > ${last} ORDER BY r.id LIMIT ${LOAD_PAGE}`.execute(this.db);
      for (const [i, r] of page.rows.entries()) {
        if (i % (CHUNK * 10) === 0) await this.pause(state);
        const features = safePrepare(matcher, r.content);
        if (features) people.push(features);
      }
      if (page.rows.length < LOAD_PAGE) return people;
      last = page.rows.at(-1)?.id ?? last;
      await this.beat(state);
    }
  }

  /** Candidate pairs by blocking, in steps between which requests are served. */
  private async findPairs(state: Running, people: readonly RecordFeatures[]): Promise<Uint32Array> {
    const steps = candidatePairSteps(people);
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return step.value;
      await this.pause(state);
    }
  }

  /** Pairs already in the queue, whatever their status: never proposed again. */
  private async decidedPairs(): Promise<Set<string>> {
    const rows = await sql<{ a_id: string; b_id: string }>`SELECT a_id, b_id FROM identity_candidate`.execute(
      this.db,
    );
    return new Set(rows.rows.map((r) => `${r.a_id}|${r.b_id}`));
  }

  /** Queues pairs for review; returns how many were new. */
  private async queue(state: Running, hits: readonly Hit[]): Promise<number> {
    if (hits.length === 0) return 0;
    const inserted =
      await sql`INSERT INTO identity_candidate (id, a_id, b_id, score, grade, fields, found_at, found_by)
      SELECT u.id, u.a, u.b, u.score, u.grade, u.fields, now(), ${state.id}
      FROM unnest(${hits.map(() => randomUUID())}::text[], ${hits.map((h) => h.a)}::text[], ${hits.map((h) => h.b)}::text[],
        ${hits.map((h) => h.score.score)}::float8[], ${hits.map((h) => h.score.grade)}::text[],
        ${hits.map((h) => JSON.stringify(h.score.fields))}::jsonb[]) AS u(id, a, b, score, grade, fields)
      ON CONFLICT (a_id, b_id) DO NOTHING`.execute(this.db);
    return Number(inserted.numAffectedRows ?? 0);
  }
}
