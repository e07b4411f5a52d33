// Synthetic migrant and refugee population for the demo and for benchmarks: FHIR R4 Patients with names
// in the person's own script plus the Latin spelling a registering officer produced, realistic origins,
// ages, sexes, estimated (1 January) birth dates, languages and sparse documents. Deterministic for a
// seed, isomorphic (no Node or DOM APIs) and fast (no per-person normalisation, regexes or Date objects).
// None of these people exist; no real person's data was used.
import type {
  Address,
  ContactPoint,
  Extension,
  HumanName,
  Identifier,
  Patient,
  PatientCommunication,
} from '@medplum/fhirtypes';
import { BENGALI_MD, BENGALI_MST } from './names/bengali.ts';
import { UKRAINIAN_FAMILY, UKRAINIAN_FEMALE, UKRAINIAN_MALE } from './names/cyrillic.ts';
import type { CyrillicName, NameForm } from './names/table.ts';
import { URDU_MUHAMMAD } from './names/urdu.ts';
import type { Community, Origin } from './origins.ts';
import { LANGUAGE_NAMES, ORIGINS } from './origins.ts';
import type { Random, WeightedTable } from './random.ts';
import { createRandom, pickWeighted, pickZipf, weightedTable } from './random.ts';

export { createRandom } from './random.ts';
export type { Random } from './random.ts';

export const LANGUAGE_EXTENSION_URL = 'http://hl7.org/fhir/StructureDefinition/language';
export const NATIONALITY_EXTENSION_URL = 'http://hl7.org/fhir/StructureDefinition/patient-nationality';
export const BIRTH_DATE_PRECISION_URL =
  'https://passage.example.org/fhir/StructureDefinition/birth-date-precision';
export const ORIGIN_CODES: readonly string[] = ORIGINS.map((origin) => origin.code);

export interface PopulationOptions {
  count: number;
  seed: number;
  /** References for Patient.managingOrganization, e.g. ['Organization/site-a']; one is picked per person. */
  managingOrganizations: string[];
  /** ISO date the ages are computed from; default '2026-11-01'. */
  today?: string;
}

/** A Patient with the FHIR primitive extension on birthDate (JSON property `_birthDate`). */
export type SyntheticPatient = Patient & { _birthDate?: { extension: Extension[] } };

export interface SyntheticPerson {
  /** FHIR R4 Patient without id. */
  patient: SyntheticPatient;
  /** Country of origin, ISO 3166-1 alpha-2. */
  origin: string;
}

type Sex = 'male' | 'female';

interface CompiledCommunity {
  readonly community: Community;
  readonly languages: WeightedTable<readonly string[]>;
  readonly familyMale: readonly NameForm[];
  readonly familyFemale: readonly NameForm[];
}

interface CompiledOrigin {
  readonly origin: Origin;
  readonly communities: WeightedTable<CompiledCommunity>;
}

const ORIGIN_TABLE = weightedTable(
  ORIGINS.map((origin): readonly [CompiledOrigin, number] => [
    {
      origin,
      communities: weightedTable(
        origin.communities.map((community): readonly [CompiledCommunity, number] => [
          {
            community,
            languages: weightedTable(community.languages),
            familyMale: community.family.filter((name) => name.sex !== 'female'),
            familyFemale: community.family.filter((name) => name.sex !== 'male'),
          },
          community.weight,
        ]),
      ),
    },
    origin.weight,
  ]),
);

/** Age brackets [min, max] in years with weights: mostly young adults, many children, few over 60. */
const AGES = {
  asylum: weightedTable<readonly [number, number]>([
    [[0, 4], 8],
    [[5, 11], 9],
    [[12, 17], 9],
    [[18, 24], 20],
    [[25, 34], 27],
    [[35, 44], 14],
    [[45, 59], 9],
    [[60, 84], 4],
  ]),
  // Mostly women, children and older people: men of military age were largely unable to leave.
  ukraine: weightedTable<readonly [number, number]>([
    [[0, 4], 6],
    [[5, 11], 12],
    [[12, 17], 10],
    [[18, 24], 6],
    [[25, 34], 14],
    [[35, 44], 20],
    [[45, 59], 17],
    [[60, 89], 15],
  ]),
};

