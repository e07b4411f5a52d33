/**
 * A person's record read back as a timeline and as the summary lists a clinician looks at first
 * (problems, medication, allergies, vaccines, what is still pending). Pure: it takes the resources of
 * `Patient/{id}/$everything` and knows the shapes `assessment/extract.ts` writes. Texts are English
 * fallbacks; each entry keeps its main Coding so a screen can show it in the reader's language.
 *
 * The timeline and its filter are here, with the values of observations and the latest vital signs
 * (timeline-observations.ts); the summary lists are in timeline-summary.ts (what the person has) and
 * timeline-pending.ts (what is still to come).
 */
import type { Coding, Observation, Reference, Resource } from '@medplum/fhirtypes';
import { OBSERVATION_CODES as OBS } from '../assessment/codes.ts';
import { isSensitiveResource } from './sensitivity.ts';
import {
  isCategory,
  isGrowth,
  isSymptom,
  isVital,
  observationValue,
  vitalRank,
  type TimelineValue,
} from './timeline-observations.ts';
import {
  allergyReactions,
  codeOf,
  firstCoding,
  idOf,
  instant,
  isNotifiable,
  joined,
  ofType,
  requestKind,
  textOf,
  type WithId,
} from './timeline-readers.ts';
import { immunizationSource } from './timeline-summary.ts';

export {
  latestVitals,
  observationValue,
  type TimelineValue,
  type VitalReading,
} from './timeline-observations.ts';

