/**
 * Small readers shared by the timeline and the summary lists: codings and texts, partial dates for
 * sorting, resources of one type, and what kind of request a ServiceRequest is.
 */
import type {
  AllergyIntolerance,
  CodeableConcept,
  Coding,
  Resource,
  ServiceRequest,
} from '@medplum/fhirtypes';
import { SCREENING_CATEGORY, VACCINATION_CATEGORY } from '../assessment/decisions.ts';
import { FOLLOW_UP_CATEGORY, NOTIFIABLE_TAG, REFERRAL_CATEGORY } from '../assessment/extract.ts';

/** A resource as stored: it has an id. */
export type WithId<T> = T & { id: string };

export function isNotifiable(resource: Resource): boolean {
  return Boolean(
    resource.meta?.tag?.some((t) => t.system === NOTIFIABLE_TAG.system && t.code === NOTIFIABLE_TAG.code),
  );
}

export const firstCoding = (c: CodeableConcept | undefined): Coding | undefined => c?.coding?.[0];
export const textOf = (c: CodeableConcept | undefined, fallback: string): string =>
  c?.text ?? c?.coding?.find((x) => x.display)?.display ?? c?.coding?.[0]?.code ?? fallback;
export const hasCoding = (concepts: readonly CodeableConcept[] | undefined, wanted: Coding): boolean =>
  Boolean(concepts?.some((c) => c.coding?.some((x) => x.system === wanted.system && x.code === wanted.code)));
export const codeOf = (c: CodeableConcept | undefined): string | undefined => c?.coding?.[0]?.code;
/** Non-empty parts joined, or undefined when there are none. */
export const joined = (parts: readonly (string | undefined)[] | undefined, separator = '; ') =>
  parts?.filter(Boolean).join(separator) || undefined;
export const idOf = (reference: string | undefined, type: string): string | undefined =>
  reference?.startsWith(`${type}/`) ? reference.slice(type.length + 1) : undefined;

/** Milliseconds for sorting; a partial date counts from its first day. */
export function instant(date: string | undefined): number {
  if (!date) return Number.NEGATIVE_INFINITY;
  const full = date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
  const ms = Date.parse(full.length === 10 ? `${full}T00:00:00Z` : full);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

export const newestFirst = (a: string | undefined, b: string | undefined) => instant(b) - instant(a);

function hasId<T extends Resource>(r: T): r is WithId<T> {
  return typeof r.id === 'string' && r.id.length > 0;
}

export function ofType<K extends Resource['resourceType']>(
  resources: readonly Resource[],
  type: K,
): WithId<Extract<Resource, { resourceType: K }>>[] {
  return resources.filter(
    (r): r is WithId<Extract<Resource, { resourceType: K }>> => r.resourceType === type && hasId(r),
  );
}

/** What a ServiceRequest asks for, by its category (extract.ts and the decisions write them). */
export type RequestKind = 'referral' | 'follow-up' | 'screening' | 'vaccination';

export function requestKind(s: ServiceRequest): RequestKind | undefined {
  if (hasCoding(s.category, REFERRAL_CATEGORY)) return 'referral';
  if (hasCoding(s.category, FOLLOW_UP_CATEGORY)) return 'follow-up';
  if (hasCoding(s.category, SCREENING_CATEGORY)) return 'screening';
  if (hasCoding(s.category, VACCINATION_CATEGORY)) return 'vaccination';
  return undefined;
}

/** What the reactions looked like (the person's words); severity is a separate field. */
export function allergyReactions(a: AllergyIntolerance): string[] {
  return (a.reaction ?? []).map((r) => r.manifestation.map((m) => textOf(m, '')).join(', ')).filter(Boolean);
}
