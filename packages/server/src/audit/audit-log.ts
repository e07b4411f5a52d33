/**
 * Writes audit events: every read and write of personal data, every sign-in and every export.
 * Callers pass the transaction that makes the change, so the event and the change commit together.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
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

const CHUNK = 2000;

/** Records events in the given transaction (or connection). */
export async function recordAudit(
  db: Kysely<Database>,
  ctx: AccessContext | null,
  entries: readonly AuditEntry[],
  sourceIp?: string,
): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((e) => auditRow(ctx, e, sourceIp));
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('audit_event')
      .values(rows.slice(i, i + CHUNK).map((r) => ({ ...r, content_hash: auditContentHash(r) })))
      .execute();
  }
}
