// Synthetic registrations with known true identities, to train and measure identity matching: people
// of generatePopulation registered again "at another border", with the differences such registrations
// really have (population.md) — another transliteration of the native name, typos, articles and
// compounds split or joined, name order, parts dropped, single names, 1 January placeholders, day and
// month swapped, the year off by one, fields left out, the same or another document — plus siblings
// (same family and father's name, different person), the hard negatives of a migrant register.
// Deterministic for a seed; none of these people exist.
import type { Extension, HumanName, Identifier } from '@medplum/fhirtypes';
import { suggestTransliterations, type NameLanguage } from '../names/transliterate.ts';
import { nameKey } from '../names/normalize.ts';
import { detectScript } from '../names/script.ts';
import { nameVariants } from '../names/variants.ts';
import {
  ARRIVAL_EXT,
  BIRTH_DATE_PRECISION_EXT,
  LANGUAGE_EXT,
  NATIONALITY_EXT,
} from '../records/fhir-conventions.ts';
import { generatePopulation, type SyntheticPatient, type SyntheticPerson } from './population.ts';
import { createRandom, type Random } from './random.ts';

export type Variation =
  | 'respell' // another transliteration or known variant spelling of the name parts
  | 'typo'
  | 'particle' // al-/el- dropped, added or joined; Abd compounds split or joined
  | 'nameOrder' // family name filed as given name and the other way round
  | 'partDropped' // father's name, second given name or second surname left out (or added)
  | 'singleName' // one name part only
  | 'nativeDropped' // the name in its own script not recorded
  | 'placeholderDate' // 1 January of the year for a real date, or a real date for a placeholder
  | 'dayMonthSwap'
  | 'yearOffByOne'
  | 'birthDateMissing'
  | 'nationalityMissing'
  | 'sexUnknown'
  | 'otherDocument' // another document number from the same issuer (a new passport)
  | 'otherPhone'; // another phone number (a new SIM card in a new country)

/** Every variation, each of which a matcher should see through on its own. */
export const VARIATIONS: readonly Variation[] = [
  'respell',
  'typo',
  'particle',
  'nameOrder',
  'partDropped',
  'singleName',
  'nativeDropped',
  'placeholderDate',
  'dayMonthSwap',
  'yearOffByOne',
  'birthDateMissing',
  'nationalityMissing',
  'sexUnknown',
  'otherDocument',
  'otherPhone',
];

/**
 * Probability of each variation on a repeat registration, and of keeping the same document or phone
 * number (otherwise: another one at the otherDocument / otherPhone rate, or none).
 */
export type VariationRates = Record<Variation, number> & { sameDocument: number; samePhone: number };

export const DEFAULT_VARIATION_RATES: VariationRates = {
  respell: 0.6,
  typo: 0.12,
  particle: 0.15,
  nameOrder: 0.1,
  partDropped: 0.2,
  singleName: 0.04,
  nativeDropped: 0.6,
  placeholderDate: 0.15,
  dayMonthSwap: 0.06,
  yearOffByOne: 0.08,
  birthDateMissing: 0.02,
  nationalityMissing: 0.1,
  sexUnknown: 0.03,
  otherDocument: 0.1,
  sameDocument: 0.35,
  otherPhone: 0.25,
  samePhone: 0.45,
};

export interface DuplicateOptions {
  /** People drawn from generatePopulation. */
  count: number;
  seed: number;
  /** Share of people registered more than once (a fifth of them three times); default 0.3. */
  duplicateRate?: number;
  /** Share of people with a sibling in the register (a tenth of them twins); default 0.08. */
  siblingRate?: number;
  variation?: Partial<VariationRates>;
  today?: string;
}

export interface LinkageRecord {
  /** Also the Patient's id. */
  id: string;
  /** The true person: records with the same personId are the same person. */
  personId: string;
  patient: SyntheticPatient;
  /** The variations this registration carries compared with the person's first one. */
  variations: Variation[];
}

