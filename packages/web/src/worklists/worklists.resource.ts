/**
 * The worklists' searches and how their Bundles become rows. Each search includes the people it is
 * about (`_include=…:subject`), so a list is one request however long it is.
 */
import {
  FOLLOW_UP_CATEGORY,
  REFERRAL_CATEGORY,
  SCREENING_CATEGORY,
  VACCINATION_CATEGORY,
} from '@passage/core';
import type { Bundle, Coding, Encounter, Patient, ServiceRequest } from '@medplum/fhirtypes';
import { api } from '../api/client';

export const WORKLIST_SIZE = 100;

export type WorklistKind = 'visit' | 'referral' | 'follow-up' | 'screening' | 'vaccination';

export interface WorklistRow {
  /** `Type/id` of the visit or request. */
  key: string;
  patientId: string | undefined;
  patient: Patient | undefined;
  kind: WorklistKind;
  code: Coding | undefined;
  /** The record's own (English) text, for when the code has no translation. */
  text: string;
  /** When the visit started, the referral was made or the request is due. */
  date: string | undefined;
  priority?: ServiceRequest['priority'];
  overdue: boolean;
}

export interface Worklist {
  rows: WorklistRow[];
  /** The server has more than WORKLIST_SIZE: only the first ones are shown. */
  more: boolean;
}

const token = (c: Coding) => `${c.system}|${c.code}`;
const hasCategory = (r: ServiceRequest, c: Coding) =>
  Boolean(r.category?.some((x) => x.coding?.some((y) => y.system === c.system && y.code === c.code)));
const patientIdOf = (reference: string | undefined) =>
  reference?.startsWith('Patient/') ? reference.slice('Patient/'.length) : undefined;
const textOf = (concept: { text?: string; coding?: Coding[] } | undefined, fallback: string) =>
  concept?.text ?? concept?.coding?.find((c) => c.display)?.display ?? fallback;

function split<T extends Encounter | ServiceRequest>(bundle: Bundle, type: T['resourceType']) {
  const matches: (T & { id: string })[] = [];
  const patients = new Map<string, Patient>();
  for (const entry of bundle.entry ?? []) {
    const r = entry.resource;
    if (!r?.id) continue;
    if (r.resourceType === 'Patient') patients.set(r.id, r);
    else if (r.resourceType === type && entry.search?.mode !== 'include')
      matches.push(r as T & { id: string });
  }
  return { matches, patients, more: Boolean(bundle.link?.some((l) => l.relation === 'next')) };
}

export function visitRows(bundle: Bundle): Worklist {
  const { matches, patients, more } = split<Encounter>(bundle, 'Encounter');
  const rows = matches
    .filter((e) => e.status !== 'entered-in-error' && e.status !== 'cancelled')
    .map((e): WorklistRow => {
      const patientId = patientIdOf(e.subject?.reference);
      return {
        key: `Encounter/${e.id}`,
        patientId,
        patient: patientId ? patients.get(patientId) : undefined,
        kind: 'visit',
        code: e.type?.[0]?.coding?.[0],
        text: textOf(e.type?.[0], 'Visit'),
        date: e.period?.start,
        overdue: false,
      };
    });
  return { rows, more };
}

function requestKind(r: ServiceRequest): WorklistKind {
  if (hasCategory(r, FOLLOW_UP_CATEGORY)) return 'follow-up';
  if (hasCategory(r, SCREENING_CATEGORY)) return 'screening';
  if (hasCategory(r, VACCINATION_CATEGORY)) return 'vaccination';
  return 'referral';
}

/** Requests as rows; `today` marks the overdue ones, `keep` drops what the server could not filter. */
export function requestRows(
  bundle: Bundle,
  today: string,
  keep: (row: WorklistRow) => boolean = () => true,
): Worklist {
  const { matches, patients, more } = split<ServiceRequest>(bundle, 'ServiceRequest');
  const rows = matches
    .map((r): WorklistRow => {
      const patientId = patientIdOf(r.subject?.reference);
      const kind = requestKind(r);
      const due = r.occurrenceDateTime ?? r.occurrencePeriod?.start;
      return {
        key: `ServiceRequest/${r.id}`,
        patientId,
        patient: patientId ? patients.get(patientId) : undefined,
        kind,
        code: r.code?.coding?.[0],
        text: textOf(r.code, 'Request'),
        date: kind === 'referral' ? r.authoredOn : due,
        priority: r.priority,
        overdue: Boolean(due && due.slice(0, 10) < today),
      };
    })
    .filter(keep);
  return { rows, more };
}

/** Visits that started or ended within the local day [start, end] (instants). */
export async function fetchTodaysVisits(start: string, end: string, signal: AbortSignal): Promise<Worklist> {
  const query = new URLSearchParams([
    ['date', `ge${start}`],
    ['date', `le${end}`],
    ['_include', 'Encounter:subject'],
    ['_sort', '-date'],
    ['_count', String(WORKLIST_SIZE)],
  ]);
  return visitRows(await api<Bundle>(`/fhir/Encounter?${query}`, { signal }));
}

export async function fetchPendingReferrals(today: string, signal: AbortSignal): Promise<Worklist> {
  const bundle = await api<Bundle>('/fhir/ServiceRequest', {
    signal,
    query: {
      status: 'active',
      category: token(REFERRAL_CATEGORY),
      _include: 'ServiceRequest:subject',
      _sort: '-authored',
      _count: WORKLIST_SIZE,
    },
  });
  return requestRows(bundle, today);
}

/**
 * Screenings and vaccinations due before today, and follow-up visits due by today, in one search;
 * the "before today" of the first two is applied here.
 */
export async function fetchOverdue(today: string, signal: AbortSignal): Promise<Worklist> {
  const bundle = await api<Bundle>('/fhir/ServiceRequest', {
    signal,
    query: {
      status: 'active',
      category: [SCREENING_CATEGORY, VACCINATION_CATEGORY, FOLLOW_UP_CATEGORY].map(token).join(','),
      occurrence: `le${today}`,
      _include: 'ServiceRequest:subject',
      _sort: 'occurrence',
      _count: WORKLIST_SIZE,
    },
  });
  return requestRows(
    bundle,
    today,
    (row) =>
      row.date !== undefined && (row.overdue || (row.kind === 'follow-up' && row.date.slice(0, 10) <= today)),
  );
}