export const TIMELINE_KINDS = [
  'visit',
  'assessment',
  'vital-signs',
  'observation',
  'result',
  'condition',
  'immunization',
  'allergy',
  'medication',
  'referral',
  'follow-up',
  'screening',
  'vaccination',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** Observations shown together: a visit's vital signs, its growth z-scores, its symptom review. */
export type TimelineGroup = 'vital-signs' | 'growth' | 'symptoms';

export interface TimelineEntry {
  /** `Type/id` of the resource (of the first one, for grouped observations). */
  id: string;
  /** FHIR date or dateTime, possibly partial (`2019`). */
  date: string;
  kind: TimelineKind;
  title: string;
  code?: Coding;
  detail?: string;
  status?: string;
  encounterId?: string;
  sensitive: boolean;
  notifiable?: boolean;
  values?: TimelineValue[];
  /** When a request is due. */
  due?: string;
  resource: Resource;
  group?: TimelineGroup;
  /** Every resource of a grouped entry (vital signs of one visit), `resource` first. */
  members?: Resource[];
}

const GROUP_TITLES: Record<TimelineGroup, string> = {
  'vital-signs': 'Vital signs and measurements',
  growth: 'Growth z-scores',
  symptoms: 'Symptom review',
};
const isResult = (o: Observation) =>
  o.status === 'registered' || isCategory(o, 'laboratory') || isCategory(o, 'imaging');

const RESULT_STATUS: Partial<Record<Observation['status'], string>> = {
  registered: 'pending',
  cancelled: 'declined',
};

// --- timeline --------------------------------------------------------------------------------------

/** Order of kinds that share a date: the visit first, then what was found, then what was decided. */
const KIND_RANK = Object.fromEntries(TIMELINE_KINDS.map((k, i) => [k, i])) as Record<TimelineKind, number>;

export function buildTimeline(resources: readonly Resource[]): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const base = (r: WithId<Resource>, encounter: Reference | undefined) => ({
    id: `${r.resourceType}/${r.id}`,
    sensitive: isSensitiveResource(r),
    resource: r,
    encounterId: idOf(encounter?.reference, 'Encounter'),
  });

  for (const e of ofType(resources, 'Encounter')) {
    if (e.status === 'entered-in-error' || e.status === 'cancelled') continue;
    const type = e.type?.[0];
    const people = (e.participant ?? []).map((p) => p.individual?.display).filter(Boolean);
    entries.push({
      ...base(e, { reference: `Encounter/${e.id}` }),
      kind: 'visit',
      date: e.period?.start ?? e.period?.end ?? e.meta?.lastUpdated ?? '',
      title: textOf(type, 'Visit'),
      code: firstCoding(type),
      detail: people.join('; ') || undefined,
      status: e.status,
    });
  }
  for (const q of ofType(resources, 'QuestionnaireResponse')) {
    if (q.status !== 'completed' && q.status !== 'amended') continue;
    const date = q.authored ?? q.meta?.lastUpdated ?? '';
    entries.push({
      ...base(q, q.encounter),
      kind: 'assessment',
      date,
      title: 'Health assessment',
      status: q.status,
    });
  }
  entries.push(...observationEntries(ofType(resources, 'Observation')));
  for (const c of ofType(resources, 'Condition')) {
    const verification = codeOf(c.verificationStatus);
    if (verification === 'entered-in-error') continue;
    entries.push({
      ...base(c, c.encounter),
      kind: 'condition',
      date: c.onsetDateTime ?? c.recordedDate ?? c.meta?.lastUpdated ?? '',
      title: textOf(c.code, 'Condition'),
      code: firstCoding(c.code),
      detail: verification,
      status: codeOf(c.clinicalStatus) ?? 'unknown',
      notifiable: isNotifiable(c),
    });
  }
  for (const i of ofType(resources, 'Immunization')) {
    if (i.status === 'entered-in-error' || i.status === 'not-done') continue;
    const dose = i.protocolApplied?.[0]?.doseNumberPositiveInt;
    entries.push({
      ...base(i, i.encounter),
      kind: 'immunization',
      date: i.occurrenceDateTime ?? i.recorded ?? '',
      title: textOf(i.vaccineCode, 'Vaccine'),
      code: firstCoding(i.vaccineCode),
      detail: joined([dose !== undefined ? `Dose ${dose}` : undefined, i.occurrenceString], ', '),
      status: immunizationSource(i),
    });
  }
  for (const a of ofType(resources, 'AllergyIntolerance')) {
    if (codeOf(a.verificationStatus) === 'entered-in-error') continue;
    entries.push({
      ...base(a, a.encounter),
      kind: 'allergy',
      date: a.recordedDate ?? a.onsetDateTime ?? '',
      title: textOf(a.code, 'Allergy'),
      detail: joined(allergyReactions(a)),
      status: codeOf(a.clinicalStatus) ?? 'active',
    });
  }
  for (const m of ofType(resources, 'MedicationStatement')) {
    if (m.status === 'entered-in-error') continue;
    entries.push({
      ...base(m, m.context),
      kind: 'medication',
      date: m.effectiveDateTime ?? m.effectivePeriod?.start ?? m.dateAsserted ?? '',
      title: textOf(m.medicationCodeableConcept, 'Medication'),
      detail: joined(m.dosage?.map((d) => d.text)),
      status: m.status,
    });
  }
  for (const s of ofType(resources, 'ServiceRequest')) {
    if (s.status === 'entered-in-error') continue;
    entries.push({
      ...base(s, s.encounter),
      kind: requestKind(s) ?? 'referral',
      date: s.authoredOn ?? s.occurrenceDateTime ?? '',
      title: textOf(s.code, 'Request'),
      code: firstCoding(s.code),
      detail: joined(s.reasonCode?.map((r) => textOf(r, ''))),
      status: s.status,
      due: s.occurrenceDateTime,
    });
  }

  // What was found at a visit sorts with the visit (the visit first), so a day reads as one block;
  // a visit's record of something long before (a vaccine in 1991) keeps its own date.
  const visitStart = new Map(
    entries.filter((e) => e.kind === 'visit').map((e) => [e.encounterId, instant(e.date)]),
  );
  const sortKey = (e: TimelineEntry) => {
    const own = instant(e.date);
    const visit = e.encounterId === undefined ? undefined : visitStart.get(e.encounterId);
    return visit !== undefined && Math.abs(own - visit) < DAY ? visit : own;
  };
  return entries
    .filter((e) => e.date)
    .sort(
      (a, b) =>
        sortKey(b) - sortKey(a) || KIND_RANK[a.kind] - KIND_RANK[b.kind] || instant(b.date) - instant(a.date),
    );
}

