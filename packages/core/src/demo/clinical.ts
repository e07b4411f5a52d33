// Synthetic clinical data for the demo and for benchmarks: an arrival health assessment answered for a
// synthetic person (population.ts) as an examiner would answer it — vitals and growth for the person's
// age and sex, the screening tests ECDC 2018 offers for their origin with results at the country's
// prevalence, and diagnoses at the frequencies of Zenner et al. 2022 (shared/reference/population.md) —
// and the follow-up that comes later (results that arrived, referrals completed, a visit with vitals).
// Deterministic for a seed, isomorphic (no Node or DOM APIs). None of these people exist.
import type {
  Coding,
  Condition,
  Encounter,
  Observation,
  Provenance,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
  Resource,
  ServiceRequest,
} from '@medplum/fhirtypes';
import {
  ASSESSMENT_TESTS,
  DIARRHOEA,
  ENCOUNTER_TYPES,
  FITNESS,
  FREQUENCY_SCALE,
  MEASURE_POSITION,
  REFERRAL_TARGETS,
  SEVERITY,
  SUBSTANCE_USE,
  TB_HISTORY,
  TEST_RESULTS,
  URGENCY,
  VACCINE_SOURCE,
  YES_NO_UNKNOWN,
  BODY_SYSTEMS,
  OBSERVATION_CODES as OBS,
} from '../assessment/codes.ts';
import { contextItems } from '../assessment/context.ts';
import type { Decision } from '../assessment/decisions.ts';
import { FOLLOW_UP_CATEGORY, NOTIFIABLE_TAG, REFERRAL_CATEGORY } from '../assessment/extract.ts';
import {
  GAD7_ITEMS,
  HEALTH_ASSESSMENT_URL,
  HEALTH_ASSESSMENT_VERSION,
  PHQ9_ITEMS,
} from '../assessment/health-assessment.ts';
import { passageCode } from '../assessment/questionnaire-builder.ts';
import { ECDC_2018_TABLE } from '../decision-support/ecdc-2018-table.ts';
import { recommend } from '../decision-support/recommend.ts';
import type { RecordedImmunization } from '../decision-support/input.ts';
import { TESTS } from '../decision-support/screening-tests.ts';
import { antigensOf, cvxCoding, type Antigen, type CvxCode } from '../decision-support/vaccines.ts';
import { DAYS_PER_MONTH } from '../growth/growth.ts';
import { interpolateLms, valueAtZ, type LmsRow } from '../growth/lms.ts';
import { CURVES } from '../growth/tables.ts';
import { ageInDays, ageInYears } from '../records/age.ts';
import { SENSITIVE_LABEL } from '../records/fhir-conventions.ts';
import { icd10Coding, icd10Entry } from '../terminology/icd10.ts';
import type { SyntheticPerson } from './population.ts';
import type { Random } from './random.ts';
import { LANGUAGE_NAMES } from './origins.ts';

export interface AssessmentOptions {
  random: Random;
  /** The day of the assessment, YYYY-MM-DD; not before the person's birth date. */
  date: string;
  /** The stored Patient's id, for QuestionnaireResponse.subject. */
  patientId: string;
}

// --- small helpers ----------------------------------------------------------------------------------

type Item = QuestionnaireResponseItem;
type AnswerValue = QuestionnaireResponseItemAnswer;

const DAY_MS = 86_400_000;

