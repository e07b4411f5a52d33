/**
 * What a reviewer compares of two records, read from each Patient, and whether each fact agrees.
 * Pure, so the comparison is tested without a browser.
 */
import {
  detectScript,
  LANGUAGE_EXT,
  normalizeForSearch,
  patientToRegistration,
  type IdentifierType,
  type RegisteredPatient,
} from '@passage/core';
import type { HumanName, Patient } from '@medplum/fhirtypes';
import {
  birthOf,
  householdOf,
  nationalitiesOf,
  passageIdOf,
  referencedId,
  type BirthPrecision,
  type ShownName,
} from '../people/person';

export interface Document {
  type: IdentifierType | '';
  value: string;
  country: string;
}

export interface FamilyLink {
  patientId: string;
  display: string;
  relationship: string;
}

export interface PersonFacts {
  /** As the person writes it (official), in any script. */
  native: ShownName[];
  /** Latin spellings: the usual names, and the name as written when it is in Latin letters. */
  latin: ShownName[];
  /** Previous names, maiden names, nicknames. */
  other: ShownName[];
  sex: string | undefined;
  birth: { date: string; precision: BirthPrecision } | undefined;
  nationalities: string[];
  documents: Document[];
  passageId: string | undefined;
  siteId: string | undefined;
  arrival: { date: string; place: string; country: string } | undefined;
  family: FamilyLink[];
  household: string | undefined;
}

/**
 * same: the same on both; partly: some of it the same (one nationality of two, a birth year against a
 * full date in it); differs; unknown: missing on one side or both, so neither for nor against.
 */
export type Agreement = 'same' | 'partly' | 'differs' | 'unknown';

function shownName(name: HumanName): ShownName | undefined {
  const text = name.text || [...(name.given ?? []), name.family].filter(Boolean).join(' ');
  if (!text) return undefined;
  return { text, lang: name.extension?.find((e) => e.url === LANGUAGE_EXT)?.valueCode };
}

function namesOf(patient: Patient, uses: readonly string[]): ShownName[] {
  return (patient.name ?? []).flatMap((n) => {
    const shown = uses.includes(n.use ?? '') ? shownName(n) : undefined;
    return shown ? [shown] : [];
  });
}

export function factsOf(patient: Patient): PersonFacts {
  const form = patientToRegistration(patient as RegisteredPatient);
  const { date, place, country } = form.arrival;
  return {
    native: namesOf(patient, ['official']),
    latin: [
      ...namesOf(patient, ['official']).filter((n) => detectScript(n.text) === 'latin'),
      ...namesOf(patient, ['usual']),
    ],
    other: namesOf(patient, ['old', 'maiden', 'nickname', 'anonymous']),
    sex: patient.gender,
    birth: birthOf(patient),
    nationalities: nationalitiesOf(patient),
    documents: form.identifiers,
    passageId: passageIdOf(patient),
    siteId: referencedId(patient.managingOrganization?.reference, 'Organization'),
    arrival: date || place || country ? { date, place, country } : undefined,
    family: form.familyLinks.filter((l) => l.patientId),
    household: householdOf(patient),
  };
}

/** Letters written differently in Arabic, Persian and Urdu, or with and without hamza, read as one. */
const ARABIC_FOLDS: [RegExp, string][] = [
  [/[یىې]/g, 'ي'],
  [/[کڪ]/g, 'ك'],
  [/[أإآٱ]/g, 'ا'],
  [/ة/g, 'ه'],
];

/** A comparison key that ignores case, accents, spacing and Arabic-script letter variants. */
export function comparisonKey(value: string): string {
  return ARABIC_FOLDS.reduce((text, [from, to]) => text.replace(from, to), normalizeForSearch(value));
}

/** Compares two lists of values as sets, by their comparison keys. */
export function agreementOf(a: readonly string[], b: readonly string[]): Agreement {
  const keys = (values: readonly string[]) => new Set(values.map(comparisonKey).filter((v) => v !== ''));
  const [left, right] = [keys(a), keys(b)];
  if (left.size === 0 || right.size === 0) return 'unknown';
  const shared = [...left].filter((k) => right.has(k)).length;
  if (shared === left.size && shared === right.size) return 'same';
  return shared > 0 ? 'partly' : 'differs';
}

/**
 * Birth dates at their precision: a year-only or estimated date agrees partly with a full date in that
 * year (1 January is often a placeholder), a month with a day in that month.
 */
export function birthAgreement(a: PersonFacts['birth'], b: PersonFacts['birth']): Agreement {
  if (!a || !b) return 'unknown';
  if (a.date === b.date && a.precision === b.precision) return 'same';
  const [short, long] = a.date.length <= b.date.length ? [a.date, b.date] : [b.date, a.date];
  if (long.startsWith(short) || a.date.slice(0, 4) === b.date.slice(0, 4)) return 'partly';
  return 'differs';
}

const unknownSex = (sex: string | undefined) => (!sex || sex === 'unknown' ? [] : [sex]);

const documentKey = (d: Document) => `${d.type}|${d.country}|${d.value.replace(/[\s-]/g, '')}`;
const familyKey = (l: FamilyLink) => `${l.relationship}|${l.patientId}`;
const arrivalKey = (x: PersonFacts['arrival']) => (x?.date ? [x.date] : []);

export type FactRow =
  | 'native'
  | 'latin'
  | 'other'
  | 'sex'
  | 'birth'
  | 'nationality'
  | 'documents'
  | 'passageId'
  | 'site'
  | 'arrival'
  | 'family';

/**
 * Each fact compared; null where there is nothing to judge: the Passage identifiers (two records, so
 * always two), and facts recorded on neither record.
 */
export function compareFacts(a: PersonFacts, b: PersonFacts): Record<FactRow, Agreement | null> {
  // By name part, so that "Mohammed Haddad" and "Muhammad Haddad" agree in part.
  const names = (list: ShownName[]) => list.flatMap((n) => n.text.split(/[\s,]+/));
  const household = (f: PersonFacts) => (f.household ? [`household|${f.household}`] : []);
  const judge = (left: readonly string[], right: readonly string[]) =>
    left.length === 0 && right.length === 0 ? null : agreementOf(left, right);
  // Names written in different scripts are compared through their Latin spellings, not letter by letter.
  const scripts = (f: PersonFacts) => new Set(f.native.map((n) => detectScript(n.text)));
  const sharedScript = [...scripts(a)].some((s) => scripts(b).has(s));
  const native = judge(names(a.native), names(b.native));
  return {
    native: native && !sharedScript ? 'unknown' : native,
    latin: judge(names(a.latin), names(b.latin)),
    other: judge(names(a.other), names(b.other)),
    sex: judge(unknownSex(a.sex), unknownSex(b.sex)),
    birth: a.birth || b.birth ? birthAgreement(a.birth, b.birth) : null,
    nationality: judge(a.nationalities, b.nationalities),
    documents: judge(a.documents.map(documentKey), b.documents.map(documentKey)),
    passageId: null,
    site: judge(a.siteId ? [a.siteId] : [], b.siteId ? [b.siteId] : []),
    arrival: judge(arrivalKey(a.arrival), arrivalKey(b.arrival)),
    family: judge(
      [...a.family.map(familyKey), ...household(a)],
      [...b.family.map(familyKey), ...household(b)],
    ),
  };
}
