/**
 * Possible duplicates found as people are registered or imported: after each committed Patient write
 * (a registration, an edit, a transaction Bundle from another node) the written people are matched
 * against the register in the background, in batches, and pairs graded possible or better join the
 * review queue (found by 'registration'). The write itself never waits for this; people not matched
 * before a restart, or beyond the backlog, are found by the next full scan.
 */
import { sql } from 'kysely';
import type { Patient } from '@medplum/fhirtypes';
import { parseFeatures, type RecordFeatures } from '@passage/core';
import type { Db } from '../db/database.ts';
import type { FhirRepository } from '../fhir/store/repository.ts';
import type { WritePlan } from '../fhir/store/write.ts';
import { blockCandidatesOf, isMergedAway, notMergedAway, registerSize } from './blocking-store.ts';
import { queueCandidates, type FoundPair } from './candidates.ts';
import { explainPair, matcherFor, probeKeys, REVIEW_GRADES } from './matcher.ts';

/** People matched per round, and the most waiting (beyond it, the next scan finds them). */
const BATCH = 200;
const MAX_BACKLOG = 50_000;

export class RegistrationMatcher {
  private readonly db: Db;
  private readonly logError: (err: unknown) => void;
  private readonly pending = new Map<string, Patient>();
  private running: Promise<void> | undefined;
  private closed = false;
  private detach: (() => void) | undefined;

  constructor(db: Db, logError: (err: unknown) => void) {
    this.db = db;
    this.logError = logError;
  }

  /** Starts following the repository's committed writes. */
  attach(repo: FhirRepository): void {
    this.detach = repo.onCommit((plans) => this.notify(plans));
  }

  notify(plans: readonly WritePlan[]): void {
    if (this.closed) return;
    for (const plan of plans) {
      if (plan.type !== 'Patient') continue;
      const patient = plan.resource as Patient;
      if (plan.deleted || isMergedAway(patient)) this.pending.delete(plan.id);
      else if (this.pending.size < MAX_BACKLOG || this.pending.has(plan.id))
        this.pending.set(plan.id, patient);
    }
    this.schedule();
  }

  /** Resolves when everyone written so far has been matched. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops following writes and waits for the round in progress. */
  async close(): Promise<void> {
    this.closed = true;
    this.detach?.();
    this.pending.clear();
    await this.idle();
  }

  private schedule(): void {
    if (this.running || this.closed || this.pending.size === 0) return;
    this.running = this.round()
      .catch((err: unknown) => this.logError(err))
      .finally(() => {
        this.running = undefined;
        this.schedule();
      });
  }

  private async round(): Promise<void> {
    // Let the request that wrote these people finish first.
    await new Promise((resolve) => setImmediate(resolve));
    const batch = [...this.pending].slice(0, BATCH);
    for (const [id] of batch) this.pending.delete(id);
    const matcher = matcherFor(await registerSize(this.db));
    const people = batch.flatMap(([, patient]) => {
      try {
        return [matcher.prepare(patient)];
      } catch {
        return []; // a name the matching code cannot handle: the scan reports nothing either
      }
    });
    const found = await blockCandidatesOf(
      this.db,
      people.map((p) => probeKeys(p)),
    );
    const ids = [...new Set(found.flat())];
    if (ids.length === 0) return;
    const rows = await sql<{ features: string }>`SELECT k.features FROM identity_keyed k
      JOIN fhir_resource r ON r.type = 'Patient' AND r.id = k.patient_id
      WHERE k.patient_id = ANY(${ids}::text[]) AND k.version = r.version AND k.features IS NOT NULL
      AND NOT r.deleted AND ${notMergedAway('r')}`.execute(this.db);
    const stored = new Map<string, RecordFeatures>();
    for (const r of rows.rows) {
      const features = parseFeatures(r.features);
      if (features) stored.set(features.id, matcher.adopt(features));
    }
    const hits: FoundPair[] = [];
    people.forEach((person, p) => {
      for (const id of found[p] ?? []) {
        const other = stored.get(id);
        if (!other || id === person.id) continue;
        const [a, b] = person.id < id ? [person, other] : [other, person];
        if (!REVIEW_GRADES.includes(matcher.score(a, b).grade)) continue;
        hits.push({ a: a.id, b: b.id, score: explainPair(matcher, a, b) });
      }
    });
    await queueCandidates(this.db, hits, 'registration');
  }
}