function maleShare(profile: Origin['profile'], age: number): number {
  if (profile === 'ukraine') return age < 18 ? 0.51 : age < 60 ? 0.28 : 0.33;
  // Unaccompanied minors are mostly boys of 14–17.
  return age < 12 ? 0.53 : age < 18 ? 0.7 : 0.72;
}

// --- names -------------------------------------------------------------------------------------------

interface NameDraft {
  readonly given: string[];
  family: string | undefined;
  readonly latinGiven: string[];
  latinFamily: string | undefined;
  /** Whether the registering system stripped diacritics. */
  readonly ascii: boolean;
}

/** Given names: the most common few carry a large share (Zipf–Mandelbrot, exponent 1). */
function pickGiven<T>(random: Random, names: readonly T[]): T {
  return pickZipf(random, names, 1, 1);
}

/** Family names are spread more evenly than given names: a flatter law. */
function pickFamily<T>(random: Random, names: readonly T[]): T {
  return pickZipf(random, names, 0.8, 2);
}

function spell(random: Random, name: NameForm | CyrillicName, ascii: boolean): string {
  const index = Math.floor(name.latin.length * Math.pow(random.next(), 1.6));
  return (ascii ? name.ascii[index] : name.latin[index]) as string;
}

function pickOther(random: Random, names: readonly NameForm[], not: NameForm): NameForm | undefined {
  const other = pickGiven(random, names);
  return other === not ? undefined : other;
}

function buildName(random: Random, compiled: CompiledCommunity, sex: Sex, draft: NameDraft): void {
  const c = compiled.community;
  const female = sex === 'female';
  const givenNames = female ? c.female : c.male;
  const families = female ? compiled.familyFemale : compiled.familyMale;
  const { given, latinGiven, ascii } = draft;
  const addGiven = (name: NameForm, inLatin: boolean): void => {
    given.push(name.native);
    if (inLatin) latinGiven.push(spell(random, name, ascii));
  };
  const setFamily = (name: NameForm): void => {
    draft.family = name.native;
    draft.latinFamily = spell(random, name, ascii);
  };

  switch (c.style) {
    case 'given-father-family': {
      addGiven(pickGiven(random, givenNames), true);
      if (random.bool(0.5)) addGiven(pickGiven(random, c.male), random.bool(0.4));
      setFamily(pickFamily(random, families));
      return;
    }
    case 'given-father-grandfather': {
      addGiven(pickGiven(random, givenNames), true);
      addGiven(pickGiven(random, c.male), true);
      const grandfather = pickGiven(random, c.male);
      given.push(grandfather.native);
      if (random.bool(c.familyRate ?? 0.5)) setFamily(pickFamily(random, families));
      // Without a family name, the officer files the grandfather's name as the surname.
      else draft.latinFamily = spell(random, grandfather, ascii);
      return;
    }
    case 'given-family': {
      addGiven(pickGiven(random, givenNames), true);
      setFamily(pickFamily(random, families));
      return;
    }
    case 'afghan': {
      addGiven(pickGiven(random, givenNames), true);
      // The father's name is on every tazkira and asked at every registration; without a family name,
      // officers often file it as the surname, or record the one name alone.
      const father = pickGiven(random, c.male);
      given.push(father.native);
      if (random.bool(0.45)) setFamily(pickFamily(random, families));
      else if (random.bool(0.6)) draft.latinFamily = spell(random, father, ascii);
      return;
    }
    case 'urdu': {
      const muhammad = !female && random.bool(0.45);
      if (muhammad) addGiven(URDU_MUHAMMAD, true);
      addGiven(pickGiven(random, givenNames), true);
      if (!muhammad || random.bool(0.65)) setFamily(pickFamily(random, families));
      return;
    }
    case 'bengali': {
      if (random.bool(female ? 0.2 : 0.4)) addGiven(female ? BENGALI_MST : BENGALI_MD, true);
      addGiven(pickGiven(random, givenNames), true);
      setFamily(pickFamily(random, families));
      return;
    }
    case 'cyrillic': {
      const russian = c.cyrillic === 'ru';
      const own = pickGiven(random, female ? UKRAINIAN_FEMALE : UKRAINIAN_MALE);
      const father = pickGiven(random, UKRAINIAN_MALE);
      const family = pickFamily(random, UKRAINIAN_FAMILY);
      given.push(russian ? own.ru : own.uk);
      const patronymic = father.patronymic?.[(russian ? 2 : 0) + (female ? 1 : 0)];
      if (patronymic) given.push(patronymic);
      latinGiven.push(spell(random, own, ascii));
      draft.family = russian ? family.ru : family.uk;
      draft.latinFamily = spell(random, family, ascii);
      return;
    }
    case 'given-father': {
      addGiven(pickGiven(random, givenNames), true);
      const father = pickGiven(random, c.male);
      given.push(father.native);
      if (random.bool(0.2)) given.push(pickGiven(random, c.male).native);
      // No family name: most registrations file the father's name as the surname.
      if (random.bool(0.8)) draft.latinFamily = spell(random, father, ascii);
      else latinGiven.push(spell(random, father, ascii));
      return;
    }
    case 'somali': {
      addGiven(pickGiven(random, givenNames), true);
      const father = pickGiven(random, c.male);
      const grandfather = pickGiven(random, c.male);
      given.push(father.native, grandfather.native);
      if (random.bool(0.5)) {
        latinGiven.push(spell(random, father, ascii));
        draft.latinFamily = spell(random, grandfather, ascii);
      } else {
        draft.latinFamily = spell(random, father, ascii);
      }
      return;
    }
    case 'nigerian': {
      const first = female ? c.firstFemale : c.firstMale;
      if (first && random.bool(0.45)) addGiven(pickGiven(random, first), true);
      const own = pickGiven(random, givenNames);
      addGiven(own, true);
      // Some Edo names serve as given and family names (Osagie); avoid Osagie Osagie.
      let family = pickFamily(random, families);
      if (family.native === own.native) {
        family = families[(families.indexOf(family) + 1) % families.length] as NameForm;
      }
      setFamily(family);
      return;
    }
    case 'turkish':
    case 'spanish': {
      const own = pickGiven(random, givenNames);
      addGiven(own, true);
      const second = random.bool(c.style === 'spanish' ? 0.45 : 0.2)
        ? pickOther(random, givenNames, own)
        : undefined;
      if (second) addGiven(second, random.bool(0.6));
      const surname = pickFamily(random, families);
      if (c.style === 'turkish') {
        setFamily(surname);
        return;
      }
      // Two surnames (father's, mother's); registrations often keep only the first or hyphenate them.
      const mother =
        pickOther(random, families, surname) ??
        (families[(families.indexOf(surname) + 1) % families.length] as NameForm);
      const paternal = spell(random, surname, ascii);
      const maternal = spell(random, mother, ascii);
      draft.family = `${surname.native} ${mother.native}`;
      const form = random.next();
      draft.latinFamily =
        form < 0.6 ? `${paternal} ${maternal}` : form < 0.85 ? paternal : `${paternal}-${maternal}`;
      return;
    }
  }
}

