/**
 * The values of Observations as the timeline shows them, what kind of observation one is (vital sign,
 * growth z-score, symptom), and the latest vital signs in the usual order of a chart.
 */
import type { Coding, Observation, ObservationComponent, Resource } from '@medplum/fhirtypes';
import { OBSERVATION_CODES as OBS } from '../assessment/codes.ts';
import { LOINC_SYSTEM, SNOMED_SYSTEM } from './fhir-conventions.ts';
import { isSensitiveResource } from './sensitivity.ts';
import { firstCoding, hasCoding, instant, ofType, textOf, type WithId } from './timeline-readers.ts';

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

export const isCategory = (o: Observation, code: string) =>
  Boolean(o.category?.some((c) => c.coding?.some((x) => x.code === code)));
export const isGrowth = (o: Observation) => hasCoding([o.code], OBS.growth);
export const isVital = (o: Observation) => isCategory(o, 'vital-signs');
/** Answers to the symptom review (SNOMED-coded questions); sensitive answers keep entries of their own. */
export const isSymptom = (o: Observation) =>
  isCategory(o, 'survey') &&
  !isSensitiveResource(o) &&
  Boolean(o.code?.coding?.some((c) => c.system === SNOMED_SYSTEM));

/** Vital signs in the usual order of a chart; others after them. */
export function vitalRank(o: Observation): number {
  const code = o.code?.coding?.find((c) => c.system === LOINC_SYSTEM)?.code;
  const rank = code ? VITAL_ORDER.indexOf(code) : -1;
  return rank < 0 ? VITAL_ORDER.length : rank;
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