function toDays(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function fromDays(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

/** A standard normal deviate (Box–Muller). */
function normal(random: Random): number {
  const u = 1 - random.next();
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const clamp = (x: number, min: number, max: number) => Math.min(max, Math.max(min, x));
const round1 = (x: number) => Math.round(x * 10) / 10;

const answer = (linkId: string, ...values: AnswerValue[]): Item => ({ linkId, answer: values });
const bool = (linkId: string, value: boolean): Item => answer(linkId, { valueBoolean: value });
const str = (linkId: string, value: string): Item => answer(linkId, { valueString: value });
const int = (linkId: string, value: number): Item => answer(linkId, { valueInteger: Math.round(value) });
const dec = (linkId: string, value: number): Item => answer(linkId, { valueDecimal: value });
const day = (linkId: string, value: string): Item => answer(linkId, { valueDate: value });
const coded = (linkId: string, coding: Coding): Item => answer(linkId, { valueCoding: coding });

/** A group, or nothing when none of its items was answered. */
function group(linkId: string, items: readonly (Item | undefined)[]): Item | undefined {
  const present = items.filter((i): i is Item => i !== undefined);
  return present.length > 0 ? { linkId, item: present } : undefined;
}

function option(options: readonly Coding[], code: string): Coding {
  const found = options.find((o) => o.code === code);
  if (!found) throw new Error(`no answer option ${code}`);
  return found;
}

const yesNo = (code: 'yes' | 'no' | 'unknown') => option(YES_NO_UNKNOWN, code);
const test = (code: string): Coding => {
  const found = ASSESSMENT_TESTS.find((t) => t.code === code);
  if (!found) throw new Error(`no assessment test ${code}`);
  return found;
};

// --- what the origin tells about health ------------------------------------------------------------

/** Adult mean heights (cm), children's mean height- and weight-for-length z, FGM, vaccination cards. */
interface OriginHealth {
  readonly height: readonly [male: number, female: number];
  readonly haz: number;
  readonly whz: number;
  readonly fgm: number;
  /** Probability that a child has a vaccination card. */
  readonly card: number;
}

const DEFAULT_HEALTH: OriginHealth = { height: [171, 159], haz: -0.3, whz: -0.1, fgm: 0, card: 0.3 };
const ORIGIN_HEALTH: Readonly<Record<string, OriginHealth>> = {
  SY: { height: [173, 160], haz: -0.4, whz: -0.1, fgm: 0, card: 0.35 },
  AF: { height: [168, 156], haz: -1.0, whz: -0.3, fgm: 0, card: 0.2 },
  UA: { height: [177, 165], haz: 0.1, whz: 0.2, fgm: 0, card: 0.8 },
  IQ: { height: [172, 158], haz: -0.5, whz: -0.1, fgm: 0.07, card: 0.4 },
  IR: { height: [174, 160], haz: -0.3, whz: 0, fgm: 0, card: 0.5 },
  PK: { height: [167, 154], haz: -1.0, whz: -0.4, fgm: 0, card: 0.25 },
  BD: { height: [165, 152], haz: -0.9, whz: -0.4, fgm: 0, card: 0.3 },
  NG: { height: [168, 157], haz: -0.9, whz: -0.3, fgm: 0.2, card: 0.25 },
  ER: { height: [171, 158], haz: -1.0, whz: -0.5, fgm: 0.83, card: 0.2 },
  SO: { height: [172, 158], haz: -0.9, whz: -0.6, fgm: 0.99, card: 0.15 },
  GN: { height: [168, 158], haz: -0.8, whz: -0.3, fgm: 0.95, card: 0.2 },
  ML: { height: [171, 161], haz: -0.9, whz: -0.4, fgm: 0.89, card: 0.2 },
  CI: { height: [170, 159], haz: -0.7, whz: -0.3, fgm: 0.37, card: 0.25 },
  SN: { height: [174, 163], haz: -0.6, whz: -0.3, fgm: 0.25, card: 0.3 },
  MA: { height: [173, 160], haz: -0.3, whz: 0, fgm: 0, card: 0.5 },
  TN: { height: [175, 161], haz: -0.2, whz: 0, fgm: 0, card: 0.5 },
  EG: { height: [171, 159], haz: -0.5, whz: 0, fgm: 0.87, card: 0.5 },
  TR: { height: [175, 161], haz: -0.2, whz: 0.1, fgm: 0, card: 0.6 },
  GE: { height: [176, 163], haz: -0.1, whz: 0.1, fgm: 0, card: 0.6 },
  VE: { height: [171, 159], haz: -0.5, whz: -0.1, fgm: 0, card: 0.5 },
  CO: { height: [170, 158], haz: -0.4, whz: 0, fgm: 0, card: 0.5 },
};

function figure(origin: string, indicator: keyof typeof INDICATOR_KEYS): number | undefined {
  const row = Object.hasOwn(ECDC_2018_TABLE.countries, origin)
    ? ECDC_2018_TABLE.countries[origin]
    : undefined;
  return row?.[INDICATOR_KEYS[indicator]];
}
const INDICATOR_KEYS = {
  tb: 'tb-incidence-per-100k',
  hiv: 'hiv-prevalence-pct',
  hbsag: 'hbsag-prevalence-pct',
  hcv: 'anti-hcv-prevalence-pct',
} as const;

const SUB_SAHARAN = new Set(['NG', 'ER', 'SO', 'GN', 'ML', 'CI', 'SN']);

/**
 * How likely a test comes back positive for a person from this origin at this age. Shared by the
 * assessment (results on the day) and the follow-up (results that arrived later), so both agree.
 */
export function positiveRate(testCode: string, origin: string, age: number): number {
  const tb = figure(origin, 'tb') ?? 20;
  switch (testCode) {
    case TESTS.igra.code:
    case TESTS.tst.code:
      // Latent TB infection: about 10–20% of adults from high-incidence countries, fewer children.
      return clamp(0.04 + tb / 1300, 0.03, 0.22) * (age < 15 ? 0.5 : 1);
    case TESTS.chestXray.code:
      return tb >= 100 ? 0.008 : 0.004;
    case TESTS.hivAgAb.code:
      return ((figure(origin, 'hiv') ?? 0.05) / 100) * 1.2;
    case TESTS.hbsag.code:
      return ((figure(origin, 'hbsag') ?? 2) / 100) * (age < 15 ? 0.4 : 1);
    case TESTS.antiHbc.code:
      return clamp(((figure(origin, 'hbsag') ?? 2) / 100) * 4, 0, 0.6) * (age < 15 ? 0.4 : 1);
    case TESTS.antiHbs.code:
      return 0.45;
    case TESTS.antiHcv.code:
      return (figure(origin, 'hcv') ?? 1) / 100;
    case TESTS.hcvRna.code:
      return 0.65;
    case TESTS.schistosomaSerology.code:
      return SUB_SAHARAN.has(origin) ? 0.18 : 0.04;
    case TESTS.strongyloidesSerology.code:
      return SUB_SAHARAN.has(origin) ? 0.12 : ['AF', 'PK', 'BD', 'VE', 'CO'].includes(origin) ? 0.08 : 0.04;
    case '70569-9': // malaria rapid test, offered to febrile people from endemic areas
      return 0.25;
    case '11545-1': // sputum smear, after an abnormal X-ray
      return 0.3;
    case '20507-0': // syphilis RPR
      return 0.01;
    default:
      return 0.05;
  }
}

// --- the person -------------------------------------------------------------------------------------

type Sex = 'male' | 'female';

interface Facts {
  readonly random: Random;
  readonly date: string;
  readonly origin: string;
  readonly health: OriginHealth;
  readonly ukraine: boolean;
  /** Age in years with a fraction, as the form's context shows it (two decimals). */
  readonly age: number;
  readonly ageDays: number;
  readonly ageMonths: number;
  readonly gender: string;
  readonly sex: Sex;
  readonly birthDate: string;
  readonly language: { code: string; name: string };
}

function facts(person: SyntheticPerson, options: AssessmentOptions): Facts {
  const { random, date } = options;
  const patient = person.patient;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`date must be YYYY-MM-DD, got ${date}`);
  const birthDate = patient.birthDate ?? date;
  if (birthDate > date) throw new RangeError(`the assessment (${date}) is before the birth (${birthDate})`);
  const years = ageInYears(birthDate, date) ?? 0;
  const days = ageInDays(birthDate, date) ?? 0;
  const preferred =
    patient.communication?.find((c) => c.preferred) ?? patient.communication?.[0] ?? undefined;
  const code = preferred?.language.coding?.[0]?.code ?? 'en';
  const gender = patient.gender ?? 'unknown';
  return {
    random,
    date,
    origin: person.origin,
    health: ORIGIN_HEALTH[person.origin] ?? DEFAULT_HEALTH,
    ukraine: person.origin === 'UA',
    age: Math.round(years * 100) / 100,
    ageDays: days,
    ageMonths: days / DAYS_PER_MONTH,
    gender,
    sex: gender === 'female' ? 'female' : gender === 'male' ? 'male' : random.bool() ? 'male' : 'female',
    birthDate,
    language: { code, name: LANGUAGE_NAMES[code] ?? preferred?.language.text ?? code },
  };
}

// --- chronic conditions -----------------------------------------------------------------------------

/** Probability by age band: [under 12, 12–17, 18–34, 35–44, 45–59, 60+]. */
type ByAge = readonly [number, number, number, number, number, number];
function byAge(age: number, p: ByAge): number {
  return age < 12 ? p[0] : age < 18 ? p[1] : age < 35 ? p[2] : age < 45 ? p[3] : age < 60 ? p[4] : p[5];
}

/** Odds ratio applied to a probability. */
function withOdds(p: number, ratio: number): number {
  const odds = (p / (1 - p)) * ratio;
  return odds / (1 + odds);
}

interface Chronic {
  /** ICD-10 code. */
  code: string;
  /** Known before arrival (problem list) or found today (a diagnosis of this visit). */
  known: boolean;
  medication?: { name: string; dose: string };
}

const MEDICATION: Readonly<Record<string, readonly { name: string; dose: string }[]>> = {
  'E11.9': [
    { name: 'Metformin 500 mg', dose: '1 tablet twice daily with meals' },
    { name: 'Metformin 850 mg', dose: '1 tablet twice daily' },
    { name: 'Gliclazide 80 mg', dose: '1 tablet in the morning' },
  ],
  'E10.9': [{ name: 'Insulin (human, biphasic 30/70)', dose: '18 units morning, 10 units evening' }],
  I10: [
    { name: 'Amlodipine 5 mg', dose: '1 tablet once daily' },
    { name: 'Enalapril 10 mg', dose: '1 tablet once daily' },
    { name: 'Hydrochlorothiazide 25 mg', dose: '1 tablet in the morning' },
  ],
  'I25.9': [{ name: 'Acetylsalicylic acid 100 mg', dose: '1 tablet once daily' }],
  'I50.9': [{ name: 'Furosemide 40 mg', dose: '1 tablet in the morning' }],
  I64: [{ name: 'Acetylsalicylic acid 100 mg', dose: '1 tablet once daily' }],
  'G40.9': [
    { name: 'Carbamazepine 200 mg', dose: '1 tablet twice daily' },
    { name: 'Sodium valproate 500 mg', dose: '1 tablet twice daily' },
    { name: 'Levetiracetam 500 mg', dose: '1 tablet twice daily' },
  ],
  'G43.9': [
    { name: 'Ibuprofen 400 mg', dose: 'as needed, at most 3 a day' },
    { name: 'Paracetamol 500 mg', dose: '2 tablets as needed' },
  ],
  'N18.9': [{ name: 'Calcium carbonate 500 mg', dose: '1 tablet three times daily with meals' }],
  'J45.9': [{ name: 'Salbutamol inhaler 100 µg', dose: '2 puffs as needed' }],
  'J44.9': [{ name: 'Salbutamol inhaler 100 µg', dose: '2 puffs four times daily' }],
  'F32.9': [{ name: 'Sertraline 50 mg', dose: '1 tablet once daily' }],
  'F43.1': [{ name: 'Sertraline 50 mg', dose: '1 tablet once daily' }],
  'F41.1': [{ name: 'Escitalopram 10 mg', dose: '1 tablet once daily' }],
  Z21: [{ name: 'Tenofovir/lamivudine/dolutegravir (TLD)', dose: '1 tablet once daily' }],
};

function chronicConditions(f: Facts): Chronic[] {
  const { random, age } = f;
  const female = f.sex === 'female';
  const out: Chronic[] = [];
  const add = (code: string, knownRate = 0.8) => {
    const known = random.bool(knownRate);
    const options = MEDICATION[code];
    const treated = known && options !== undefined && random.bool(code === 'G43.9' ? 0.4 : 0.75);
    out.push({ code, known, ...(treated && options ? { medication: random.pick(options) } : {}) });
  };
  // Cardiovascular disease (5.7% of people), steeply by age; Ukrainian arrivals are older and have
  // the NCD burden of a European population.
  const cvScale = f.ukraine ? 1.2 : 1;
  const cardiovascular = random.bool(byAge(age, [0.001, 0.003, 0.02, 0.077, 0.17, 0.335]) * cvScale);
  if (cardiovascular) {
    const code =
      age >= 45
        ? random.weighted<string>([
            ['I10', 80],
            ['I25.9', 10],
            ['I50.9', 5],
            ['I64', 5],
          ])
        : 'I10';
    add(code, 0.75);
  }
  // Type 2 diabetes (4.5% of adults), associated with cardiovascular disease (adjusted OR 3.3).
  if (age < 18) {
    if (random.bool(0.0015)) add('E10.9', 1);
  } else {
    const base = byAge(age, [0, 0, 0.012, 0.04, 0.082, 0.13]);
    if (random.bool(cardiovascular ? withOdds(base, 3.3) : base)) add('E11.9', 0.8);
  }
  // Chronic kidney disease (1.5%), more with diabetes or hypertension.
  const kidney = byAge(age, [0.002, 0.004, 0.009, 0.016, 0.03, 0.065]);
  if (random.bool(out.length > 0 ? kidney * 2 : kidney)) add('N18.9', 0.85);
  // Neurological (8.2%): migraine, commoner in women, and epilepsy.
  const migraine = byAge(age, [0.012, 0.053, 0.104, 0.114, 0.094, 0.053]) * (female ? 1.45 : 0.6);
  if (random.bool(migraine)) add('G43.9', 0.7);
  else if (random.bool(0.012)) add('G40.9', 0.9);
  // Asthma and COPD, a few.
  if (random.bool(age >= 45 ? 0.006 : 0.004)) add(age >= 45 ? 'J44.9' : 'J45.9', 0.9);
  return out;
}

// --- growth -----------------------------------------------------------------------------------------

function atZ(rows: readonly LmsRow[], x: number, z: number): number | undefined {
  const lms = interpolateLms(rows, x);
  return lms ? valueAtZ(z, lms.L, lms.M, lms.S) : undefined;
}

interface Body {
  weight: number;
  height: number;
  /** Children under 5 only. */
  muac?: number;
  head?: number;
  whz?: number;
  haz?: number;
  bmi: number;
}

function body(f: Facts, diabetes: boolean, pregnantWeeks: number | undefined): Body {
  const { random, sex, age } = f;
  if (age >= 18) {
    const [male, female] = f.health.height;
    const mean = (sex === 'male' ? male : female) - (age >= 60 ? 2 : 0);
    const height = clamp(round1(mean + normal(random) * (sex === 'male' ? 7 : 6.5)), 140, 205);
    const baseBmi = f.ukraine ? 26.5 : sex === 'male' ? 23 : 25;
    const bmi = clamp(baseBmi + (age - 30) * 0.06 + (diabetes ? 3 : 0) + normal(random) * 3.8, 16, 46);
    const gain = pregnantWeeks !== undefined ? Math.max(0, pregnantWeeks - 12) * 0.45 : 0;
    const weight = round1(bmi * (height / 100) ** 2 + gain);
    return { weight, height, bmi: weight / (height / 100) ** 2 };
  }
  // Children: a height-for-age and a weight-for-height (or BMI-for-age) z-score, then the
  // measurements at those z-scores on the WHO curves.
  const curves = sex;
  const months = f.ageMonths;
  const haz = clamp(f.health.haz + normal(random) * 1.05, -4.5, 3.5);
  const lengthRows = months < 24 ? CURVES.lengthForAge[curves] : CURVES.heightForAge[curves];
  const height = round1(atZ(lengthRows, months, haz) ?? 50);
  const whz = clamp(f.health.whz + normal(random) * 1.0, -4, 3.5);
  let weight: number | undefined;
  if (months <= 60) {
    const rows = months < 24 ? CURVES.weightForLength[curves] : CURVES.weightForHeight[curves];
    weight = atZ(rows, height, whz);
  } else {
    const bmi = atZ(CURVES.bmiForAgeHeight[curves], months, whz);
    if (bmi !== undefined) weight = bmi * (height / 100) ** 2;
  }
  weight ??= atZ(CURVES.weightForAge[curves], months, (whz + haz) / 2) ?? 3.3;
  const out: Body = {
    weight: Math.max(1, Math.round(weight * 10) / 10),
    height,
    whz,
    haz,
    bmi: 0,
  };
  out.bmi = out.weight / (height / 100) ** 2;
  if (months >= 6 && age < 5) {
    const z = clamp(0.75 * whz + 0.66 * normal(random), -4.5, 3);
    const muac = atZ(CURVES.armCircumferenceForAge[curves], months, z);
    if (muac !== undefined) out.muac = round1(muac);
  }
  if (age < 2 && random.bool(0.85)) {
    const hc = atZ(CURVES.headCircumferenceForAge[curves], months, normal(random));
    if (hc !== undefined) out.head = round1(hc);
  }
  return out;
}

// --- vitals -----------------------------------------------------------------------------------------

interface Vitals {
  temperature: number;
  systolic?: number;
  diastolic?: number;
  heartRate: number;
  respiratoryRate: number;
  spo2: number;
}

function vitals(f: Facts, fever: boolean, hypertension: boolean, lowerRespiratory: boolean): Vitals {
  const { random, age } = f;
  const temperature = fever
    ? round1(38 + random.next() * 1.7)
    : round1(clamp(36.8 + normal(random) * 0.25, 36.0, 37.6));
  const feverBeats = Math.max(0, temperature - 37) * 10;
  const [hrMean, hrSd, rrMean, rrSd] =
    age < 1
      ? [130, 14, 40, 6]
      : age < 3
        ? [115, 12, 28, 4]
        : age < 6
          ? [104, 11, 24, 3]
          : age < 12
            ? [90, 11, 21, 3]
            : age < 18
              ? [80, 11, 18, 2]
              : [75, 10, 15, 2];
  const heartRate = Math.round(clamp(hrMean + feverBeats + normal(random) * hrSd, 45, 200));
  const respiratoryRate = Math.round(
    clamp(rrMean + (lowerRespiratory ? 6 : 0) + normal(random) * rrSd, 8, 70),
  );
  const spo2 = Math.round(
    clamp(lowerRespiratory ? 94 + normal(random) * 1.5 : 98 + normal(random) * 0.9, 86, 100),
  );
  const out: Vitals = { temperature, heartRate, respiratoryRate, spo2 };
  if (age >= 3) {
    let systolic: number;
    let diastolic: number;
    if (age < 12) {
      systolic = 92 + 1.6 * age + normal(random) * 8;
      diastolic = 56 + 1.0 * age + normal(random) * 7;
    } else if (age < 18) {
      systolic = 108 + normal(random) * 10 + (f.sex === 'male' ? 3 : 0);
      diastolic = 66 + normal(random) * 8;
    } else {
      systolic = 113 + 0.45 * (age - 20) + (f.sex === 'male' ? 5 : 0) + normal(random) * 11;
      diastolic = 72 + 0.22 * (age - 20) + normal(random) * 8;
      if (hypertension) {
        systolic += 18 + random.next() * 18;
        diastolic += 10 + random.next() * 10;
      }
    }
    out.systolic = Math.round(clamp(systolic, 75, 230));
    out.diastolic = Math.round(clamp(diastolic, 40, Math.min(140, (out.systolic as number) - 20)));
  }
  return out;
}

// --- vaccination history ----------------------------------------------------------------------------

interface Dose {
  cvx: CvxCode;
  date?: string;
  dose?: number;
  source: 'documented' | 'self-reported' | 'given-today';
}

/** Scheduled doses (CVX, age in days, dose number) as a vaccination card from the region shows them. */
const SCHEDULE_CARD: readonly (readonly [CvxCode, number, number])[] = [
  ['19', 1, 1],
  ['178', 42, 1],
  ['198', 42, 1],
  ['178', 70, 2],
  ['198', 70, 2],
  ['178', 98, 3],
  ['198', 98, 3],
  ['10', 98, 1],
  ['05', 274, 1],
  ['04', 548, 2],
];
const SCHEDULE_UKRAINE: readonly (readonly [CvxCode, number, number])[] = [
  ['19', 4, 1],
  ['08', 1, 1],
  ['146', 61, 1],
  ['146', 122, 2],
  ['146', 183, 3],
  ['03', 365, 1],
  ['130', 548, 4],
  ['03', 2190, 2],
  ['130', 2190, 5],
  ['09', 5840, 6],
];

function vaccinationHistory(f: Facts): Dose[] {
  const { random, age } = f;
  const birth = toDays(f.birthDate);
  const today = toDays(f.date);
  const doses: Dose[] = [];
  const child = age < 18;
  const documented = random.bool(child ? f.health.card : f.ukraine ? 0.3 : 0.05);
  if (documented) {
    if (child || f.ukraine) {
      for (const [cvx, offset, dose] of f.ukraine ? SCHEDULE_UKRAINE : SCHEDULE_CARD) {
        const when = birth + offset + random.int(0, 20);
        if (when > today || !random.bool(0.9)) continue;
        doses.push({ cvx, date: fromDays(when), dose, source: 'documented' });
      }
    }
    if (!child) {
      const tdDay = Math.max(birth + 16 * 365, today - random.int(365, 3650));
      if (tdDay <= today && random.bool(0.6))
        doses.push({ cvx: '09', date: fromDays(tdDay), source: 'documented' });
      const covid = toDays('2021-06-01') + random.int(0, 300);
      if (covid > birth + 12 * 365 && covid <= today && random.bool(0.6)) {
        const cvx: CvxCode = f.ukraine ? '208' : random.pick<CvxCode>(['510', '511', '210', '208']);
        doses.push({ cvx, date: fromDays(covid), dose: 1, source: 'documented' });
        if (covid + 28 <= today)
          doses.push({ cvx, date: fromDays(covid + 28), dose: 2, source: 'documented' });
      }
    }
  } else if (random.bool(child ? 0.45 : 0.35)) {
    // What people remember: a childhood scar, "all the injections", a COVID-19 vaccine.
    if (random.bool(0.5)) doses.push({ cvx: '19', source: 'self-reported' });
    if (random.bool(0.5)) doses.push({ cvx: '03', source: 'self-reported' });
    if (random.bool(0.3)) doses.push({ cvx: '182', source: 'self-reported' });
    if (!child && random.bool(0.5))
      doses.push({ cvx: '213', source: 'self-reported', dose: random.int(1, 2) });
  }
  return doses;
}

// --- PHQ-9, GAD-7 -----------------------------------------------------------------------------------

/** Item scores (0–3) adding up to `total`; the last item (self-harm) is rarely scored. */
function spread(random: Random, count: number, total: number, lastWeight: number): number[] {
  const scores = new Array<number>(count).fill(0);
  let left = Math.min(total, count * 3);
  while (left > 0) {
    const i =
      random.bool(lastWeight / count) && (scores[count - 1] as number) < 3
        ? count - 1
        : random.int(0, count - 2);
    if ((scores[i] as number) >= 3) {
      const free = scores.findIndex((s, j) => s < 3 && j < count - 1);
      if (free < 0) break;
      scores[free] = (scores[free] as number) + 1;
    } else scores[i] = (scores[i] as number) + 1;
    left--;
  }
  return scores;
}

// --- screening tests --------------------------------------------------------------------------------

type TestResult = 'negative' | 'positive' | 'indeterminate' | 'pending' | 'declined';

interface TestPlan {
  code: string;
  result: TestResult;
  note?: string;
}

/** Draws a test: declined, pending (sent to the laboratory), or a result read today. */
function draw(
  f: Facts,
  code: string,
  pending: number,
  declined = 0.05,
  positive = positiveRate(code, f.origin, f.age),
): TestPlan {
  const { random } = f;
  if (random.bool(declined)) return { code, result: 'declined' };
  if (random.bool(pending)) return { code, result: 'pending' };
  if (random.bool(0.01)) return { code, result: 'indeterminate' };
  return { code, result: random.bool(positive) ? 'positive' : 'negative' };
}

// --- infectious episodes ----------------------------------------------------------------------------

type Episode =
  | 'pharyngo-tonsillitis'
  | 'scabies'
  | 'lower-respiratory'
  | 'upper-respiratory'
  | 'gastroenteritis'
  | 'lice'
  | 'impetigo'
  | 'otitis'
  | 'tinea'
  | 'urinary'
  | 'conjunctivitis'
  | 'varicella'
  | 'malaria';

function infectiousEpisode(f: Facts): Episode | undefined {
  const { random, age } = f;
  // 12.9% of episodes are infectious (Zenner et al.); viral hepatitis, the rest of it, comes from
  // the screening results below.
  const p = (f.ukraine ? 0.06 : 0.108) * (age < 12 ? 1.3 : 1);
  if (!random.bool(p)) return undefined;
  const other: (readonly [Episode, number])[] = [
    ['upper-respiratory', 30],
    ['gastroenteritis', 20],
    ['lice', 10],
    ['impetigo', age < 15 ? 12 : 3],
    ['otitis', age < 12 ? 14 : 1],
    ['tinea', 6],
    ['urinary', f.sex === 'female' && age >= 15 ? 12 : 1],
    ['conjunctivitis', 6],
    ['varicella', age < 15 ? 5 : 1],
    ['malaria', SUB_SAHARAN.has(f.origin) ? 14 : 0],
  ];
  const category = random.weighted<'pharyngo' | 'scabies' | 'lrti' | 'other'>([
    ['pharyngo', 60],
    ['scabies', f.ukraine ? 5 : 24],
    ['lrti', 6.2],
    ['other', 10],
  ]);
  switch (category) {
    case 'pharyngo':
      return 'pharyngo-tonsillitis';
    case 'scabies':
      return 'scabies';
    case 'lrti':
      return 'lower-respiratory';
    case 'other':
      return random.weighted(other);
  }
}

const EPISODE_CODE: Readonly<Record<Episode, string>> = {
  'pharyngo-tonsillitis': 'J02.9',
  scabies: 'B86',
  'lower-respiratory': 'J22',
  'upper-respiratory': 'J06.9',
  gastroenteritis: 'A09',
  lice: 'B85.2',
  impetigo: 'L01.0',
  otitis: 'H66.9',
  tinea: 'B35.4',
  urinary: 'N39.0',
  conjunctivitis: 'H10.9',
  varicella: 'B01.9',
  malaria: 'B54',
};

const TREATMENT: Readonly<Partial<Record<Episode, readonly string[]>>> = {
  'pharyngo-tonsillitis': [
    'Paracetamol, fluids; no antibiotic (Centor score 1)',
    'Phenoxymethylpenicillin for 10 days',
    'Amoxicillin for 10 days',
  ],
  scabies: [
    'Permethrin 5% cream, repeated after 7 days; household contacts treated the same day',
    'Oral ivermectin 200 µg/kg, repeated after 7 days; bedding washed at 60 °C',
  ],
  'lower-respiratory': [
    'Amoxicillin for 5 days; review in 48 hours',
    'Salbutamol, fluids; review in 48 hours',
  ],
  'upper-respiratory': ['Paracetamol, fluids, rest'],
  gastroenteritis: ['Oral rehydration salts; zinc for children', 'Oral rehydration salts'],
  lice: ['Dimeticone 4% lotion, repeated after 7 days'],
  impetigo: ['Fusidic acid cream for 7 days'],
  otitis: ['Paracetamol; amoxicillin if no better in 48 hours'],
  tinea: ['Clotrimazole cream for 4 weeks'],
  urinary: ['Nitrofurantoin for 5 days'],
  conjunctivitis: ['Chloramphenicol eye drops for 5 days'],
  varicella: ['Paracetamol, calamine lotion; kept away from pregnant women until crusted'],
  malaria: ['Artemether–lumefantrine for 3 days'],
};

const FINDING: Readonly<Partial<Record<Episode, readonly [system: string, finding: string]>>> = {
  'pharyngo-tonsillitis': ['ent', 'Red, swollen tonsils with exudate; tender cervical lymph nodes'],
  scabies: ['skin', 'Papules and burrows between fingers and on wrists; excoriations'],
  'lower-respiratory': ['respiratory', 'Crackles at the right base'],
  lice: ['skin', 'Live lice and nits on the scalp'],
  impetigo: ['skin', 'Honey-crusted lesions around the nose and mouth'],
  otitis: ['ent', 'Bulging red left tympanic membrane'],
  tinea: ['skin', 'Annular scaly plaque on the trunk'],
  conjunctivitis: ['eyes', 'Red eyes with purulent discharge'],
  varicella: ['skin', 'Vesicles in different stages on trunk and face'],
};

// --- the assessment ---------------------------------------------------------------------------------

const PROVISIONAL: Coding = { code: 'provisional', display: 'Suspected' };
const CONFIRMED: Coding = { code: 'confirmed', display: 'Confirmed' };

interface Referral {
  target: string;
  reason: string;
  urgency: 'routine' | 'urgent' | 'stat';
}

/**
 * An arrival health assessment as an examiner would complete it for this person on `date`: a
 * QuestionnaireResponse to the Passage health assessment that passes `validateResponse` when
 * completing. Decisions on the recommendations are left to `syntheticDecisions`.
 */
export function syntheticAssessment(
  person: SyntheticPerson,
  options: AssessmentOptions,
): QuestionnaireResponse {
  const f = facts(person, options);
  const { random, age, date } = f;
  const female = f.gender === 'female';
  const adult = age >= 18;
  const diagnoses: { code: string; status: Coding }[] = [];
  const diagnose = (code: string, status: Coding = CONFIRMED) => {
    if (!diagnoses.some((d) => d.code === code)) diagnoses.push({ code, status });
  };
  const referrals: Referral[] = [];
  const refer = (target: string, reason: string, urgency: Referral['urgency'] = 'routine') => {
    if (!referrals.some((r) => r.target === target)) referrals.push({ target, reason, urgency });
  };
  const findings: [string, string][] = [];
  const treatments: string[] = [];
  let isolation = false;

  // Encounter -----------------------------------------------------------------------------------
  const european = ['en', 'fr', 'es', 'it', 'de'].includes(f.language.code);
  const interpreter = random.bool(
    european ? 0.1 : ['uk', 'ru', 'ka', 'tr'].includes(f.language.code) ? 0.55 : 0.85,
  );
  const encounter = group('encounter', [
    coded('encounter-type', option(ENCOUNTER_TYPES, 'arrival-assessment')),
    bool('consent', true),
    bool('interpreter-used', interpreter),
    interpreter ? str('interpreter-language', f.language.name) : undefined,
    interpreter
      ? coded(
          'interpreter-mode',
          random.bool(0.7)
            ? { code: 'in-person', display: 'In person' }
            : { code: 'remote', display: 'Remote (phone or video)' },
        )
      : undefined,
  ]);

  // Pregnancy -----------------------------------------------------------------------------------
  const womanOfChildbearingAge = female && age >= 15 && age < 50;
  const pregnancyAsked = female && age >= 10;
  const pregnantRoll = random.next();
  const pregnant = womanOfChildbearingAge && pregnantRoll < 0.075;
  const pregnancyUnknown = womanOfChildbearingAge && !pregnant && pregnantRoll < 0.09;
  const gestationalWeeks = pregnant ? random.int(5, 38) : undefined;

  // Chronic conditions and known infections ---------------------------------------------------------
  const chronic = chronicConditions(f);
  const has = (code: string) => chronic.some((c) => c.code === code);
  const hypertension = chronic.some((c) => c.code.startsWith('I'));
  const diabetes = has('E11.9') || has('E10.9');
  const hivFigure = figure(f.origin, 'hiv') ?? 0.05;
  const hivKnown = adult && random.bool((hivFigure / 100) * 0.4);
  if (hivKnown)
    chronic.push({
      code: 'Z21',
      known: true,
      medication: { name: 'Tenofovir/lamivudine/dolutegravir (TLD)', dose: '1 tablet once daily' },
    });
  const tbFigure = figure(f.origin, 'tb') ?? 20;
  const tbHistory = random.weighted<string>([
    ['never', 88],
    ['unknown', 10],
    ['treated-completed', age >= 12 ? (tbFigure >= 100 ? 1.6 : 0.5) : 0],
    ['on-treatment', age >= 12 && tbFigure >= 100 ? 0.2 : 0],
  ]);
  if (tbHistory === 'on-treatment')
    chronic.push({
      code: 'A16.2',
      known: true,
      medication: {
        name: 'Rifampicin/isoniazid (RH) fixed-dose',
        dose: '3 tablets once daily, continuation phase',
      },
    });

  // Mental health: PTSD, depression, anxiety in 4.4% of people, mostly adults.
  const mentalRate = adult ? 0.054 : age >= 12 ? 0.035 : 0.004;
  const mental = random.bool(mentalRate)
    ? random.weighted<string>([
        ['F43.1', 40],
        ['F32.9', 35],
        ['F41.1', 25],
      ])
    : undefined;
  if (mental) {
    if (random.bool(0.25)) {
      const options = MEDICATION[mental];
      const medication = options && random.bool(0.6) ? options[0] : undefined;
      chronic.push({ code: mental, known: true, ...(medication ? { medication } : {}) });
    } else diagnose(mental, random.bool(0.6) ? PROVISIONAL : CONFIRMED);
    refer('mental-health', 'Psychological assessment and support', 'routine');
  }

  for (const c of chronic) if (!c.known) diagnose(c.code, PROVISIONAL);
  const problemList = chronic.filter((c) => c.known);

  const allergies: { substance: string; reaction?: string; severity?: string }[] = [];
  if (random.bool(0.045)) {
    allergies.push(
      random.weighted([
        [{ substance: 'Penicillin', reaction: 'Rash', severity: 'moderate' }, 40],
        [{ substance: 'Amoxicillin', reaction: 'Urticaria', severity: 'mild' }, 15],
        [{ substance: 'Sulfonamides', reaction: 'Rash', severity: 'moderate' }, 10],
        [{ substance: 'Ibuprofen', reaction: 'Wheezing', severity: 'moderate' }, 10],
        [{ substance: 'Peanuts', reaction: 'Swelling of lips and throat', severity: 'severe' }, 8],
        [{ substance: 'Metamizole', reaction: 'Rash' }, 5],
        [{ substance: 'House dust mite', reaction: 'Rhinitis', severity: 'mild' }, 7],
        [{ substance: 'Penicillin', reaction: 'Anaphylaxis', severity: 'severe' }, 5],
      ]),
    );
  }

  const violence = adult && random.bool(f.ukraine ? 0.03 : 0.09);
  const malariaPast = SUB_SAHARAN.has(f.origin) ? random.bool(0.12) : false;
  const hepatitisKnown = adult && random.bool(((figure(f.origin, 'hbsag') ?? 2) / 100) * 0.12);
  if (hepatitisKnown && !chronic.some((c) => c.code === 'B18.1'))
    problemList.push({ code: 'B18.1', known: true });

  const history = group('history', [
    problemList.length > 0
      ? answer('chronic-conditions', ...problemList.map((c) => ({ valueCoding: icd10Coding(c.code) })))
      : undefined,
    coded('tb-history', option(TB_HISTORY, tbHistory)),
    adult && random.bool(0.8) ? bool('hiv-known', hivKnown) : hivKnown ? bool('hiv-known', true) : undefined,
    random.bool(0.85) || hepatitisKnown ? bool('hepatitis-known', hepatitisKnown) : undefined,
    SUB_SAHARAN.has(f.origin) || random.bool(0.3) ? bool('malaria-past', malariaPast) : undefined,
    random.bool(0.06)
      ? str(
          'surgery-history',
          random.pick(
            female && age >= 18
              ? ['Caesarean section, 2021', 'Appendectomy as a child', 'Hospital stay for pneumonia, 2022']
              : [
                  'Appendectomy, 2019',
                  'Fracture of the left forearm, treated with a cast, 2023',
                  'Hernia repair, 2020',
                ],
          ),
        )
      : undefined,
    adult && random.bool(0.75)
      ? bool('violence-injury', violence)
      : violence
        ? bool('violence-injury', true)
        : undefined,
    violence && random.bool(0.4)
      ? str(
          'violence-details',
          random.pick([
            'Beaten in detention during transit',
            'Scars on the back from beating',
            'Injured at a border crossing',
          ]),
        )
      : undefined,
    ...problemList
      .filter((c) => c.medication)
      .map((c) =>
        group('medication', [
          str('medication-name', c.medication?.name as string),
          str('medication-dose', c.medication?.dose as string),
          int(
            'medication-supply-days',
            random.weighted([
              [0, 30],
              [random.int(1, 7), 40],
              [random.int(8, 30), 30],
            ]),
          ),
        ]),
      ),
    ...allergies.map((a) =>
      group('allergy', [
        str('allergy-substance', a.substance),
        a.reaction ? str('allergy-reaction', a.reaction) : undefined,
        a.severity ? coded('allergy-severity', option(SEVERITY, a.severity)) : undefined,
      ]),
    ),
    random.bool(0.08)
      ? str(
          'family-history',
          random.pick([
            'Mother: type 2 diabetes',
            'Father: hypertension, stroke at 60',
            'Brother: epilepsy',
            'Mother: breast cancer',
          ]),
        )
      : undefined,
  ]);

  const parity =
    female && age >= 15
      ? Math.max(0, Math.round(((age - 17) / 5) * (f.ukraine ? 0.35 : 0.8) + normal(random) * 0.8))
      : 0;
  const pregnancy = pregnancyAsked
    ? group('pregnancy', [
        coded('pregnant', yesNo(pregnant ? 'yes' : pregnancyUnknown ? 'unknown' : 'no')),
        pregnant && random.bool(0.7)
          ? day('lmp', fromDays(toDays(date) - (gestationalWeeks as number) * 7 - random.int(0, 6)))
          : !pregnant && womanOfChildbearingAge && random.bool(0.4)
            ? day('lmp', fromDays(toDays(date) - random.int(3, 35)))
            : undefined,
        pregnant ? answer('gestational-age', { valueInteger: gestationalWeeks as number }) : undefined,
        pregnant ? bool('antenatal-care', random.bool(0.3)) : undefined,
        age >= 15 ? int('parity', Math.min(parity, 15)) : undefined,
        womanOfChildbearingAge && !pregnant && parity > 0
          ? bool('breastfeeding', random.bool(0.18))
          : undefined,
        womanOfChildbearingAge && !pregnant && random.bool(0.3)
          ? str(
              'contraception',
              random.pick([
                'None',
                'None',
                'Condoms',
                'Combined oral contraceptive',
                'Injectable (DMPA)',
                'Copper IUD',
              ]),
            )
          : undefined,
        f.health.fgm > 0 && random.bool(0.6)
          ? coded('fgm', yesNo(random.bool(f.health.fgm) ? 'yes' : random.bool(0.9) ? 'no' : 'unknown'))
          : undefined,
      ])
    : undefined;
  if (pregnant) {
    diagnose('Z34.9');
    refer(
      'antenatal',
      `Pregnant, ${gestationalWeeks} weeks: antenatal care`,
      (gestationalWeeks as number) >= 34 ? 'urgent' : 'routine',
    );
  }

  // Child health ----------------------------------------------------------------------------------
  const developmentConcern = age < 18 && random.bool(0.03);
  const child =
    age < 18
      ? group('child', [
          age < 5 && random.bool(0.6)
            ? str(
                'birth-history',
                random.pick([
                  'Term, normal delivery, birth weight not known',
                  'Term, normal delivery, about 3 kg',
                  'Born at home, term',
                  'Preterm (about 34 weeks), small at birth',
                ]),
              )
            : undefined,
          bool('development-concern', developmentConcern),
          age >= 5 ? bool('school', random.bool(f.ukraine ? 0.8 : 0.35)) : undefined,
        ])
      : undefined;
  if (developmentConcern) refer('paediatrics', 'Developmental delay: paediatric assessment');

  // Symptoms and infectious episode ------------------------------------------------------------------
  const episode = infectiousEpisode(f);
  if (episode) {
    const code = episode === 'pharyngo-tonsillitis' && random.bool(0.45) ? 'J03.9' : EPISODE_CODE[episode];
    diagnose(code, episode === 'malaria' ? PROVISIONAL : random.bool(0.75) ? CONFIRMED : PROVISIONAL);
    const treatment = TREATMENT[episode];
    if (treatment) treatments.push(random.pick(treatment));
    const finding = FINDING[episode];
    if (finding && random.bool(0.85)) findings.push([finding[0], finding[1]]);
    if (episode === 'scabies' || episode === 'varicella') isolation = true;
  }
  const febrile =
    episode === 'malaria' ||
    (episode === 'pharyngo-tonsillitis' && random.bool(0.5)) ||
    (episode === 'lower-respiratory' && random.bool(0.6)) ||
    (episode === 'varicella' && random.bool(0.5)) ||
    random.bool(0.004);
  const tbProne = tbFigure >= 100 ? 1.6 : 1;
  const cough = random.bool(0.022 * tbProne) || tbHistory === 'on-treatment';
  const tbSymptoms = {
    cough,
    haemoptysis: cough && random.bool(0.08),
    fever: febrile || random.bool(0.005),
    nightSweats: random.bool(0.01 * tbProne),
    weightLoss: random.bool(0.015 * tbProne),
  };
  const tbPositive = Object.values(tbSymptoms).some(Boolean);
  const injury = random.bool(age >= 12 && age < 50 && f.sex === 'male' ? 0.045 : 0.02);
  if (injury) {
    diagnose('T14.9');
    findings.push(
      random.pick<[string, string]>([
        ['musculoskeletal', 'Swollen, tender right ankle; able to bear weight'],
        ['skin', 'Infected laceration on the left forearm'],
        ['skin', 'Abrasions on both feet from walking'],
        ['musculoskeletal', 'Painful left wrist after a fall'],
      ]),
    );
    treatments.push('Wound cleaned and dressed; analgesia');
  }
  const diarrhoea =
    episode === 'gastroenteritis'
      ? random.bool(0.1)
        ? 'bloody'
        : 'watery'
      : random.bool(0.02)
        ? 'watery'
        : 'none';
  const itching = episode === 'scabies' || episode === 'lice' || episode === 'varicella' || random.bool(0.03);
  const symptomFlags: [string, boolean][] = [
    ['symptom-vomiting', episode === 'gastroenteritis' ? random.bool(0.5) : random.bool(0.01)],
    [
      'symptom-rash',
      episode === 'scabies' || episode === 'varicella' || episode === 'impetigo' || random.bool(0.02),
    ],
    ['symptom-itching', itching],
    ['symptom-jaundice', random.bool(0.002)],
    ['symptom-headache', has('G43.9') ? random.bool(0.5) : random.bool(0.07)],
    ['symptom-neck-stiffness', false],
    ['symptom-altered-consciousness', false],
    ['symptom-bleeding', random.bool(0.002)],
    [
      'symptom-pain',
      injury ||
        episode === 'pharyngo-tonsillitis' ||
        episode === 'otitis' ||
        episode === 'urinary' ||
        random.bool(0.1),
    ],
    ['symptom-dental', random.bool(adult ? 0.08 : 0.04)],
    ['symptom-sleep', mental !== undefined ? random.bool(0.7) : random.bool(adult ? 0.12 : 0.03)],
  ];
  const recordNegatives = random.bool(0.3);
  const symptoms = group('symptoms', [
    group('tb-symptoms', [
      bool('symptom-cough', tbSymptoms.cough),
      bool('symptom-haemoptysis', tbSymptoms.haemoptysis),
      bool('symptom-fever', tbSymptoms.fever),
      bool('symptom-night-sweats', tbSymptoms.nightSweats),
      bool('symptom-weight-loss', tbSymptoms.weightLoss),
    ]),
    coded('symptom-diarrhoea', option(DIARRHOEA, diarrhoea)),
    ...symptomFlags.map(([linkId, value]) => (value || recordNegatives ? bool(linkId, value) : undefined)),
  ]);
  if (symptomFlags.find(([l]) => l === 'symptom-dental')?.[1] && random.bool(0.6)) {
    findings.push(['teeth', 'Multiple carious teeth']);
    diagnose('K02.9');
    if (random.bool(0.5)) refer('dentist', 'Dental caries with pain');
  }

  // Examination -----------------------------------------------------------------------------------
  const v = vitals(
    f,
    tbSymptoms.fever && febrile ? true : tbSymptoms.fever && random.bool(0.3),
    hypertension,
    episode === 'lower-respiratory',
  );
  const b = body(f, diabetes, gestationalWeeks);
  if (b.whz !== undefined && age < 5) {
    const severe = b.whz < -3 || (b.muac !== undefined && b.muac < 11.5);
    if (severe || b.whz < -2) {
      diagnose(severe ? 'E43' : 'E44.0');
      refer(
        'paediatrics',
        severe ? 'Severe acute malnutrition' : 'Moderate acute malnutrition',
        severe ? 'urgent' : 'routine',
      );
      findings.push(['general', severe ? 'Visible severe wasting' : 'Thin, reduced subcutaneous fat']);
      treatments.push(severe ? 'Ready-to-use therapeutic food started' : 'Ready-to-use supplementary food');
    }
  }
  if (b.haz !== undefined && b.haz < -2 && random.bool(0.5))
    findings.push(['general', 'Short for age (stunting)']);
  if (adult && b.bmi >= 35 && random.bool(0.5)) diagnose('E66.9');
  if (age >= 15 && female && random.bool(pregnant ? 0.12 : 0.02)) diagnose('D50.9');
  const examination = group('examination', [
    group('vitals', [
      dec('temperature', v.temperature),
      v.systolic !== undefined ? int('systolic', v.systolic) : undefined,
      v.diastolic !== undefined ? int('diastolic', v.diastolic) : undefined,
      int('heart-rate', v.heartRate),
      int('respiratory-rate', v.respiratoryRate),
      random.bool(0.85) || episode === 'lower-respiratory' ? int('oxygen-saturation', v.spo2) : undefined,
    ]),
    group('anthropometry', [
      dec('weight', b.weight),
      dec('height', b.height),
      age < 5
        ? coded('measure-position', option(MEASURE_POSITION, f.ageMonths < 24 ? 'lying' : 'standing'))
        : undefined,
      age < 5 && b.muac !== undefined ? dec('muac', b.muac) : undefined,
      age < 2 && b.head !== undefined ? dec('head-circumference', b.head) : undefined,
    ]),
    ...findings.map(([system, description]) =>
      group('exam-finding', [
        coded('exam-system', option(BODY_SYSTEMS, system)),
        str('exam-description', description),
      ]),
    ),
  ]);

  // Mental health screening -----------------------------------------------------------------------
  let mentalHealth: Item | undefined;
  if (adult && random.bool(mental ? 0.6 : 0.3)) {
    const phqTotal = mental
      ? random.int(10, 24)
      : Math.min(27, Math.floor(-Math.log(1 - random.next()) * 3.3));
    const phq = spread(random, 9, phqTotal, phqTotal >= 15 ? 1.2 : 0.3);
    const scale = (score: number) => option(FREQUENCY_SCALE, String(score));
    const withGad = random.bool(0.5);
    const gadTotal =
      mental === 'F41.1' || mental === 'F43.1'
        ? random.int(10, 20)
        : Math.min(21, Math.floor(-Math.log(1 - random.next()) * 3.2));
    const gad = spread(random, 7, gadTotal, 1);
    const selfHarm = (phq[8] as number) >= 2;
    const substances = random.weighted<string[]>([
      [['none'], 70],
      [['tobacco'], f.sex === 'male' ? 25 : 6],
      [['tobacco', 'alcohol'], 2],
      [['alcohol'], 2],
      [['cannabis'], 1],
    ]);
    mentalHealth = group('mental-health', [
      group(
        'phq9',
        PHQ9_ITEMS.map((linkId, i) => coded(linkId, scale(phq[i] as number))),
      ),
      withGad
        ? group(
            'gad7',
            GAD7_ITEMS.map((linkId, i) => coded(linkId, scale(gad[i] as number))),
          )
        : undefined,
      bool('self-harm-risk', selfHarm),
      answer('substance-use', ...substances.map((s) => ({ valueCoding: option(SUBSTANCE_USE, s) }))),
    ]);
    if (selfHarm) refer('mental-health', 'Thoughts of self-harm (PHQ-9 item 9)', 'urgent');
    else if (phqTotal >= 15) refer('mental-health', `PHQ-9 score ${phqTotal}`, 'routine');
  }

  // Screening tests after ECDC 2018 ------------------------------------------------------------------
  const history_ = vaccinationHistory(f);
  const recorded: RecordedImmunization[] = history_
    .filter((d) => d.source === 'documented')
    .map((d) => ({ vaccine: d.cvx, documented: true, ...(d.date ? { date: d.date } : {}) }));
  const recommendations = recommend({
    today: date,
    birthDate: f.birthDate,
    sex: f.gender === 'male' || f.gender === 'female' || f.gender === 'other' ? f.gender : 'unknown',
    pregnant,
    origin: f.origin,
    recorded: { immunizations: recorded },
  });
  const due = (id: string) => recommendations.some((r) => r.id === id && r.status === 'due');
  const tests: TestPlan[] = [];
  const high = (id: string) => recommendations.find((r) => r.id === id)?.priority === 'high';
  if (due('screen-tb-chest-xray') && random.bool(tbPositive ? 0.97 : 0.8)) {
    const cxr = draw(
      f,
      TESTS.chestXray.code,
      0.3,
      0.04,
      tbPositive ? 0.06 : positiveRate(TESTS.chestXray.code, f.origin, age),
    );
    tests.push(cxr);
    if (cxr.result === 'positive') {
      diagnose('A16.2', PROVISIONAL);
      refer('tb-clinic', 'Chest X-ray suggests active TB', 'urgent');
      isolation = true;
      tests.push({ code: '11545-1', result: 'pending' });
    }
  }
  if (due('screen-ltbi') && random.bool(0.7)) {
    const code = age < 5 && !pregnant ? TESTS.tst.code : TESTS.igra.code;
    // A skin test is read 48–72 hours later: always pending on the day.
    const ltbi = draw(f, code, code === TESTS.tst.code ? 1 : 0.8);
    tests.push(ltbi);
    if (ltbi.result === 'positive')
      refer('tb-clinic', 'Latent TB infection: assess for preventive treatment');
  }
  if (due('screen-hiv') && random.bool(high('screen-hiv') ? 0.8 : 0.5)) {
    const hiv = draw(f, TESTS.hivAgAb.code, 0.55, 0.1);
    tests.push(hiv);
    if (hiv.result === 'positive') {
      diagnose('Z21', PROVISIONAL);
      refer('infectious-diseases', 'Reactive HIV test: confirmation and care', 'urgent');
    }
  }
  if (due('screen-hepatitis-b') && random.bool(0.75)) {
    const hbsag = draw(f, TESTS.hbsag.code, 0.74);
    tests.push(hbsag);
    if (hbsag.result === 'pending' && random.bool(0.3)) {
      tests.push(
        { code: TESTS.antiHbc.code, result: 'pending' },
        { code: TESTS.antiHbs.code, result: 'pending' },
      );
    }
    if (hbsag.result === 'positive') {
      diagnose('B18.1', PROVISIONAL);
      refer('infectious-diseases', 'HBsAg positive: hepatitis B assessment');
    }
  }
  if (due('screen-hepatitis-c') && random.bool(0.7)) {
    const hcv = draw(f, TESTS.antiHcv.code, 0.7);
    tests.push(hcv);
    if (hcv.result === 'positive') {
      diagnose('B18.2', PROVISIONAL);
      tests.push({ code: TESTS.hcvRna.code, result: 'pending' });
      refer('infectious-diseases', 'Anti-HCV positive: HCV RNA and treatment');
    }
  }
  if (due('screen-schistosomiasis') && random.bool(0.5)) {
    const schisto = draw(f, TESTS.schistosomaSerology.code, 0.9);
    tests.push(schisto);
    if (schisto.result === 'positive') {
      diagnose('B65.9');
      treatments.push('Praziquantel 40 mg/kg, single dose');
    }
  }
  if (due('screen-strongyloidiasis') && random.bool(0.45)) {
    const strongy = draw(f, TESTS.strongyloidesSerology.code, 0.9);
    tests.push(strongy);
    if (strongy.result === 'positive') {
      diagnose('B78.9');
      treatments.push('Ivermectin 200 µg/kg, two doses');
    }
  }
  if (episode === 'malaria') tests.push({ code: '70569-9', result: 'positive' });
  else if (tbSymptoms.fever && SUB_SAHARAN.has(f.origin)) tests.push({ code: '70569-9', result: 'negative' });
  if (pregnancyUnknown) tests.push({ code: '2106-3', result: random.bool(0.15) ? 'positive' : 'negative' });
  if (pregnant && random.bool(0.6)) {
    tests.push({ code: '20507-0', result: random.bool(0.5) ? 'pending' : 'negative' });
    tests.push({
      code: '718-7',
      result: 'negative',
      note: `Hb ${(10.5 + random.next() * 3).toFixed(1)} g/dL`,
    });
  }
  if (diabetes && random.bool(0.5)) {
    const hba1c = 6.2 + random.next() * 4;
    tests.push({
      code: '4548-4',
      result: hba1c >= 7 ? 'positive' : 'negative',
      note: `HbA1c ${hba1c.toFixed(1)}%`,
    });
  }
  if (diarrhoea !== 'none' && age < 15 && random.bool(0.5))
    tests.push({ code: '10704-1', result: 'pending' });
  const testItems = tests.map((t) =>
    group('test', [
      coded('test-code', test(t.code)),
      day('test-date', date),
      coded('test-result', option(TEST_RESULTS, t.result)),
      t.note ? str('test-note', t.note) : undefined,
    ]),
  );

  // Vaccines given today -----------------------------------------------------------------------------
  const given: Dose[] = [];
  const documentedCount = (target: string) =>
    history_.filter(
      (d) =>
        d.source === 'documented' && TARGET_ANTIGENS[target]?.every((a) => antigensOf(d.cvx).includes(a)),
    ).length;
  if (due('vaccinate-mmr') && f.ageMonths >= 12 && random.bool(0.22))
    given.push({ cvx: '03', date, dose: documentedCount('mmr') + 1, source: 'given-today' });
  if (due('vaccinate-dtp') && random.bool(0.22))
    given.push({
      cvx: age < 7 ? '20' : random.bool(0.6) ? '09' : '115',
      date,
      dose: documentedCount('dtp') + 1,
      source: 'given-today',
    });
  if (due('vaccinate-polio') && random.bool(0.15))
    given.push({ cvx: '10', date, dose: documentedCount('polio') + 1, source: 'given-today' });
  if (due('vaccinate-hib') && random.bool(0.15))
    given.push({ cvx: '17', date, dose: documentedCount('hib') + 1, source: 'given-today' });
  if (due('vaccinate-hepatitis-b') && random.bool(0.15))
    given.push({ cvx: '08', date, dose: documentedCount('hepatitis-b') + 1, source: 'given-today' });
  const vaccination = group(
    'vaccination',
    [...history_, ...given].map((d) =>
      group('vaccine', [
        answer('vaccine-code', { valueCoding: cvxCoding(d.cvx) }),
        d.date ? day('vaccine-date', d.date) : undefined,
        d.dose !== undefined ? int('vaccine-dose', Math.min(10, d.dose)) : undefined,
        coded('vaccine-source', option(VACCINE_SOURCE, d.source)),
      ]),
    ),
  );

  // Conclusion ------------------------------------------------------------------------------------
  const pendingTests = tests.some((t) => t.result === 'pending');
  const followUp = random.bool(referrals.length > 0 || pendingTests || chronic.length > 0 ? 0.34 : 0.12);
  if (violence && random.bool(0.3)) refer('social-services', 'Survivor of violence: protection and support');
  const fitness = random.bool(0.4)
    ? option(
        FITNESS,
        isolation && diagnoses.some((d) => d.code === 'A16.2')
          ? 'unfit'
          : pregnant || chronic.length > 0
            ? 'fit-with-conditions'
            : 'fit',
      )
    : undefined;
  const education = random.bool(0.5)
    ? `${random.pick(['Access to health care in Greece', 'Hand hygiene and scabies prevention', 'Vaccination schedule', 'Where to go in an emergency'])} — leaflet in ${f.language.name}`
    : undefined;
  const conclusion = group('conclusion', [
    ...diagnoses.map((d) =>
      group('diagnosis', [
        answer('diagnosis-code', { valueCoding: icd10Coding(d.code) }),
        coded('diagnosis-status', d.status),
      ]),
    ),
    fitness ? coded('fitness-to-travel', fitness) : undefined,
    isolation || random.bool(0.6) ? bool('isolation-needed', isolation) : undefined,
    treatments.length > 0 ? str('treatment-given', treatments.join('; ')) : undefined,
    education ? str('health-education', education) : undefined,
    ...referrals.map((r) =>
      group('referral', [
        coded('referral-target', option(REFERRAL_TARGETS, r.target)),
        str('referral-reason', r.reason),
        coded('referral-urgency', option(URGENCY, r.urgency)),
      ]),
    ),
    followUp ? day('follow-up-date', fromDays(toDays(date) + random.int(7, 35))) : undefined,
  ]);

  const items = [
    contextItems(person.patient, date),
    encounter,
    history,
    pregnancy,
    child,
    vaccination,
    symptoms,
    examination,
    mentalHealth,
    group('tests', testItems),
    conclusion,
  ].filter((i): i is Item => i !== undefined);
  return {
    resourceType: 'QuestionnaireResponse',
    status: 'completed',
    questionnaire: `${HEALTH_ASSESSMENT_URL}|${HEALTH_ASSESSMENT_VERSION}`,
    subject: { reference: `Patient/${options.patientId}` },
    item: items,
  };
}

const TARGET_ANTIGENS: Readonly<Record<string, readonly Antigen[]>> = {
  mmr: ['measles', 'mumps', 'rubella'],
  dtp: ['diphtheria', 'tetanus'],
  polio: ['polio'],
  hib: ['hib'],
  'hepatitis-b': ['hepatitis-b'],
};

// --- decisions on the recommendations -----------------------------------------------------------------

/** A recommendation as the server lists it (only what deciding needs). */
export interface DueRecommendation {
  readonly id: string;
  readonly kind: 'screening' | 'vaccination';
  readonly target: string;
  readonly status: string;
  readonly tests: readonly { readonly code?: string | undefined }[];
}

export interface SyntheticDecision {
  recommendationId: string;
  decision: Decision;
}

/**
 * What the examiner decided about each recommendation that was due before the assessment: a test
 * recorded with a result is done, one sent to the laboratory is ordered, one refused is declined, a
 * vaccine given today is done; for the rest, some are ordered, a few declined, others left open.
 */
export function syntheticDecisions(
  response: QuestionnaireResponse,
  recommendations: readonly DueRecommendation[],
  random: Random,
): SyntheticDecision[] {
  const tests = groupsOf(response.item, 'test').map((t) => ({
    code: answerOf(t, 'test-code')?.valueCoding?.code,
    result: answerOf(t, 'test-result')?.valueCoding?.code,
  }));
  const givenToday = groupsOf(response.item, 'vaccine')
    .filter((v) => answerOf(v, 'vaccine-source')?.valueCoding?.code === 'given-today')
    .map((v) => answerOf(v, 'vaccine-code')?.valueCoding?.code ?? '');
  const out: SyntheticDecision[] = [];
  for (const r of recommendations) {
    if (r.status !== 'due' || r.id === 'screen-tb-symptoms') continue;
    let decision: Decision | undefined;
    if (r.kind === 'screening') {
      const codes = new Set(r.tests.map((t) => t.code));
      const recorded = tests.find((t) => codes.has(t.code));
      if (recorded)
        decision =
          recorded.result === 'pending' ? 'ordered' : recorded.result === 'declined' ? 'declined' : 'done';
      else
        decision = random.weighted<Decision | undefined>([
          [undefined, 50],
          ['ordered', 35],
          ['declined', 15],
        ]);
    } else {
      const needed = TARGET_ANTIGENS[r.target] ?? [];
      const given = givenToday.some(
        (cvx) => needed.length > 0 && needed.every((a) => antigensOf(cvx).includes(a)),
      );
      decision = given
        ? 'done'
        : random.weighted<Decision | undefined>([
            [undefined, 55],
            ['ordered', 35],
            ['declined', 10],
          ]);
    }
    if (decision) out.push({ recommendationId: r.id, decision });
  }
  return out;
}

function groupsOf(items: readonly Item[] | undefined, linkId: string): Item[] {
  const out: Item[] = [];
  for (const item of items ?? []) {
    if (item.linkId === linkId) out.push(item);
    else out.push(...groupsOf(item.item, linkId));
  }
  return out;
}

function answerOf(group: Item, linkId: string): AnswerValue | undefined {
  for (const item of group.item ?? []) {
    if (item.linkId === linkId) return item.answer?.[0];
    const nested = answerOf(item, linkId);
    if (nested) return nested;
  }
  return undefined;
}

// --- the follow-up ------------------------------------------------------------------------------------

export interface FollowUpOptions {
  random: Random;
  /** ISO date-time of the follow-up visit. */
  when: string;
  patientId: string;
  /** The site where the visit takes place (Organization id). */
  siteId: string;
  author: { userId: string; display: string; role: string };
  /** The resources the arrival assessment stored: its pending results and requests are followed up. */
  assessment: readonly Resource[];
  newId: () => string;
}

export interface SyntheticFollowUp {
  /** Resources of the assessment in their new state: results that arrived, requests completed. */
  updated: (Resource & { id: string })[];
  /** The follow-up Encounter first, then its vital signs, diagnoses, requests, vaccines, Provenance. */
  created: (Resource & { id: string })[];
}

const OBSERVATION_CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/observation-category';
const INTERPRETATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const SCREENING_TARGET_OF_TEST: Readonly<Record<string, string>> = {
  [TESTS.chestXray.code]: 'active-tb',
  [TESTS.igra.code]: 'latent-tb',
  [TESTS.tst.code]: 'latent-tb',
  [TESTS.hivAgAb.code]: 'hiv',
  [TESTS.hbsag.code]: 'hepatitis-b',
  [TESTS.antiHcv.code]: 'hepatitis-c',
  [TESTS.schistosomaSerology.code]: 'schistosomiasis',
  [TESTS.strongyloidesSerology.code]: 'strongyloidiasis',
};
/** A positive result that arrives later: the diagnosis it leads to and where the person is referred. */
const ON_POSITIVE: Readonly<Record<string, { icd10?: string; referral?: Referral }>> = {
  [TESTS.chestXray.code]: {
    icd10: 'A16.2',
    referral: { target: 'tb-clinic', reason: 'Chest X-ray suggests active TB', urgency: 'urgent' },
  },
  '11545-1': {
    icd10: 'A15.0',
    referral: { target: 'tb-clinic', reason: 'Sputum smear positive', urgency: 'urgent' },
  },
  [TESTS.igra.code]: {
    referral: {
      target: 'tb-clinic',
      reason: 'Latent TB infection: assess for preventive treatment',
      urgency: 'routine',
    },
  },
  [TESTS.tst.code]: {
    referral: {
      target: 'tb-clinic',
      reason: 'Latent TB infection: assess for preventive treatment',
      urgency: 'routine',
    },
  },
  [TESTS.hivAgAb.code]: {
    icd10: 'Z21',
    referral: {
      target: 'infectious-diseases',
      reason: 'Reactive HIV test: confirmation and care',
      urgency: 'urgent',
    },
  },
  [TESTS.hbsag.code]: {
    icd10: 'B18.1',
    referral: {
      target: 'infectious-diseases',
      reason: 'HBsAg positive: hepatitis B assessment',
      urgency: 'routine',
    },
  },
  [TESTS.antiHcv.code]: {
    icd10: 'B18.2',
    referral: {
      target: 'infectious-diseases',
      reason: 'Anti-HCV positive: HCV RNA and treatment',
      urgency: 'routine',
    },
  },
  [TESTS.hcvRna.code]: {
    icd10: 'B18.2',
    referral: {
      target: 'infectious-diseases',
      reason: 'HCV RNA detected: direct-acting antivirals',
      urgency: 'routine',
    },
  },
  [TESTS.schistosomaSerology.code]: { icd10: 'B65.9' },
  [TESTS.strongyloidesSerology.code]: { icd10: 'B78.9' },
  '20507-0': {
    icd10: 'A53.9',
    referral: { target: 'antenatal', reason: 'Reactive syphilis test in pregnancy', urgency: 'urgent' },
  },
};
/** Vaccines given at the follow-up for catch-ups ordered at the assessment. */
const CATCH_UP_CVX: Readonly<Record<string, (age: number) => CvxCode>> = {
  mmr: () => '03',
  dtp: (age) => (age < 7 ? '20' : '09'),
  polio: () => '10',
  hib: () => '17',
  'hepatitis-b': () => '08',
};

/**
 * A follow-up visit some weeks after the assessment: most pending results have arrived (positive at
 * the same rates as results read on the day), positives lead to a diagnosis and a referral, most
 * referrals are completed, ordered catch-up vaccines are given, and the visit records vital signs.
 */
export function syntheticFollowUp(person: SyntheticPerson, options: FollowUpOptions): SyntheticFollowUp {
  const { random, when, newId, author } = options;
  const date = when.slice(0, 10);
  const f = facts(person, { random, date, patientId: options.patientId });
  const subject = { reference: `Patient/${options.patientId}` };
  const encounterId = newId();
  const encounterRef = { reference: `Encounter/${encounterId}` };
  const who = { display: author.display, identifier: { value: author.userId } };
  const updated: (Resource & { id: string })[] = [];
  const created: (Resource & { id: string })[] = [];
  const start = new Date(Date.parse(when) - random.int(10, 30) * 60_000).toISOString();

  const encounter: Encounter & { id: string } = {
    resourceType: 'Encounter',
    id: encounterId,
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' },
    type: [{ coding: [option(ENCOUNTER_TYPES, 'follow-up')], text: 'Follow-up visit' }],
    subject,
    participant: [
      {
        type: [
          {
            coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'PPRF' }],
          },
        ],
        individual: { display: `${author.display} (${author.role})`, identifier: { value: author.userId } },
      },
    ],
    period: { start, end: when },
    serviceProvider: { reference: `Organization/${options.siteId}` },
  };
  created.push(encounter);

  // Results that arrived ------------------------------------------------------------------------
  const positives: string[] = [];
  const resulted = new Set<string>();
  for (const resource of options.assessment) {
    if (resource.resourceType !== 'Observation') continue;
    const o = resource as Observation & { id: string };
    if (o.status !== 'registered' || !random.bool(0.85)) continue;
    const code = o.code.coding?.[0]?.code ?? '';
    const result = random.bool(positiveRate(code, f.origin, f.age))
      ? 'positive'
      : random.bool(0.01)
        ? 'indeterminate'
        : 'negative';
    const display = { positive: 'Positive', negative: 'Negative', indeterminate: 'Indeterminate' }[result];
    const sensitive = code === TESTS.hivAgAb.code || code === '20507-0';
    const meta = sensitive ? { ...(o.meta ?? {}), security: [{ ...SENSITIVE_LABEL }] } : o.meta;
    updated.push({
      ...o,
      ...(meta ? { meta } : {}),
      status: 'final',
      issued: new Date(Date.parse(start) - random.int(1, 5) * DAY_MS).toISOString(),
      valueCodeableConcept: { coding: [passageCode(result, display)], text: display },
      interpretation: [
        {
          coding: [
            {
              system: INTERPRETATION_SYSTEM,
              code: { positive: 'POS', negative: 'NEG', indeterminate: 'IND' }[result],
            },
          ],
        },
      ],
    } as Observation & { id: string });
    resulted.add(SCREENING_TARGET_OF_TEST[code] ?? code);
    if (result === 'positive') positives.push(code);
  }

  // Requests: referrals seen, the follow-up itself done, ordered screenings resulted, vaccines given --
  const categoryOf = (s: ServiceRequest) => s.category?.[0]?.coding?.[0]?.code;
  for (const resource of options.assessment) {
    if (resource.resourceType !== 'ServiceRequest') continue;
    const s = resource as ServiceRequest & { id: string };
    if (s.status !== 'active') continue;
    const category = categoryOf(s);
    const target = s.code?.coding?.[0]?.code ?? '';
    let done = false;
    if (category === REFERRAL_CATEGORY.code) done = random.bool(0.6);
    else if (category === FOLLOW_UP_CATEGORY.code) done = true;
    else if (category === 'screening') done = resulted.has(target);
    else if (category === 'vaccination' && CATCH_UP_CVX[target] && random.bool(0.6)) {
      const cvx = (CATCH_UP_CVX[target] as (age: number) => CvxCode)(f.age);
      created.push({
        resourceType: 'Immunization',
        id: newId(),
        status: 'completed',
        vaccineCode: { coding: [cvxCoding(cvx)] },
        patient: subject,
        encounter: encounterRef,
        occurrenceDateTime: date,
        recorded: when,
        primarySource: true,
        performer: [{ actor: who }],
      });
      done = true;
    }
    if (done) updated.push({ ...s, status: 'completed' });
  }

  // Diagnoses and referrals for the positive results --------------------------------------------
  const codes = new Set<string>();
  const referred = new Set<string>();
  for (const code of positives) {
    const next = ON_POSITIVE[code];
    if (next?.icd10 && !codes.has(next.icd10)) {
      codes.add(next.icd10);
      const entry = icd10Entry(next.icd10);
      const condition: Condition & { id: string } = {
        resourceType: 'Condition',
        id: newId(),
        ...(entry?.sensitive || entry?.notifiable
          ? {
              meta: {
                ...(entry.sensitive ? { security: [{ ...SENSITIVE_LABEL }] } : {}),
                ...(entry.notifiable ? { tag: [NOTIFIABLE_TAG] } : {}),
              },
            }
          : {}),
        clinicalStatus: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }],
        },
        verificationStatus: {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'provisional' },
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
        code: { coding: [icd10Coding(next.icd10)], text: entry?.display },
        subject,
        encounter: encounterRef,
        recordedDate: when,
        recorder: who,
      };
      created.push(condition);
    }
    if (next?.referral && !referred.has(next.referral.target)) {
      referred.add(next.referral.target);
      created.push({
        resourceType: 'ServiceRequest',
        id: newId(),
        status: 'active',
        intent: 'order',
        category: [{ coding: [REFERRAL_CATEGORY] }],
        code: {
          coding: [option(REFERRAL_TARGETS, next.referral.target)],
          text: option(REFERRAL_TARGETS, next.referral.target).display,
        },
        priority: next.referral.urgency,
        subject,
        encounter: encounterRef,
        authoredOn: when,
        requester: who,
        reasonCode: [{ text: next.referral.reason }],
      } as ServiceRequest & { id: string });
    }
  }

  // Vital signs at the visit ---------------------------------------------------------------------
  const v = vitals(
    f,
    random.bool(0.02),
    problemsOf(options.assessment).some((c) => c.startsWith('I')),
    false,
  );
  const observation = (code: Coding, value: Partial<Observation>): Observation & { id: string } => ({
    resourceType: 'Observation',
    id: newId(),
    status: 'final',
    category: [{ coding: [{ system: OBSERVATION_CATEGORY_SYSTEM, code: 'vital-signs' }] }],
    code: { coding: [code], text: code.display },
    subject,
    encounter: encounterRef,
    effectiveDateTime: start,
    performer: [who],
    ...value,
  });
  const quantity = (value: number, unit: string, code: string) => ({
    value,
    unit,
    system: 'http://unitsofmeasure.org',
    code,
  });
  created.push(observation(OBS.temperature, { valueQuantity: quantity(v.temperature, '°C', 'Cel') }));
  if (v.systolic !== undefined && v.diastolic !== undefined) {
    created.push(
      observation(OBS.bloodPressure, {
        component: [
          { code: { coding: [OBS.systolic] }, valueQuantity: quantity(v.systolic, 'mmHg', 'mm[Hg]') },
          { code: { coding: [OBS.diastolic] }, valueQuantity: quantity(v.diastolic, 'mmHg', 'mm[Hg]') },
        ],
      }),
    );
  }
  created.push(observation(OBS.heartRate, { valueQuantity: quantity(v.heartRate, 'beats/min', '/min') }));
  const previousWeight = options.assessment
    .filter((r): r is Observation => r.resourceType === 'Observation')
    .find((o) => o.code.coding?.some((c) => c.code === OBS.weight.code))?.valueQuantity?.value;
  if (previousWeight !== undefined && (f.age < 18 || random.bool(0.5))) {
    const weight = round1(previousWeight * (1 + (f.age < 5 ? 0.02 : 0) + normal(random) * 0.01));
    created.push(observation(OBS.weight, { valueQuantity: quantity(Math.max(0.5, weight), 'kg', 'kg') }));
  }

  created.push({
    resourceType: 'Provenance',
    id: newId(),
    target: [...created, ...updated].map((r) => ({ reference: `${r.resourceType}/${r.id}` })),
    recorded: when,
    activity: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-DataOperation', code: 'UPDATE' }],
    },
    agent: [
      {
        type: {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: 'author' },
          ],
        },
        who: { display: `${author.display} (${author.role})`, identifier: { value: author.userId } },
        onBehalfOf: { reference: `Organization/${options.siteId}` },
      },
    ],
  } satisfies Provenance & { id: string });
  return { updated, created };
}

function problemsOf(resources: readonly Resource[]): string[] {
  return resources
    .filter((r): r is Condition => r.resourceType === 'Condition')
    .map((c) => c.code?.coding?.[0]?.code ?? '');
}
