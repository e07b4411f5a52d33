/** The audit trail read as FHIR AuditEvent resources (rendered from the audit table, never stored twice). */
import { sql } from 'kysely';
import type { AuditEvent } from '@medplum/fhirtypes';
import { badRequest, dateRange, MAX_COUNT, notFound } from '@passage/core';
import type { Db } from '../db/database.ts';
import { recordAudit, type AuditRow } from './audit-log.ts';
import type { AccessContext } from '../access/access-context.ts';

export const AUDIT_SEARCH_PARAMS = [
  { code: 'date', type: 'date' },
  { code: 'patient', type: 'reference' },
  { code: 'agent-name', type: 'string' },
  { code: 'action', type: 'token' },
  { code: 'subtype', type: 'token' },
  { code: 'outcome', type: 'token' },
  { code: 'entity-type', type: 'token' },
  { code: 'entity', type: 'reference' },
] as const;

const OUTCOME = { success: '0', failure: '4' } as const;

export function toAuditEvent(row: AuditRow & { chain_pos?: number | null }): AuditEvent {
  return {
    resourceType: 'AuditEvent',
    id: row.id,
    meta: { versionId: '1', lastUpdated: new Date(row.recorded).toISOString() },
    type: {
      system: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
      code: row.subtype === 'login' ? '110114' : 'rest',
      display: row.subtype === 'login' ? 'User Authentication' : 'RESTful Operation',
    },
    subtype: [{ system: 'https://passage.example.org/fhir/CodeSystem/audit-subtype', code: row.subtype }],
    action: row.action as AuditEvent['action'],
    recorded: new Date(row.recorded).toISOString(),
    outcome: row.outcome === 'success' ? OUTCOME.success : OUTCOME.failure,
    ...(row.purpose
      ? {
          purposeOfEvent: [
            { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: row.purpose }] },
          ],
        }
      : {}),
    agent: [
      {
        who: {
          display: row.username ?? 'unknown',
          ...(row.user_id
            ? { identifier: { system: 'https://passage.example.org/users', value: row.user_id } }
            : {}),
        },
        requestor: true,
        ...(row.role
          ? {
              role: [
                { coding: [{ system: 'https://passage.example.org/fhir/CodeSystem/role', code: row.role }] },
              ],
            }
          : {}),
        ...(row.site ? { location: { reference: `Organization/${row.site}` } } : {}),
        ...(row.source_ip ? { network: { address: row.source_ip, type: '2' as const } } : {}),
      },
    ],
    source: { observer: { display: 'Passage' } },
    entity: [
      ...(row.entity_type && row.entity_id
        ? [{ what: { reference: `${row.entity_type}/${row.entity_id}` } }]
        : row.entity_type
          ? [{ what: { display: row.entity_type } }]
          : []),
      ...(row.patient_id && row.entity_type !== 'Patient'
        ? [
            {
              what: { reference: `Patient/${row.patient_id}` },
              role: { code: '1', system: 'http://terminology.hl7.org/CodeSystem/object-role' },
            },
          ]
        : []),
      ...(row.detail ? [{ detail: [{ type: 'detail', valueString: row.detail }] }] : []),
    ],
  };
}

export async function readAuditEvent(db: Db, id: string): Promise<AuditEvent> {
  const row = await db.selectFrom('audit_event').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`AuditEvent/${id} was not found`);
  return toAuditEvent(row as unknown as AuditRow);
}

/** Searches the audit trail, newest first. */
export async function searchAuditEvents(
  db: Db,
  query: Iterable<[string, string]>,
): Promise<{ events: AuditEvent[]; hasMore: boolean; offset: number; count: number }> {
  let q = db.selectFrom('audit_event').selectAll();
  let count = 50;
  let offset = 0;
  for (const [key, value] of query) {
    switch (key) {
      case 'date': {
        const prefix = /^(eq|gt|lt|ge|le)/.exec(value)?.[1] ?? 'eq';
        const parsed = dateRange(value.replace(/^(eq|gt|lt|ge|le)/, ''));
        if (!parsed) throw badRequest(`'${value}' is not a FHIR date`, 'date');
        const range = { low: new Date(parsed.low), high: new Date(parsed.high) };
        if (prefix === 'eq') q = q.where('recorded', '>=', range.low).where('recorded', '<=', range.high);
        else if (prefix === 'gt') q = q.where('recorded', '>', range.high);
        else if (prefix === 'ge') q = q.where('recorded', '>=', range.low);
        else if (prefix === 'lt') q = q.where('recorded', '<', range.low);
        else q = q.where('recorded', '<=', range.high);
        break;
      }
      case 'patient':
        q = q.where('patient_id', '=', value.replace(/^Patient\//, ''));
        break;
      case 'agent-name':
        q = q.where(
          sql`lower(username)`,
          'like',
          `${value.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
        );
        break;
      case 'action':
        q = q.where('action', '=', value);
        break;
      case 'subtype':
        q = q.where('subtype', '=', value.replace(/^.*\|/, ''));
        break;
      case 'outcome':
        q = q.where(
          'outcome',
          '=',
          value === '0' ? 'success' : value === '4' || value === '8' || value === '12' ? 'failure' : value,
        );
        break;
      case 'entity-type':
        q = q.where('entity_type', '=', value);
        break;
      case 'entity': {
        const [type, id] = value.split('/');
        q = id
          ? q.where('entity_type', '=', type ?? '').where('entity_id', '=', id)
          : q.where('entity_id', '=', value);
        break;
      }
      case '_count':
        if (!/^\d{1,4}$/.test(value) || Number(value) > MAX_COUNT)
          throw badRequest(`_count must be 0–${MAX_COUNT}`, '_count');
        count = Number(value);
        break;
      case '_offset':
        if (!/^\d{1,6}$/.test(value)) throw badRequest('_offset must be a whole number', '_offset');
        offset = Number(value);
        break;
      default:
        throw badRequest(`Unknown search parameter '${key.slice(0, 64)}' for AuditEvent`, key.slice(0, 64));
    }
  }
  const rows = await q
    .orderBy('seq', 'desc')
    .limit(count + 1)
    .offset(offset)
    .execute();
  return {
    events: rows.slice(0, count).map((r) => toAuditEvent(r as unknown as AuditRow)),
    hasMore: rows.length > count,
    offset,
    count,
  };
}

/** Reading the audit trail is itself recorded. */
export function recordAuditSearch(db: Db, ctx: AccessContext, url: string): Promise<void> {
  return recordAudit(db, ctx, [
    {
      action: 'E',
      subtype: 'audit-search',
      entityType: 'AuditEvent',
      outcome: 'success',
      permission: 'audit.read',
      detail: url,
    },
  ]);
}