function joinName(given: readonly string[], family: string | undefined): string {
  return family === undefined ? given.join(' ') : `${given.join(' ')} ${family}`;
}

function humanNames(draft: NameDraft, nameLanguage: string): HumanName[] {
  const language: Extension[] = [{ url: LANGUAGE_EXTENSION_URL, valueCode: nameLanguage }];
  const native: HumanName =
    draft.family === undefined
      ? { use: 'official', text: joinName(draft.given, undefined), given: draft.given, extension: language }
      : {
          use: 'official',
          text: joinName(draft.given, draft.family),
          family: draft.family,
          given: draft.given,
          extension: language,
        };
  const usual: HumanName =
    draft.latinFamily === undefined
      ? { use: 'usual', text: joinName(draft.latinGiven, undefined), given: draft.latinGiven }
      : {
          use: 'usual',
          text: joinName(draft.latinGiven, draft.latinFamily),
          family: draft.latinFamily,
          given: draft.latinGiven,
        };
  return [native, usual];
}

// --- dates, documents, contact ----------------------------------------------------------------------

const DAY_MS = 86_400_000;

function parseToday(today: string): { days: number; year: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  const days = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS : NaN;
  if (!match || !Number.isInteger(days) || isoDate(days) !== today) {
    throw new RangeError(`today must be an ISO date (YYYY-MM-DD), got ${today}`);
  }
  return { days, year: Number(match[1]) };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** Days since 1970-01-01 to YYYY-MM-DD (proleptic Gregorian; H. Hinnant's civil_from_days). */
function isoDate(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

function fillPattern(random: Random, pattern: string): string {
  let out = '';
  for (const ch of pattern) {
    if (ch === '#') out += String.fromCharCode(48 + Math.floor(random.next() * 10));
    else if (ch === 'A') out += LETTERS.charAt(Math.floor(random.next() * LETTERS.length));
    else out += ch;
  }
  return out;
}

function identifier(random: Random, origin: Origin): Identifier {
  const national = origin.nationalId !== undefined && random.bool(0.4);
  const code = national ? 'NI' : 'PPN';
  const display = national ? 'National unique individual identifier' : 'Passport number';
  return {
    use: 'official',
    type: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code, display }],
      text: display,
    },
    system: `urn:passage:id:${origin.code.toLowerCase()}:${national ? 'national-id' : 'passport'}`,
    value: fillPattern(random, national ? (origin.nationalId as string) : origin.passport),
  };
}

