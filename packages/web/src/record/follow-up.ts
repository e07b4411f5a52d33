/**
 * A follow-up visit recorded from the record page: checked here with a message per field, then
 * written as one transaction Bundle (Encounter, Observations, optional Condition and next follow-up
 * request, and the planned follow-ups it fulfils), so either all of it is stored or none.
 */
import {
  ENCOUNTER_TYPES,
  FOLLOW_UP_CATEGORY,
  NOTIFIABLE_TAG,
  OBSERVATION_CODES as OBS,
  SENSITIVE_LABEL,
  UCUM_SYSTEM,
  icd10Coding,
  icd10Entry,
  loinc,
  passageCode,
} from '@passage/core';
import type {
  Bundle,
  BundleEntry,
  Coding,
  Meta,
  Observation,
  Resource,
  ServiceRequest,
} from '@medplum/fhirtypes';
import { withRequestStatus } from './record-updates';

export interface FollowUpForm {
  /** YYYY-MM-DD. */
  date: string;
  notes: string;
  temperature: number | undefined;
  systolic: number | undefined;
  diastolic: number | undefined;
  heartRate: number | undefined;
  weight: number | undefined;
  /** ICD-10 code, '' for none. */
  diagnosis: string;
  diagnosisStatus: 'provisional' | 'confirmed';
  /** YYYY-MM-DD, '' for none. */
  nextFollowUp: string;
  /** Mark the planned follow-ups due by this visit as done. */
  closePlanned: boolean;
}

export function emptyFollowUp(today: string): FollowUpForm {
  return {
    date: today,
    notes: '',
    temperature: undefined,
    systolic: undefined,
    diastolic: undefined,
    heartRate: undefined,
    weight: undefined,
    diagnosis: '',
    diagnosisStatus: 'provisional',
    nextFollowUp: '',
    closePlanned: true,
  };
}

/** Plausible ranges, the same as the assessment's questions (health-assessment.ts). */
export const RANGES = {
  temperature: { min: 30, max: 45 },
  systolic: { min: 50, max: 260 },
  diastolic: { min: 20, max: 160 },
  heartRate: { min: 20, max: 250 },
  weight: { min: 0.5, max: 300 },
} as const;

export const MAX_NOTES = 2000;

export type FollowUpField = keyof FollowUpForm | 'form';
export type FollowUpIssue =
  | {
      problem:
        'required' | 'future' | 'invalidDate' | 'positive' | 'bothPressures' | 'systolicAboveDiastolic';
    }
  | { problem: 'afterVisit' | 'empty' | 'unknownDiagnosis' }
  | { problem: 'range'; min: number; max: number }
  | { problem: 'tooLong'; max: number };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar day (2024-02-30 is not: JavaScript would roll it over to March). */
function isDay(value: string): boolean {
  const ms = DAY.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

/** Every problem, by field; empty when the form can be saved. */
export function validateFollowUp(
  form: FollowUpForm,
  today: string,
): Partial<Record<FollowUpField, FollowUpIssue>> {
  const issues: Partial<Record<FollowUpField, FollowUpIssue>> = {};
  if (!form.date) issues.date = { problem: 'required' };
  else if (!isDay(form.date)) issues.date = { problem: 'invalidDate' };
  else if (form.date > today) issues.date = { problem: 'future' };

  for (const field of ['temperature', 'systolic', 'diastolic', 'heartRate', 'weight'] as const) {
    const value = form[field];
    if (value === undefined) continue;
    if (field === 'weight' && value <= 0) issues.weight = { problem: 'positive' };
    else if (!Number.isFinite(value) || value < RANGES[field].min || value > RANGES[field].max)
      issues[field] = { problem: 'range', ...RANGES[field] };
  }
  const { systolic, diastolic } = form;
  if ((systolic === undefined) !== (diastolic === undefined))
    issues[systolic === undefined ? 'systolic' : 'diastolic'] ??= { problem: 'bothPressures' };
  else if (systolic !== undefined && diastolic !== undefined && systolic <= diastolic && !issues.systolic)
    issues.systolic = { problem: 'systolicAboveDiastolic' };

  if (form.notes.length > MAX_NOTES) issues.notes = { problem: 'tooLong', max: MAX_NOTES };
  if (form.diagnosis && !icd10Entry(form.diagnosis)) issues.diagnosis = { problem: 'unknownDiagnosis' };
  if (form.nextFollowUp) {
    if (!isDay(form.nextFollowUp)) issues.nextFollowUp = { problem: 'invalidDate' };
    else if (form.date && form.nextFollowUp <= form.date) issues.nextFollowUp = { problem: 'afterVisit' };
  }
  const measured = [form.temperature, systolic, diastolic, form.heartRate, form.weight].some(
    (v) => v !== undefined,
  );
  if (!form.notes.trim() && !measured && !form.diagnosis) issues.form = { problem: 'empty' };
  return issues;
}

export interface FollowUpContext {
  patientId: string;
  /** The site where the visit takes place (Organization id). */
  siteId: string | undefined;
  author: { userId: string; display: string; role: string };
  /** ISO instant of saving; a visit dated today gets this time. */
  now: string;
  today: string;
  newId: () => string;
  /** Active follow-up requests of the person (the ones due by the visit date are closed). */
  planned: readonly (ServiceRequest & { id: string })[];
}

const quantity = (value: number, unit: string, code: string) => ({ value, unit, system: UCUM_SYSTEM, code });
const vitalSigns = [
  { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] },
];

