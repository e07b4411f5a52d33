/** What a list, a card or a match shows of a Patient: names, birth, nationality, identifiers. */
import {
  HOUSEHOLD_EXT,
  LANGUAGE_EXT,
  NATIONALITY_EXT,
  PASSAGE_ID_SYSTEM,
  BIRTH_DATE_PRECISION_EXT,
  BCP47_SYSTEM,
  type RegisteredPatient,
} from '@passage/core';
import type { Bundle, HumanName, Organization, Patient } from '@medplum/fhirtypes';

export function passageIdOf(patient: Patient): string | undefined {
  return patient.identifier?.find((i) => i.system === PASSAGE_ID_SYSTEM)?.value;
}

export interface ShownName {
  text: string;
  /** BCP 47 tag for `lang` on the element, so screen readers and fonts pick the right script. */
  lang: string | undefined;
}

function shown(name: HumanName | undefined): ShownName | undefined {
  const text = name?.text || [...(name?.given ?? []), name?.family].filter(Boolean).join(' ');
  if (!text) return undefined;
  return { text, lang: name?.extension?.find((e) => e.url === LANGUAGE_EXT)?.valueCode };
}

/** The name as the person writes it (any script). */
export function nativeName(patient: Patient): ShownName | undefined {
  return shown(patient.name?.find((n) => n.use === 'official'));
}

/** The Latin spelling used day to day; the official name when it is already in Latin letters. */
export function latinName(patient: Patient): ShownName | undefined {
  const usual = shown(patient.name?.find((n) => n.use === 'usual'));
  if (usual) return usual;
  const official = nativeName(patient);
  return official && !/[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u.test(official.text)
    ? official
    : undefined;
}

/** A name for headings and links: Latin if there is one, else as written. */
export function displayName(patient: Patient): ShownName | undefined {
  return latinName(patient) ?? nativeName(patient) ?? shown(patient.name?.[0]);
}

export type BirthPrecision = 'exact' | 'month' | 'year' | 'estimated';

export function birthOf(patient: Patient): { date: string; precision: BirthPrecision } | undefined {
  const date = (patient as RegisteredPatient).birthDate;
  if (!date) return undefined;
  const stated = (patient as RegisteredPatient)._birthDate?.extension?.find(
    (e) => e.url === BIRTH_DATE_PRECISION_EXT,
  )?.valueCode;
  if (stated === 'estimated' || stated === 'year') return { date: date.slice(0, 4), precision: stated };
  if (stated === 'month' || date.length === 7) return { date: date.slice(0, 7), precision: 'month' };
  return { date, precision: date.length === 4 ? 'year' : 'exact' };
}

export function nationalitiesOf(patient: Patient): string[] {
  return (patient.extension ?? [])
    .filter((e) => e.url === NATIONALITY_EXT)
    .flatMap((e) => e.extension?.find((x) => x.url === 'code')?.valueCodeableConcept?.coding ?? [])
    .flatMap((c) => (c.code ? [c.code] : []));
}

export function householdOf(patient: Patient): string | undefined {
  return patient.extension?.find((e) => e.url === HOUSEHOLD_EXT)?.valueString;
}

export function preferredLanguageOf(patient: Patient): string | undefined {
  const list = patient.communication ?? [];
  const chosen = list.find((c) => c.preferred) ?? list[0];
  return chosen?.language.coding?.find((c) => c.system === BCP47_SYSTEM)?.code;
}

/** The id in `Type/id`, when the reference is to that type. */
export function referencedId(reference: string | undefined, type: string): string | undefined {
  return reference?.startsWith(`${type}/`) ? reference.slice(type.length + 1) : undefined;
}

export interface PeoplePage {
  patients: Patient[];
  /** Site names by Organization id, from `_include=Patient:organization`. */
  sites: Record<string, string>;
  next: string | undefined;
  previous: string | undefined;
}

/** Reads a searchset Bundle; paging links become same-origin paths for the API wrapper. */
export function readPeopleBundle(bundle: Bundle): PeoplePage {
  const entries = bundle.entry ?? [];
  const patients = entries.flatMap((e) =>
    e.resource?.resourceType === 'Patient' && e.search?.mode !== 'include' ? [e.resource] : [],
  );
  const sites: Record<string, string> = {};
  for (const e of entries) {
    const r = e.resource;
    if (r?.resourceType === 'Organization' && r.id) sites[r.id] = (r as Organization).name ?? r.id;
  }
  const link = (relation: string) => {
    const url = bundle.link?.find((l) => l.relation === relation)?.url;
    if (!url) return undefined;
    const parsed = new URL(url, 'http://localhost');
    return `${parsed.pathname}${parsed.search}`;
  };
  return { patients, sites, next: link('next'), previous: link('previous') };
}