const DAY = 86_400_000;

/** Vitals, growth z-scores and symptoms of one visit become one entry each; other observations their own. */
function observationEntries(observations: WithId<Observation>[]): TimelineEntry[] {
  const groups = new Map<string, { group: TimelineGroup; members: WithId<Observation>[] }>();
  const out: TimelineEntry[] = [];
  for (const o of observations) {
    if (o.status === 'entered-in-error') continue;
    const group: TimelineGroup | undefined = isGrowth(o)
      ? 'growth'
      : isVital(o)
        ? 'vital-signs'
        : isSymptom(o)
          ? 'symptoms'
          : undefined;
    if (group) {
      const key = `${group}|${o.encounter?.reference ?? o.effectiveDateTime ?? o.id}`;
      const found = groups.get(key) ?? { group, members: [] };
      found.members.push(o);
      groups.set(key, found);
      continue;
    }
    const encounterId = idOf(o.encounter?.reference, 'Encounter');
    const code = firstCoding(o.code);
    const note = o.note?.map((n) => n.text).join(' ');
    const result = isResult(o);
    out.push({
      id: `Observation/${o.id}`,
      kind: result ? 'result' : 'observation',
      date: o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.issued ?? '',
      title: textOf(o.code, 'Observation'),
      code,
      detail: note,
      status: (result && RESULT_STATUS[o.status]) || o.status,
      sensitive: isSensitiveResource(o),
      values: o.status === 'registered' || o.status === 'cancelled' ? [] : [observationValue(o)],
      encounterId,
      resource: o,
    });
  }
  for (const { group, members } of groups.values()) {
    const sorted = [...members].sort((a, b) => vitalRank(a) - vitalRank(b));
    const first = sorted[0] as WithId<Observation>;
    out.push({
      id: `Observation/${first.id}`,
      kind: group === 'vital-signs' ? 'vital-signs' : 'observation',
      date: first.effectiveDateTime ?? first.issued ?? '',
      title: GROUP_TITLES[group],
      code: group === 'growth' ? OBS.growth : undefined,
      status: first.status,
      sensitive: sorted.some(isSensitiveResource),
      values: sorted.map(observationValue),
      encounterId: idOf(first.encounter?.reference, 'Encounter'),
      resource: first,
      group,
      members: sorted,
    });
  }
  return out;
}

// --- filtering -------------------------------------------------------------------------------------

export interface TimelineFilter {
  kinds?: readonly TimelineKind[];
  /** Calendar days, YYYY-MM-DD, both included. */
  from?: string;
  to?: string;
  /** Words to find, case and accents ignored. */
  text?: string;
  /** More text to search per entry (its title in the reader's language, say). */
  textOf?: (entry: TimelineEntry) => readonly string[];
}

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en');

/** A partial date covers a range: `2019` is 2019-01-01 to 2019-12-31. */
function dayRange(date: string): [string, string] {
  if (date.length === 4) return [`${date}-01-01`, `${date}-12-31`];
  if (date.length === 7) return [`${date}-01`, `${date}-31`];
  const day = date.slice(0, 10);
  return [day, day];
}

export function filterTimeline(entries: readonly TimelineEntry[], filter: TimelineFilter): TimelineEntry[] {
  const words = fold(filter.text ?? '')
    .split(/\s+/)
    .filter(Boolean);
  return entries.filter((e) => {
    if (filter.kinds?.length && !filter.kinds.includes(e.kind)) return false;
    const [low, high] = dayRange(e.date);
    if (filter.from && high < filter.from) return false;
    if (filter.to && low > filter.to) return false;
    if (!words.length) return true;
    const haystack = fold(
      [
        e.title,
        e.detail ?? '',
        e.code?.display ?? '',
        e.code?.code ?? '',
        ...(e.values ?? []).flatMap((v) => [v.label, v.text ?? '', v.interpretation ?? '']),
        ...(filter.textOf?.(e) ?? []),
      ].join(' '),
    );
    return words.every((w) => haystack.includes(w));
  });
}
