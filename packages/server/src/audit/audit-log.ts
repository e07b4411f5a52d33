/**
 * Writes audit events: every read and write of personal data, every sign-in and every export.
 * Callers pass the transaction that makes the change, so the event and the change commit together.
 */
import { createHash, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Permission } from '@passage/core';
import type { Database } from '../db/schema.ts';
import { grantingRole, SYSTEM_USERNAME, type AccessContext } from '../access/access-context.ts';

/** FHIR AuditEvent.action: Create, Read, Update, Delete, Execute. */
export type AuditAction = 'C' | 'R' | 'U' | 'D' | 'E';

export interface AuditEntry {
  action: AuditAction;
  /** What happened, e.g. `read`, `vread`, `search`, `create`, `login`, `export`, `user-create`. */
  subtype: string;
  entityType?: string | null;
  entityId?: string | null;
  patientId?: string | null;
  outcome: 'success' | 'failure';
  /** The permission exercised: decides which role is named, and the purpose of use. */
  permission?: Permission;
  detail?: string | null;
}

/** HL7 v3 PurposeOfUse for the permission exercised. */
function purposeOf(permission: Permission | undefined): string | null {
  if (!permission) return null;
  if (permission.startsWith('clinical') || permission.startsWith('demographics')) return 'TREAT';
  if (permission === 'own-record.read') return 'PATRQT';
  if (permission === 'aggregates.read' || permission === 'notifiable.read') return 'PUBHLTH';
  return 'HOPERAT';
}

export interface AuditRow {
  id: string;
  recorded: Date;
  user_id: string | null;
  username: string | null;
  role: string | null;
  site: string | null;
  action: string;
  subtype: string;
  entity_type: string | null;
  entity_id: string | null;
  patient_id: string | null;
  outcome: string;
  purpose: string | null;
  detail: string | null;
  source_ip: string | null;
}

/** The fields a row's content hash covers, in a fixed order. */
export function auditContentHash(row: AuditRow): string {
  const canonical = JSON.stringify([
    row.id,
    row.recorded.toISOString(),
    row.user_id,
    row.username,
    row.role,
    row.site,
    row.action,
    row.subtype,
    row.entity_type,
    row.entity_id,
    row.patient_id,
    row.outcome,
    row.purpose,
    row.detail,
    row.source_ip,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export function auditRow(ctx: AccessContext | null, entry: AuditEntry, sourceIp?: string): AuditRow {
  const granting = ctx ? grantingRole(ctx, entry.permission) : undefined;
  return {
    id: randomUUID(),
    recorded: new Date(),
    user_id: ctx?.userId || null,
    username: ctx?.username ?? SYSTEM_USERNAME,
    role: granting?.role ?? null,
    site: granting?.organizationId ?? null,
    action: entry.action,
    subtype: entry.subtype,
    entity_type: entry.entityType ?? null,
    entity_id: entry.entityId ?? null,
    patient_id: entry.patientId ?? null,
    outcome: entry.outcome,
    purpose: purposeOf(entry.permission),
    detail: entry.detail ? entry.detail.slice(0, 4000) : null,
    source_ip: sourceIp ?? ctx?.sourceIp ?? null,
  };
}

/**
 * Records events. Inside a transaction they are written with it, so the event and the change commit
 * together. Outside one (reads, searches, sign-ins) concurrent events share one INSERT and one commit
 * — group commit: each caller still waits until its own event is durable, but a busy server pays one
 * commit for many reads instead of one each.
 */
export async function recordAudit(
  db: Kysely<Database>,
  ctx: AccessContext | null,
  entries: readonly AuditEntry[],
  sourceIp?: string,
): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((e) => auditRow(ctx, e, sourceIp));
  if (db.isTransaction) return insertAuditRows(db, rows);
  let group = groups.get(db);
  if (!group) {
    group = new AuditGroupCommit(db);
    groups.set(db, group);
  }
  return group.add(rows);
}

const groups = new WeakMap<Kysely<Database>, AuditGroupCommit>();
const MAX_GROUP_ROWS = 1000;

class AuditGroupCommit {
  private readonly db: Kysely<Database>;
  private queue: { rows: AuditRow[]; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private flushing = false;

  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  add(rows: AuditRow[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        let count = 0;
        let take = 0;
        while (
          take < this.queue.length &&
          (take === 0 || count + (this.queue[take]?.rows.length ?? 0) <= MAX_GROUP_ROWS)
        ) {
          count += this.queue[take]?.rows.length ?? 0;
          take += 1;
        }
        const group = this.queue.splice(0, take);
        try {
          await insertAuditRows(
            this.db,
            group.flatMap((g) => g.rows),
          );
          for (const g of group) g.resolve();
        } catch (err) {
          // One caller's bad row must not fail the others: write each on its own.
          if (group.length === 1) (group[0] as (typeof group)[number]).reject(err);
          else
            for (const g of group) {
              await insertAuditRows(this.db, g.rows).then(g.resolve, g.reject);
            }
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}

async function insertAuditRows(db: Kysely<Database>, rows: readonly AuditRow[]): Promise<void> {
  if (rows.length === 1) {
    const row = rows[0] as AuditRow;
    await db
      .insertInto('audit_event')
      .values({ ...row, content_hash: auditContentHash(row) })
      .execute();
    return;
  }
  const col = <K extends keyof AuditRow>(k: K) => rows.map((r) => r[k]);
  await sql`INSERT INTO audit_event (id, recorded, user_id, username, role, site, action, subtype, entity_type,
      entity_id, patient_id, outcome, purpose, detail, source_ip, content_hash)
    SELECT * FROM unnest(${col('id')}::text[], ${col('recorded')}::timestamptz[], ${col('user_id')}::text[],
      ${col('username')}::text[], ${col('role')}::text[], ${col('site')}::text[], ${col('action')}::text[],
      ${col('subtype')}::text[], ${col('entity_type')}::text[], ${col('entity_id')}::text[],
      ${col('patient_id')}::text[], ${col('outcome')}::text[], ${col('purpose')}::text[], ${col('detail')}::text[],
      ${col('source_ip')}::text[], ${rows.map(auditContentHash)}::text[])`.execute(db);
}