const ARABIC_ORIGINS = new Set(['SY', 'IQ', 'EG', 'MA', 'TN']);
const PLACES = [
  'Lesvos',
  'Samos',
  'Chios',
  'Evros',
  'Lampedusa',
  'Ceuta',
  'Melilla',
  'Calais',
  'Przemyśl',
  'Medyka',
];

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function isLatin(name: HumanName): boolean {
  return detectScript(name.text ?? [...(name.given ?? []), name.family ?? ''].join(' ')) === 'latin';
}

/** The Latin name an officer wrote (use 'usual'), else the first Latin one. */
function latinName(patient: SyntheticPatient): HumanName | undefined {
  const names = patient.name ?? [];
  return names.find((n) => n.use === 'usual' && isLatin(n)) ?? names.find(isLatin);
}

/** The name in the person's own script, when that is not Latin. */
function nativeName(patient: SyntheticPatient): HumanName | undefined {
  return patient.name?.find((n) => !isLatin(n));
}

function setParts(name: HumanName, given: string[], family: string | undefined): void {
  name.given = given.filter(Boolean);
  if (family) name.family = family;
  else delete name.family;
  name.text = [...name.given, ...(family ? [family] : [])].join(' ');
}

function language(name: HumanName | undefined): NameLanguage | undefined {
  return name?.extension?.find((e) => e.url === LANGUAGE_EXT)?.valueCode as NameLanguage | undefined;
}

const SPELLINGS = new Map<string, string[]>();
function spellingsOf(part: string, lang: NameLanguage | undefined): string[] {
  const key = `${lang ?? ''}|${part}`;
  let found = SPELLINGS.get(key);
  if (!found) SPELLINGS.set(key, (found = suggestTransliterations(part, lang)));
  return found;
}

// Spelling drift officers produce beyond any table: vowels, doubled letters, kh/h, a final h.
const DRIFT: readonly (readonly [RegExp, string])[] = [
  [/ou/, 'u'],
  [/u(?!u)/, 'ou'],
  [/ee/, 'i'],
  [/i(?!i)/, 'ee'],
  [/([bdfklmnprst])\1/, '$1'],
  [/([aeiou])([bdlmnrst])([aeiou])/, '$1$2$2$3'],
  [/kh/, 'h'],
  [/a$/, 'ah'],
  [/ah$/, 'a'],
  [/e/, 'a'],
  [/y/, 'i'],
];

function respellWord(random: Random, word: string, alternatives: readonly string[]): string {
  const variants = [...alternatives, ...nameVariants(word)].filter((v) => nameKey(v) !== nameKey(word));
  if (variants.length > 0 && random.bool(0.75)) return random.pick(variants);
  const rules = DRIFT.filter(([pattern]) => pattern.test(word.toLowerCase()));
  if (rules.length === 0) return word;
  const [pattern, replacement] = random.pick(rules);
  const drifted = word.toLowerCase().replace(pattern, replacement);
  return drifted.charAt(0).toUpperCase() + drifted.slice(1);
}

/** Other spellings of a Latin word: the transliterations of the native part it was spelled from. */
function alternativesFor(word: string, native: HumanName | undefined): string[] {
  if (!native) return [];
  const key = nameKey(word);
  for (const part of [...(native.given ?? []), ...(native.family ? [native.family] : [])]) {
    if (detectScript(part) === 'latin') continue;
    const spellings = spellingsOf(part, language(native));
    if (spellings.some((s) => nameKey(s) === key)) return spellings;
  }
  return [];
}

const NEIGHBOURS = 'qwertyuiopasdfghjklzxcvbnm';

function typo(random: Random, word: string): string {
  if (word.length < 4) return word;
  const i = random.int(1, word.length - 2);
  switch (random.int(0, 3)) {
    case 0: // a neighbouring key
      return (
        word.slice(0, i) +
        NEIGHBOURS.charAt((NEIGHBOURS.indexOf(word.charAt(i).toLowerCase()) + 1) % 26) +
        word.slice(i + 1)
      );
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    case 2:
      return word.slice(0, i) + word.charAt(i) + word.slice(i);
    default:
      return word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2);
  }
}

