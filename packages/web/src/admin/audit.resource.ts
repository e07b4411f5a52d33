import type { AuditRow, AuditVerificationSchema } from '@passage/core';
import type { z } from 'zod';
import { api } from '../api/client';

/** FHIR AuditEvent action codes: create, read, update, delete, execute. */
export const AUDIT_ACTIONS = ['C', 'R', 'U', 'D', 'E'] as const satisfies readonly AuditRow['action'][];
export type AuditAction = AuditRow['action'];

export interface AuditPage {
  events: AuditRow[];
  nextCursor: string | null;
}

/** Filters as typed in the form; empty strings mean "any". Dates are local calendar days (YYYY-MM-DD). */
export interface AuditFilters {
  username: string;
  action: AuditAction | '';
  entityType: string;
  patientId: string;
  outcome: AuditRow['outcome'] | '';
  from: string;
  to: string;
}

export const EMPTY_AUDIT_FILTERS: AuditFilters = {
  username: '',
  action: '',
  entityType: '',
  patientId: '',
  outcome: '',
  from: '',
  to: '',
};

export type ChainVerification = z.infer<typeof AuditVerificationSchema>;

export const AUDIT_PAGE_SIZE = 50;

/** A local calendar day as an instant: its first millisecond, or with endOfDay its last. */
export function dayToInstant(day: string, endOfDay = false): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = endOfDay ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d);
  return date.toISOString();
}

export function fetchAuditEvents(filters: AuditFilters, cursor: string | null, signal?: AbortSignal) {
  return api<AuditPage>('/api/admin/audit', {
    signal,
    query: {
      username: filters.username.trim(),
      action: filters.action,
      entityType: filters.entityType.trim(),
      patientId: filters.patientId.trim(),
      outcome: filters.outcome,
      from: dayToInstant(filters.from),
      to: dayToInstant(filters.to, true),
      cursor,
      limit: AUDIT_PAGE_SIZE,
    },
  });
}

export const verifyAuditChain = () => api<ChainVerification>('/api/admin/audit/verify', { method: 'POST' });