/** The transaction Bundle for a validated form. */
export function followUpBundle(form: FollowUpForm, ctx: FollowUpContext): Bundle {
  const urn = () => `urn:uuid:${ctx.newId()}`;
  const encounterUrl = urn();
  const subject = { reference: `Patient/${ctx.patientId}` };
  const encounter = { reference: encounterUrl };
  const when = form.date === ctx.today ? ctx.now : form.date;
  const who = { display: ctx.author.display, identifier: { value: ctx.author.userId } };
  const entries: BundleEntry[] = [];
  const create = (resource: Resource, fullUrl = urn()) =>
    entries.push({ fullUrl, resource, request: { method: 'POST', url: resource.resourceType } });

  const type = ENCOUNTER_TYPES.find((c) => c.code === 'follow-up') as Coding;
  create(
    {
      resourceType: 'Encounter',
      status: 'finished',
      class: {
        system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
        code: 'AMB',
        display: 'ambulatory',
      },
      type: [{ coding: [type], text: type.display }],
      subject,
      participant: [
        {
          type: [
            {
              coding: [
                { system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'PPRF' },
              ],
            },
          ],
          individual: { display: `${ctx.author.display} (${ctx.author.role})`, identifier: who.identifier },
        },
      ],
      period: { start: when, end: when },
      ...(ctx.siteId ? { serviceProvider: { reference: `Organization/${ctx.siteId}` } } : {}),
    },
    encounterUrl,
  );

  const observation = (o: Partial<Observation>): Observation => ({
    resourceType: 'Observation',
    status: 'final',
    code: { text: 'Observation' },
    subject,
    encounter,
    effectiveDateTime: when,
    performer: [who],
    ...o,
  });
  const vital = (code: Coding, value: Partial<Observation>) =>
    create(observation({ category: vitalSigns, code: { coding: [code], text: code.display }, ...value }));

  if (form.notes.trim()) {
    const note = loinc('11506-3', 'Progress note');
    create(observation({ code: { coding: [note], text: note.display }, valueString: form.notes.trim() }));
  }
  if (form.temperature !== undefined)
    vital(OBS.temperature, { valueQuantity: quantity(form.temperature, '°C', 'Cel') });
  if (form.systolic !== undefined && form.diastolic !== undefined) {
    const mmHg = (value: number) => quantity(value, 'mmHg', 'mm[Hg]');
    vital(OBS.bloodPressure, {
      component: [
        { code: { coding: [OBS.systolic] }, valueQuantity: mmHg(form.systolic) },
        { code: { coding: [OBS.diastolic] }, valueQuantity: mmHg(form.diastolic) },
      ],
    });
  }
  if (form.heartRate !== undefined)
    vital(OBS.heartRate, { valueQuantity: quantity(form.heartRate, 'beats/min', '/min') });
  if (form.weight !== undefined) vital(OBS.weight, { valueQuantity: quantity(form.weight, 'kg', 'kg') });

  if (form.diagnosis) {
    const entry = icd10Entry(form.diagnosis);
    const meta: Meta = {
      ...(entry?.notifiable ? { tag: [NOTIFIABLE_TAG] } : {}),
      ...(entry?.sensitive ? { security: [{ ...SENSITIVE_LABEL }] } : {}),
    };
    create({
      resourceType: 'Condition',
      ...(Object.keys(meta).length ? { meta } : {}),
      clinicalStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
      },
      verificationStatus: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
            code: form.diagnosisStatus,
          },
        ],
      },
      category: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/condition-category',
              code: 'encounter-diagnosis',
            },
          ],
        },
      ],
      code: { coding: [icd10Coding(form.diagnosis)], text: entry?.display },
      subject,
      encounter,
      recordedDate: ctx.now,
      recorder: who,
    });
  }

  if (form.nextFollowUp) {
    const code = passageCode('follow-up-visit', 'Follow-up visit');
    create({
      resourceType: 'ServiceRequest',
      status: 'active',
      intent: 'order',
      category: [{ coding: [FOLLOW_UP_CATEGORY] }],
      code: { coding: [code], text: code.display },
      priority: 'routine',
      subject,
      encounter,
      occurrenceDateTime: form.nextFollowUp,
      authoredOn: ctx.now,
      requester: who,
    });
  }

  if (form.closePlanned) {
    for (const request of plannedBy(ctx.planned, form.date)) {
      const done = withRequestStatus(request, 'completed');
      entries.push({
        fullUrl: `ServiceRequest/${request.id}`,
        resource: done,
        request: { method: 'PUT', url: `ServiceRequest/${request.id}` },
      });
    }
  }
  return { resourceType: 'Bundle', type: 'transaction', entry: entries };
}

/** A person who comes a little early still holds their planned visit. */
export const EARLY_DAYS = 14;

/** Planned follow-ups this visit fulfils: those with no date or due by EARLY_DAYS after it. */
export function plannedBy<T extends ServiceRequest>(planned: readonly T[], visitDay: string): T[] {
  const start = Date.parse(`${visitDay}T00:00:00Z`);
  if (Number.isNaN(start)) return [];
  const limit = new Date(start + EARLY_DAYS * 86_400_000).toISOString().slice(0, 10);
  return planned.filter((r) => !r.occurrenceDateTime || r.occurrenceDateTime.slice(0, 10) <= limit);
}
