// What identity matching reads from a Patient, extracted once per record so that comparing a pair is a
// handful of array and number comparisons: name units, birth date with its precision, sex,
// nationalities, identifiers, phone numbers, family links, arrival. Term-frequency information is filled in by a model
// (applyFrequencies) because it depends on the register the record is compared against.
import type { Extension, Patient } from '@medplum/fhirtypes';
import {
  ARRIVAL_EXT,
  BIRTH_DATE_PRECISION_EXT,
  FAMILY_LINK_EXT,
  NATIONALITY_EXT,
  PASSAGE_ID_SYSTEM,
} from '../records/fhir-conventions.ts';
import { nameUnits, type NameUnit } from './name-units.ts';

export type BirthPrecision = 'exact' | 'month' | 'year' | 'estimated';

export interface BirthFeature {
  readonly year: number;
  /** 0 when not known (year precision, or a 1 January placeholder). */
  readonly month: number;
  readonly day: number;
  /** A real day: not estimated, not a year or month, not 1 January (the usual placeholder). */
  readonly precise: boolean;
  readonly estimated: boolean;
  /** As recorded, for explanations. */
  readonly text: string;
}

export interface IdentifierFeature {
  /** Identifier.system, or '' */
  readonly system: string;
  /** Upper case, without spaces, dots and dashes: the number as two officers would both type it. */
  readonly number: string;
  readonly passage: boolean;
}

export interface RecordFeatures {
  /** Patient.id, or '' for a query not yet stored. */
  readonly id: string;
  readonly names: NameUnit[];
  readonly birth: BirthFeature | undefined;
  /** 1 male, 2 female, 0 other or unknown. */
  readonly sex: 0 | 1 | 2;
  readonly nationalities: readonly string[];
  readonly identifiers: readonly IdentifierFeature[];
  /** Phone numbers, digits only, the last nine (with or without the country code). */
  readonly phones: readonly string[];
  /** '<relationship>|<reference>' of each family link. */
  readonly relatives: readonly string[];
  /** References (Patient/<id>) the record links to. */
  readonly linked: readonly string[];
  /** Arrival date in days since 1970-01-01, and place (country or place name, normalised). */
  readonly arrival: { readonly day: number; readonly place: string } | undefined;
  /**
   * Joint bits of information of each pair of this record's name units (row-major, names.length
   * square; set by applyFrequencies when the register counts name pairs): a community's given and
   * family names come together, so agreeing on both tells less than the sum of their bits.
   */
  pairInfo?: Float64Array;
  /** Bits of information (−log2 frequency) of the exact date, the birth year, the nationality. */
  dateInfo: number;
  yearInfo: number;
  nationalityInfo: number;
}

function sub(extension: Extension, url: string): Extension | undefined {
  return extension.extension?.find((e) => e.url === url);
}

function parseBirth(patient: Patient): BirthFeature | undefined {
  const text = patient.birthDate;
  const match = text ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(text) : null;
  if (!text || !match) return undefined;
  const element = (patient as Patient & { _birthDate?: { extension?: Extension[] } })._birthDate;
  const stated = element?.extension?.find((e) => e.url === BIRTH_DATE_PRECISION_EXT)?.valueCode as
    BirthPrecision | undefined;
  const year = Number(match[1]);
  let month = match[2] ? Number(match[2]) : 0;
  let day = match[3] ? Number(match[3]) : 0;
  const estimated = stated === 'estimated';
  if (stated === 'year' || estimated || (month === 1 && day === 1)) month = day = 0;
  if (stated === 'month') day = 0;
  return { year, month, day, precise: day > 0, estimated, text };
}

function nationalities(patient: Patient): string[] {
  const codes = new Set<string>();
  for (const extension of patient.extension ?? []) {
    if (extension.url !== NATIONALITY_EXT) continue;
    for (const coding of sub(extension, 'code')?.valueCodeableConcept?.coding ?? []) {
      if (coding.code) codes.add(coding.code.toUpperCase());
    }
  }
  return [...codes];
}

function identifiers(patient: Patient): IdentifierFeature[] {
  return (patient.identifier ?? []).flatMap((identifier) => {
    const number = (identifier.value ?? '').toUpperCase().replace(/[\s.\-/]/g, '');
    if (number.length < 4) return []; // too short to identify anyone
    const system = identifier.system ?? '';
    return [{ system, number, passage: system === PASSAGE_ID_SYSTEM }];
  });
}

function phones(patient: Patient): string[] {
  return (patient.telecom ?? [])
    .filter((t) => t.system === 'phone' || t.system === 'sms')
    .map((t) => (t.value ?? '').replace(/\D/g, '').slice(-9))
    .filter((digits) => digits.length >= 7);
}

function familyLinks(patient: Patient): { relatives: string[]; linked: string[] } {
  const relatives: string[] = [];
  const linked: string[] = [];
  for (const extension of patient.extension ?? []) {
    if (extension.url !== FAMILY_LINK_EXT) continue;
    const reference = sub(extension, 'patient')?.valueReference?.reference;
    if (!reference) continue;
    linked.push(reference);
    const code = sub(extension, 'relationship')?.valueCoding?.code;
    if (code) relatives.push(`${code}|${reference}`);
  }
  return { relatives, linked };
}

function arrival(patient: Patient): RecordFeatures['arrival'] {
  const extension = patient.extension?.find((e) => e.url === ARRIVAL_EXT);
  const date = extension && sub(extension, 'date')?.valueDate;
  const match = date ? /^(\d{4})-(\d{2})-(\d{2})/.exec(date) : null;
  if (!extension || !match) return undefined;
  const day = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / 86_400_000;
  const place = (sub(extension, 'place')?.valueString ?? sub(extension, 'country')?.valueCode ?? '')
    .trim()
    .toLowerCase();
  return { day, place };
}

/** The matching features of a Patient; term-frequency information is 0 until applyFrequencies. */
export function extractFeatures(patient: Patient): RecordFeatures {
  const gender = patient.gender;
  return {
    id: patient.id ?? '',
    names: nameUnits(patient),
    birth: parseBirth(patient),
    sex: gender === 'male' ? 1 : gender === 'female' ? 2 : 0,
    nationalities: nationalities(patient),
    identifiers: identifiers(patient),
    phones: phones(patient),
    ...familyLinks(patient),
    arrival: arrival(patient),
    dateInfo: 0,
    yearInfo: 0,
    nationalityInfo: 0,
  };
}