function communication(languages: readonly string[]): PatientCommunication[] {
  return languages.map((code, index) => {
    const display = LANGUAGE_NAMES[code] ?? code;
    const entry: PatientCommunication = {
      language: { coding: [{ system: 'urn:ietf:bcp:47', code, display }], text: display },
    };
    if (index === 0) entry.preferred = true;
    return entry;
  });
}

// --- generation ---------------------------------------------------------------------------------------

export function generatePopulation(options: PopulationOptions): SyntheticPerson[] {
  const { count, seed, managingOrganizations } = options;
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
  const today = parseToday(options.today ?? '2026-11-01');
  const random = createRandom(seed);
  const people: SyntheticPerson[] = new Array<SyntheticPerson>(count);

  for (let i = 0; i < count; i++) {
    const { origin, communities } = pickWeighted(random, ORIGIN_TABLE);
    const compiled = pickWeighted(random, communities);

    const [minAge, maxAge] = pickWeighted(random, AGES[origin.profile]);
    const age = random.int(minAge, maxAge);
    const gender: Patient['gender'] =
      random.next() < 0.002 ? 'other' : random.bool(maleShare(origin.profile, age)) ? 'male' : 'female';
    const nameSex: Sex = gender === 'other' ? (random.bool() ? 'male' : 'female') : gender;

    const draft: NameDraft = {
      given: [],
      family: undefined,
      latinGiven: [],
      latinFamily: undefined,
      ascii: random.bool(0.5),
    };
    buildName(random, compiled, nameSex, draft);

    const yearOnly = random.bool(origin.yearOnly);
    const birthDate = yearOnly
      ? `${today.year - age}-01-01`
      : isoDate(today.days - Math.floor((age + random.next()) * 365.2425));

    const patient: SyntheticPatient = {
      resourceType: 'Patient',
      active: true,
      extension: [
        {
          url: NATIONALITY_EXTENSION_URL,
          extension: [
            {
              url: 'code',
              valueCodeableConcept: { coding: [{ system: 'urn:iso:std:iso:3166', code: origin.code }] },
            },
          ],
        },
      ],
    };
    if (random.bool(origin.documented * (age < 18 ? 0.6 : 1)))
      patient.identifier = [identifier(random, origin)];
    patient.name = humanNames(draft, compiled.community.nameLanguage);
    const phoneRate = age >= 18 ? 0.26 : age >= 14 ? 0.1 : 0;
    if (phoneRate > 0 && random.bool(phoneRate)) {
      const phone: ContactPoint = {
        system: 'phone',
        value: `+30 69${fillPattern(random, '# ### ####')}`,
        use: 'mobile',
      };
      patient.telecom = [phone];
    }
    patient.gender = gender;
    patient.birthDate = birthDate;
    if (yearOnly) patient._birthDate = { extension: [{ url: BIRTH_DATE_PRECISION_URL, valueCode: 'year' }] };
    const address: Address = { use: 'temp', type: 'physical', text: 'Reception centre', country: 'GR' };
    patient.address = [address];
    patient.communication = communication(pickWeighted(random, compiled.languages));
    if (managingOrganizations.length > 0) {
      patient.managingOrganization = { reference: random.pick(managingOrganizations) };
    }
    people[i] = { patient, origin: origin.code };
  }
  return people;
}
