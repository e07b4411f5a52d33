/**
 * The summary lists of what a person has, as a clinician looks at them first: problems, medication,
 * allergies and the immunization history. Pure, like the timeline (timeline.ts): from the resources of
 * `Patient/{id}/$everything`. What is still to come is in timeline-pending.ts.
 */
import type {
  AllergyIntolerance,
  Coding,
  Condition,
  Immunization,
  MedicationStatement,
  Resource,
} from '@medplum/fhirtypes';
import { VACCINES, antigensOf, isCvxCode, type Antigen } from '../decision-support/vaccines.ts';
import { CVX_SYSTEM } from './fhir-conventions.ts';
import { isSensitiveResource } from './sensitivity.ts';
import {
  allergyReactions,
  codeOf,
  firstCoding,
  instant,
  isNotifiable,
  joined,
  newestFirst,
  ofType,
  textOf,
  type WithId,
} from './timeline-readers.ts';

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