function particle(random: Random, word: string, arabic: boolean): string {
  // Al-Hussein, Al Hussein, Alhussein — not Ali or Alaoui.
  const article = /^(Al|El|al|el)(?:[- ](.+)|([^aeiou\s-][a-z]{3,}))$/.exec(word);
  const rest = article?.[2] ?? article?.[3];
  if (article && rest) return random.pick([rest, `${article[1]}${rest}`, `El-${rest}`]);
  const compound = /^(Abd|Abdul|Abdel|Abu|Abou)[- ]?(?:al-)?(.{3,})$/i.exec(word);
  if (compound)
    return random.bool()
      ? `${compound[1]} ${compound[2]}`
      : `${compound[1]}${compound[2]}`.replace(/\s/g, '');
  return arabic ? `${random.pick(['Al-', 'El-', 'Al '])}${word}` : word;
}

function applyNameVariation(
  random: Random,
  patient: SyntheticPatient,
  variation: Variation,
  origin: string,
): void {
  const latin = latinName(patient);
  const native = nativeName(patient);
  if (!latin) return;
  let given = [...(latin.given ?? [])];
  let family = latin.family;
  const words = (text: string) => text.split(' ');
  switch (variation) {
    case 'respell': {
      const respell = (part: string) =>
        words(part)
          .map((w) => (random.bool(0.7) ? respellWord(random, w, alternativesFor(w, native)) : w))
          .join(' ');
      given = given.map(respell);
      family = family && respell(family);
      break;
    }
    case 'typo': {
      const all = [...given, ...(family ? [family] : [])];
      const target = random.int(0, all.length - 1);
      all[target] = words(all[target] as string)
        .map((w, i) => (i === 0 ? typo(random, w) : w))
        .join(' ');
      given = all.slice(0, given.length);
      family = family && all[given.length];
      break;
    }
    case 'particle':
      if (family) family = particle(random, family, ARABIC_ORIGINS.has(origin));
      else
        given = given.map((g, i) =>
          i === given.length - 1 ? particle(random, g, ARABIC_ORIGINS.has(origin)) : g,
        );
      break;
    case 'nameOrder':
      if (family) [given, family] = [[family, ...given.slice(1)], given[0]];
      else given = given.reverse();
      break;
    case 'partDropped': {
      // The father's name (or a second given name, or the second surname) left out; or, where there
      // is none, the father's name from the native name added.
      // A native given name (father's, grandfather's) the Latin name does not have yet.
      const written = nameKey([...given, family ?? ''].join(' '));
      const missing = (part: string) =>
        !spellingsOf(part, language(native)).some((s) => written.includes(nameKey(s)));
      const extra = native?.given?.slice(1).find((part) => detectScript(part) !== 'latin' && missing(part));
      const surnames = family?.split(' ') ?? [];
      if (given.length > 1) given.splice(random.int(1, given.length - 1), 1);
      else if (
        surnames.length > 1 &&
        !/^(al|el|ben|bin|abu|abou|de|del|da|van|von)$/i.test(surnames[0] as string)
      )
        family = surnames[0];
      else if (extra) given.push(spellingsOf(extra, language(native))[0] ?? '');
      break;
    }
    case 'singleName':
      [given, family] = family ? [[], family] : [given.slice(0, 1), undefined];
      break;
  }
  setParts(latin, given, family);
  // A border that re-spells a name records it in Latin script only.
  patient.name = [latin];
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function setYearOnly(patient: SyntheticPatient, yearOnly: boolean): void {
  if (yearOnly) patient._birthDate = { extension: [{ url: BIRTH_DATE_PRECISION_EXT, valueCode: 'year' }] };
  else delete patient._birthDate;
}

function applyDateVariation(random: Random, patient: SyntheticPatient, variation: Variation): void {
  const match = patient.birthDate ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(patient.birthDate) : null;
  if (!match) return;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const placeholder = month === 1 && day === 1;
  switch (variation) {
    case 'placeholderDate':
      if (placeholder) {
        patient.birthDate = isoDate(year, random.int(1, 12), random.int(1, 28));
        setYearOnly(patient, false);
      } else {
        patient.birthDate = isoDate(year, 1, 1);
        setYearOnly(patient, random.bool());
      }
      break;
    case 'dayMonthSwap':
      if (day <= 12 && day !== month) patient.birthDate = isoDate(year, day, month);
      break;
    case 'yearOffByOne':
      // 29 February has no neighbour in the years either side.
      patient.birthDate = isoDate(
        year + (random.bool() ? 1 : -1),
        month,
        month === 2 && day === 29 ? 28 : day,
      );
      break;
    case 'birthDateMissing':
      delete patient.birthDate;
      delete patient._birthDate;
      break;
  }
}

function newNumber(random: Random, value: string): string {
  return value
    .replace(/[0-9]/g, () => String(random.int(0, 9)))
    .replace(/[A-Z]/g, () => String.fromCharCode(65 + random.int(0, 25)));
}

/**
 * One variation applied to a copy of a registration. Name variations leave the Latin name only (a
 * border that re-spells a name does not record its script). A variation that does not apply (a day
 * after the 12th cannot be swapped with the month) leaves the copy as it was.
 */
export function applyVariation(
  patient: SyntheticPatient,
  variation: Variation,
  random: Random,
  origin = '',
): SyntheticPatient {
  const copy = clone(patient);
  switch (variation) {
    case 'respell':
    case 'typo':
    case 'particle':
    case 'nameOrder':
    case 'partDropped':
    case 'singleName':
      applyNameVariation(random, copy, variation, origin);
      break;
    case 'nativeDropped': {
      const latin = latinName(copy);
      if (latin) copy.name = [latin];
      break;
    }
    case 'nationalityMissing':
      copy.extension = copy.extension?.filter((e) => e.url !== NATIONALITY_EXT);
      break;
    case 'sexUnknown':
      copy.gender = 'unknown';
      break;
    case 'otherDocument':
      copy.identifier = copy.identifier?.map((id): Identifier => ({
        ...id,
        value: newNumber(random, id.value ?? ''),
      }));
      break;
    case 'otherPhone':
      copy.telecom = copy.telecom?.map((t) => ({ ...t, value: newNumber(random, t.value ?? '') }));
      break;
    default:
      applyDateVariation(random, copy, variation);
  }
  return copy;
}

function arrivalExtension(day: number, place: string): Extension {
  const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
  return {
    url: ARRIVAL_EXT,
    extension: [
      { url: 'date', valueDate: date },
      { url: 'place', valueString: place },
    ],
  };
}

/** A brother or sister: the same family and father's names, their own given name, birth date and papers. */
function sibling(random: Random, person: SyntheticPerson, donor: SyntheticPerson): SyntheticPerson {
  const patient = clone(person.patient);
  for (const name of patient.name ?? []) {
    const from = donor.patient.name?.find((n) => n.use === name.use)?.given?.[0];
    if (!from || !name.given?.length) continue;
    name.given[0] = from;
    setParts(name, name.given, name.family);
  }
  patient.gender = donor.patient.gender;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(patient.birthDate ?? '');
  if (match && !random.bool(0.1)) {
    const year = Number(match[1]) + random.pick([-1, 1]) * random.int(1, 8);
    patient.birthDate =
      match[2] === '01' && match[3] === '01'
        ? isoDate(year, 1, 1)
        : isoDate(year, random.int(1, 12), random.int(1, 28));
  }
  patient.identifier = patient.identifier?.map((id) => ({ ...id, value: newNumber(random, id.value ?? '') }));
  // A family often gives one phone number; otherwise the sibling has their own, or none.
  if (patient.telecom && !random.bool(0.5)) {
    if (random.bool())
      patient.telecom = patient.telecom.map((t) => ({ ...t, value: newNumber(random, t.value ?? '') }));
    else delete patient.telecom;
  }
  return { patient, origin: person.origin };
}

interface Arrival {
  readonly day: number;
  readonly place: string;
}

function repeatRegistration(
  random: Random,
  person: SyntheticPerson,
  rates: VariationRates,
  arrival: Arrival,
): { patient: SyntheticPatient; variations: Variation[] } {
  let patient = clone(person.patient);
  const variations: Variation[] = [];
  const hadNative = patient.name?.length === 2;
  for (const variation of VARIATIONS) {
    if (variation === 'otherDocument' || variation === 'otherPhone' || !random.bool(rates[variation]))
      continue;
    const native = nativeName(patient);
    patient = applyVariation(patient, variation, random, person.origin);
    // Here a re-spelt name keeps the native one unless that variation is drawn too.
    if (native && patient.name?.length === 1 && variation !== 'nativeDropped') patient.name.unshift(native);
    variations.push(variation);
  }
  if (hadNative && patient.name?.length === 1 && !variations.includes('nativeDropped'))
    variations.push('nativeDropped');
  const document = random.next();
  if (patient.identifier && document >= rates.sameDocument) {
    if (document < rates.sameDocument + rates.otherDocument) {
      patient = applyVariation(patient, 'otherDocument', random);
      variations.push('otherDocument');
    } else delete patient.identifier;
  }
  const phone = random.next();
  if (patient.telecom && phone >= rates.samePhone) {
    if (phone < rates.samePhone + rates.otherPhone) {
      patient = applyVariation(patient, 'otherPhone', random);
      variations.push('otherPhone');
    } else delete patient.telecom;
  }
  patient.extension = patient.extension?.filter((e) => e.url !== ARRIVAL_EXT);
  if (random.bool(0.6)) {
    const same = random.bool(0.3);
    const day = same ? arrival.day : arrival.day + random.int(20, 400);
    (patient.extension ??= []).push(arrivalExtension(day, same ? arrival.place : random.pick(PLACES)));
  }
  return { patient, variations };
}

/**
 * People of generatePopulation (and some siblings) with repeat registrations, shuffled, each record
 * carrying its true person id. About count × (1 + siblingRate) × (1 + 1.2 × duplicateRate) records.
 */
export function generateDuplicates(options: DuplicateOptions): LinkageRecord[] {
  const rates: VariationRates = { ...DEFAULT_VARIATION_RATES, ...options.variation };
  const duplicateRate = options.duplicateRate ?? 0.3;
  const siblingRate = options.siblingRate ?? 0.08;
  const random = createRandom(options.seed ^ 0x51ab1e);
  const people = generatePopulation({
    count: options.count,
    seed: options.seed,
    managingOrganizations: [],
    ...(options.today ? { today: options.today } : {}),
  });
  const groups = new Map<string, SyntheticPerson[]>();
  for (const person of people) {
    const key = `${person.origin}|${person.patient.gender}`;
    const group = groups.get(key);
    if (group) group.push(person);
    else groups.set(key, [person]);
  }
  // People arrive by the boatload: some twenty-five per arrival, a family on the same one.
  const start = Date.UTC(2015, 0, 1) / 86_400_000;
  const arrivals: Arrival[] = Array.from({ length: Math.max(1, Math.round(options.count / 25)) }, () => ({
    day: start + random.int(0, 3800),
    place: random.pick(PLACES),
  }));
  const persons = people.map((person) => ({ person, arrival: random.pick(arrivals) }));
  for (const { person, arrival } of persons.slice()) {
    if (!random.bool(siblingRate)) continue;
    const donor = random.pick(
      groups.get(`${person.origin}|${random.bool() ? 'male' : 'female'}`) ?? [person],
    );
    persons.push({ person: sibling(random, person, donor), arrival });
  }
  const records: Omit<LinkageRecord, 'id'>[] = [];
  persons.forEach(({ person, arrival }, index) => {
    const personId = `person-${index + 1}`;
    const first = clone(person.patient);
    if (random.bool(0.6)) (first.extension ??= []).push(arrivalExtension(arrival.day, arrival.place));
    records.push({ personId, patient: first, variations: [] });
    if (!random.bool(duplicateRate)) return;
    const repeats = random.bool(0.2) ? 2 : 1;
    for (let k = 0; k < repeats; k++)
      records.push({ personId, ...repeatRegistration(random, person, rates, arrival) });
  });
  for (let i = records.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [records[i], records[j]] = [
      records[j] as Omit<LinkageRecord, 'id'>,
      records[i] as Omit<LinkageRecord, 'id'>,
    ];
  }
  return records.map((record, index) => {
    const id = `rec-${index + 1}`;
    record.patient.id = id;
    return { id, ...record };
  });
}
