/**
 * A person's record read back as a timeline and as the summary lists a clinician looks at first
 * (problems, medication, allergies, vaccines, what is still pending). Pure: it takes the resources of
 * `Patient/{id}/$everything` and knows the shapes `assessment/extract.ts` writes. Texts are English
 * fallbacks; each entry keeps its main Coding so a screen can show it in the reader's language.
 */
import type {
  AllergyIntolerance,
  CodeableConcept,
  Coding,
  Condition,
  Immunization,
  MedicationStatement,
  Observation,
  ObservationComponent,
  Reference,
  Resource,
  ServiceRequest,
} from '@medplum/fhirtypes';
import { FOLLOW_UP_CATEGORY, NOTIFIABLE_TAG, REFERRAL_CATEGORY } from '../assessment/extract.ts';
import { SCREENING_CATEGORY, VACCINATION_CATEGORY } from '../assessment/decisions.ts';
import { OBSERVATION_CODES as OBS } from '../assessment/codes.ts';
import { VACCINES, antigensOf, isCvxCode, type Antigen } from '../decision-support/vaccines.ts';
import { CVX_SYSTEM, LOINC_SYSTEM, SNOMED_SYSTEM } from './fhir-conventions.ts';
import { isSensitiveResource } from './sensitivity.ts';

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

/** One value shown on an entry: a number with its unit (two for blood pressure), or a text. */
export interface TimelineValue {
  label: string;
  code?: Coding;
  quantities?: { value: number; unit: string }[];
  /** A coded or free-text value (English display); `valueCode` lets a screen translate it. */
  text?: string;
  valueCode?: Coding;
  interpretation?: string;
  /** A yes/no answer (`text` is then "Yes" or "No"). */
  boolean?: boolean;
  /** The answer was no or none (a symptom not present). */
  absent?: boolean;
}

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

type WithId<T> = T & { id: string };

// --- small readers ---------------------------------------------------------------------------------

function isNotifiable(resource: Resource): boolean {
  return Boolean(
    resource.meta?.tag?.some((t) => t.system === NOTIFIABLE_TAG.system && t.code === NOTIFIABLE_TAG.code),
  );
}

const firstCoding = (c: CodeableConcept | undefined): Coding | undefined => c?.coding?.[0];
const textOf = (c: CodeableConcept | undefined, fallback: string): string =>
  c?.text ?? c?.coding?.find((x) => x.display)?.display ?? c?.coding?.[0]?.code ?? fallback;
const hasCoding = (concepts: readonly CodeableConcept[] | undefined, wanted: Coding): boolean =>
  Boolean(concepts?.some((c) => c.coding?.some((x) => x.system === wanted.system && x.code === wanted.code)));
const codeOf = (c: CodeableConcept | undefined): string | undefined => c?.coding?.[0]?.code;
/** Non-empty parts joined, or undefined when there are none. */
const joined = (parts: readonly (string | undefined)[] | undefined, separator = '; ') =>
  parts?.filter(Boolean).join(separator) || undefined;
const idOf = (reference: string | undefined, type: string): string | undefined =>
  reference?.startsWith(`${type}/`) ? reference.slice(type.length + 1) : undefined;

