/**
 * What is still to come in a person's record: results not yet in, and open requests (referrals,
 * screening and vaccination recommendations, follow-up visits), overdue ones marked.
 */
import type { Coding, Observation, Resource, ServiceRequest } from '@medplum/fhirtypes';
import { isSensitiveResource } from './sensitivity.ts';
import {
  firstCoding,
  idOf,
  joined,
  newestFirst,
  ofType,
  requestKind,
  textOf,
  type RequestKind,
  type WithId,
} from './timeline-readers.ts';

export interface PendingResult {
  observation: WithId<Observation>;
  title: string;
  code?: Coding;
  /** When the sample was taken or the test done. */
  taken?: string;
  encounterId?: string;
  sensitive: boolean;
}

/** Tests whose result is still to come (status registered), the longest waiting first. */
export function pendingResults(resources: readonly Resource[]): PendingResult[] {
  return ofType(resources, 'Observation')
    .filter((o) => o.status === 'registered')
    .map((o): PendingResult => ({
      observation: o,
      title: textOf(o.code, 'Test'),
      code: firstCoding(o.code),
      taken: o.effectiveDateTime ?? o.effectivePeriod?.start,
      encounterId: idOf(o.encounter?.reference, 'Encounter'),
      sensitive: isSensitiveResource(o),
    }))
    .sort((a, b) => -newestFirst(a.taken, b.taken));
}

export interface OpenRequest {
  request: WithId<ServiceRequest>;
  kind: RequestKind;
  title: string;
  code?: Coding;
  reason?: string;
  priority?: ServiceRequest['priority'];
  authored?: string;
  due?: string;
  /** Due before `today` (only when `today` was given). */
  overdue: boolean;
  sensitive: boolean;
}

function openRequests(resources: readonly Resource[], kinds: readonly OpenRequest['kind'][], today?: string) {
  return ofType(resources, 'ServiceRequest')
    .filter((s) => s.status === 'active')
    .flatMap((s): OpenRequest[] => {
      const kind = requestKind(s);
      if (!kind || !kinds.includes(kind)) return [];
      const due = s.occurrenceDateTime ?? s.occurrencePeriod?.start;
      return [
        {
          request: s,
          kind,
          title: textOf(s.code, 'Request'),
          code: firstCoding(s.code),
          reason: joined(s.reasonCode?.map((r) => textOf(r, ''))),
          priority: s.priority,
          authored: s.authoredOn,
          due,
          overdue: Boolean(today && due && due.slice(0, 10) < today),
          sensitive: isSensitiveResource(s),
        },
      ];
    })
    .sort((a, b) => -newestFirst(a.due ?? a.authored, b.due ?? b.authored));
}

/** Active referrals, the earliest due first. */
export function openReferrals(resources: readonly Resource[], today?: string): OpenRequest[] {
  return openRequests(resources, ['referral'], today);
}

/** Active screening and catch-up vaccination recommendations (ordered, not yet done or declined). */
export function openRecommendations(resources: readonly Resource[], today?: string): OpenRequest[] {
  return openRequests(resources, ['screening', 'vaccination'], today);
}

/** Planned follow-up visits not yet held, the earliest first. */
export function openFollowUps(resources: readonly Resource[], today?: string): OpenRequest[] {
  return openRequests(resources, ['follow-up'], today);
}
