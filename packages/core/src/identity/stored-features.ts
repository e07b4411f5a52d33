// A record's matching features as compact text, so that a whole-register scan reads what it compares
// instead of re-deriving it from every Patient (transliteration and variant look-ups are most of the
// cost of preparing a record). Written with the blocking keys on every Patient write; read back with
// the interned numbers rebuilt. Term-frequency information is not stored: it belongs to the model
// (Matcher.adopt fills it in).
import type { BirthFeature, IdentifierFeature, RecordFeatures } from './features.ts';
import { seal, type NameUnit } from './name-units.ts';

/** Bump when the layout below changes: stored features of another version are derived again. */
export const STORED_FEATURES_VERSION = 1;

type StoredUnit = [string[], string[], string[], string, string[], string, string, number];
type StoredBirth = [number, number, number, number, string];
type Stored = [
  number,
  string,
  StoredUnit[],
  StoredBirth | 0,
  number,
  string[],
  [string, string, number][],
  string[],
  string[],
  string[],
  [number, string] | 0,
];

const flags = (unit: NameUnit) => (unit.own ? 1 : 0) | (unit.known ? 2 : 0);

/** The features as JSON text (without term-frequency information). */
export function serializeFeatures(f: RecordFeatures): string {
  const stored: Stored = [
    STORED_FEATURES_VERSION,
    f.id,
    f.names.map((u) => [u.spells, u.families, u.phonetics, u.latin, u.forms, u.tfKey, u.display, flags(u)]),
    f.birth
      ? [
          f.birth.year,
          f.birth.month,
          f.birth.day,
          (f.birth.precise ? 1 : 0) | (f.birth.estimated ? 2 : 0),
          f.birth.text,
        ]
      : 0,
    f.sex,
    [...f.nationalities],
    f.identifiers.map((i) => [i.system, i.number, i.passage ? 1 : 0]),
    [...f.phones],
    [...f.relatives],
    [...f.linked],
    f.arrival ? [f.arrival.day, f.arrival.place] : 0,
  ];
  return JSON.stringify(stored);
}

const NO_IDS = new Int32Array(0);

function unitOf([spells, families, phonetics, latin, forms, tfKey, display, bits]: StoredUnit): NameUnit {
  return seal({
    spells,
    families,
    phonetics,
    latin,
    forms,
    tfKey,
    display,
    info: 0,
    own: (bits & 1) !== 0,
    known: (bits & 2) !== 0,
    spellIds: NO_IDS,
    familyIds: NO_IDS,
    phoneticIds: NO_IDS,
    letters: NO_IDS,
  });
}

/** Features read back from serializeFeatures; undefined for text of another version or shape. */
export function parseFeatures(text: string): RecordFeatures | undefined {
  let stored: Stored;
  try {
    stored = JSON.parse(text) as Stored;
  } catch {
    return undefined;
  }
  if (!Array.isArray(stored) || stored[0] !== STORED_FEATURES_VERSION || stored.length !== 11)
    return undefined;
  const [, id, names, birth, sex, nationalities, identifiers, phones, relatives, linked, arrival] = stored;
  const birthFeature: BirthFeature | undefined = birth
    ? {
        year: birth[0],
        month: birth[1],
        day: birth[2],
        precise: (birth[3] & 1) !== 0,
        estimated: (birth[3] & 2) !== 0,
        text: birth[4],
      }
    : undefined;
  return {
    id,
    names: names.map(unitOf),
    birth: birthFeature,
    sex: sex === 1 || sex === 2 ? sex : 0,
    nationalities,
    identifiers: identifiers.map(([system, number, passage]): IdentifierFeature => ({
      system,
      number,
      passage: passage === 1,
    })),
    phones,
    relatives,
    linked,
    arrival: arrival ? { day: arrival[0], place: arrival[1] } : undefined,
    dateInfo: 0,
    yearInfo: 0,
    nationalityInfo: 0,
  };
}