/** Milliseconds for sorting; a partial date counts from its first day. */
function instant(date: string | undefined): number {
  if (!date) return Number.NEGATIVE_INFINITY;
  const full = date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
  const ms = Date.parse(full.length === 10 ? `${full}T00:00:00Z` : full);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

const newestFirst = (a: string | undefined, b: string | undefined) => instant(b) - instant(a);

function hasId<T extends Resource>(r: T): r is WithId<T> {
  return typeof r.id === 'string' && r.id.length > 0;
}

function ofType<K extends Resource['resourceType']>(
  resources: readonly Resource[],
  type: K,
): WithId<Extract<Resource, { resourceType: K }>>[] {
  return resources.filter(
    (r): r is WithId<Extract<Resource, { resourceType: K }>> => r.resourceType === type && hasId(r),
  );
}

// --- observation values ----------------------------------------------------------------------------

const VITAL_ORDER = [
  OBS.temperature,
  OBS.bloodPressure,
  OBS.heartRate,
  OBS.respiratoryRate,
  OBS.oxygenSaturation,
  OBS.weight,
  OBS.height,
  OBS.bmi,
  OBS.muac,
  OBS.headCircumference,
].map((c) => c.code);

function quantityOf(o: Pick<Observation, 'valueQuantity' | 'valueInteger'>) {
  if (o.valueQuantity?.value !== undefined)
    return [{ value: o.valueQuantity.value, unit: o.valueQuantity.unit ?? o.valueQuantity.code ?? '' }];
  if (o.valueInteger !== undefined) return [{ value: o.valueInteger, unit: '' }];
  return undefined;
}

function interpretationOf(o: Observation): string | undefined {
  const i = o.interpretation?.[0];
  return i ? textOf(i, '') || undefined : undefined;
}

/** The value of an Observation: numbers (blood pressure as systolic and diastolic) or a text. */
export function observationValue(o: Observation): TimelineValue {
  const code = firstCoding(o.code);
  const value: TimelineValue = { label: textOf(o.code, 'Observation'), code: code };
  const components = (o.component ?? []) as ObservationComponent[];
  const quantities = components.length ? components.flatMap((c) => quantityOf(c) ?? []) : quantityOf(o);
  if (quantities?.length) value.quantities = quantities;
  else if (o.valueCodeableConcept) {
    value.text = textOf(o.valueCodeableConcept, '');
    const coded = firstCoding(o.valueCodeableConcept);
    if (coded) value.valueCode = coded;
  } else if (o.valueString !== undefined) value.text = o.valueString;
  else if (o.valueBoolean !== undefined) {
    value.text = o.valueBoolean ? 'Yes' : 'No';
    value.boolean = o.valueBoolean;
  } else if (o.valueDateTime !== undefined) value.text = o.valueDateTime;
  const interpretation = interpretationOf(o);
  if (interpretation) value.interpretation = interpretation;
  if (o.valueBoolean === false || ['none', 'no'].includes(value.valueCode?.code ?? '')) value.absent = true;
  return value;
}

const isCategory = (o: Observation, code: string) =>
  Boolean(o.category?.some((c) => c.coding?.some((x) => x.code === code)));
const isGrowth = (o: Observation) => hasCoding([o.code], OBS.growth);
const isVital = (o: Observation) => isCategory(o, 'vital-signs');
/** Answers to the symptom review (SNOMED-coded questions); sensitive answers keep entries of their own. */
const isSymptom = (o: Observation) =>
  isCategory(o, 'survey') &&
  !isSensitiveResource(o) &&
  Boolean(o.code?.coding?.some((c) => c.system === SNOMED_SYSTEM));

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

function vitalRank(o: Observation): number {
  const code = o.code?.coding?.find((c) => c.system === LOINC_SYSTEM)?.code;
  const rank = code ? VITAL_ORDER.indexOf(code) : -1;
  return rank < 0 ? VITAL_ORDER.length : rank;
}

function requestKind(s: ServiceRequest): 'referral' | 'follow-up' | 'screening' | 'vaccination' | undefined {
  if (hasCoding(s.category, REFERRAL_CATEGORY)) return 'referral';
  if (hasCoding(s.category, FOLLOW_UP_CATEGORY)) return 'follow-up';
  if (hasCoding(s.category, SCREENING_CATEGORY)) return 'screening';
  if (hasCoding(s.category, VACCINATION_CATEGORY)) return 'vaccination';
  return undefined;
}

/** What the reactions looked like (the person's words); severity is a separate field. */
function allergyReactions(a: AllergyIntolerance): string[] {
  return (a.reaction ?? []).map((r) => r.manifestation.map((m) => textOf(m, '')).join(', ')).filter(Boolean);
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

// --- summary lists ---------------------------------------------------------------------------------

export interface ProblemItem {
  /** The most recent Condition for this problem; `others` hold earlier records of the same code. */
  condition: WithId<Condition>;
  others: WithId<Condition>[];
  title: string;
  code?: Coding;
  clinicalStatus: string;
  verificationStatus?: string;
  category?: string;
  /** Onset or, failing that, when it was recorded. */
  since?: string;
  abatement?: string;
  sensitive: boolean;
  notifiable: boolean;
}

const ACTIVE_CONDITION = new Set(['active', 'recurrence', 'relapse']);

/** Conditions, one item per code (newest record first), split by clinical status. Refuted ones are left out. */
export function problemList(resources: readonly Resource[]): {
  active: ProblemItem[];
  resolved: ProblemItem[];
} {
  const byCode = new Map<string, WithId<Condition>[]>();
  for (const c of ofType(resources, 'Condition')) {
    const verification = codeOf(c.verificationStatus);
    if (verification === 'entered-in-error' || verification === 'refuted') continue;
    const coding = firstCoding(c.code);
    const key = coding?.code ? `${coding.system ?? ''}|${coding.code}` : `id|${c.id}`;
    byCode.set(key, [...(byCode.get(key) ?? []), c]);
  }
  const active: ProblemItem[] = [];
  const resolved: ProblemItem[] = [];
  for (const records of byCode.values()) {
    const [condition, ...others] = records.sort((a, b) =>
      newestFirst(conditionDate(a), conditionDate(b)),
    ) as [WithId<Condition>, ...WithId<Condition>[]];
    const clinicalStatus = codeOf(condition.clinicalStatus) ?? 'active';
    const item: ProblemItem = {
      condition,
      others,
      title: textOf(condition.code, 'Condition'),
      code: firstCoding(condition.code),
      clinicalStatus,
      verificationStatus: codeOf(condition.verificationStatus),
      category: codeOf(condition.category?.[0]),
      since: condition.onsetDateTime ?? condition.recordedDate,
      abatement: condition.abatementDateTime,
      sensitive: records.some(isSensitiveResource),
      notifiable: records.some(isNotifiable),
    };
    (ACTIVE_CONDITION.has(clinicalStatus) ? active : resolved).push(item);
  }
  const order = (a: ProblemItem, b: ProblemItem) => newestFirst(a.since, b.since);
  return { active: active.sort(order), resolved: resolved.sort(order) };
}

const conditionDate = (c: Condition) => c.recordedDate ?? c.onsetDateTime ?? c.meta?.lastUpdated;

export interface MedicationItem {
  statement: WithId<MedicationStatement>;
  name: string;
  code?: Coding;
  dosage?: string;
  note?: string;
  status: MedicationStatement['status'];
  asserted?: string;
  sensitive: boolean;
}

const CURRENT_MEDICATION = new Set<MedicationStatement['status']>(['active', 'intended', 'on-hold']);

export function medicationList(resources: readonly Resource[]): {
  current: MedicationItem[];
  past: MedicationItem[];
} {
  const current: MedicationItem[] = [];
  const past: MedicationItem[] = [];
  const statements = ofType(resources, 'MedicationStatement')
    .filter((m) => m.status !== 'entered-in-error' && m.status !== 'not-taken')
    .sort((a, b) => newestFirst(a.dateAsserted, b.dateAsserted));
  for (const m of statements) {
    const item: MedicationItem = {
      statement: m,
      name: textOf(m.medicationCodeableConcept, 'Medication'),
      code: firstCoding(m.medicationCodeableConcept),
      dosage: joined(m.dosage?.map((d) => d.text)),
      note: joined(m.note?.map((n) => n.text)),
      status: m.status,
      asserted: m.dateAsserted,
      sensitive: isSensitiveResource(m),
    };
    (CURRENT_MEDICATION.has(m.status) ? current : past).push(item);
  }
  return { current, past };
}

export interface AllergyItem {
  allergy: WithId<AllergyIntolerance>;
  substance: string;
  reactions: string[];
  severity?: 'mild' | 'moderate' | 'severe';
  highRisk: boolean;
  active: boolean;
  verificationStatus?: string;
  recorded?: string;
  sensitive: boolean;
}

/** Allergies and intolerances, active ones first; entered-in-error and refuted ones left out. */
export function allergyList(resources: readonly Resource[]): AllergyItem[] {
  return ofType(resources, 'AllergyIntolerance')
    .filter((a) => !['entered-in-error', 'refuted'].includes(codeOf(a.verificationStatus) ?? ''))
    .map((a): AllergyItem => {
      const severity = a.reaction?.find((r) => r.severity)?.severity;
      const verificationStatus = codeOf(a.verificationStatus);
      return {
        allergy: a,
        substance: textOf(a.code, 'Allergy'),
        reactions: allergyReactions(a),
        severity,
        highRisk: a.criticality === 'high' || severity === 'severe',
        active: (codeOf(a.clinicalStatus) ?? 'active') === 'active',
        verificationStatus,
        recorded: a.recordedDate,
        sensitive: isSensitiveResource(a),
      };
    })
    .sort((a, b) => Number(b.active) - Number(a.active) || newestFirst(a.recorded, b.recorded));
}

/** Given here (primary source), documented (card, certificate) or recalled by the person. */
export type ImmunizationSource = 'given' | 'documented' | 'self-reported';

export function immunizationSource(i: Immunization): ImmunizationSource {
  if (i.primarySource) return 'given';
  const origin = i.reportOrigin?.coding?.[0]?.code;
  return origin === 'record' || origin === 'provider' ? 'documented' : 'self-reported';
}

export interface ImmunizationDose {
  immunization: WithId<Immunization>;
  /** Undefined when the person does not know when. */
  date?: string;
  doseNumber?: number;
  source: ImmunizationSource;
}

export interface VaccineHistory {
  /** CVX code, or the vaccine's text when it has none. */
  key: string;
  vaccine: string;
  code?: Coding;
  antigens: readonly Antigen[];
  /** Oldest first; doses without a date last. */
  doses: ImmunizationDose[];
}

export interface AntigenHistory {
  antigen: Antigen;
  documented: number;
  selfReported: number;
  /** Latest known date of a dose, documented or not. */
  latest?: string;
}

/** Vaccines by vaccine (with their doses) and by antigen (counting documented and self-reported doses). */
export function immunizationHistory(resources: readonly Resource[]): {
  vaccines: VaccineHistory[];
  antigens: AntigenHistory[];
} {
  const vaccines = new Map<string, VaccineHistory>();
  const antigens = new Map<Antigen, AntigenHistory>();
  for (const i of ofType(resources, 'Immunization')) {
    if (i.status !== 'completed') continue;
    const cvx = i.vaccineCode.coding?.find((c) => c.system === CVX_SYSTEM)?.code;
    const known = cvx !== undefined && isCvxCode(cvx) ? VACCINES[cvx] : undefined;
    const key = cvx ?? textOf(i.vaccineCode, 'Vaccine');
    const history = vaccines.get(key) ?? {
      key,
      vaccine: i.vaccineCode.text ?? textOf(i.vaccineCode, known?.display ?? 'Vaccine'),
      code: firstCoding(i.vaccineCode),
      antigens: cvx ? antigensOf(cvx) : [],
      doses: [],
    };
    const source = immunizationSource(i);
    const doseNumber = i.protocolApplied?.[0]?.doseNumberPositiveInt;
    history.doses.push({ immunization: i, date: i.occurrenceDateTime, doseNumber, source });
    vaccines.set(key, history);
    for (const antigen of history.antigens) {
      const a = antigens.get(antigen) ?? { antigen, documented: 0, selfReported: 0 };
      if (source === 'self-reported') a.selfReported += 1;
      else a.documented += 1;
      if (i.occurrenceDateTime && instant(i.occurrenceDateTime) > instant(a.latest))
        a.latest = i.occurrenceDateTime;
      antigens.set(antigen, a);
    }
  }
  for (const v of vaccines.values()) v.doses.sort((a, b) => -newestFirst(a.date ?? '9999', b.date ?? '9999'));
  return {
    vaccines: [...vaccines.values()].sort((a, b) => a.vaccine.localeCompare(b.vaccine, 'en')),
    antigens: [...antigens.values()].sort((a, b) => a.antigen.localeCompare(b.antigen, 'en')),
  };
}

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
  kind: 'referral' | 'follow-up' | 'screening' | 'vaccination';
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

export interface VitalReading {
  /** LOINC code (85354-9 for blood pressure). */
  code: string;
  label: string;
  value: TimelineValue;
  date: string;
  observation: WithId<Observation>;
}

/** The latest value of each vital sign and body measurement, in the usual order of a chart. */
export function latestVitals(resources: readonly Resource[]): VitalReading[] {
  const latest = new Map<string, VitalReading>();
  for (const o of ofType(resources, 'Observation')) {
    if (!isVital(o) || !['final', 'amended', 'corrected', 'preliminary'].includes(o.status)) continue;
    const code = o.code?.coding?.find((c) => c.system === LOINC_SYSTEM)?.code;
    const date = o.effectiveDateTime ?? o.issued;
    if (!code || !date) continue;
    const previous = latest.get(code);
    if (previous && instant(previous.date) >= instant(date)) continue;
    latest.set(code, { code, label: textOf(o.code, code), value: observationValue(o), date, observation: o });
  }
  return [...latest.values()].sort((a, b) => vitalRank(a.observation) - vitalRank(b.observation));
}
